/**
 * A branch fills every form the way Excel lets it (values from the forms' own dropdowns, dates
 * in the year, numbers in range), the office ingests them with the real ingest: zero rejects,
 * and exactly the rows filled in, with each coded value mapped as ../shared/domain/metrics.md
 * says (expected mappings written out here by hand, not taken from the code).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, loadPipeline, openDb, type IngestSummary } from '../../src/index.js';
import { writeTemplates, BRANCH_KINDS } from '../../src/template/index.js';

const YEAR = 2025;
const UNITS = [['U1', '第一支部'], ['U2', '第二支部'], ['U3', '第三支部']];
const PEOPLE = [['P01', '张三', 'U1'], ['P02', '李四', 'U1'], ['P03', '王五', 'U2'], ['P04', '赵六', 'U2'], ['P05', '钱七', 'U3'], ['P06', '孙八', 'U3']];
const unitName = (id: string) => UNITS.find((u) => u[0] === id)![1];

// Written from the metric contract's value tables, not from the code.
const STATUS: Record<string, string> = { 出席: 'present', 缺席: 'absent', 请假: 'leave' };
const LEVEL: Record<string, string> = { 国家级: 'national', 省级: 'provincial', 市级: 'city', 内部: 'internal' };
const ADOPTION: Record<string, string> = { 总行: 'national', 省级: 'provincial', 市级: 'city', 县级: 'county', 未采纳: 'none' };

type Validation = { type: string; formulae: (string | number | Date)[] };
type Cell = string | number | Date | null;

/** The dropdown values of each header, read back from the written workbook. */
function dropdowns(ws: ExcelJS.Worksheet): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const model = (ws as unknown as { dataValidations: { model: Record<string, Validation> } }).dataValidations.model;
  ws.getRow(1).eachCell((cell, col) => {
    const v = model[`${ws.getColumn(col).letter}2`];
    if (v?.type === 'list' && String(v.formulae[0]).startsWith('"')) out.set(String(cell.value), String(v.formulae[0]).slice(1, -1).split(','));
  });
  return out;
}

/** Row i of a form: list columns cycle through their dropdown so every value is used. */
function fillRow(kind: string, header: string, lists: Map<string, string[]>, i: number): Cell {
  const person = PEOPLE[i % PEOPLE.length];
  const list = lists.get(header);
  if (list) return list[i % list.length];
  const date = new Date(Date.UTC(YEAR, 2, 1 + i));
  switch (header) {
    case '单位名称': return kind === 'unit_profile' ? UNITS[i][1] : unitName(person[2]);
    case '人员编号': return person[0];
    case '姓名': case '作者': case '执笔人': return person[1];
    case '日期': case '考试日期': case '发表时间': case '完成时间': return date;
    case '转入日期': return new Date(Date.UTC(2020, 0, 1 + i));
    case '年度': return YEAR;
    case '时长（小时）': return 1.5;
    case '成绩': return 80 + i;
    case '满分': return 100;
    case '及格线': return 60;
    case '考试次数': return 1;
    case '转出日期': case '联学单位': return null;
    default: return kind === 'unit_profile' ? 10 + i : `${header}${i + 1}`;
  }
}

const ROWS: Record<string, number> = { members: PEOPLE.length, unit_profile: UNITS.length };

describe('collection templates', () => {
  let dir: string;
  let summary: IngestSummary;
  const filled: Record<string, Cell[][]> = {};
  const headersOf: Record<string, string[]> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yardstick-template-'));
    writeFileSync(join(dir, 'units.csv'), `单位编码,单位名称\n${UNITS.map((u) => u.join(',')).join('\n')}\n`);
    const sources = BRANCH_KINDS.map((k) => `  - kind: ${k}\n    files: "forms/*${k}*.xlsx"`).join('\n');
    writeFileSync(join(dir, 'pipeline.yaml'),
      `database: ${dir}/db.duckdb\ndata: ${dir}\nreports: ${dir}/reports\nsources:\n  - kind: units\n    files: units.csv\n${sources}\n`);
    const pipeline = loadPipeline(join(dir, 'pipeline.yaml'));
    // The unit list comes from the unit-list file (no database yet).
    mkdirSync(join(dir, 'forms'));
    const forms = await writeTemplates('all', { year: YEAR, out: join(dir, 'blank'), pipeline });
    expect(forms.unitSource).toBe('files');
    expect(forms.units).toBe(3);
    for (const [k, file] of BRANCH_KINDS.map((k, i) => [k, forms.files[i]])) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.worksheets[0];
      expect(wb.worksheets.map((w) => w.name)).toEqual([ws.name, '填表说明', '单位名单']);
      expect(wb.getWorksheet('单位名单')!.getColumn(1).values.slice(2)).toEqual(UNITS.map((u) => u[1]));
      const headers = (ws.getRow(1).values as string[]).slice(1);
      const lists = dropdowns(ws);
      const n = ROWS[k] ?? Math.max(PEOPLE.length, ...[...lists.values()].map((l) => l.length));
      filled[k] = Array.from({ length: n }, (_, i) => headers.map((h) => fillRow(k, h, lists, i)));
      headersOf[k] = headers;
      for (const row of filled[k]) ws.addRow(row);
      await wb.xlsx.writeFile(join(dir, 'forms', `form-${k}.xlsx`));
    }
    summary = await ingest(pipeline);
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function query<T>(sql: string): Promise<T[]> {
    const db = await openDb(`${dir}/db.duckdb`, {});
    try {
      return await db.all<T>(sql);
    } finally {
      db.close();
    }
  }

  it('loads every filled row of every form with zero rejects', async () => {
    expect(await query('SELECT * FROM rejects')).toEqual([]);
    const manifest = await query<{ kind: string; rows_read: number; rows_loaded: number }>(
      `SELECT kind, rows_read, rows_loaded FROM manifest WHERE kind <> 'units' ORDER BY kind`);
    expect(manifest).toEqual(BRANCH_KINDS.map((k) => ({ kind: k, rows_read: filled[k].length, rows_loaded: filled[k].length }))
      .sort((a, b) => a.kind.localeCompare(b.kind)));
    expect(summary.totals.rejected).toBe(0);
    // No notes: the forms' side sheets (instructions, unit list) hold no data by design.
    expect(summary.issues).toEqual([]);
  });

  it('attendance: every session type and status of the dropdowns, as filled', async () => {
    const rows = await query<{ unit_id: string; date: Date; session_type: string; hours: number; status: string }>(
      'SELECT unit_id, date, session_type, hours, status FROM attendance ORDER BY source_row');
    expect(rows.map((r) => [r.unit_id, r.date.toISOString().slice(0, 10), r.session_type, r.hours, r.status])).toEqual(
      filled.attendance.map((_, i) => {
        const person = PEOPLE[i % PEOPLE.length];
        const [session, status] = [attendanceCell(i, '学习形式'), attendanceCell(i, '出勤情况')];
        return [person[2], `2025-03-${String(1 + i).padStart(2, '0')}`, session, 1.5, STATUS[status]];
      }));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['present', 'absent', 'leave']));
  });

  it('publications and research reports: every level and adoption level of the dropdowns, mapped', async () => {
    const pubs = await query<{ level: string }>('SELECT level FROM publications ORDER BY source_row');
    expect(pubs.map((p) => p.level)).toEqual(filled.publications.map((_, i) => LEVEL[cell('publications', i, '刊物级别')]));
    expect(new Set(pubs.map((p) => p.level)).size).toBe(4);
    const reps = await query<{ adoption_level: string; is_leader: boolean }>('SELECT adoption_level, is_leader FROM research_reports ORDER BY source_row');
    expect(reps.map((r) => [r.adoption_level, r.is_leader])).toEqual(filled.research_reports.map((_, i) =>
      [ADOPTION[cell('research_reports', i, '采纳层级')], cell('research_reports', i, '是否领导干部') === '是']));
    expect(new Set(reps.map((r) => r.adoption_level)).size).toBe(5);
  });

  it('exams, roster and profile: the filled values', async () => {
    const exams = await query<{ unit_id: string; exam: string; score: number; full_mark: number; pass_mark: number; attempt: number }>(
      'SELECT unit_id, exam, score, full_mark, pass_mark, attempt FROM exams ORDER BY source_row');
    expect(exams).toEqual(filled.exams.map((_, i) => ({
      unit_id: PEOPLE[i % PEOPLE.length][2], exam: `考试名称${i + 1}`, score: 80 + i, full_mark: 100, pass_mark: 60, attempt: 1 })));
    const members = await query<{ unit_id: string; from_date: Date; to_date: Date | null }>('SELECT unit_id, from_date, to_date FROM members ORDER BY source_row');
    expect(members.map((m) => [m.unit_id, m.from_date.toISOString().slice(0, 10), m.to_date])).toEqual(
      PEOPLE.map((p, i) => [p[2], `2020-01-0${1 + i}`, null]));
    const profile = await query<{ unit_id: string; metric: string; value: number }>(
      `SELECT unit_id, metric, value FROM unit_profile WHERE metric IN ('members', 'has_study_plan', 'deduction_points') ORDER BY unit_id, metric`);
    expect(profile).toEqual([0, 1, 2].flatMap((i) => [
      { unit_id: UNITS[i][0], metric: 'deduction_points', value: 10 + i },
      { unit_id: UNITS[i][0], metric: 'has_study_plan', value: i % 2 === 0 ? 1 : 0 },
      { unit_id: UNITS[i][0], metric: 'members', value: 10 + i },
    ]));
  });

  function cell(kind: string, row: number, header: string): string {
    return String(filled[kind][row][headersOf[kind].indexOf(header)]);
  }
  const attendanceCell = (row: number, header: string) => cell('attendance', row, header);
});
