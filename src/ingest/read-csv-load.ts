/**
 * The bulk CSV load: DuckDB's own `read_csv` into a temp table, with every
 * dialect option fixed (no sniffing: `auto_detect=false`, explicit columns,
 * all text) so a title row or a ragged line cannot mislead it. No row passes
 * through JS. Retries cover DuckDB's two structural refusals: a row with more
 * cells than declared (declare more columns, drop the unused ones later) and
 * quoted line breaks its parallel scanner cannot pad (read single-threaded).
 *
 * Verified behaviour (DuckDB 1.5.6): blank lines are skipped and not landed;
 * `skip` counts records, blank lines included; an empty or `""` cell is NULL;
 * a whitespace-only line is a record; mixed line endings fail loudly, except
 * when the kind changes right at `skip`, where the result is silently empty —
 * hence `checkFirstRows` against the JS sample.
 */
import type { Db } from '../store/db.js';
import { quotedIdentifier, quotedString } from '../store/db.js';
import { YardstickError } from '../errors.js';
import type { Newline } from './read-csv-sample.js';
import type { CsvLayout } from './read-csv-layout.js';
import { csvEncoding, csvInconsistent, csvUnreadable } from './read-messages.js';

const NEW_LINE: Record<Newline, string> = { lf: '\\n', crlf: '\\r\\n', cr: '\\r' };
const MAX_COLUMNS = 16_384;

export const colName = (i: number) => `c${i}`;

export interface LoadPlan {
  file: string;
  /** Path DuckDB reads (a UTF-8 copy for GBK input). */
  path: string;
  table: string;
  layout: CsvLayout;
  encoding: string;
}

export interface Loaded {
  /** Columns declared (more than the layout's when rows were wider). */
  columns: number;
  /** Loaded under max_line_size = max_cell_chars: no record, so no cell, is longer. */
  lineCapped: boolean;
}

interface Attempt {
  columns: number;
  parallel: boolean;
  /** max_line_size in bytes, or undefined for DuckDB's default (2 MB). */
  maxLine?: number;
}

/**
 * CREATE TEMP TABLE … AS SELECT NULL source_row, c0… FROM read_csv(…).
 * The first attempt caps a record at `max_cell_chars` bytes: a record within
 * it cannot hold a longer cell (bytes ≥ characters), which saves a length
 * scan; a longer record only means a retry without the cap.
 */
export async function loadCsv(db: Db, plan: LoadPlan, maxCellChars: number): Promise<Loaded> {
  const a: Attempt = { columns: plan.layout.columns, parallel: true, maxLine: maxCellChars };
  for (;;) {
    try {
      await db.run(buildLoadSql(plan, a));
      return { columns: a.columns, lineCapped: a.maxLine !== undefined };
    } catch (e) {
      const msg = String((e as Error).message ?? e);
      if (/Maximum line size/i.test(msg) && a.maxLine !== undefined) a.maxLine = undefined;
      else if (/Expected Number of Columns/i.test(msg) && a.columns < MAX_COLUMNS) a.columns = Math.min(MAX_COLUMNS, a.columns * 2 + 8);
      else if (/parallel=false/.test(msg) && a.parallel) a.parallel = false;
      else throw loadError(plan, msg);
    }
  }
}

export function buildLoadSql(plan: LoadPlan, a: Attempt): string {
  const { layout } = plan;
  const cols = Array.from({ length: a.columns }, (_, i) => `${quotedString(colName(i))}: 'VARCHAR'`).join(', ');
  const options = [
    'header = false',
    'auto_detect = false',
    'all_varchar = true',
    `skip = ${layout.skip}`,
    `delim = ${quotedString(layout.delim)}`,
    `quote = '"'`,
    `escape = '"'`,
    `new_line = '${NEW_LINE[layout.newline]}'`,
    'null_padding = true',
    `columns = {${cols}}`,
    ...(a.maxLine === undefined ? [] : [`max_line_size = ${a.maxLine}`]),
    ...(a.parallel ? [] : ['parallel = false']),
  ];
  return `CREATE TEMP TABLE ${quotedIdentifier(plan.table)} AS
SELECT NULL::INTEGER AS source_row, *
FROM read_csv(${quotedString(plan.path)}, ${options.join(', ')})`;
}

function loadError(plan: LoadPlan, msg: string): YardstickError {
  if (/unicode|utf-?8/i.test(msg)) return new YardstickError([csvEncoding(plan.file, plan.encoding)]);
  const detail = msg.split('\n').filter((l) => l.trim()).slice(0, 2).join(' ');
  return new YardstickError([csvUnreadable(plan.file, detail)]);
}

/**
 * Compare DuckDB's first rows with the records parsed in JS: catches a silent
 * misread (wrong skip, line-ending mix-up) before anything depends on it.
 */
export async function checkFirstRows(db: Db, plan: LoadPlan, columns: number): Promise<void> {
  const expected = plan.layout.firstRecords;
  if (!expected.length) return;
  const cols = Array.from({ length: columns }, (_, i) => quotedIdentifier(colName(i))).join(', ');
  const got = await db.all<Record<string, string | null>>(
    `SELECT ${cols} FROM ${quotedIdentifier(plan.table)} ORDER BY rowid LIMIT ${expected.length}`,
  );
  expected.forEach(({ line, cells }, r) => {
    const row = got[r];
    const same = row !== undefined && Array.from({ length: columns }, (_, i) => (cells[i] ?? '') === (row[colName(i)] ?? '')).every(Boolean);
    if (!same) throw new YardstickError([csvInconsistent(plan.file, line)]);
  });
}
