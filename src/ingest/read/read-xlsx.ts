/**
 * XLSX → one RawTable per sheet that has a recognisable header, streamed with
 * exceljs (xlsx-workbook.ts; shared strings and styles cached: styles turn
 * date-formatted numbers into dates). Rows never all sit in memory: the first
 * 31 are buffered to find the header (find-header.ts), the rest go straight to
 * the appender (sheet-sink.ts). The zip's declared size is checked first.
 *
 * Sheets: every visible sheet, or only `opts.sheets` (a name not in the
 * workbook is an error listing the sheets present). A hidden or very hidden
 * sheet is skipped with `sheet_hidden` unless listed. A sheet without a header
 * in its first 30 rows is skipped with `sheet_skipped` (a fill-in form's side sheet
 * without a note), or is an error when it was asked for by name; no header in any sheet is a `no_header` error.
 *
 * Merged cells: the streaming reader does not report merges (they follow the
 * rows in the XML), so a merged block's value appears only in its top-left
 * cell and the others are NULL. `source_row` is the Excel row number.
 */
import type ExcelJS from 'exceljs';
import type { Db } from '../../store/db.js';
import { YardstickError, type Issue } from '../../errors.js';
import { findHeader, headerAt, HEADER_SEARCH_ROWS } from './find-header.js';
import { rowTexts } from './xlsx-cell.js';
import { SheetSink, type Cells } from './sheet-sink.js';
import { TextBudget, workbookFailure, workbookReader } from './xlsx-workbook.js';
import { readZipTotals } from './zip-directory.js';
import { limitXlsxSize, noHeader, sheetHidden, sheetSkipped, unknownSheets } from './messages.js';
import type { RawTable, ReadResult, ReadOptions } from './types.js';
import { FORM_SIDE_SHEETS } from '../../domain/forms.js';

type Worksheet = AsyncIterable<ExcelJS.Row> & { name?: string; id?: number; state?: string };

interface SheetCtx {
  db: Db;
  file: string;
  sheet: string;
  opts: ReadOptions;
  table: string;
}

/** Land the sheets of `file`; `nextTable()` names each temp table. */
export async function readXlsx(db: Db, file: string, opts: ReadOptions, nextTable: () => Promise<string>): Promise<ReadResult> {
  await checkUncompressedSize(file, opts.limits.max_xlsx_uncompressed_mb);
  const reader = workbookReader(file, {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore',
  }, new TextBudget(file, opts.limits));
  const tables: RawTable[] = [];
  const skipped: string[] = [];
  const warnings: Issue[] = [];
  try {
    for await (const ws of reader as AsyncIterable<Worksheet>) {
      checkRequested(file, opts.sheets, sheetNames(reader)); // names are known once workbook.xml is read
      const sheet = ws.name ?? `Sheet${ws.id ?? tables.length + skipped.length + 1}`;
      const hidden = ws.state === 'hidden' || ws.state === 'veryHidden';
      // With `sheets:` only the sheets listed are read (hidden or not), and the rest go unmentioned.
      if (opts.sheets ? !opts.sheets.includes(sheet) : hidden) {
        if (!opts.sheets) warnings.push(sheetHidden(file, sheet, ws.state!));
        await drain(ws);
        continue;
      }
      const t = await readSheet(ws, { db, file, sheet, opts, table: await nextTable() });
      if (t) tables.push(t);
      else skipped.push(sheet);
    }
  } catch (e) {
    throw workbookFailure(file, e, reader);
  } finally {
    // Stopping early (a limit, an unknown sheet) leaves exceljs's file stream open: close it.
    (reader as unknown as { stream?: { destroy?: () => void } }).stream?.destroy?.();
  }
  checkRequested(file, opts.sheets, sheetNames(reader));
  return finish(file, opts, tables, skipped, warnings);
}

function finish(file: string, opts: ReadOptions, tables: RawTable[], skipped: string[], warnings: Issue[]): ReadResult {
  const asked = skipped.filter((s) => opts.sheets?.includes(s));
  if (asked.length) throw new YardstickError(asked.map((s) => noHeader(file, s)));
  if (!tables.length) throw new YardstickError(skipped.length ? skipped.map((s) => noHeader(file, s)) : [noHeader(file, null)]);
  // A form's own side sheets (instructions, unit list: `yardstick template`) hold no data by design:
  // a note per returned form would bury the notes that matter. Read like any sheet, they are skipped
  // without one only when they have no header; a side sheet someone filled with a table is loaded.
  const noted = skipped.filter((s) => !FORM_SIDE_SHEETS.includes(s));
  return { tables, warnings: [...warnings, ...noted.map((s) => sheetSkipped(file, s))] };
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

interface Buffered {
  n: number;
  cells: Cells;
}

/** One sheet: buffer the first rows, find the header, stream the rest. Undefined when no header. */
async function readSheet(ws: Worksheet, ctx: SheetCtx): Promise<RawTable | undefined> {
  const head: Buffered[] = [];
  let sink: SheetSink | null | undefined; // undefined: still looking; null: no header, draining
  let header = { row: 0, headers: [] as string[] };
  try {
    for await (const row of ws) {
      if (sink) sink.append(row.number, rowTexts(row));
      else if (sink === undefined) {
        head.push({ n: row.number, cells: rowTexts(row) });
        if (head.length > HEADER_SEARCH_ROWS) ({ sink, header } = await startSheet(head, ctx));
      }
    }
    if (sink === undefined) ({ sink, header } = await startSheet(head, ctx));
  } catch (e) {
    sink?.abort();
    throw e;
  }
  sink?.close();
  if (!sink) return undefined;
  return { table: ctx.table, relation: 'table', file: ctx.file, sheet: ctx.sheet, headers: header.headers, headerRow: header.row, rows: sink.rows, encoding: 'xlsx' };
}

/** The header among the buffered rows (one row, or two for a two-level header), and a sink holding the rows after it. */
async function startSheet(head: Buffered[], ctx: SheetCtx): Promise<{ sink: SheetSink | null; header: { row: number; headers: string[] } }> {
  const pick = findHeader(head.map((r) => r.cells), ctx.opts.scoreHeader, ctx.opts.minHeaderScore);
  if (!pick) return { sink: null, header: { row: 0, headers: [] } };
  const { last, headers } = headerAt(head, pick.index);
  const header = { row: head[last].n, headers };
  const sink = await SheetSink.create(ctx.db, { file: ctx.file, sheet: ctx.sheet, table: ctx.table, headers: header.headers, limits: ctx.opts.limits });
  try {
    for (const r of head.slice(last + 1)) sink.append(r.n, r.cells);
  } catch (e) {
    sink.abort();
    throw e;
  }
  return { sink, header };
}
