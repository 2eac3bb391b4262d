/**
 * Issue 13 item 6 end to end: an exam file with names only (no 工号), through `ingest` and the
 * metrics stage, with names pseudonymised (keep_names: false, the default).
 * - A name-only row is the roster member of its unit on that date with that name when exactly
 *   one matches: then it is that member wherever they sit the exam (a mover's retake in the new
 *   unit is a retake, not a first attempt).
 * - Otherwise the name names a person within the unit only: two 李四 in two units are two people,
 *   and each keeps a first attempt.
 * Expected values by hand next to the rows.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, loadPipeline, openDb, type Db } from '../../src/index.js';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';

const TOL = 1e-9;
const csv = (rows: string[][]) => '\ufeff' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
let db: Db;
const value = async (unit: string, metric: string) =>
  (await db.one<{ value: number | null }>('select value from unit_year_metrics where year = 2024 and unit_id = $unit and metric_id = $metric', { unit, metric }))?.value;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ys-same-name-'));
  const data = join(dir, 'data');
  mkdirSync(join(data, '2024'), { recursive: true });
  writeFileSync(join(data, 'units.csv'), csv([
    ['单位编码', '单位名称', '上级单位', '单位类型'],
    ['ROOT', '中心支行', '', '中心支行'],
    ['A', '甲支行', 'ROOT', '县支行'],
    ['B', '乙支行', 'ROOT', '县支行'],
  ]));
  writeFileSync(join(data, 'roster.csv'), csv([
    ['工号', '姓名', '所在支部', '职务', '转入日期', '转出日期'],
    ['1', '张三', '甲支行', '党员', '2020-01-01', ''],
    ['3', '王五', '甲支行', '党员', '2020-01-01', '2024-06-30'], // last day in 甲; moves to 乙 on 2024-07-01
    ['3', '王五', '乙支行', '党员', '2024-07-01', ''],
    ['4', '赵六', '乙支行', '党员', '2020-01-01', ''],
  ]));
  writeFileSync(join(data, '2024/考试.csv'), csv([
    ['单位名称', '姓名', '考试名称', '考试日期', '成绩', '满分', '考试次数'],
    ['甲支行', '张三', '党章测试', '2024-05-10', '80', '100', '1'], // roster member 1
    ['乙支行', '张三', '党章测试', '2024-05-10', '40', '100', '1'], // no 张三 in 乙's roster: a person of 乙 only
    ['甲支行', '李四', '党章测试', '2024-05-20', '70', '100', '1'], // not in the roster: 甲's 李四
    ['乙支行', '李四', '党章测试', '2024-05-01', '90', '100', '1'], // not in the roster: 乙's 李四, another person
    ['甲支行', '王五', '党章测试', '2024-06-01', '50', '100', '1'], // roster member 3 while in 甲: first attempt, failed
    ['乙支行', '王五', '党章测试', '2024-09-01', '95', '100', '2'], // member 3 again, now in 乙: a retake
  ]));
  const pipeline = join(dir, 'pipeline.yaml');
  writeFileSync(pipeline, [
    `database: ${join(dir, 'db.duckdb')}`,
    `data: ${data}`,
    `reports: ${join(dir, 'out')}`,
    'keep_names: false',
    'sources:',
    '  - {kind: units, files: units.csv}',
    '  - {kind: members, files: roster.csv}',
    '  - {kind: exams, files: "{year}/考试.csv"}',
    '',
  ].join('\n'));
  const p = loadPipeline(pipeline);
  await ingest(p);
  db = await openDb(p.database);
  await computeMetrics(db, {});
}, 300_000);
afterAll(() => db?.close());

describe('name-only exam rows', () => {
  it('keeps a first attempt for each of two same-name people in two units', async () => {
    // 甲: 张三 0.8, 李四 0.7, 王五 0.5 → mean 2.0 / 3; passed 2 of 3
    expect(Math.abs((await value('A', 'exam_score_rate'))! - 2.0 / 3)).toBeLessThan(TOL);
    expect(Math.abs((await value('A', 'exam_pass_rate'))! - 2 / 3)).toBeLessThan(TOL);
    // 乙: 张三 0.4, 李四 0.9 (王五's 95 is a retake of member 3) → mean 0.65; passed 1 of 2
    expect(Math.abs((await value('B', 'exam_score_rate'))! - 0.65)).toBeLessThan(TOL);
    expect(Math.abs((await value('B', 'exam_pass_rate'))! - 0.5)).toBeLessThan(TOL);
  });

  it('counts every person who sat an exam in the unit', async () => {
    // 甲: 张三, 李四, 王五; 乙: 张三, 李四, 王五 (the retake)
    expect(await value('A', 'exam_takers')).toBe(3);
    expect(await value('B', 'exam_takers')).toBe(3);
  });
});
