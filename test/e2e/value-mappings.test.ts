/**
 * Every value mapping of ../shared/domain/metrics.md, value by value, through `ingest` and the
 * metrics stage of `score`: attendance statuses (with bracketed notes, full-width forms and
 * spaces), hours as written (2小时, 90分钟, 1.5h, full-width), publication levels and their
 * weights, adoption levels and their points, and the pass-mark boundary of exams. The
 * expected value of each row is written next to it, from the contract's tables.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, loadPipeline, openDb, type Db } from '../../src/index.js';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';

const TOL = 1e-9;
const csv = (rows: string[][]) => '\ufeff' + rows.map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';

// metrics.md § Attendance statuses: every accepted value, as an office may type it
const STATUSES: [string, 'present' | 'absent' | 'leave'][] = [
  ...['是', '出席', '出勤', '到', '参加', '√', '✓', '✔', '☑', 'Y', 'yes', '1', '迟到', '补学'].map((w) => [w, 'present'] as [string, 'present']),
  ...['否', '缺席', '缺勤', '未到', '无故缺席', '×', '✗', '✘', '○', 'N', 'no', '0'].map((w) => [w, 'absent'] as [string, 'absent']),
  ...['请假', '病假', '事假', '公假', '公出'].map((w) => [w, 'leave'] as [string, 'leave']),
  // trimmed, full-width → half-width, any case for Y/yes/N/no
  ['　出席　', 'present'], [' 缺席 ', 'absent'], ['Ｙ', 'present'], ['ｎｏ', 'absent'], ['YES', 'present'], ['No', 'absent'],
  // one accepted value plus a bracketed note takes that value's status
  ['✓(补学)', 'present'], ['请假（病）', 'leave'], ['出席(迟到10分钟)', 'present'], ['×（出差）', 'absent'],
];
// any other value is a rejected row, never guessed
const UNKNOWN_STATUSES = ['待定', '出', '√×', '出席缺席', '(补学)'];
// hours as written → hours (metrics.md sums hours; the forms are the sample's and the issue's)
const HOURS: [string, number][] = [
  ['2', 2], ['2小时', 2], ['90分钟', 1.5], ['1.5h', 1.5], ['1.5小时', 1.5], ['２', 2], ['１.５ｈ', 1.5], ['45分钟', 0.75], ['0.5', 0.5],
];
// metrics.md: level weights 国家级 4, 省级 2, 市级 1, 内部 0.5 (one unit per level, 1 member)
const LEVELS: [string, number][] = [['国家级', 4], ['省级', 2], ['市级', 1], ['内部', 0.5]];
// metrics.md: adoption points national/head office 15, provincial 12, city 7, county 4, none 0
const ADOPTIONS: [string, number][] = [['总行', 15], ['省级', 12], ['市级', 7], ['县级', 4], ['未采纳', 0], ['', 0]];

let db: Db;
const value = async (unit: string, metric: string) =>
  (await db.one<{ value: number | null }>('select value from unit_year_metrics where year = 2024 and unit_id = $unit and metric_id = $metric', { unit, metric }))?.value;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ys-mappings-'));
  const data = join(dir, 'data');
  mkdirSync(join(data, '2024'), { recursive: true });
  const levelUnits = LEVELS.map((_, i) => `P${i}`);
  const adoptionUnits = ADOPTIONS.map((_, i) => `R${i}`);
  writeFileSync(join(data, 'units.csv'), csv([
    ['单位编码', '单位名称', '上级单位', '单位类型'],
    ['ROOT', '中心支行', '', '中心支行'],
    ...['A', 'H', 'E', ...levelUnits, ...adoptionUnits].map((u) => [u, `单位${u}`, 'ROOT', '县支行']),
  ]));
  writeFileSync(join(data, '2024/单位概况.csv'), csv([
    ['单位名称', '党员人数'],
    ...['A', 'H', 'E', ...levelUnits, ...adoptionUnits].map((u) => [`单位${u}`, '1']),
  ]));
  // attendance: unit A gets one row per status (1 h each), unit H one present row per hours form
  writeFileSync(join(data, '2024/考勤.csv'), csv([
    ['单位名称', '姓名', '日期', '学习形式', '时长（小时）', '出勤情况'],
    // one person per row: rows alike after reading (same person, day, form, hours, status) are duplicates
    ...STATUSES.map(([s], i) => ['单位A', `成员${i}`, '2024-03-05', '集中学习', '1', s]),
    ...UNKNOWN_STATUSES.map((s, i) => ['单位A', `成员${i}`, '2024-03-06', '集中学习', '1', s]),
    ...HOURS.map(([h], i) => ['单位H', '李四', `2024-04-${String(i + 1).padStart(2, '0')}`, '集中学习', h, '出席']),
  ]));
  // a register that keeps time in minutes
  writeFileSync(join(data, '2024/考勤_分钟.csv'), csv([
    ['单位名称', '姓名', '日期', '学习形式', '时长（分钟）', '出勤情况'],
    ['单位H', '李四', '2024-05-01', '集中学习', '90', '出席'], // 1.5 h
    ['单位H', '李四', '2024-05-02', '集中学习', '30分钟', '出席'], // 0.5 h
  ]));
  // exams: the pass boundary. Pass = score ≥ the row's pass mark, else score ÷ full_mark ≥ 0.6
  writeFileSync(join(data, '2024/考试.csv'), csv([
    ['单位名称', '工号', '姓名', '考试名称', '考试日期', '成绩', '满分', '及格线'],
    ['单位E', '1', '甲', '测试', '2024-06-01', '60', '100', '60'], // exactly at the pass mark: passed, 0.6
    ['单位E', '2', '乙', '测试', '2024-06-01', '72', '120', ''], // exactly 60 %: passed, 0.6
    ['单位E', '3', '丙', '测试', '2024-06-01', '71.9', '120', ''], // 59.9 %: failed
    ['单位E', '4', '丁', '测试', '2024-06-01', '80', '100', '80.5'], // below its own pass mark: failed, 0.8
    ['单位E', '5', '戊', '测试', '2024-06-01', '6', '10', '6'], // at the pass mark on a 10-point quiz: passed
  ]));
  writeFileSync(join(data, '2024/论文.csv'), csv([
    ['单位名称', '作者', '题目', '刊物名称', '刊物级别', '发表时间'],
    ...LEVELS.map(([level], i) => [`单位P${i}`, '王五', `论文${i}`, '某刊', level, '2024-07-01']),
  ]));
  writeFileSync(join(data, '2024/调研.csv'), csv([
    ['单位名称', '课题负责人', '是否领导干部', '调研题目', '完成时间', '采纳层级'],
    ...ADOPTIONS.map(([level], i) => [`单位R${i}`, '赵六', '是', `报告${i}`, '2024-08-01', level]),
  ]));
  const pipeline = join(dir, 'pipeline.yaml');
  writeFileSync(pipeline, [
    `database: ${join(dir, 'db.duckdb')}`,
    `data: ${data}`,
    `reports: ${join(dir, 'out')}`,
    'sources:',
    '  - {kind: units, files: units.csv}',
    '  - {kind: unit_profile, files: "{year}/单位概况.csv"}',
    '  - {kind: attendance, files: "{year}/考勤*.csv"}',
    '  - {kind: exams, files: "{year}/考试.csv"}',
    '  - {kind: publications, files: "{year}/论文.csv"}',
    '  - {kind: research_reports, files: "{year}/调研.csv"}',
    '',
  ].join('\n'));
  const p = loadPipeline(pipeline);
  await ingest(p);
  db = await openDb(p.database);
  await computeMetrics(db, {});
}, 300_000);
afterAll(() => db?.close());

describe('attendance statuses (metrics.md table)', () => {
  it.each(STATUSES.map(([s, status], i) => [s, status, i + 2] as const))('%j → %s', async (_s, status, row) => {
    const got = await db.all<{ status: string }>(
      "select status from attendance where source_file like '%考勤.csv' and source_row = $row", { row });
    expect(got).toEqual([{ status }]);
  });

  it('rejects every other value with the unknown-status reason, never guessing', async () => {
    const first = STATUSES.length + 2;
    const rejected = await db.all<{ source_row: number; value: string; code: string }>(
      "select source_row, value, code from rejects where source_file like '%考勤.csv' order by source_row");
    expect(rejected).toEqual(UNKNOWN_STATUSES.map((value, i) => ({ source_row: first + i, value, code: 'bad_status' })));
  });

  it('rates are shares of all loaded rows', async () => {
    const n = STATUSES.length;
    const count = (s: string) => STATUSES.filter(([, st]) => st === s).length;
    expect(await value('A', 'attendance_records')).toBe(n);
    expect(Math.abs((await value('A', 'attendance_rate'))! - count('present') / n)).toBeLessThan(TOL);
    expect(Math.abs((await value('A', 'absence_rate'))! - count('absent') / n)).toBeLessThan(TOL);
    expect(Math.abs((await value('A', 'leave_rate'))! - count('leave') / n)).toBeLessThan(TOL);
    expect(Math.abs((await value('A', 'attended_hours'))! - count('present'))).toBeLessThan(TOL);
  });
});

describe('hours as written', () => {
  it.each(HOURS.map(([h, hours], i) => [h, hours, i + 2] as const))('%j → %d h', async (_h, hours, row) => {
    const got = await db.one<{ hours: number }>(
      "select hours from attendance where source_file like '%考勤.csv' and unit_id = 'H' and source_row = $row",
      { row: row + STATUSES.length + UNKNOWN_STATUSES.length });
    expect(Math.abs(got!.hours - hours)).toBeLessThan(TOL);
  });

  it('a 时长（分钟） column holds minutes: 90 → 1.5 h, 30分钟 → 0.5 h', async () => {
    const got = await db.all<{ hours: number }>("select hours from attendance where source_file like '%分钟.csv' order by source_row");
    expect(got.map((r) => r.hours)).toEqual([1.5, 0.5]);
  });

  it('attended_hours adds them all', async () => {
    const expected = HOURS.reduce((s, [, h]) => s + h, 0) + 1.5 + 0.5;
    expect(Math.abs((await value('H', 'attended_hours'))! - expected)).toBeLessThan(TOL);
  });
});

describe('exam pass mark boundary', () => {
  it('a score exactly at the pass mark (or exactly 60 % without one) passes', async () => {
    // passed: 60 ≥ 60, 72 ÷ 120 = 0.6 ≥ 0.6, 6 ≥ 6; failed: 71.9 ÷ 120, 80 < 80.5 → 3 of 5
    expect(Math.abs((await value('E', 'exam_pass_rate'))! - 3 / 5)).toBeLessThan(TOL);
    // score rate: (0.6 + 0.6 + 71.9/120 + 0.8 + 0.6) ÷ 5
    expect(Math.abs((await value('E', 'exam_score_rate'))! - (0.6 + 0.6 + 71.9 / 120 + 0.8 + 0.6) / 5)).toBeLessThan(TOL);
    expect(await value('E', 'exam_takers')).toBe(5);
  });
});

describe('publication levels and adoption levels', () => {
  it.each(LEVELS.map(([level, weight], i) => [level, weight, `P${i}`] as const))('%s weighs %d', async (_level, weight, unit) => {
    // one publication ÷ 1 member × 100
    expect(await value(unit, 'publications')).toBe(1);
    expect(Math.abs((await value(unit, 'publications_weighted'))! - weight * 100)).toBeLessThan(TOL);
  });

  it.each(ADOPTIONS.map(([level, points], i) => [level, points, `R${i}`] as const))('adoption %j scores %d', async (_level, points, unit) => {
    expect(await value(unit, 'research_reports')).toBe(1);
    expect(await value(unit, 'report_adoption_score')).toBe(points);
    expect(await value(unit, 'reports_adopted')).toBe(points > 0 ? 1 : 0);
  });
});
