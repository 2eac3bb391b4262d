/**
 * Two-level headers (src/ingest/read/find-header.ts): a parent cell over
 * sub-headers lands as `parent/sub`, the data starting below the sub-header row;
 * a row that fills any other column is data, not sub-headers.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import { readSource } from '../../src/ingest/read/index.js';
import { twoLevelHeader } from '../../src/ingest/read/find-header.js';
import { options, put, rowsOf, tempDir } from './read-helpers.js';

const COMBINED = ['单位名称', '姓名', '日期', '出勤情况/出席', '出勤情况/缺席', '出勤情况/请假', '备注'];

describe('twoLevelHeader', () => {
  it('combines a parent followed by blanks with the sub-headers under it', () => {
    expect(twoLevelHeader(['单位名称', '姓名', '日期', '出勤情况', null, null, '备注'], [null, null, null, '出席', '缺席', '请假', null])).toEqual(COMBINED);
    // A group at the end: the width comes from the sub-header row.
    expect(twoLevelHeader(['姓名', '出勤情况'], ['', '出席', '缺席'])).toEqual(['姓名', '出勤情况/出席', '出勤情况/缺席']);
  });

  it('leaves a header alone when the row below is data or has a hole under a parent', () => {
    const top = ['单位名称', '姓名', '出勤情况', '', ''];
    expect(twoLevelHeader(top, ['一支部', '张三', '√', '', ''])).toBeUndefined(); // fills 单位名称: data
    expect(twoLevelHeader(top, ['', '', '出席', '', '请假'])).toBeUndefined(); // a hole under the parent
    expect(twoLevelHeader(['单位名称', '姓名', '日期'], ['', '', ''])).toBeUndefined(); // no parent at all
    expect(twoLevelHeader(top, undefined)).toBeUndefined();
  });
});

describe('readSource: two-level headers', () => {
  it('CSV: parent followed by blank cells, sub-headers on the next line', async () => {
    const text = [
      '2025年度学习考勤登记表,,,,,,',
      '单位名称,姓名,日期,出勤情况,,,备注',
      ',,,出席,缺席,请假,',
      '一支部,张三,2025-03-05,√,,,',
      '一支部,李四,2025-03-05,,,√,病假',
    ].join('\r\n') + '\r\n';
    const f = put(tempDir(), 'two.csv', text);
    await withDb(async (db) => {
      const { tables: [t] } = await readSource(db, f, options());
      expect(t.headers).toEqual(COMBINED);
      expect(t.headerRow).toBe(3);
      expect(await rowsOf(db, t.table)).toEqual([
        { row: 4, cells: ['一支部', '张三', '2025-03-05', '√', null, null, null] },
        { row: 5, cells: ['一支部', '李四', '2025-03-05', null, null, '√', '病假'] },
      ]);
    });
  });

  it('CSV: a one-level header whose first data row has blanks stays one-level', async () => {
    const f = put(tempDir(), 'one.csv', '单位名称,姓名,日期,出勤情况,,\n一支部,张三,2025-03-05,出席,,\n');
    await withDb(async (db) => {
      const { tables: [t] } = await readSource(db, f, options());
      expect(t.headers).toEqual(['单位名称', '姓名', '日期', '出勤情况']);
      expect(t.headerRow).toBe(1);
      expect(await rowsOf(db, t.table)).toEqual([{ row: 2, cells: ['一支部', '张三', '2025-03-05', '出席'] }]);
    });
  });

  it('XLSX: merged parent (D2:F2) and vertically merged one-level headers (A2:A3)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('考勤');
    ws.getCell('A1').value = '2025年度学习考勤登记表';
    ws.mergeCells('A1:G1');
    ws.getRow(2).values = ['单位名称', '姓名', '日期', '出勤情况', null, null, '备注'];
    ws.getRow(3).values = [null, null, null, '出席', '缺席', '请假'];
    for (const col of ['A', 'B', 'C', 'G']) ws.mergeCells(`${col}2:${col}3`);
    ws.mergeCells('D2:F2');
    ws.getRow(4).values = ['一支部', '张三', '2025-03-05', '√'];
    ws.getRow(5).values = ['一支部', '李四', '2025-03-05', null, null, '√', '病假', '多出来的'];
    const f = join(tempDir(), 'two.xlsx');
    await wb.xlsx.writeFile(f);
    await withDb(async (db) => {
      const { tables: [t] } = await readSource(db, f, options());
      expect(t.headers).toEqual(COMBINED);
      expect(t.headerRow).toBe(3);
      expect(await rowsOf(db, t.table)).toEqual([
        { row: 4, cells: ['一支部', '张三', '2025-03-05', '√', null, null, null] },
        { row: 5, cells: ['一支部', '李四', '2025-03-05', null, null, '√', '病假'], extra: '多出来的' },
      ]);
    });
  });
});
