/**
 * Picks the header row of an export by how many of its cells are known
 * headers, not by its position: title rows (`2025年度学习考勤登记表`), a merged
 * unit/date line or a blank line may sit above it. Shared by the CSV and XLSX
 * readers; scoring itself belongs to the caller (`ReadOptions.scoreHeader`).
 */
/** Rows searched for the header (title rows, notes and blank lines above it included). */
export const HEADER_SEARCH_ROWS = 30;

export interface HeaderPick {
  /** Index into the candidate rows. */
  index: number;
  score: number;
}

/**
 * The best-scoring row among the first `maxRows` candidates (the earliest wins a
 * tie), or undefined when none reaches `minScore`. Null cells score as ''.
 */
export function findHeader(
  rows: readonly (readonly (string | null)[])[],
  score: (cells: string[]) => number,
  minScore: number,
  maxRows = HEADER_SEARCH_ROWS,
): HeaderPick | undefined {
  let best: HeaderPick | undefined;
  const n = Math.min(rows.length, maxRows);
  for (let i = 0; i < n; i++) {
    const s = score(rows[i].map((c) => c ?? ''));
    if (s >= minScore && (!best || s > best.score)) best = { index: i, score: s };
  }
  return best;
}
