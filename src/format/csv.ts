/**
 * CSV as Excel on Chinese Windows reads it: UTF-8 with a BOM, CRLF line ends,
 * fields quoted only when they must be. Callers make cells formula-safe first.
 */
export function csvQuote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole document from rows of cell texts (the first row is the header). */
export function csvDocument(rows: string[][]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvQuote).join(',')).join('\r\n') + '\r\n';
}
