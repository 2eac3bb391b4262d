/** Which sheets of a workbook are read: hidden and very hidden ones only when listed under `sheets:`. */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import { readSource } from '../../src/ingest/read/index.js';
import { options, rowsOf, tempDir } from './read-helpers.js';

const HEADER = ['单位名称', '姓名', '日期', '学习形式', '出勤情况'];
let book: string;

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  const add = (name: string, state: 'visible' | 'hidden' | 'veryHidden', who: string) => {
    const ws = wb.addWorksheet(name, { state });
    ws.addRow(HEADER);
    ws.addRow(['一支部', who, '2025-03-05', '集中学习', '出席']);
  };
  add('考勤', 'visible', '张三');
  add('旧表', 'hidden', '李四');
  add('备份', 'veryHidden', '王五');
  book = join(tempDir(), 'hidden.xlsx');
  await wb.xlsx.writeFile(book);
});

describe('readSource: hidden sheets', () => {
  it('skips hidden and very hidden sheets with a warning naming each (zh / en)', async () => {
    await withDb(async (db) => {
      const { tables, warnings } = await readSource(db, book, options());
      expect(tables.map((t) => t.sheet)).toEqual(['考勤']);
      expect((await rowsOf(db, tables[0].table)).map((r) => r.cells[1])).toEqual(['张三']);
      expect(warnings.map((w) => [w.code, w.severity, w.file])).toEqual([['sheet_hidden', 'warning', book], ['sheet_hidden', 'warning', book]]);
      expect(warnings[0].message).toBe('已跳过隐藏的工作表“旧表”；如需读取，请在数据源的 sheets: 中列出它 / skipped hidden sheet "旧表"; list it under the source\'s sheets: to read it');
      expect(warnings[1].message).toContain('深度隐藏的工作表“备份”');
      expect(warnings[1].message).toContain('very hidden sheet "备份"');
    });
  });

  it('reads a hidden sheet listed under sheets:, without a warning', async () => {
    await withDb(async (db) => {
      const { tables, warnings } = await readSource(db, book, options({ sheets: ['考勤', '备份'] }));
      expect(tables.map((t) => t.sheet)).toEqual(['考勤', '备份']);
      expect((await rowsOf(db, tables[1].table)).map((r) => r.cells[1])).toEqual(['王五']);
      expect(warnings).toEqual([]);
    });
  });
});
