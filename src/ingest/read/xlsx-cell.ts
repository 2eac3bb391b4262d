/**
 * An exceljs cell value as the text a user sees (cleaning parses it later):
 * strings as they are, numbers as JS prints them (an Excel serial in a General
 * cell stays `45000`), date-formatted cells as `YYYY-MM-DD` (with ` HH:MM:SS`
 * when there is a time), booleans `TRUE`/`FALSE`, rich text concatenated,
 * formulas their cached result, hyperlinks their text, errors their code.
 * Empty → null, so XLSX and CSV agree.
 *
 * exceljs builds dates as UTC midnight from the serial: read them with UTC
 * getters, never local time. Limits of the streaming reader: a formula's
 * cached result is always a number or string (a date-formatted formula gives
 * its serial; an error result comes back as NaN, landed as `#ERROR`).
 */
export function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number') return Number.isNaN(v) ? '#ERROR' : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return dateText(v);
  if (typeof v === 'object') return objectText(v as Record<string, unknown>);
  return String(v);
}

function objectText(o: Record<string, unknown>): string | null {
  if (Array.isArray(o.richText)) return cellText(o.richText.map((r: { text?: string }) => r.text ?? '').join(''));
  if ('formula' in o || 'sharedFormula' in o) return cellText(o.result);
  if ('hyperlink' in o || 'text' in o) return cellText(o.text);
  if ('error' in o) return String(o.error);
  return null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** UTC calendar date of an exceljs Date; time appended only when not midnight. */
export function dateText(d: Date): string | null {
  const ms = d.getTime();
  if (Number.isNaN(ms)) return null;
  const r = new Date(Math.round(ms / 1000) * 1000);
  const date = `${pad(r.getUTCFullYear(), 4)}-${pad(r.getUTCMonth() + 1)}-${pad(r.getUTCDate())}`;
  const secs = r.getUTCHours() * 3600 + r.getUTCMinutes() * 60 + r.getUTCSeconds();
  return secs === 0 ? date : `${date} ${pad(r.getUTCHours())}:${pad(r.getUTCMinutes())}:${pad(r.getUTCSeconds())}`;
}
