import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { withDb, type Db } from '../../src/store/db.js';
import { readReportData } from '../../src/report/read-report-data.js';
import { buildModel } from '../../src/report/model.js';
import { writeWorkbook } from '../../src/report/write-xlsx.js';
import { createReportFixture, FORMULA, ROOT_ID, UNSAFE_ID, XSS } from './fixture.js';

let dir: string;
let written = 0;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'yardstick-xlsx-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** results.xlsx of the fixture's 2025, written to a file as the report does, and read back. */
async function writeAndRead(db: Db, lang: 'zh' | 'en'): Promise<ExcelJS.Workbook> {
  const file = join(dir, `results-${written++}.xlsx`);
  await writeWorkbook(buildModel(await readReportData(db, 2025), lang), file);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(file);
  return back;
}

/** The data rows of a sheet (header excluded). */
function dataRows(ws: ExcelJS.Worksheet): ExcelJS.Row[] {
  const rows: ExcelJS.Row[] = [];
  ws.eachRow((r, i) => { if (i > 1) rows.push(r); });
  return rows;
}

describe('results.xlsx', () => {
  it('writes text that looks like a formula as text, never as a formula', async () => {
    await withDb(async (db) => {
      await createReportFixture(db, { analysis: true });
      const back = await writeAndRead(db, 'zh');
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
      const sheet = async (lang: 'zh' | 'en', name: string) => (await writeAndRead(db, lang)).getWorksheet(name)!;
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
      const ws = (await writeAndRead(db, 'zh')).getWorksheet('预警')!;
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

/**
 * What a streaming writer could get wrong: a format set on a cell after its row was committed is
 * lost, the view, columns and autofilter are written with the sheet's head, and a row never
 * committed is dropped. Expected values come from the fixture's tables, not from the writer.
 */
describe('results.xlsx written as a stream', () => {
  const ZH = ['综合得分', '加分扣分与否决', '指标得分', '预警', '数据不足', '文件', '被拒记录'];
  const EN = ['Scores', 'Bonus and veto', 'Indicators', 'Flags', 'Coverage', 'Files', 'Rejects'];

  it('gives each raw value the format of its own metric, row by row, within one column', async () => {
    await withDb(async (db) => {
      await createReportFixture(db, { analysis: true });
      await db.run(`UPDATE tree_nodes SET metric_id = 'attendance_rate' WHERE node_id = 'attendance'`);
      await db.run(`UPDATE tree_nodes SET metric_id = 'collective_study_hours' WHERE node_id = 'hours'`);
      // rates show as percentages, every other metric as a grouped number (format-number.ts)
      const fmtOf: Record<string, string> = { 出勤率: '0.0%', 人均学习时长: '#,##0.0##', 人均学习经费: '#,##0.0##', 学习阵地: '#,##0.0##' };
      const byUnitAndIndicator = (a: unknown[], b: unknown[]) => `${a[0]}\u0000${a[1]}`.localeCompare(`${b[0]}\u0000${b[1]}`);
      const expected = (await db.all<{ unit_id: string; label_zh: string; raw: number }>(`SELECT v.unit_id, t.label_zh, v.raw FROM indicator_values v
        JOIN tree_nodes t ON t.year = v.year AND t.node_id = v.indicator_id WHERE v.year = 2025`))
        .map((r) => [r.unit_id, r.label_zh, r.raw, fmtOf[r.label_zh]]).sort(byUnitAndIndicator);
      const ws = (await writeAndRead(db, 'zh')).getWorksheet('指标得分')!;
      // columns: unit id, unit, dimension, indicator, raw, unit of measure, normalised (column format 0.00)
      const got = dataRows(ws).map((r) => [r.getCell(1).value, r.getCell(4).value, r.getCell(5).value, r.getCell(5).numFmt]);
      expect(got.sort(byUnitAndIndicator)).toEqual(expected);
      expect(new Set(got.map((r) => r[3])).size).toBe(2);
      expect(dataRows(ws).every((r) => r.getCell(7).numFmt === '0.00')).toBe(true);
    });
  });

  it("gives text that starts with = + - @ the text format '@' and stores it as a string, never a formula", async () => {
    await withDb(async (db) => {
      await createReportFixture(db, { analysis: true });
      const names: Record<string, string> = { U1: '=SUM(A1)', U2: '+1', [UNSAFE_ID]: '-1', U5: '@A1' };
      for (const [id, name] of Object.entries(names)) await db.run('UPDATE units SET name = $name WHERE unit_id = $id', { id, name });
      const ws = (await writeAndRead(db, 'zh')).getWorksheet('综合得分')!;
      const nameCell = new Map(dataRows(ws).map((r) => [String(r.getCell(2).value), r.getCell(3)]));
      for (const [id, name] of Object.entries(names)) {
        const c = nameCell.get(id)!;
        expect([c.value, c.type, c.numFmt, c.formula]).toEqual([name, ExcelJS.ValueType.String, '@', undefined]);
      }
      // plain text keeps the general format
      expect(nameCell.get(ROOT_ID)!.numFmt).toBeUndefined();
    });
  });

  it('has every sheet in order, each with a bold frozen header, an autofilter over it and every row', async () => {
    await withDb(async (db) => {
      await createReportFixture(db, { analysis: true });
      const units = (await db.all<{ n: number }>('SELECT count(*)::INT AS n FROM units'))[0].n;
      const indicators = (await db.all<{ n: number }>('SELECT count(*)::INT AS n FROM indicator_values WHERE year = 2025'))[0].n;
      const back = await writeAndRead(db, 'zh');
      expect(back.worksheets.map((w) => w.name)).toEqual(ZH);
      for (const ws of back.worksheets) {
        const width = ws.getRow(1).cellCount;
        expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 1 });
        expect(ws.autoFilter, ws.name).toBe(`A1:${ws.getColumn(width).letter}1`);
        expect(ws.getRow(1).getCell(1).font?.bold, ws.name).toBe(true);
      }
      expect(back.getWorksheet('综合得分')!.rowCount).toBe(units + 1);
      expect(back.getWorksheet('指标得分')!.rowCount).toBe(indicators + 1);
      // widths: unit id 12, unit name 28, others 14 unless set
      expect([1, 2, 3, 5].map((i) => back.getWorksheet('指标得分')!.getColumn(i).width)).toEqual([12, 28, 14, 14]);
    });
  });

  it('has the same sheets in English, with English names and the same rows', async () => {
    await withDb(async (db) => {
      await createReportFixture(db, { analysis: true });
      const [zh, en] = [await writeAndRead(db, 'zh'), await writeAndRead(db, 'en')];
      expect(en.worksheets.map((w) => w.name)).toEqual(EN);
      expect(en.worksheets.map((w) => w.rowCount)).toEqual(zh.worksheets.map((w) => w.rowCount));
      expect(en.getWorksheet('Scores')!.getRow(1).getCell(1).value).toBe('Rank');
    });
  });
});
