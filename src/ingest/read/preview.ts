/**
 * A look at a file without landing it (for `yardstick inspect`): per CSV or
 * sheet, the header found (two-level combined, as readSource lands it), its
 * row, the encoding and the first data rows' cells as written. A CSV is read
 * from its first MB only; a workbook is streamed (the rows after the sample are
 * read and dropped: exceljs cannot skip them).
 */
import type ExcelJS from 'exceljs';
import { YardstickError, type Issue } from '../../errors.js';
import { readSample, resolveEncoding, type Sample } from './detect-encoding.js';
import { findCsvLayout, type SampleCodec } from './csv-layout.js';
import { findHeader, headerAt, HEADER_SEARCH_ROWS, type Cells } from './find-header.js';
import { noHeader, sheetHidden, sheetSkipped } from './messages.js';
import { sniffFormat } from './sniff-format.js';
import { rowTexts, shownText } from './xlsx-cell.js';
import { readTwice, TextBudget, workbookFailure, workbookReader } from './xlsx-workbook.js';
import { FORM_SIDE_SHEETS } from '../../domain/forms.js';
import type { ReadOptions } from './types.js';

export interface PreviewTable {
  sheet: string | null;
  headers: string[];
  headerRow: number;
  encoding: string;
  /** The first data rows: cells c0…c{n-1} as written (NULL when empty). */
  sample: (string | null)[][];
  /** The row (Excel) or line (CSV) of each sample row. */
  sampleRows: number[];
}

export type PreviewOptions = Pick<ReadOptions, 'encoding' | 'sheets' | 'limits' | 'scoreHeader' | 'minHeaderScore'>;

/** Headers and the first `rows` data rows (at most 20 for a CSV) of each table in `file`. */
export async function previewSource(file: string, opts: PreviewOptions, rows = 10): Promise<{ tables: PreviewTable[]; warnings: Issue[] }> {
  if ((await sniffFormat(file)) === 'csv') return { tables: [await previewCsv(file, opts, rows)], warnings: [] };
  return readTwice(() => previewXlsx(file, opts, rows));
}

async function previewCsv(file: string, opts: PreviewOptions, rows: number): Promise<PreviewTable> {
  const sample = await readSample(file);
  const encoding = resolveEncoding(opts.encoding, sample);
  const decoder = (s: Sample) => new TextDecoder(encoding, { ignoreBOM: true }).decode(s.bytes, { stream: !s.complete });
  const codec: SampleCodec = { text: decoder, byteLength: (t) => t.length, cell: (c) => c };
  const layout = findCsvLayout(file, sample, { ...opts, tablePrefix: '', spool: '' }, codec);
  const data = layout.firstRecords.slice(0, rows);
  const width = layout.headers.length;
  return {
    sheet: null, headers: layout.headers, headerRow: layout.headerRow, encoding,
    sample: data.map((r) => Array.from({ length: width }, (_, i) => r.cells[i] || null)),
    sampleRows: data.map((r) => r.line),
  };
}

type Worksheet = AsyncIterable<ExcelJS.Row> & { name?: string; state?: string };

async function previewXlsx(file: string, opts: PreviewOptions, rows: number): Promise<{ tables: PreviewTable[]; warnings: Issue[] }> {
  const reader = workbookReader(file, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore' }, new TextBudget(file, opts.limits));
  const tables: PreviewTable[] = [];
  const warnings: Issue[] = [];
  try {
    for await (const ws of reader as AsyncIterable<Worksheet>) {
      const sheet = ws.name ?? `Sheet${tables.length + warnings.length + 1}`;
      const hidden = ws.state === 'hidden' || ws.state === 'veryHidden';
      const wanted = opts.sheets ? opts.sheets.includes(sheet) : !hidden;
      if (!opts.sheets && hidden) warnings.push(sheetHidden(file, sheet, ws.state!));
      const head: { n: number; cells: Cells }[] = [];
      for await (const row of ws) {
        if (wanted && head.length < HEADER_SEARCH_ROWS + 1 + rows) head.push({ n: row.number, cells: rowTexts(row).map(shownText) });
      }
      if (!wanted) continue;
      const t = previewSheet(sheet, head, opts, rows);
      if (t) tables.push(t);
      else if (!FORM_SIDE_SHEETS.includes(sheet)) warnings.push(sheetSkipped(file, sheet)); // as read-xlsx.ts
    }
  } catch (e) {
    throw workbookFailure(file, e, reader);
  } finally {
    (reader as unknown as { stream?: { destroy?: () => void } }).stream?.destroy?.();
  }
  if (!tables.length) throw new YardstickError([noHeader(file, null)]);
  return { tables, warnings };
}

function previewSheet(sheet: string, head: { n: number; cells: Cells }[], opts: PreviewOptions, rows: number): PreviewTable | undefined {
  const pick = findHeader(head.map((r) => r.cells), opts.scoreHeader, opts.minHeaderScore);
  if (!pick) return undefined;
  const { last, headers } = headerAt(head, pick.index);
  const data = head.slice(last + 1, last + 1 + rows);
  return {
    sheet, headers, headerRow: head[last].n, encoding: 'xlsx',
    sample: data.map((r) => Array.from({ length: headers.length }, (_, i) => r.cells[i] ?? null)),
    sampleRows: data.map((r) => r.n),
  };
}
