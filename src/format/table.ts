/**
 * Plain-text tables for the terminal, aligned by display width (CJK characters take two
 * columns), and the number formats the weighting commands print.
 */

/** Terminal columns a string occupies: East Asian wide and full-width characters count 2. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return w;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

export type Align = 'left' | 'right';

/** Header, a rule, then the rows; columns separated by two spaces. */
export function renderTable(headers: string[], rows: string[][], align: Align[]): string {
  const widths = headers.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c]))));
  const pad = (s: string, c: number) => {
    const fill = ' '.repeat(widths[c] - displayWidth(s));
    return align[c] === 'right' ? fill + s : s + fill;
  };
  const line = (cells: string[]) => cells.map(pad).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

/** 0.63699 → `63.70%`. */
export function percent(w: number): string {
  return `${(w * 100).toFixed(2)}%`;
}

/** Fixed decimals for diagnostics. */
export function fixed(x: number, digits = 4): string {
  return x.toFixed(digits);
}
