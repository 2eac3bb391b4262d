/**
 * Escaping for everything the report writes into HTML. Unit names, reasons and file names come
 * from user exports, so every text node goes through `escapeHtml`, and data embedded for the
 * browser goes into `<script type="application/json">` through `jsonForScript` (no `</script>`,
 * `<!--`, `&` or U+2028/2029 can survive in it).
 */
const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape a value for an HTML text node or a quoted attribute. */
export function escapeHtml(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => HTML[c]);
}

/** JSON safe to place inside `<script type="application/json">`. */
export function jsonForScript(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A file-name-safe form of a unit id: ASCII letters, digits, `-`, `_`, `.`; others become `_xx` hex. */
export function safeFileName(id: string): string {
  const s = [...String(id)]
    .map((ch) => (/[A-Za-z0-9_-]/.test(ch) ? ch : `~${ch.codePointAt(0)!.toString(16)}`))
    .join('');
  const out = s.replace(/^\.+/, '').slice(0, 120);
  return out.length ? out : '_';
}

/** Cell text that a spreadsheet could take for a formula (`= + - @`, tab, CR) gets a leading `'`. */
export function formulaSafe(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}
