/**
 * CSV (.csv, .txt, .tsv) → one RawTable, built for 10M-row exports:
 *
 *   1. sample the first MB: encoding (BOM, strict UTF-8, else GB18030);
 *   2. UTF-16 or mixed line endings → stream a UTF-8 temp copy; GBK is landed
 *      byte-for-byte as latin-1 and decoded per distinct value (read-csv-gbk.ts);
 *   3. parse the first ~50 records in JS: delimiter, header row, skip, columns;
 *   4. DuckDB `read_csv` lands every data row as text in a Parquet file (no
 *      per-row JS), while a native byte search looks for blank lines and quotes;
 *      columns the caller reads together may be landed packed (ReadOptions.pack);
 *   5. SQL: check the first rows against step 3, one stats pass, the raw view
 *      (`source_row`, unused unnamed trailing columns left out; over packs or GBK
 *      text, a view unpacking and decoding the landed relation), `max_cell_chars`.
 *
 * Rules: empty cells are NULL; blank lines are not landed (they still count as
 * lines); a short row is NULL-padded; cells beyond the header are kept as
 * columns with header '' (warning `extra_columns`). `max_rows_per_sheet` does
 * not apply: it is Excel's sheet limit and CSV exports legitimately exceed it.
 */
import { join } from 'node:path';
import type { Db } from '../store/db.js';
import { YardstickError, type Issue } from '../errors.js';
import { isUtf8, readSample, resolveEncoding, type Sample, type TextEncoding } from './detect-encoding.js';
import { findCsvLayout, GBK_AS_LATIN1_SAMPLE, sampleNewlines, UTF8_SAMPLE, type CsvLayout } from './read-csv-layout.js';
import { checkFirstRows, landedRows, loadCsv, type LoadPlan } from './read-csv-load.js';
import { scanDataRegion } from './read-csv-lines.js';
import { checkCellChars, createRawRelation, createUnpackingView, keptColumns, tableStats } from './read-csv-rows.js';
import { csvEncoding, extraColumns } from './read-messages.js';
import { buildTextLookup } from './read-csv-gbk.js';
import { isGlobLike, plainLink, transcodeToUtf8, type TempFile } from './read-transcode.js';
import { physicalNames, type Pack, type RawTable, type ReadOptions } from './raw-table.js';

export interface CsvResult {
  table: RawTable;
  warnings: Issue[];
}

/** Land `file` into the temp table `table`. */
export async function readCsv(db: Db, file: string, table: string, opts: ReadOptions): Promise<CsvResult> {
  const { path, encoding, temp, latin1, sample } = await readablePath(file, opts);
  try {
    // The sample already read, unless DuckDB reads a converted copy.
    const layout = findCsvLayout(file, sample ?? await readSample(path), opts, latin1 ? GBK_AS_LATIN1_SAMPLE : UTF8_SAMPLE);
    const packs = packsFor(layout, opts);
    return await landCsv(db, { file, path, table, layout, encoding, latin1, packs, landing: join(opts.spool, `${table}.parquet`) }, opts);
  } finally {
    await temp?.remove();
  }
}

/**
 * A file with one kind of line ending that DuckDB can open: the file itself (UTF-8,
 * or GB18030 read as latin-1), a link with a plain name, or a UTF-8 temp copy.
 */
async function readablePath(file: string, opts: ReadOptions): Promise<{ path: string; encoding: TextEncoding; latin1: boolean; temp?: TempFile; sample?: Sample }> {
  const sample = await readSample(file);
  const encoding = resolveEncoding(opts.encoding, sample);
  if (encoding === 'utf-8' && !isUtf8(sample)) throw new YardstickError([csvEncoding(file, 'UTF-8')]);
  const asText = encoding === 'utf-8' ? UTF8_SAMPLE : GBK_AS_LATIN1_SAMPLE;
  const mixed = encoding.startsWith('utf-16') || sampleNewlines(asText.text(sample), sample.complete).size > 1;
  if (mixed) {
    const temp = await transcodeToUtf8(file, encoding, true, opts.spool);
    return { path: temp.path, encoding, latin1: false, temp };
  }
  const latin1 = encoding === 'gb18030';
  if (isGlobLike(file)) {
    const temp = await plainLink(file, opts.spool);
    return { path: temp.path, encoding, latin1, temp, sample };
  }
  return { path: file, encoding, latin1, sample };
}

async function landCsv(db: Db, plan: LoadPlan, opts: ReadOptions): Promise<CsvResult> {
  const { layout } = plan;
  const scan = scanDataRegion(plan.path, layout.dataStart, layout.newline); // runs while DuckDB loads
  scan.catch(() => undefined); // awaited below; no unhandled rejection if the load fails first
  const { columns, lineCapped } = await withInsertionOrder(db, () => loadCsv(db, plan, opts.limits.max_cell_chars));
  const facts = await scan;
  const headers = padHeaders(layout, columns);
  const want = { columns, unnamedFrom: unnamedFrom(headers), breaks: facts.quotes, lengths: !lineCapped };
  const landed = landedRows(plan);
  const stats = await tableStats(db, landed, want, plan.packs);
  await checkFirstRows(db, plan, columns);
  // Packed columns are landed packed, so they stay (they are named columns anyway).
  const packs = plan.packs;
  const kept = Math.max(keptColumns(headers, stats), ...packs.flatMap((p) => p.cols.map((i) => i + 1)));
  // Packs and GBK text are read through a view over the landed relation (`<table>_land`).
  const through = packs.length > 0 || plan.latin1;
  const land = through ? { table: `${plan.table}_land`, lookup: plan.latin1 ? `${plan.table}_text` : undefined } : undefined;
  const names = physicalNames(kept, packs);
  const relation = await createRawRelation(db, { ...plan, ...layout, table: land?.table ?? plan.table, landed, names }, facts, stats);
  if (land) {
    const decoded = land.lookup ? await buildTextLookup(db, landed, names, land.lookup) : [];
    await createUnpackingView(db, { view: plan.table, landed: land.table, columns: kept, packs, lookup: land.lookup, decoded });
  }
  await checkCellChars(db, { table: plan.table, file: plan.file, headers }, { ...stats, maxBytes: stats.maxBytes.slice(0, kept) }, opts.limits.max_cell_chars);
  const warnings = kept > layout.header.length ? [extraColumns(plan.file, null, kept - layout.header.length, layout.header.length)] : [];
  const raw: RawTable = {
    table: plan.table,
    relation: land ? 'view' : relation,
    ...(land && { landed: { table: land.table, relation, packs, ...(land.lookup && { lookup: land.lookup }) } }),
    file: plan.file,
    sheet: null,
    headers: headers.slice(0, kept),
    headerRow: layout.headerRow,
    rows: stats.rows,
    encoding: plan.encoding,
  };
  return { table: raw, warnings };
}

/** The caller's packs for this header, checked: two or more distinct columns each, no column in two. */
function packsFor(layout: CsvLayout, opts: ReadOptions): Pack[] {
  const groups = opts.pack?.(layout.header) ?? [];
  const used = new Set<number>();
  const packs: Pack[] = [];
  for (const cols of groups) {
    const ok = cols.length > 1 && new Set(cols).size === cols.length && cols.every((i) => Number.isInteger(i) && i >= 0 && i < layout.columns && !used.has(i));
    if (!ok) continue;
    cols.forEach((i) => used.add(i));
    packs.push({ name: `p${packs.length}`, cols });
  }
  return packs;
}

/** Index after the last header with text. */
function unnamedFrom(headers: string[]): number {
  let n = headers.length;
  while (n > 0 && !headers[n - 1]) n--;
  return n;
}

function padHeaders(layout: CsvLayout, columns: number): string[] {
  return Array.from({ length: columns }, (_, i) => layout.header[i] ?? '');
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
