/**
 * The bulk CSV load: DuckDB's own `read_csv`, with every dialect option fixed
 * (no sniffing: `auto_detect=false`, explicit columns, all text) so a title row
 * or a ragged line cannot mislead it, copied in file order to an uncompressed
 * Parquet file (the "landing"). No row passes through JS.
 *
 * Landed columns: `c0 … c{n-1}` (n = the header width) and `extra`, the
 * non-empty cells beyond the header joined with ' | ' (types.ts). Parquet rather
 * than a temp table: the same time to write, but `file_row_number` numbers the
 * records without an UPDATE, later passes read dictionary pages, and the text
 * stays out of memory.
 *
 * It must work inside a transaction too, where a failed statement aborts it. So
 * bad rows never fail the statement: they go to a rejects table (`ignore_errors`
 * + `store_rejects`), and csv-rejects.ts decides: reload wider (a row with more
 * cells than declared), reload without the length cap, or a located error. The
 * one refusal DuckDB still throws, "parallel scanner does not support
 * null_padding with quoted new lines", is retried single-threaded.
 *
 * Verified behaviour (DuckDB 1.5.6): blank lines are skipped and not landed;
 * `skip` counts records, blank lines included; an empty or `""` cell is NULL;
 * a whitespace-only line is a record; when the line-ending kind changes right
 * at `skip` the result can be silently empty — hence `checkFirstRows`.
 */
import type { Db } from '../../store/db.js';
import { quotedIdentifier as q, quotedString } from '../../store/db.js';
import { environmentError, YardstickError } from '../../errors.js';
import type { Newline } from './csv-sample.js';
import type { CsvLayout } from './csv-layout.js';
import { nextAttempt, readRejects, type Attempt } from './csv-rejects.js';
import { csvInconsistent, csvUnreadable } from './messages.js';
import { isLatin1Refusal, NotLatin1 } from './gbk-as-latin1.js';
import { colName, EXTRA, EXTRA_SEPARATOR } from './types.js';

const NEW_LINE: Record<Newline, string> = { lf: '\\n', crlf: '\\r\\n', cr: '\\r' };

export interface LandPlan {
  file: string;
  /** Path DuckDB reads (the file, a UTF-8 copy or a plain-named link). */
  path: string;
  /** Names the rejects tables. */
  table: string;
  /** The Parquet file the rows land in. */
  landing: string;
  layout: CsvLayout;
  encoding: string;
  /** Read the bytes as latin-1 (GBK landed without a copy, gbk-as-latin1.ts). */
  latin1?: boolean;
  /** Turns DuckDB's text (messages) into what the user wrote. */
  decode?: (s: string) => string;
}

export interface Landed {
  /** Columns declared (more than the layout's when rows were wider). */
  columns: number;
  /** Loaded under max_line_size = max_cell_chars: no record, so no cell, is longer. */
  lineCapped: boolean;
}

/**
 * COPY (SELECT c0…, extra FROM read_csv(…)) TO landing, retried as csv-rejects.ts says.
 * The first attempt caps a record at `max_cell_chars` bytes: a record within it
 * cannot hold a longer cell (bytes ≥ characters), which saves measuring every
 * cell; a longer record only costs a reload without the cap.
 */
export async function landCsv(db: Db, plan: LandPlan, maxCellChars: number): Promise<Landed> {
  const decode = plan.decode ?? ((s: string) => s);
  let a: Attempt | undefined = { columns: plan.layout.columns, parallel: true, maxLine: maxCellChars };
  for (;;) {
    const done: Attempt = await runCopy(db, plan, a, decode);
    const rejects = await readRejects(db, plan.table);
    a = nextAttempt(plan.file, plan.encoding, done, rejects.map((r) => ({ ...r, message: decode(r.message) })));
    if (!a) return { columns: done.columns, lineCapped: done.maxLine !== undefined };
  }
}

/** One COPY (a retry overwrites the file); the null_padding/parallel refusal is retried single-threaded. */
async function runCopy(db: Db, plan: LandPlan, a: Attempt, decode: (s: string) => string): Promise<Attempt> {
  try {
    await withInsertionOrder(db, () => db.run(copySql(plan, a)));
    return a;
  } catch (e) {
    const msg = String((e as Error).message ?? e);
    if (plan.latin1 && isLatin1Refusal(msg)) throw new NotLatin1(msg);
    // Disk full, memory limit …: the machine's to fix, not the file's (was reported as a malformed CSV).
    const env = environmentError(e);
    if (env) throw env;
    if (!a.parallel || !/parallel=false/.test(msg)) throw new YardstickError([csvUnreadable(plan.file, firstLines(decode(msg)))]);
    return runCopy(db, plan, { ...a, parallel: false }, decode);
  }
}

function firstLines(msg: string): string {
  return msg.split('\n').filter((l) => l.trim()).slice(0, 2).join(' ');
}

export function copySql(plan: LandPlan, a: Attempt): string {
  const { layout } = plan;
  const declared = Array.from({ length: a.columns }, (_, i) => `${quotedString(colName(i))}: 'VARCHAR'`).join(', ');
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
    `columns = {${declared}}`,
    'ignore_errors = true',
    'store_rejects = true',
    `rejects_table = ${quotedString(`${plan.table}_rej`)}`,
    `rejects_scan = ${quotedString(`${plan.table}_rejscan`)}`,
    ...(a.maxLine === undefined ? [] : [`max_line_size = ${a.maxLine}`]),
    ...(a.parallel ? [] : ['parallel = false']),
    ...(plan.latin1 ? [`encoding = 'latin-1'`] : []),
  ];
  const width = layout.headers.length;
  const cells = Array.from({ length: width }, (_, i) => q(colName(i)));
  const beyond = Array.from({ length: a.columns - width }, (_, i) => q(colName(width + i)));
  const extra = beyond.length ? `nullif(concat_ws(${quotedString(EXTRA_SEPARATOR)}, ${beyond.join(', ')}), '')` : 'NULL::VARCHAR';
  return `COPY (SELECT ${[...cells, `${extra} AS ${EXTRA}`].join(', ')}
FROM read_csv(${quotedString(plan.path)}, ${options.join(', ')}))
TO ${quotedString(plan.landing)} (FORMAT parquet, COMPRESSION uncompressed, ROW_GROUP_SIZE 61440, WRITE_BLOOM_FILTER false)`;
}

/** The landed rows, with `file_row_number` (0-based, file order). */
export function landedRows(landing: string): string {
  return `read_parquet(${quotedString(landing)}, file_row_number = true)`;
}

/**
 * Compare DuckDB's first rows with the records parsed in JS: catches a silent
 * misread (wrong skip, line-ending mix-up) before anything depends on it.
 */
export async function checkFirstRows(db: Db, plan: LandPlan, columns: number): Promise<void> {
  const expected = plan.layout.firstRecords;
  if (!expected.length) return;
  const width = plan.layout.headers.length;
  const cols = [...Array.from({ length: width }, (_, i) => q(colName(i))), EXTRA].join(', ');
  const got = await db.all<Record<string, string | null>>(
    `SELECT ${cols} FROM ${landedRows(plan.landing)} WHERE file_row_number < ${expected.length} ORDER BY file_row_number`,
  );
  expected.forEach(({ line, cells }, r) => {
    const row = got[r];
    const extra = cells.slice(width, columns).filter((c) => c !== '').join(EXTRA_SEPARATOR);
    const same = row !== undefined
      && Array.from({ length: width }, (_, i) => (cells[i] ?? '') === (row[colName(i)] ?? '')).every(Boolean)
      && extra === (row[EXTRA] ?? '');
    if (!same) throw new YardstickError([csvInconsistent(plan.file, line)]);
  });
}

/** `source_row` relies on the landing keeping file order, which needs preserve_insertion_order (DuckDB's default). */
async function withInsertionOrder<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const r = await db.one<{ v: boolean }>(`SELECT current_setting('preserve_insertion_order') AS v`);
  if (r?.v !== false) return fn();
  await db.run('SET preserve_insertion_order = true');
  try {
    return await fn();
  } finally {
    await db.run('SET preserve_insertion_order = false');
  }
}
