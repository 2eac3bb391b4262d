/**
 * Streaming .xlsx output (exceljs WorkbookWriter): rows are committed as they
 * are produced, so a sheet of a million rows never sits in memory. Each sheet
 * may carry a merged, bold title row above its header, as real registers do
 * (`2025年度学习考勤登记表`). Date cells get a date format; plain numbers stay
 * numbers (so an Excel serial written as a number looks like one). Sheets that
 * outgrow Excel's row limit continue on `<name>(2)`, `<name>(3)`, ….
 * Timestamps are pinned so the same input gives the same bytes.
 */
import ExcelJS from 'exceljs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Cell } from './write-csv.js';
import { normaliseZipTimes } from './zip-time.js';

export interface XlsxSheet {
  name: string;
  /** Merged title row above the header (row 1); the header is then row 2. */
  title?: string;
  headers: readonly string[];
  rows: Iterable<readonly Cell[]>;
}

export const EXCEL_MAX_ROWS = 1_048_576;
const FIXED_TIME = new Date(Date.UTC(2025, 0, 1));

/** Write the workbook; returns the data rows written per input sheet. */
export async function writeXlsx(file: string, sheets: readonly XlsxSheet[], maxRows = EXCEL_MAX_ROWS): Promise<number[]> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: tmp,
    useStyles: true,
    useSharedStrings: false,
    created: FIXED_TIME,
    modified: FIXED_TIME,
    creator: 'yardstick-gen',
    lastModifiedBy: 'yardstick-gen',
  } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0]);
  try {
    const counts: number[] = [];
    for (const sheet of sheets) counts.push(await writeSheet(wb, sheet, maxRows));
    await wb.commit();
    await normaliseZipTimes(tmp);
    await rename(tmp, file);
    return counts;
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

type Writer = InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>;
type SheetWriter = ReturnType<Writer['addWorksheet']>;

async function writeSheet(wb: Writer, sheet: XlsxSheet, maxRows: number): Promise<number> {
  let part = 1;
  let ws = startSheet(wb, sheet, sheet.name);
  let used = sheet.title ? 2 : 1;
  let n = 0;
  for (const values of sheet.rows) {
    if (used >= maxRows) {
      await ws.commit();
      ws = startSheet(wb, sheet, `${sheet.name}(${++part})`);
      used = sheet.title ? 2 : 1;
    }
    const row = ws.addRow(values as ExcelJS.CellValue[]);
    for (let i = 0; i < values.length; i++) {
      if (values[i] instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
    }
    row.commit();
    used++;
    n++;
  }
  await ws.commit();
  return n;
}

function startSheet(wb: Writer, sheet: XlsxSheet, name: string): SheetWriter {
  const ws = wb.addWorksheet(name);
  ws.columns = sheet.headers.map((h) => ({ width: Math.max(10, h.length * 2 + 4) }));
  if (sheet.title) {
    const title = ws.addRow([sheet.title]);
    title.font = { bold: true, size: 14 };
    title.alignment = { horizontal: 'center' };
    ws.mergeCells(1, 1, 1, Math.max(1, sheet.headers.length));
    title.commit();
  }
  const header = ws.addRow([...sheet.headers]);
  header.font = { bold: true };
  header.commit();
  return ws;
}
