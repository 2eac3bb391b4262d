/**
 * The bulk CSV load: DuckDB's own `read_csv`, with every dialect option fixed
 * (no sniffing: `auto_detect=false`, explicit columns, all text) so a title row
 * or a ragged line cannot mislead it, copied in file order to an uncompressed
 * Parquet file (the "landing"). No row passes through JS.
 *
 * Why Parquet rather than a temp table: the same time to write (measured: 2.7 s
 * per 10M rows either way), but Parquet's dictionary pages reach DuckDB as
 * dictionary vectors, so the later per-distinct-value passes run 3–10× faster
 * (build-fact-sql.ts), the text stays out of memory, and `file_row_number`
 * numbers the records without an UPDATE.
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
import { csvInconsistent, csvUnreadable, separatorInCell } from './read-messages.js';
import { decodeLatin1Gbk } from './read-csv-gbk.js';
import { colName, PACK_SEPARATOR, physicalNames, unpackedCells, type Pack } from './raw-table.js';

const NEW_LINE: Record<Newline, string> = { lf: '\\n', crlf: '\\r\\n', cr: '\\r' };

export interface LoadPlan {
  file: string;
  /** Path DuckDB reads (a UTF-8 copy for GBK input). */
  path: string;
  table: string;
  /** The Parquet file the rows land in. */
  landing: string;
  layout: CsvLayout;
  encoding: string;
  /** Read the bytes as latin-1 (GB18030 input, see read-csv-gbk.ts). */
  latin1?: boolean;
  /** Columns landed packed (raw-table.ts). */
  packs: Pack[];
}

export interface Loaded {
  /** Columns declared (more than the layout's when rows were wider). */
  columns: number;
  /** Loaded under max_line_size = max_cell_chars: no record, so no cell, is longer. */
  lineCapped: boolean;
}

/**
 * COPY (SELECT c0… FROM read_csv(…)) TO landing.
 * The first attempt caps a record at `max_cell_chars` bytes: a record within
 * it cannot hold a longer cell (bytes ≥ characters), which saves a length
 * scan; a longer record only costs a reload without the cap.
 */
export async function loadCsv(db: Db, plan: LoadPlan, maxCellChars: number): Promise<Loaded> {
  let a: Attempt | undefined = { columns: plan.layout.columns, parallel: true, maxLine: maxCellChars };
  for (;;) {
    const done: Attempt = await runLoad(db, plan, a);
    const rejects = await readRejects(db, plan.table);
    a = nextAttempt(plan.file, plan.encoding, done, plan.latin1 ? rejects.map((r) => ({ ...r, message: decodeLatin1Gbk(r.message) })) : rejects);
    if (!a) return { columns: done.columns, lineCapped: done.maxLine !== undefined };
  }
}

/** One COPY (a retry overwrites the file); the null_padding/parallel refusal is retried single-threaded. Returns the attempt that ran. */
async function runLoad(db: Db, plan: LoadPlan, a: Attempt): Promise<Attempt> {
  try {
    await db.run(buildLoadSql(plan, a));
    return a;
  } catch (e) {
    const msg = String((e as Error).message ?? e);
    if (!a.parallel || !/parallel=false/.test(msg)) throw new YardstickError([csvUnreadable(plan.file, firstLines(plan.latin1 ? decodeLatin1Gbk(msg) : msg))]);
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
    ...(plan.latin1 ? [`encoding = 'latin-1'`] : []),
  ];
  return `COPY (SELECT ${physicalColumns(a.columns, plan.packs).map(([sql, name]) => `${sql} AS ${quotedIdentifier(name)}`).join(', ')}
FROM read_csv(${quotedString(plan.path)}, ${options.join(', ')}))
TO ${quotedString(plan.landing)} (FORMAT parquet, COMPRESSION uncompressed, ROW_GROUP_SIZE 61440, WRITE_BLOOM_FILTER false)`;
}

/** The landed columns, [SQL over c0…, name]: each column outside a pack, then each pack. */
function physicalColumns(columns: number, packs: Pack[]): [string, string][] {
  const c = (i: number) => quotedIdentifier(colName(i));
  return physicalNames(columns, packs).map((name): [string, string] => {
    const pack = packs.find((p) => p.name === name);
    return [pack ? `concat(${pack.cols.map((i) => `coalesce(${c(i)}, '')`).join(`, ${PACK_SEPARATOR}, `)})` : quotedIdentifier(name), name];
  });
}

/** The landed rows as landed (packs packed), with `file_row_number` (0-based, file order). */
export function landedRows(plan: Pick<LoadPlan, 'landing'>): string {
  return `read_parquet(${quotedString(plan.landing)}, file_row_number = true)`;
}

/** `from` (SQL for rows with the landed columns) with every column c0…c{columns-1} unpacked. */
export function unpackedRows(from: string, columns: number, packs: Pack[]): string {
  const cells = unpackedCells(columns, packs, (name) => quotedIdentifier(name));
  return `(SELECT file_row_number${cells.map((x, i) => `, ${x} AS ${quotedIdentifier(colName(i))}`).join('')} FROM ${from})`;
}

/**
 * Compare DuckDB's first rows with the records parsed in JS: catches a silent
 * misread (wrong skip, line-ending mix-up) before anything depends on it.
 */
export async function checkFirstRows(db: Db, plan: LoadPlan, columns: number): Promise<void> {
  const expected = plan.layout.firstRecords;
  if (!expected.length) return;
  // A packed cell holding the separator would split wrongly: say so rather than "inconsistent".
  for (const { line, cells } of expected) {
    const pack = plan.packs.find((p) => p.cols.some((i) => cells[i]?.includes('\x1f')));
    if (pack) throw new YardstickError([separatorInCell(plan.file, line, pack.cols.map((i) => plan.layout.header[i] ?? colName(i)))]);
  }
  const cols = Array.from({ length: columns }, (_, i) => quotedIdentifier(colName(i))).join(', ');
  const got = await db.all<Record<string, string | null>>(
    `SELECT ${cols} FROM ${unpackedRows(landedRows(plan), columns, plan.packs)} WHERE file_row_number < ${expected.length} ORDER BY file_row_number`,
  );
  expected.forEach(({ line, cells }, r) => {
    const row = got[r];
    const same = row !== undefined && Array.from({ length: columns }, (_, i) => (cells[i] ?? '') === (row[colName(i)] ?? '')).every(Boolean);
    if (!same) throw new YardstickError([csvInconsistent(plan.file, line)]);
  });
}
