/**
 * After the bulk load, in SQL over the landed Parquet file: one aggregate pass
 * asking only for what is needed (row count always; line breaks in cells only
 * when the data has quotes; cell lengths only when the load ran without the
 * length cap; counts only for trailing unnamed columns), then the raw relation
 * with `source_row` and without unused extra columns, and the cell length limit.
 *
 * `source_row` rule: the 1-based line where the record starts, as a text
 * editor shows it (equal to the Excel row unless a cell spans lines). Blank
 * lines are not landed but are counted; a record whose quoted cell spans three
 * lines moves the next record three lines down. See read-csv-lines.ts.
 */
import type { Db } from '../store/db.js';
import { quotedIdentifier } from '../store/db.js';
import { YardstickError } from '../errors.js';
import { decodeVia } from './read-csv-gbk.js';
import { colName, physicalNames, unpackedCells, type Pack } from './raw-table.js';
import { scanRecordLines, type RegionFacts } from './read-csv-lines.js';
import { csvInconsistent, limitCellChars } from './read-messages.js';

export interface TableStats {
  rows: number;
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

/**
 * One aggregate pass over the landed rows (SQL for a relation with the landed
 * columns), asking only for what is needed. Line breaks are looked for in the
 * landed text (a pack holds its cells'); cells are measured unpacked.
 */
export async function tableStats(db: Db, from: string, want: StatsWanted, packs: Pack[] = []): Promise<TableStats> {
  const cells = unpackedCells(want.columns, packs, (name) => quotedIdentifier(name));
  const c = (i: number) => cells[i];
  const idx = Array.from({ length: want.columns }, (_, i) => i);
  const landedCols = physicalNames(want.columns, packs).map((n) => quotedIdentifier(n));
  const parts = ['count(*) AS n'];
  if (want.breaks) parts.push(`bool_or(${landedCols.map((x) => `contains(${x}, chr(10)) OR contains(${x}, chr(13))`).join(' OR ')}) AS multiline`);
  if (want.lengths) parts.push(...idx.map((i) => `max(strlen(${c(i)})) AS l${i}`));
  parts.push(...idx.filter((i) => i >= want.unnamedFrom).map((i) => `count(${c(i)}) AS f${i}`));
  const r = (await db.one<Record<string, number | string | boolean | null>>(`SELECT ${parts.join(', ')} FROM ${from}`))!;
  return {
    rows: Number(r.n),
    multiline: r.multiline === true,
    maxBytes: idx.map((i) => Number(r[`l${i}`] ?? 0)),
    filled: idx.map((i) => (i >= want.unnamedFrom ? Number(r[`f${i}`] ?? 0) : Number(r.n))),
  };
}

export interface RelationPlan {
  table: string;
  /** Path read (a UTF-8 copy for GBK input). */
  path: string;
  file: string;
  dataStart: number;
  firstDataLine: number;
  delim: string;
  /** SQL for the landed rows with `file_row_number` (read-csv-load.ts). */
  landed: string;
  /** Landed columns kept (unused trailing ones dropped), by name: c<i> and p<k>. */
  names: string[];
}

/**
 * Create the raw relation `table`: source_row, c0…c{columns-1}. Usually a view
 * numbering records from their file order; when blank lines or multi-line cells
 * make lines and records drift apart, a temp table numbered from breakpoints
 * found by a byte walk. Returns which it made.
 */
export async function createRawRelation(db: Db, plan: RelationPlan, facts: RegionFacts, stats: TableStats): Promise<'view' | 'table'> {
  const t = quotedIdentifier(plan.table);
  const cols = plan.names.map((n) => `p.${quotedIdentifier(n)}`).join(', ');
  const select = cols ? `, ${cols}` : '';
  if (!facts.blankLines && !stats.multiline) {
    await db.run(`CREATE TEMP VIEW ${t} AS SELECT (p.file_row_number + ${plan.firstDataLine})::INTEGER AS source_row${select} FROM ${plan.landed} p`);
    return 'view';
  }
  const lines = await scanRecordLines(plan.path, plan.dataStart, plan.firstDataLine, plan.delim);
  if (lines.records !== stats.rows) throw new YardstickError([csvInconsistent(plan.file, plan.firstDataLine)]);
  await withBreakpoints(db, plan.table, lines.ks, lines.offsets, (bp) => db.run(`CREATE TEMP TABLE ${t} AS
SELECT (p.file_row_number + b.off)::INTEGER AS source_row${select}
FROM ${plan.landed} p ASOF LEFT JOIN ${bp} b ON p.file_row_number >= b.k`));
  return 'table';
}

/**
 * The view `view` over the landed relation `landed` (source_row, c<i>, p<k>): every
 * column c0…c{columns-1} unpacked from its pack and, for the landed columns in
 * `decoded`, read through the GBK lookup `lookup` (read-csv-gbk.ts).
 */
export async function createUnpackingView(db: Db, o: { view: string; landed: string; columns: number; packs: Pack[]; lookup?: string; decoded: string[] }): Promise<void> {
  const dec = decodeVia(o.lookup, o.decoded.map((n) => [`e.${quotedIdentifier(n)}`, `t_${n}`]));
  const text = (n: string) => (o.decoded.includes(n) ? dec.exprs[o.decoded.indexOf(n)] : `e.${quotedIdentifier(n)}`);
  const cols = unpackedCells(o.columns, o.packs, text).map((x, i) => `${x} AS ${quotedIdentifier(colName(i))}`);
  await db.run(`CREATE TEMP VIEW ${quotedIdentifier(o.view)} AS SELECT e.source_row${cols.map((x) => `, ${x}`).join('')} FROM ${quotedIdentifier(o.landed)} e ${dec.joins}`);
}

/** A temp table of breakpoints (from record k on, line = k + off) for the duration of `fn`. */
async function withBreakpoints(db: Db, table: string, ks: number[], offsets: number[], fn: (bp: string) => Promise<void>): Promise<void> {
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
    await fn(bp);
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

/** Columns to keep: trailing columns with no header text and no value are dropped. */
export function keptColumns(headers: string[], stats: TableStats): number {
  let n = stats.filled.length;
  while (n > 0 && !(headers[n - 1] ?? '') && stats.filled[n - 1] === 0) n--;
  return n;
}
