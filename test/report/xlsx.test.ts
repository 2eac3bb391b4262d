import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { withDb } from '../../src/store/db.js';
import { readReportData } from '../../src/report/read-report-data.js';
import { buildModel } from '../../src/report/model.js';
import { buildWorkbook } from '../../src/report/write-xlsx.js';
import { createReportFixture, FORMULA, XSS } from './fixture.js';

describe('results.xlsx', () => {
  it('writes text that looks like a formula as text, never as a formula', async () => {
    await withDb(async (db) => {
      await createReportFixture(db, { analysis: true });
      const wb = await buildWorkbook(buildModel(await readReportData(db, 2025), 'zh'));
      const buf = await wb.xlsx.writeBuffer();
      const back = new ExcelJS.Workbook();
      await back.xlsx.load(buf as ArrayBuffer);
      expect(back.worksheets.map((w) => w.name)).toEqual(['综合得分', '加分扣分与否决', '指标得分', '预警', '数据不足', '文件', '被拒记录']);
      const scores = back.getWorksheet('综合得分')!;
      expect(scores.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const cells: ExcelJS.Cell[] = [];
      back.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(c))));
      const formulaCells = cells.filter((c) => c.value === FORMULA);
      expect(formulaCells.length).toBeGreaterThan(1);
      for (const c of formulaCells) {
        expect(c.type).toBe(ExcelJS.ValueType.String);
        expect(c.formula).toBeUndefined();
      }
      expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
      expect(cells.some((c) => c.value === XSS)).toBe(true);
      const score = scores.getRow(2).getCell(8); // rank, id, name, type, weighted, bonus, deduction, composite
      expect(typeof score.value).toBe('number');
      expect(score.numFmt).toBe('0.00');
    });
  });
});
