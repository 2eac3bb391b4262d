/**
 * After the landing, in SQL over the Parquet file: one aggregate pass asking
 * only for what is needed (the row count always; line breaks in cells only when
 * the data has quotes; cell lengths only when the landing ran without the length
 * cap), then the cell length limit, checked on the relation as read (decoded).
 */
import type { Db } from '../../store/db.js';
import { quotedIdentifier as q } from '../../store/db.js';
import { YardstickError } from '../../errors.js';
import { limitCellChars } from './messages.js';

export interface LandedStats {
  rows: number;
  /** Longest cell per column, in bytes (≥ characters, so a cheap first test); 0 when not measured. */
  maxBytes: number[];
  /** Some cell holds CR or LF (only looked for when the data has quotes). */
  multiline: boolean;
}

/** One aggregate pass over `from` (SQL for the landed rows) for its columns `names`. */
export async function landedStats(db: Db, from: string, o: { names: string[]; breaks: boolean; lengths: boolean }): Promise<LandedStats> {
  const cols = o.names.map((n) => q(n));
  const parts = ['count(*) AS n'];
  if (o.breaks && cols.length) parts.push(`bool_or(${cols.map((x) => `contains(${x}, chr(10)) OR contains(${x}, chr(13))`).join(' OR ')}) AS multiline`);
  if (o.lengths) parts.push(...cols.map((x, i) => `max(strlen(${x})) AS l${i}`));
  const r = (await db.one<Record<string, number | string | boolean | null>>(`SELECT ${parts.join(', ')} FROM ${from}`))!;
  return { rows: Number(r.n), multiline: r.multiline === true, maxBytes: cols.map((_, i) => Number(r[`l${i}`] ?? 0)) };
}

/** Throw `limit_cell_chars` for the first (lowest source_row) cell of `table` over the limit, in characters. */
export async function checkCellChars(db: Db, where: { table: string; file: string; names: string[]; headers: string[] }, maxBytes: number[], limit: number): Promise<void> {
  let worst: { row: number; col: number; len: number } | undefined;
  for (const [i, bytes] of maxBytes.entries()) {
    if (bytes <= limit) continue;
    const c = q(where.names[i]);
    const hit = await db.one<{ row: number; len: number }>(
      `SELECT source_row AS row, length(${c}) AS len FROM ${q(where.table)} WHERE length(${c}) > ${limit} ORDER BY source_row LIMIT 1`,
    );
    if (hit && (!worst || hit.row < worst.row)) worst = { row: hit.row, col: i, len: hit.len };
  }
  if (!worst) return;
  const column = where.headers[worst.col] || where.names[worst.col];
  throw new YardstickError([limitCellChars(where.file, null, worst.row, column, worst.len, limit)]);
}
