/**
 * After the bulk load, in SQL: one aggregate pass asking only for what is
 * needed (row count and first rowid always; line breaks in cells only when the
 * data has quotes; cell lengths only when the load ran without the length cap;
 * counts only for trailing unnamed columns), then `source_row`, the cell
 * length limit and the pruning of unused extra columns.
 *
 * `source_row` rule: the 1-based line where the record starts, as a text
 * editor shows it (equal to the Excel row unless a cell spans lines). Blank
 * lines are not landed but are counted; a record whose quoted cell spans three
 * lines moves the next record three lines down. See read-csv-lines.ts.
 */
import type { Db } from '../store/db.js';
import { quotedIdentifier } from '../store/db.js';
import { YardstickError } from '../errors.js';
import { colName } from './read-csv-load.js';
import { scanRecordLines, type RegionFacts } from './read-csv-lines.js';
import { csvInconsistent, limitCellChars } from './read-messages.js';

export interface TableStats {
  rows: number;
  /**
   * rowid of the first row. Rows of a table created inside a transaction get
   * rowids from a large offset until commit (2^55-ish in DuckDB 1.5), still
   * contiguous and in file order, so `source_row` counts from here. Kept as
   * decimal text: it exceeds 2^53.
   */
  firstRowid: string;
  /** Longest cell per column, in bytes (≥ characters, so a cheap first test); 0 when not measured. */
  maxBytes: number[];
  /** Some cell holds CR or LF (only looked for when the data has quotes). */
  multiline: boolean;
  /** Non-null cells per trailing unnamed column (others: the row count, unused). */
  filled: number[];
}

export interface StatsWanted {
  columns: number;
  /** First of the trailing columns without header text; only those get a count. */
  unnamedFrom: number;
  /** Look for line breaks in cells (only when the data has quotes). */
  breaks: boolean;
  /** Measure cells (not needed when the load capped record length). */
  lengths: boolean;
}

/** One aggregate pass, asking only for what is needed. */
export async function tableStats(db: Db, table: string, want: StatsWanted): Promise<TableStats> {
  const c = (i: number) => quotedIdentifier(colName(i));
  const idx = Array.from({ length: want.columns }, (_, i) => i);
  const parts = ['count(*) AS n', 'coalesce(min(rowid), 0)::VARCHAR AS r0'];
  if (want.breaks) parts.push(`bool_or(${idx.map((i) => `contains(${c(i)}, chr(10)) OR contains(${c(i)}, chr(13))`).join(' OR ')}) AS multiline`);
  if (want.lengths) parts.push(...idx.map((i) => `max(strlen(${c(i)})) AS l${i}`));
  parts.push(...idx.filter((i) => i >= want.unnamedFrom).map((i) => `count(${c(i)}) AS f${i}`));
  const r = (await db.one<Record<string, number | string | boolean | null>>(`SELECT ${parts.join(', ')} FROM ${quotedIdentifier(table)}`))!;
  return {
    rows: Number(r.n),
    firstRowid: String(r.r0),
    multiline: r.multiline === true,
    maxBytes: idx.map((i) => Number(r[`l${i}`] ?? 0)),
    filled: idx.map((i) => (i >= want.unnamedFrom ? Number(r[`f${i}`] ?? 0) : Number(r.n))),
  };
}

export interface NumberingPlan {
  table: string;
  /** Path read (a UTF-8 copy for GBK input). */
  path: string;
  file: string;
  dataStart: number;
  firstDataLine: number;
  delim: string;
}

/** Fill `source_row`: an offset from rowid, or breakpoints from a byte walk when lines and records drift apart. */
export async function numberRows(db: Db, plan: NumberingPlan, facts: RegionFacts, stats: TableStats): Promise<void> {
  const t = quotedIdentifier(plan.table);
  if (!facts.blankLines && !stats.multiline) {
    await db.run(`UPDATE ${t} SET source_row = (rowid - ${rowidLiteral(stats)} + ${plan.firstDataLine})::INTEGER`);
    return;
  }
  const lines = await scanRecordLines(plan.path, plan.dataStart, plan.firstDataLine, plan.delim);
  if (lines.records !== stats.rows) throw new YardstickError([csvInconsistent(plan.file, plan.firstDataLine)]);
  await applyBreakpoints(db, plan.table, stats, lines.ks, lines.offsets);
}

export function rowidLiteral(stats: TableStats): string {
  return `${BigInt(stats.firstRowid).toString()}::BIGINT`; // BigInt() proves it is an integer
}

async function applyBreakpoints(db: Db, table: string, stats: TableStats, ks: number[], offsets: number[]): Promise<void> {
  const bp = quotedIdentifier(`${table}_lines`);
  await db.run(`CREATE TEMP TABLE ${bp} (k BIGINT, off BIGINT)`);
  try {
    const app = await db.conn.createAppender(`${table}_lines`);
    for (let i = 0; i < ks.length; i++) {
      app.appendBigInt(BigInt(ks[i]));
      app.appendBigInt(BigInt(offsets[i]));
      app.endRow();
    }
    app.closeSync();
    await db.run(`UPDATE ${quotedIdentifier(table)} AS t SET source_row = (t.rowid - ${rowidLiteral(stats)} + b.off)::INTEGER
FROM (SELECT k, lead(k, 1, 9223372036854775807) OVER (ORDER BY k) AS k_next, off FROM ${bp}) AS b
WHERE t.rowid - ${rowidLiteral(stats)} >= b.k AND t.rowid - ${rowidLiteral(stats)} < b.k_next`);
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${bp}`);
  }
}

/** Throw `limit_cell_chars` for the first (lowest source_row) cell over the limit. */
export async function checkCellChars(
  db: Db,
  where: { table: string; file: string; headers: string[] },
  stats: TableStats,
  limit: number,
): Promise<void> {
  const suspects = stats.maxBytes.map((b, i) => (b > limit ? i : -1)).filter((i) => i >= 0);
  let worst: { row: number; col: number; len: number } | undefined;
  for (const i of suspects) {
    const c = quotedIdentifier(colName(i));
    const hit = await db.one<{ row: number; len: number }>(
      `SELECT source_row AS row, length(${c}) AS len FROM ${quotedIdentifier(where.table)} WHERE length(${c}) > ${limit} ORDER BY source_row LIMIT 1`,
    );
    if (hit && (!worst || hit.row < worst.row)) worst = { row: hit.row, col: i, len: hit.len };
  }
  if (!worst) return;
  const column = where.headers[worst.col] || colName(worst.col);
  throw new YardstickError([limitCellChars(where.file, null, worst.row, column, worst.len, limit)]);
}

/** Drop trailing columns that have no header text and no value; returns the columns kept. */
export async function dropEmptyTrailing(db: Db, table: string, headers: string[], stats: TableStats): Promise<number> {
  let n = stats.filled.length;
  while (n > 0 && !(headers[n - 1] ?? '') && stats.filled[n - 1] === 0) n--;
  for (let i = stats.filled.length - 1; i >= n; i--) {
    await db.run(`ALTER TABLE ${quotedIdentifier(table)} DROP COLUMN ${quotedIdentifier(colName(i))}`);
  }
  return n;
}
