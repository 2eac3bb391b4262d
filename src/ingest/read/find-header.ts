/**
 * Which row is the header, and what the header says. The header row is picked
 * by how many of its cells are known headers (`ReadOptions.scoreHeader`), not by
 * its position: title rows (`2025年度学习考勤登记表`), a merged unit/date line or
 * a blank line may sit above it.
 *
 * Two-level headers: a parent cell spanning several columns over a row of
 * sub-headers, either merged (the streaming XLSX reader sees the parent in the
 * first cell and blanks after it, as a CSV does) or written that way:
 *
 *   单位名称 | 姓名 | 出勤情况 |      |          →  单位名称, 姓名, 出勤情况/出席, 出勤情况/缺席, 出勤情况/请假
 *            |      | 出席     | 缺席 | 请假
 *
 * The row below the header is taken as sub-headers only when it fills every
 * column under each parent and nothing else (a data row fills the other columns).
 */
/** Rows searched for the header (title rows, notes and blank lines above it included). */
export const HEADER_SEARCH_ROWS = 30;

export type Cells = readonly (string | null | undefined)[];

export interface HeaderPick {
  /** Index into the candidate rows. */
  index: number;
  score: number;
}

const filled = (c: string | null | undefined) => (c ?? '').trim() !== '';

/**
 * The best-scoring row among the first `maxRows` candidates (the earliest wins a
 * tie), or undefined when none reaches `minScore`. Null cells score as ''.
 */
export function findHeader(rows: readonly Cells[], score: (cells: string[]) => number, minScore: number, maxRows = HEADER_SEARCH_ROWS): HeaderPick | undefined {
  let best: HeaderPick | undefined;
  const n = Math.min(rows.length, maxRows);
  for (let i = 0; i < n; i++) {
    const s = score(rows[i].map((c) => c ?? ''));
    if (s >= minScore && (!best || s > best.score)) best = { index: i, score: s };
  }
  return best;
}

/** Cells up to the last non-empty one. */
export function headerWidth(cells: Cells): number {
  let n = cells.length;
  while (n > 0 && !filled(cells[n - 1])) n--;
  return n;
}

/** The header texts of a one-level header: up to the last non-empty cell, empty cells as ''. */
export function singleHeader(top: Cells): string[] {
  return Array.from({ length: headerWidth(top) }, (_, i) => top[i] ?? '');
}

/**
 * The combined headers when `below` is a sub-header row of `top` (see above),
 * else undefined.
 */
export function twoLevelHeader(top: Cells, below: Cells | undefined): string[] | undefined {
  if (!below) return undefined;
  const width = Math.max(headerWidth(top), headerWidth(below));
  const parentOf = parents(top, width);
  if (!parentOf.some((p) => p !== undefined)) return undefined;
  for (let i = 0; i < width; i++) if (filled(below[i]) !== (parentOf[i] !== undefined)) return undefined;
  return Array.from({ length: width }, (_, i) => (parentOf[i] === undefined ? top[i] ?? '' : `${parentOf[i]}/${below[i]}`));
}

/**
 * The header whose first row is `rows[index]`: with the next row when that is its
 * sub-header row (and directly below it: row numbers `n` are consecutive).
 * `last` is the index of the header's last row; the data follows it.
 */
export function headerAt(rows: readonly { n: number; cells: Cells }[], index: number): { last: number; headers: string[] } {
  const top = rows[index];
  const next = rows[index + 1];
  const combined = next?.n === top.n + 1 ? twoLevelHeader(top.cells, next.cells) : undefined;
  return combined ? { last: index + 1, headers: combined } : { last: index, headers: singleHeader(top.cells) };
}

/** For each column, the text of the parent cell spanning it (a filled cell followed by empty ones), if any. */
function parents(top: Cells, width: number): (string | undefined)[] {
  const out: (string | undefined)[] = Array(width).fill(undefined);
  for (let i = 0; i < width; i++) {
    if (!filled(top[i])) continue;
    let end = i + 1;
    while (end < width && !filled(top[end])) end++;
    if (end - i > 1) for (let k = i; k < end; k++) out[k] = top[i] ?? '';
  }
  return out;
}
