/**
 * XLSX → one RawTable per sheet that has a recognisable header, streamed with
 * exceljs's WorkbookReader (shared strings and styles cached; styles are what
 * turn date-formatted numbers into dates). Rows never all sit in memory: the
 * first 30 are buffered to pick the header, the rest go straight to the
 * appender. The zip's declared uncompressed size is checked first.
 *
 * Sheets: every sheet, or only `opts.sheets` (a name not in the workbook is an
 * error listing the sheets present). A sheet without a header in its first 30
 * rows is skipped with a `sheet_skipped` warning, or is an error when it was
 * asked for by name; no header in any sheet is a `no_header` error.
 *
 * Merged cells: the streaming reader does not report merges, so a merged
 * block's value appears only in its top-left cell and the others are NULL
 * (a merged title above the header is thus just a one-cell row).
 * `source_row` is the Excel row number.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../store/db.js';
import { YardstickError, isYardstickError, type Issue } from '../errors.js';
import { findHeader, HEADER_SEARCH_ROWS } from './find-header.js';
import { cellText } from './read-xlsx-cell.js';
import { SheetSink, type Cells } from './read-xlsx-sink.js';
import { utf8WorkbookReader } from './read-xlsx-utf8.js';
import { readZipTotals } from './read-zip.js';
import { corruptXlsx, extraColumns, limitXlsxSize, noHeader, sheetSkipped, unknownSheets } from './read-messages.js';
import type { RawTable, ReadOptions } from './raw-table.js';

export interface SheetsResult {
  tables: RawTable[];
  warnings: Issue[];
}

type Worksheet = AsyncIterable<ExcelJS.Row> & { name?: string; id?: number };

interface SheetCtx {
  db: Db;
  file: string;
  sheet: string;
  opts: ReadOptions;
  table: string;
}

/** Land the sheets of `file`; `nextTable()` names each temp table. */
export async function readXlsx(db: Db, file: string, opts: ReadOptions, nextTable: () => Promise<string>): Promise<SheetsResult> {
  await checkUncompressedSize(file, opts.limits.max_xlsx_uncompressed_mb);
  const reader = utf8WorkbookReader(file, {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore',
  });
  const tables: RawTable[] = [];
  const skipped: string[] = [];
  const warnings: Issue[] = [];
  try {
    for await (const ws of reader as AsyncIterable<Worksheet>) {
      checkRequested(file, opts.sheets, sheetNames(reader)); // names are known once workbook.xml is read
      const sheet = ws.name ?? `Sheet${ws.id ?? tables.length + skipped.length + 1}`;
      if (opts.sheets && !opts.sheets.includes(sheet)) await drain(ws);
      else {
        const t = await readSheet(ws, { db, file, sheet, opts, table: await nextTable() });
        if (!t) skipped.push(sheet);
        else tables.push(t.table);
        if (t?.extra) warnings.push(extraColumns(file, sheet, t.extra, t.table.headers.length - t.extra));
      }
    }
  } catch (e) {
    if (isYardstickError(e)) throw e;
    throw new YardstickError([corruptXlsx(file, String((e as Error).message ?? e).split('\n')[0])]);
  } finally {
    // Stopping early (a limit, an unknown sheet) leaves exceljs's file stream open: close it.
    (reader as unknown as { stream?: { destroy?: () => void } }).stream?.destroy?.();
  }
  checkRequested(file, opts.sheets, sheetNames(reader));
  return finish(file, opts, tables, skipped, warnings);
}

function finish(file: string, opts: ReadOptions, tables: RawTable[], skipped: string[], warnings: Issue[]): SheetsResult {
  const asked = skipped.filter((s) => opts.sheets?.includes(s));
  if (asked.length) throw new YardstickError(asked.map((s) => noHeader(file, s)));
  if (!tables.length) throw new YardstickError(skipped.length ? skipped.map((s) => noHeader(file, s)) : [noHeader(file, null)]);
  return { tables, warnings: [...skipped.map((s) => sheetSkipped(file, s)), ...warnings] };
}

async function checkUncompressedSize(file: string, limitMb: number): Promise<void> {
  const { uncompressedBytes } = await readZipTotals(file);
  const mb = uncompressedBytes / (1 << 20);
  if (mb > limitMb) throw new YardstickError([limitXlsxSize(file, mb, limitMb)]);
}

function sheetNames(reader: unknown): string[] | undefined {
  const sheets = (reader as { model?: { sheets?: { name: string }[] } }).model?.sheets;
  return sheets?.map((s) => s.name);
}

function checkRequested(file: string, wanted: string[] | undefined, present: string[] | undefined): void {
  if (!wanted || !present) return;
  const missing = wanted.filter((w) => !present.includes(w));
  if (missing.length) throw new YardstickError([unknownSheets(file, missing, present)]);
}

async function drain(ws: Worksheet): Promise<void> {
  for await (const _ of ws) void _;
}

/** Excel cells of a row as text, index 0 = column A, trailing empties dropped. */
function rowCells(row: ExcelJS.Row): Cells {
  const values = row.values as unknown[];
  const cells: Cells = [];
  for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
  while (cells.length && cells[cells.length - 1] === null) cells.pop();
  return cells;
}

interface Buffered {
  n: number;
  cells: Cells;
}

/** One sheet: buffer up to 30 rows, pick the header, stream the rest. Undefined when no header. */
async function readSheet(ws: Worksheet, ctx: SheetCtx): Promise<{ table: RawTable; extra: number } | undefined> {
  const head: Buffered[] = [];
  let sink: SheetSink | null | undefined; // undefined: still looking; null: no header, draining
  let headerRow = 0;
  let headers: string[] = [];
  try {
    for await (const row of ws) {
      if (sink) {
        const cells = rowCells(row);
        if (cells.length <= sink.columns) sink.append(row.number, cells);
        else await sink.push(row.number, cells);
      }
      else if (sink === undefined) {
        head.push({ n: row.number, cells: rowCells(row) });
        if (head.length >= HEADER_SEARCH_ROWS) ({ sink, headerRow, headers } = await startSheet(head, ctx));
      }
    }
    if (sink === undefined) ({ sink, headerRow, headers } = await startSheet(head, ctx));
  } catch (e) {
    sink?.abort();
    throw e;
  }
  sink?.close();
  if (!sink) return undefined;
  const table: RawTable = { table: ctx.table, relation: 'table', file: ctx.file, sheet: ctx.sheet, headers: pad(headers, sink.columns), headerRow, rows: sink.rows, encoding: 'xlsx' };
  return { table, extra: sink.columns - headers.length };
}

async function startSheet(head: Buffered[], ctx: SheetCtx): Promise<{ sink: SheetSink | null; headerRow: number; headers: string[] }> {
  const pick = findHeader(head.map((r) => r.cells), ctx.opts.scoreHeader, ctx.opts.minHeaderScore);
  if (!pick) return { sink: null, headerRow: 0, headers: [] };
  const headers = head[pick.index].cells.map((c) => c ?? '');
  const sink = await SheetSink.create(ctx.db, { file: ctx.file, sheet: ctx.sheet, table: ctx.table, headers, limits: ctx.opts.limits });
  try {
    for (const r of head.slice(pick.index + 1)) await sink.push(r.n, r.cells);
  } catch (e) {
    sink.abort();
    throw e;
  }
  return { sink, headerRow: head[pick.index].n, headers };
}

function pad(headers: string[], n: number): string[] {
  return Array.from({ length: n }, (_, i) => headers[i] ?? '');
}
