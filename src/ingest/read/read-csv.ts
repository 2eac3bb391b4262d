/**
 * CSV (.csv, .txt, .tsv) → one RawTable (types.ts), built for 10M-row exports:
 *
 *   1. sample the first MB: encoding (detect-encoding.ts);
 *   2. UTF-16, mixed line endings or a glob-like name → a UTF-8 copy or a
 *      plain-named link (to-utf8.ts); GBK is landed as latin-1 (gbk-as-latin1.ts);
 *   3. parse the first ~50 records in JS: delimiter, header, skip (csv-layout.ts);
 *   4. DuckDB `read_csv` lands every data row as text in a Parquet file
 *      (land-csv.ts), while a native byte search looks for blank lines and quotes;
 *   5. SQL: one stats pass, the first rows checked against step 3, the relation
 *      numbered by line (csv-line-numbers.ts), `max_cell_chars` (csv-checks.ts).
 *
 * Blank lines are not landed (they still count as lines); a short row is
 * NULL-padded; cells beyond the header go to `extra`. `max_rows_per_sheet`
 * does not apply: it is Excel's sheet limit and CSV exports exceed it.
 */
import { join } from 'node:path';
import type { Db } from '../../store/db.js';
import { quotedIdentifier as q } from '../../store/db.js';
import { YardstickError } from '../../errors.js';
import { bomEncoding, isUtf8, readSample, resolveEncoding, strayNonUtf8Line, type Sample, type TextEncoding } from './detect-encoding.js';
import { findCsvLayout, sampleNewlines, UTF8_SAMPLE } from './csv-layout.js';
import { checkFirstRows, landCsv, landedRows, type LandPlan } from './land-csv.js';
import { scanDataRegion, scanRecordLines, sourceRowSql } from './csv-line-numbers.js';
import { checkCellChars, landedStats } from './csv-checks.js';
import { buildTextLookup, createDecodingView, decodeLatin1Gbk, GBK_AS_LATIN1_SAMPLE, latin1Readable, NotLatin1 } from './gbk-as-latin1.js';
import { csvEncoding, csvInconsistent, csvMixedEncoding } from './messages.js';
import { isGlobLike, plainLink, transcodeToUtf8, type TempFile } from './to-utf8.js';
import { colName, EXTRA, type RawTable, type ReadOptions } from './types.js';

/** Land `file` as the relation `table`. */
export async function readCsv(db: Db, file: string, table: string, opts: ReadOptions): Promise<RawTable> {
  try {
    return await readCsvAs(db, file, table, opts);
  } catch (e) {
    // GBK characters with a byte in 0x80–0x9F (rarer ones such as 喆, 堃) past the sample: the plain path.
    if (!(e instanceof NotLatin1)) throw e;
    await db.run(`DROP TABLE IF EXISTS ${q(`${table}_rej`)}; DROP TABLE IF EXISTS ${q(`${table}_rejscan`)}`);
    return readCsvAs(db, file, table, { ...opts, gbkAsLatin1: false });
  }
}

async function readCsvAs(db: Db, file: string, table: string, opts: ReadOptions): Promise<RawTable> {
  const src = await readablePath(file, opts);
  try {
    // The sample already read, unless DuckDB reads a converted copy.
    const sample = src.sample ?? (await readSample(src.path));
    const layout = findCsvLayout(file, sample, opts, src.latin1 ? GBK_AS_LATIN1_SAMPLE : UTF8_SAMPLE);
    const plan: LandPlan = {
      file, path: src.path, table, layout, encoding: src.encoding, landing: join(opts.spool, `${table}.parquet`),
      ...(src.latin1 && { latin1: true, decode: decodeLatin1Gbk }),
    };
    return await landAndNumber(db, plan, opts);
  } finally {
    await src.temp?.remove();
  }
}

interface Readable { path: string; encoding: TextEncoding; latin1: boolean; temp?: TempFile; sample?: Sample }

/**
 * A file with one kind of line ending that DuckDB can open: the file itself (UTF-8,
 * or GB18030 read as latin-1), a link with a plain name, or a UTF-8 temp copy.
 */
async function readablePath(file: string, opts: ReadOptions): Promise<Readable> {
  const sample = await readSample(file);
  const encoding = resolveEncoding(opts.encoding, sample);
  if (encoding === 'utf-8' && !isUtf8(sample)) throw new YardstickError([csvEncoding(file, 'UTF-8', bomEncoding(sample.bytes) === 'utf-8')]);
  const stray = opts.encoding === 'auto' || opts.encoding === undefined ? strayNonUtf8Line(sample) : undefined;
  if (encoding === 'gb18030' && stray !== undefined) throw new YardstickError([csvMixedEncoding(file, stray)]);
  const asText = encoding === 'utf-8' ? UTF8_SAMPLE : GBK_AS_LATIN1_SAMPLE;
  const mixed = sampleNewlines(asText.text(sample), sample.complete).size > 1;
  const latin1 = encoding === 'gb18030' && opts.gbkAsLatin1 !== false && !mixed && latin1Readable(sample.bytes);
  if (encoding !== 'utf-8' && !latin1) {
    const temp = await transcodeToUtf8(file, encoding, mixed, opts.spool);
    return { path: temp.path, encoding, latin1, temp };
  }
  if (mixed) {
    const temp = await transcodeToUtf8(file, encoding, true, opts.spool);
    return { path: temp.path, encoding, latin1: false, temp };
  }
  if (isGlobLike(file)) {
    const temp = await plainLink(file, opts.spool);
    return { path: temp.path, encoding, latin1, temp, sample };
  }
  return { path: file, encoding, latin1, sample };
}

async function landAndNumber(db: Db, plan: LandPlan, opts: ReadOptions): Promise<RawTable> {
  const { layout, table } = plan;
  const region = scanDataRegion(plan.path, layout.dataStart, layout.newline); // runs while DuckDB loads
  region.catch(() => undefined); // awaited below; no unhandled rejection if the load fails first
  const { columns, lineCapped } = await landCsv(db, plan, opts.limits.max_cell_chars);
  const facts = await region;
  const names = [...layout.headers.map((_, i) => colName(i)), EXTRA];
  const stats = await landedStats(db, landedRows(plan.landing), { names, breaks: facts.quotes, lengths: !lineCapped });
  await checkFirstRows(db, plan, columns);
  const walk = facts.blankLines || stats.multiline ? await scanRecordLines(plan.path, layout.dataStart, layout.firstDataLine, layout.delim) : undefined;
  if (walk && walk.records !== stats.rows) throw new YardstickError([csvInconsistent(plan.file, layout.firstDataLine)]);
  // GBK landed as latin-1: the numbered rows are `<table>_land`, and `table` decodes them.
  const numbered = plan.latin1 ? `${table}_land` : table;
  const parts: RawTable['parts'] = [];
  const lines = `${table}_lines`;
  const sql = await sourceRowSql(db, landedRows(plan.landing), { breaks: lines, walk, firstDataLine: layout.firstDataLine });
  // A view numbers rows from the file order; breakpoints (rare) are joined once, into a table.
  const relation = walk ? 'table' : 'view';
  await db.run(`CREATE TEMP ${walk ? 'TABLE' : 'VIEW'} ${q(numbered)} AS ${sql}`);
  await db.run(`DROP TABLE IF EXISTS ${q(lines)}`);
  if (plan.latin1) {
    const lookup = `${table}_text`;
    parts.push({ name: numbered, relation }, { name: lookup, relation: 'table' });
    const decoded = await buildTextLookup(db, numbered, names, lookup);
    await createDecodingView(db, { view: table, from: numbered, names, decoded, lookup });
  }
  const where = { table, file: plan.file, names, headers: layout.headers };
  await checkCellChars(db, where, stats.maxBytes.slice(0, layout.headers.length), opts.limits.max_cell_chars);
  return {
    table, relation: plan.latin1 ? 'view' : relation, file: plan.file, sheet: null, headers: layout.headers,
    headerRow: layout.headerRow, rows: stats.rows, encoding: plan.encoding, ...(parts.length && { parts }),
    ...(!walk && !plan.latin1 && { landing: { path: plan.landing, firstDataLine: layout.firstDataLine } }),
  };
}
