/**
 * The bulk CSV load: DuckDB's own `read_csv` into a temp table, with every
 * dialect option fixed (no sniffing: `auto_detect=false`, explicit columns,
 * all text) so a title row or a ragged line cannot mislead it. No row passes
 * through JS.
 *
 * It must work inside the ingest transaction, where a failed statement aborts
 * the whole transaction. So bad rows never fail the statement: they go to a
 * rejects table (`ignore_errors` + `store_rejects`, no measurable cost), and
 * read-csv-rejects.ts decides: reload wider (a row with more cells than
 * declared), reload without the length cap, or a located error. The one
 * refusal DuckDB still throws, "parallel scanner does not support null_padding
 * with quoted new lines", does not abort a transaction (but may leave the
 * table behind): drop it and read single-threaded.
 *
 * Verified behaviour (DuckDB 1.5.6): blank lines are skipped and not landed;
 * `skip` counts records, blank lines included; an empty or `""` cell is NULL;
 * a whitespace-only line is a record; when the line-ending kind changes right
 * at `skip` the result can be silently empty — hence `checkFirstRows`.
 */
import type { Db } from '../store/db.js';
import { quotedIdentifier, quotedString } from '../store/db.js';
import { YardstickError } from '../errors.js';
import type { Newline } from './read-csv-sample.js';
import type { CsvLayout } from './read-csv-layout.js';
import { nextAttempt, readRejects, type Attempt } from './read-csv-rejects.js';
import { csvInconsistent, csvUnreadable } from './read-messages.js';

const NEW_LINE: Record<Newline, string> = { lf: '\\n', crlf: '\\r\\n', cr: '\\r' };

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

/**
 * CREATE TEMP TABLE … AS SELECT NULL source_row, c0… FROM read_csv(…).
 * The first attempt caps a record at `max_cell_chars` bytes: a record within
 * it cannot hold a longer cell (bytes ≥ characters), which saves a length
 * scan; a longer record only costs a reload without the cap.
 */
export async function loadCsv(db: Db, plan: LoadPlan, maxCellChars: number): Promise<Loaded> {
  let a: Attempt | undefined = { columns: plan.layout.columns, parallel: true, maxLine: maxCellChars };
  for (;;) {
    const done: Attempt = await runLoad(db, plan, a);
    a = nextAttempt(plan.file, plan.encoding, done, await readRejects(db, plan.table));
    if (!a) return { columns: done.columns, lineCapped: done.maxLine !== undefined };
    await db.run(`DROP TABLE ${quotedIdentifier(plan.table)}`);
  }
}

/** One CTAS; the null_padding/parallel refusal is retried single-threaded. Returns the attempt that ran. */
async function runLoad(db: Db, plan: LoadPlan, a: Attempt): Promise<Attempt> {
  try {
    await db.run(buildLoadSql(plan, a));
    return a;
  } catch (e) {
    const msg = String((e as Error).message ?? e);
    if (!a.parallel || !/parallel=false/.test(msg)) throw new YardstickError([csvUnreadable(plan.file, firstLines(msg))]);
    await db.run(`DROP TABLE IF EXISTS ${quotedIdentifier(plan.table)}`);
    return runLoad(db, plan, { ...a, parallel: false });
  }
}

function firstLines(msg: string): string {
  return msg.split('\n').filter((l) => l.trim()).slice(0, 2).join(' ');
}

export function buildLoadSql(plan: LoadPlan, a: Attempt): string {
  const { layout, table } = plan;
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
    'ignore_errors = true',
    'store_rejects = true',
    `rejects_table = ${quotedString(`${table}_rej`)}`,
    `rejects_scan = ${quotedString(`${table}_rejscan`)}`,
    ...(a.maxLine === undefined ? [] : [`max_line_size = ${a.maxLine}`]),
    ...(a.parallel ? [] : ['parallel = false']),
  ];
  return `CREATE TEMP TABLE ${quotedIdentifier(table)} AS
SELECT NULL::INTEGER AS source_row, *
FROM read_csv(${quotedString(plan.path)}, ${options.join(', ')})`;
}

/**
 * Compare DuckDB's first rows with the records parsed in JS: catches a silent
 * misread (wrong skip, line-ending mix-up) before anything depends on it.
 * `firstRowid`: a SQL literal (rowids inside a transaction start high).
 */
export async function checkFirstRows(db: Db, plan: LoadPlan, columns: number, firstRowid: string): Promise<void> {
  const expected = plan.layout.firstRecords;
  if (!expected.length) return;
  const cols = Array.from({ length: columns }, (_, i) => quotedIdentifier(colName(i))).join(', ');
  const got = await db.all<Record<string, string | null>>(
    `SELECT ${cols} FROM ${quotedIdentifier(plan.table)} WHERE rowid < ${firstRowid} + ${expected.length} ORDER BY rowid`,
  );
  expected.forEach(({ line, cells }, r) => {
    const row = got[r];
    const same = row !== undefined && Array.from({ length: columns }, (_, i) => (cells[i] ?? '') === (row[colName(i)] ?? '')).every(Boolean);
    if (!same) throw new YardstickError([csvInconsistent(plan.file, line)]);
  });
}
