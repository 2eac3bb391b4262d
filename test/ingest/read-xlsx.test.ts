import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import type { Db } from '../../src/store/db.js';
import { readSource, type ReadOptions } from '../../src/ingest/read/index.js';
import { cellText } from '../../src/ingest/read/xlsx-cell.js';
import { readZipTotals } from '../../src/ingest/read/zip-directory.js';
import { toZip64 } from '../helpers/zip64.js';
import { issueOf, options, put, rowsOf, tempDir } from './read-helpers.js';

const HEADER = ['单位名称', '姓名', '日期', '学习形式', '时长（小时）', '出勤情况'];
let book: string;

/** The relations read (the contract's `tables`). */
const read = async (db: Db, file: string, o: ReadOptions) => (await readSource(db, file, o)).tables;

/** Sheet 考勤: merged title, header on row 3, typed cells; sheet 考试: header on row 1; sheet 说明: no header. */
async function writeBook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet('考勤');
  a.getCell('A1').value = '2025年度学习考勤登记表';
  a.mergeCells('A1:F1');
  a.getCell('A2').value = '填报单位：第一党支部';
  a.getRow(3).values = HEADER;
  a.getRow(4).values = ['一支部', { richText: [{ text: '张' }, { text: '三', font: { bold: true } }] }, new Date(Date.UTC(2025, 2, 5)), '集中学习', 2.5, true];
  a.getCell('C4').numFmt = 'yyyy-mm-dd';
  a.getRow(5).values = ['一支部', '李四', 45000, { formula: '"自"&"学"', result: '自学' }, { formula: '1+1', result: 2 }, { error: '#N/A' }];
  a.getRow(6).values = ['二支部', { text: '王五', hyperlink: 'https://example.org' }, new Date(Date.UTC(2025, 2, 6, 14, 30)), null, null, false];
  a.getCell('C6').numFmt = 'yyyy-mm-dd hh:mm';
  a.mergeCells('A7:A8');
  a.getCell('A7').value = '三支部';
  a.getCell('B7').value = '赵六';
  a.getCell('B8').value = '钱七';
  a.getCell('H8').value = '备注';
  const b = wb.addWorksheet('考试');
  b.addRow(['单位名称', '姓名', '考试名称', '成绩', '满分']);
  b.addRow(['一支部', '张三', '党章测试', 95, 100]);
  wb.addWorksheet('说明').addRow(['填表说明：每月5日前报送']);
  await wb.xlsx.writeFile(path);
}

beforeAll(async () => {
  book = join(tempDir(), '考勤.xlsx');
  await writeBook(book);
});

describe('readSource: XLSX', () => {
  it('lands each sheet with a header; values as text; source_row is the Excel row', async () => {
    await withDb(async (db) => {
      const { tables, warnings } = await readSource(db, book, options());
      expect(tables.map((t) => [t.sheet, t.headerRow, t.rows, t.encoding])).toEqual([
        ['考勤', 3, 5, 'xlsx'],
        ['考试', 1, 1, 'xlsx'],
      ]);
      expect(tables[0].headers).toEqual(HEADER); // H8 lies beyond the header: its row's `extra`
      expect(await rowsOf(db, tables[0].table)).toEqual([
        { row: 4, cells: ['一支部', '张三', '2025-03-05', '集中学习', '2.5', 'TRUE'] },
        { row: 5, cells: ['一支部', '李四', '45000', '自学', '2', '#N/A'] },
        { row: 6, cells: ['二支部', '王五', '2025-03-06 14:30:00', null, null, 'FALSE'] },
        // A7:A8 merged: the value sits in the top-left cell only.
        { row: 7, cells: ['三支部', '赵六', null, null, null, null] },
        { row: 8, cells: [null, '钱七', null, null, null, null], extra: '备注' },
      ]);
      expect(await rowsOf(db, tables[1].table)).toEqual([{ row: 2, cells: ['一支部', '张三', '党章测试', '95', '100'] }]);
      expect(warnings.map((w) => [w.code, w.message.includes('说明')])).toEqual([['sheet_skipped', true]]);
    });
  });

  it('reads a workbook written in ZIP64 form (as some export libraries always do) like any other', async () => {
    const z64 = put(tempDir(), '考勤.xlsx', toZip64(readFileSync(book)));
    await withDb(async (db) => {
      const plain = await read(db, book, options({ tablePrefix: 'a' }));
      const wide = await read(db, z64, options({ tablePrefix: 'b' }));
      expect(await readZipTotals(z64)).toEqual(await readZipTotals(book));
      expect(wide.map((t) => [t.sheet, t.headerRow, t.rows])).toEqual(plain.map((t) => [t.sheet, t.headerRow, t.rows]));
      expect(await rowsOf(db, wide[0].table)).toEqual(await rowsOf(db, plain[0].table));
    });
  });

  it('reads only the sheets asked for, and names the sheets present when one is missing', async () => {
    await withDb(async (db) => {
      const tables = await read(db, book, options({ sheets: ['考试'] }));
      expect(tables.map((t) => t.sheet)).toEqual(['考试']);
      const issue = await issueOf(readSource(db, book, options({ sheets: ['考勤', '三月'] })), 'unknown_sheet');
      expect(issue.message).toContain('三月');
      expect(issue.message).toContain('考勤, 考试, 说明');
      await issueOf(readSource(db, book, options({ sheets: ['说明'] })), 'no_header');
    });
  });

  it('skips a fill-in form\'s side sheets without a note, and loads one someone filled with a table', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('考试').addRows([['单位名称', '姓名', '考试名称', '成绩', '满分'], ['一支部', '张三', '党章测试', 95, 100]]);
    wb.addWorksheet('填表说明').addRow(['1. 每行填写一名人员的一次考试。']);
    wb.addWorksheet('单位名单').addRows([['单位名称'], ['一支部']]);
    const f = join(tempDir(), 'form.xlsx');
    await wb.xlsx.writeFile(f);
    wb.getWorksheet('单位名单')!.addRows([['单位名称', '姓名', '考试名称', '成绩'], ['二支部', '李四', '党章测试', 90]]);
    const filled = join(tempDir(), 'form-filled.xlsx');
    await wb.xlsx.writeFile(filled);
    await withDb(async (db) => {
      const r = await readSource(db, f, options({ tablePrefix: 'a' }));
      expect([r.tables.map((t) => t.sheet), r.warnings]).toEqual([['考试'], []]);
      const g = await readSource(db, filled, options({ tablePrefix: 'b' }));
      expect(g.tables.map((t) => t.sheet)).toEqual(['考试', '单位名单']);
    });
  });

  it('reads a workbook again when its zip entries ended before workbook.xml; a file without one is damaged', async () => {
    // exceljs now and then ends the entries early (read-xlsx.ts, WorkbookCutShort): simulated by not
    // reading workbook.xml, once and then always.
    const proto = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as { _parseWorkbook(entry: unknown): Promise<void> };
    const original = proto._parseWorkbook;
    let skips = 1;
    proto._parseWorkbook = async function (this: unknown, entry: unknown) {
      if (skips-- > 0) return; // left unread, as when the entries end early
      return original.call(this, entry);
    };
    try {
      await withDb(async (db) => {
        const once = await read(db, book, options({ tablePrefix: 'a' }));
        expect(once.map((t) => [t.table, t.sheet, t.rows])).toEqual([['a_raw0', '考勤', 5], ['a_raw1', '考试', 1]]);
        skips = Infinity;
        await issueOf(readSource(db, book, options({ tablePrefix: 'b' })), 'xlsx_corrupt');
        const left = await db.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE 'b_raw%'`);
        expect(left).toEqual([{ n: 0 }]);
      });
    } finally {
      proto._parseWorkbook = original;
    }
  });

  it('throws no_header when no sheet has a header', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('A').addRow(['hello', 'world']);
    const f = join(tempDir(), 'none.xlsx');
    await wb.xlsx.writeFile(f);
    await withDb(async (db) => {
      const issue = await issueOf(readSource(db, f, options()), 'no_header');
      expect(issue.message).toContain('"A"');
    });
  });

  it('enforces max_rows_per_sheet and max_cell_chars with sheet, row and column', async () => {
    await withDb(async (db) => {
      const rows = await issueOf(readSource(db, book, options({ limits: { max_cell_chars: 100, max_rows_per_sheet: 2, max_xlsx_uncompressed_mb: 10 } })), 'limit_rows');
      expect(rows.message).toContain('max_rows_per_sheet = 2');
      const cell = await issueOf(readSource(db, book, options({ limits: { max_cell_chars: 3, max_rows_per_sheet: 100, max_xlsx_uncompressed_mb: 10 } })), 'limit_cell_chars');
      expect(cell).toMatchObject({ file: book, row: 4, column: '日期' }); // '2025-03-05' is the first cell over 3 chars
      expect(cell.message).toContain('工作表“考勤”');
      expect(cell.message).toContain('max_cell_chars = 3');
      expect(await db.all(`SELECT * FROM duckdb_tables()`)).toEqual([]); // nothing left behind
    });
  });
});

/** A zip whose central directory claims `sizes` uncompressed bytes (nothing real inside); 0xFFFFFFFF: `zip64Size` in a ZIP64 extra field. */
function fakeZip(sizes: number[], zip64Size = 0): Buffer {
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  const entries = sizes.map((size, i) => {
    const name = Buffer.from(`xl/worksheets/sheet${i + 1}.xml`);
    const e = Buffer.alloc(46);
    e.writeUInt32LE(0x02014b50, 0);
    e.writeUInt32LE(1000, 20); // compressed
    e.writeUInt32LE(size, 24); // uncompressed
    e.writeUInt16LE(name.length, 28);
    if (size !== 0xffffffff) return Buffer.concat([e, name]);
    const extra = Buffer.alloc(12);
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(8, 2);
    extra.writeBigUInt64LE(BigInt(zip64Size), 4);
    e.writeUInt16LE(extra.length, 30);
    return Buffer.concat([e, name, extra]);
  });
  const dir = Buffer.concat(entries);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(sizes.length, 8);
  eocd.writeUInt16LE(sizes.length, 10);
  eocd.writeUInt32LE(dir.length, 12);
  eocd.writeUInt32LE(local.length, 16);
  return Buffer.concat([local, dir, eocd]);
}

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

describe('readSource: files that cannot be read', () => {
  it('refuses a zip bomb from its central directory, before inflating', async () => {
    const f = put(tempDir(), 'bomb.xlsx', fakeZip([0xfff00000, 0xfff00000]));
    await withDb(async (db) => {
      const issue = await issueOf(readSource(db, f, options()), 'limit_xlsx_uncompressed');
      expect(issue.message).toContain('max_xlsx_uncompressed_mb = 1024');
      expect(issue.message).toContain('8190 MB') // 2 × 0xfff00000 bytes;
      // The same from ZIP64 sizes: 0xFFFFFFFF in the directory, 5 GiB in the extra field.
      const z64 = put(tempDir(), 'z64.xlsx', fakeZip([0xffffffff], 5 * 2 ** 30));
      expect((await issueOf(readSource(db, z64, options()), 'limit_xlsx_uncompressed')).message).toContain('5120 MB');
    });
  });

  it('explains old .xls, encrypted .xlsx and other formats', async () => {
    const dir = tempDir();
    const encrypted = Buffer.concat([OLE2, Buffer.alloc(512), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.alloc(64)]);
    const cases: [string, Buffer | string, string, string][] = [
      ['old.xls', Buffer.concat([OLE2, Buffer.alloc(512)]), 'xls_format', '另存为 .xlsx'],
      ['renamed.xlsx', Buffer.concat([OLE2, Buffer.alloc(512)]), 'xls_format', 'save as .xlsx'],
      ['locked.xlsx', encrypted, 'xlsx_encrypted', 'remove the password'],
      ['sheet.ods', fakeZip([10]), 'unsupported_format', '".ods"'],
      ['scan.pdf', '%PDF-1.4', 'unsupported_format', '".pdf"'],
      ['book.csv', fakeZip([10]), 'xlsx_named_as_text', 'rename it to .xlsx'],
      ['broken.xlsx', 'not a zip', 'xlsx_corrupt', 'not a zip archive'],
    ];
    await withDb(async (db) => {
      for (const [name, content, code, text] of cases) {
        const f = put(dir, name, content);
        const issue = await issueOf(readSource(db, f, options()), code);
        expect(issue.file).toBe(f);
        expect(issue.message).toContain(text);
      }
      await issueOf(readSource(db, join(dir, 'missing.csv'), options()), 'file_not_found');
    });
  });
});

describe('cellText', () => {
  it('renders exceljs values as text, dates in UTC', () => {
    expect(cellText(new Date(Date.UTC(2024, 11, 31)))).toBe('2024-12-31');
    expect(cellText(new Date(Date.UTC(2024, 0, 1, 8, 0, 0, 999)))).toBe('2024-01-01 08:00:01');
    expect(cellText({ formula: 'A1', result: NaN })).toBe('#ERROR');
    expect(cellText({ formula: 'A1' })).toBeNull();
    expect(cellText({ sharedFormula: 'A1', result: 'x' })).toBe('x');
    expect(cellText('')).toBeNull();
    expect(cellText(0)).toBe('0');
  });
});
