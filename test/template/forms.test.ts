import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SESSION_TYPES } from '../../src/domain/vocab.js';
import { COUNTED_SESSION_TYPES } from '../../src/domain/session-types.js';
import { COLUMNS } from '../../src/domain/kinds.js';
import { templateKinds, writeTemplates } from '../../src/template/index.js';
import { formColumns } from '../../src/template/form-columns.js';

type Validation = { type: string; operator?: string; formulae: unknown[] };
const validations = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { dataValidations: { model: Record<string, Validation> } }).dataValidations.model;

describe('fill-in forms', () => {
  it('offer only session types the metrics count (src/domain/session-types.ts)', () => {
    for (const t of SESSION_TYPES) expect(COUNTED_SESSION_TYPES, t).toContain(t);
  });

  it('ask for every required column of each kind under its canonical header', () => {
    for (const kind of templateKinds('all')) {
      const headers = formColumns(kind).map((c) => c.header);
      for (const c of COLUMNS[kind].filter((x) => x.required)) expect(headers, `${kind}.${c.name}`).toContain(c.zh);
    }
  });

  it('without a pipeline: a blank unit list the dropdown reads, dates bound to the year', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yardstick-forms-'));
    try {
      const r = await writeTemplates('attendance', { year: 2024, out: dir });
      expect(r).toMatchObject({ units: 0, unitSource: 'none' });
      expect(r.files).toEqual([join(dir, '2024年学习考勤填报模板.xlsx')]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(r.files[0]);
      const ws = wb.worksheets[0];
      expect(ws.name).toBe('学习考勤');
      expect((ws.getRow(1).values as string[]).slice(1)).toEqual(
        ['单位名称', '人员编号', '姓名', '日期', '学习形式', '学习内容', '时长（小时）', '出勤情况', '主讲人', '联学单位']);
      const v = validations(ws);
      expect(v.A2).toMatchObject({ type: 'list', formulae: ["'单位名单'!$A$2:$A$501"] });
      expect(v.A10001).toBeDefined();
      expect(v.D2.type).toBe('date');
      expect(v.D2.formulae.map((d) => (d as Date).toISOString().slice(0, 10))).toEqual(['2024-01-01', '2024-12-31']);
      expect(v.G2).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 24] });
      expect(v.H2).toMatchObject({ type: 'list', formulae: ['"出席,缺席,请假"'] });
      expect(v.C2).toBeUndefined(); // a name is free text
      const units = wb.getWorksheet('单位名单')!;
      expect(units.rowCount).toBe(1);
      const notes = wb.getWorksheet('填表说明')!.getColumn(1).values.join('\n');
      expect(notes).toContain('请先在“单位名单”工作表 A 列第 2 行起填入');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown kind, naming the kinds there are', () => {
    expect(() => templateKinds('attendence')).toThrow(/unknown kind “attendence” \(use all or one of units, unit_registry/);
  });
});
