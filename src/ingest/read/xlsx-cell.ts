/**
 * An exceljs cell as the text a user sees (cleaning parses it later):
 * strings as they are, numbers as JS prints them (an Excel serial in a General
 * cell stays `45000`), percent-formatted numbers in percent terms (0.95 in a
 * `0%` cell is `95%`, as typed `95%` is), date-formatted cells as `YYYY-MM-DD`
 * (with ` HH:MM:SS` when there is a time), booleans `TRUE`/`FALSE`, rich text
 * concatenated, formulas their cached result, hyperlinks their text, errors
 * their literal (`#DIV/0!`). Empty → null, so XLSX and CSV agree.
 *
 * Two kinds of cell have no value to land, and must not land as empty (an empty
 * optional cell loads as NULL, silently):
 * - an error (`#DIV/0!`, `#REF!`, …; t="e", with or without a formula): its
 *   literal, which the stage rejects as `cell_error` in any column. A CSV saved by
 *   Excel writes the same literal, so the stage needs no marker for it.
 *   exceljs's streaming reader loses a formula's error result (it parses `#DIV/0!`
 *   as a number: NaN); xlsx-workbook.ts hands it the cell as a string cell instead.
 * - a formula without a cached result (written by a tool, never opened in Excel):
 *   FORMULA_MARK + `=` + the formula, which the stage rejects as
 *   `formula_without_value`, showing `=…` (the cell as written). See FORMULA_MARK.
 *
 * exceljs builds dates as UTC midnight from the serial: read them with UTC
 * getters, never local time. Limits of the streaming reader: a formula's
 * cached result is always a number or string (a date-formatted formula gives
 * its serial), and a shared formula's other cells carry no formula text (their
 * mark is a bare `=`).
 */
import ExcelJS from 'exceljs';

/**
 * The first character of a landed formula that has no cached result: U+0001, then `=` and the
 * formula. Why not the formula text alone: a text cell can start with `=` too (a CSV's `=2+3`,
 * or an XLSX cell typed `'=2+3`), and that is text, to be parsed or rejected as the column says
 * (bad_attempt, …), not reported as a formula. U+0001 starts no text a person writes: XML cannot
 * hold it as a character (Excel escapes it as `_x0001_`), no keyboard or export types it, and
 * Excel shows nothing for it. So the landed relation stays text-only and a CSV's `=2+3` stays
 * text; a cell that really began with U+0001 and `=` would still be rejected, never loaded.
 */
export const FORMULA_MARK = '\u0001';

/** The landed text of a formula cell without a cached result. */
export const formulaWithoutValue = (formula: string) => `${FORMULA_MARK}=${formula}`;

/** A landed cell as a person reads it: a formula without a value as its `=…` (for `inspect`). */
export const shownText = (landed: string | null): string | null =>
  landed !== null && landed.startsWith(FORMULA_MARK) ? landed.slice(FORMULA_MARK.length) : landed;

/** Excel cells of a row as text, index 0 = column A, trailing empties dropped. */
export function rowTexts(row: ExcelJS.Row): (string | null)[] {
  const cells: (string | null)[] = [];
  row.eachCell((cell, col) => {
    while (cells.length < col - 1) cells.push(null);
    cells[col - 1] = xlsxCellText(cell);
  });
  while (cells.length && cells[cells.length - 1] === null) cells.pop();
  return cells;
}

/**
 * One cell as text. A formula's result is read from the cell, not from `cell.value`: exceljs
 * drops a falsy result there, so a formula whose cached result is 0 would look like one without
 * a result (and `''`, an empty text result, too).
 */
export function xlsxCellText(cell: ExcelJS.Cell): string | null {
  const numFmt = cell.numFmt;
  const v = cell.value as unknown;
  if (cell.type === ExcelJS.ValueType.Formula) {
    const f = (v ?? {}) as { formula?: string; sharedFormula?: string };
    return formulaText(f.formula ?? '', cell.result, numFmt);
  }
  // A shared formula's other cells (`<f t="shared" si="0"/>`: no text) come as a plain object.
  if (v && typeof v === 'object' && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v)) {
    const f = v as { formula?: string; sharedFormula?: string; result?: unknown };
    return formulaText(f.formula ?? '', 'result' in f ? f.result : undefined, numFmt);
  }
  return cellText(v, numFmt);
}

function formulaText(formula: string, result: unknown, numFmt: string | undefined): string | null {
  if (result === undefined || result === null) return formulaWithoutValue(formula);
  return cellText(result, numFmt);
}

/** An exceljs cell value (and its number format, when known) as text. */
export function cellText(v: unknown, numFmt?: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number') return Number.isNaN(v) ? '#ERROR' : numberText(v, numFmt);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return dateText(v);
  if (typeof v === 'object') return objectText(v as Record<string, unknown>, numFmt);
  return String(v);
}

function objectText(o: Record<string, unknown>, numFmt?: string): string | null {
  if (Array.isArray(o.richText)) return cellText(o.richText.map((r: { text?: string }) => r.text ?? '').join(''));
  if ('formula' in o || 'sharedFormula' in o) return cellText(o.result, numFmt);
  if ('hyperlink' in o || 'text' in o) return cellText(o.text);
  if ('error' in o) return String(o.error);
  return null;
}

/**
 * A number as JS prints it; in a percent-formatted cell, in percent terms with `%` (0.95 → `95%`,
 * 0.125 → `12.5%`), the scale a typed `95%` is read on. ×100 is rounded to 15 significant digits,
 * Excel's own precision, so binary noise (0.95 × 100 = 95.00000000000001) does not show.
 */
function numberText(v: number, numFmt?: string): string {
  if (!isPercentFormat(numFmt, v)) return String(v);
  return `${String(Number((v * 100).toPrecision(15)))}%`;
}

/**
 * Whether Excel shows `v` in `numFmt` multiplied by 100: a `%` outside quotes (`0"%"` shows the
 * number as is, followed by a percent sign), escapes (`\%`), padding (`_%`, `*%`) and brackets
 * (`[Red]`), in the section that applies to `v` (positive;negative;zero;text).
 */
export function isPercentFormat(numFmt: string | undefined, v: number): boolean {
  if (!numFmt || !numFmt.includes('%')) return false;
  const sections = numFmt.replace(/"[^"]*"|\\.|_.|\*.|\[[^\]]*\]/g, '').split(';');
  const section = v < 0 && sections.length > 1 ? sections[1] : v === 0 && sections.length > 2 ? sections[2] : sections[0];
  return section.includes('%');
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
