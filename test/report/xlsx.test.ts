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

describe('results.xlsx indicators and flags', () => {
  it('names indicators in words in Chinese (ids only in English), with the unit of measure and rates as percentages', async () => {
    await withDb(async (db) => {
      await createReportFixture(db, { analysis: true });
      // the fixture's attendance indicator measures the attendance rate (a fraction), hours are hours per member-month
      await db.run(`UPDATE tree_nodes SET metric_id = 'attendance_rate' WHERE node_id = 'attendance'`);
      await db.run(`UPDATE tree_nodes SET metric_id = 'collective_study_hours' WHERE node_id = 'hours'`);
      const sheet = async (lang: 'zh' | 'en', name: string) => {
        const back = new ExcelJS.Workbook();
        await back.xlsx.load(await (await buildWorkbook(buildModel(await readReportData(db, 2025), lang))).xlsx.writeBuffer() as ArrayBuffer);
        return back.getWorksheet(name)!;
      };
      const zh = await sheet('zh', '指标得分');
      const head = (zh.getRow(1).values as unknown[]).slice(1);
      expect(head.slice(0, 7)).toEqual(['单位编号', '单位', '维度', '指标', '原始值', '计量单位', '标准化得分']);
      const rows: ExcelJS.Row[] = [];
      zh.eachRow((r, i) => { if (i > 1) rows.push(r); });
      const u1 = (indicator: string) => rows.find((r) => r.getCell(1).value === 'U1' && r.getCell(4).value === indicator)!;
      // U1's attendance: normalised 85, raw 8.5 in the fixture
      expect([u1('出勤率').getCell(5).value, u1('出勤率').getCell(5).numFmt, u1('出勤率').getCell(6).value]).toEqual([8.5, '0.0%', '%']);
      expect(u1('人均学习时长').getCell(6).value).toBe('小时/人·月');
      expect(u1('人均学习经费').getCell(6).value).toBe(null);
      const en = await sheet('en', 'Indicators');
      expect((en.getRow(1).values as unknown[]).slice(1, 8)).toEqual(['Unit id', 'Unit', 'Dimension', 'Indicator id', 'Indicator', 'Raw', 'Unit of measure']);
    });
  });

  it('gives a flag\'s value and reference the format of what they measure', async () => {
    await withDb(async (db) => {
      await createReportFixture(db, { analysis: true });
      const back = new ExcelJS.Workbook();
      await back.xlsx.load(await (await buildWorkbook(buildModel(await readReportData(db, 2025), 'zh'))).xlsx.writeBuffer() as ArrayBuffer);
      const ws = back.getWorksheet('预警')!;
      const head = (ws.getRow(1).values as unknown[]).slice(1);
      const [v, ref] = [head.indexOf('数值') + 1, head.indexOf('参照值') + 1];
      expect(v).toBeGreaterThan(0);
      const byRule = new Map<string, ExcelJS.Row>();
      ws.eachRow((r, i) => { if (i > 1) byRule.set(String(r.getCell(head.indexOf('规则') + 1).value), r); });
      // a red line on 元 per member: its own unit's format; a score rule: points to one decimal
      expect([byRule.get('未达红线 · 人均学习经费')!.getCell(v).numFmt, byRule.get('未达红线 · 人均学习经费')!.getCell(ref).value]).toEqual(['#,##0.0##', 80]);
      expect(byRule.get('明显低于同类')!.getCell(v).numFmt).toBe('0.0');
    });
  });
});
