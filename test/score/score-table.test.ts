/**
 * score-table: a plain unit × indicator CSV scored with the same engine, and its command.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseCell, scoreTable } from '../../src/score/score-table.js';
import { registerScoreTableCommand } from '../../src/score/score-table-command.js';
import { isYardstickError, formatIssue } from '../../src/errors.js';

// Leaves name CSV columns (Chinese headers); 出勤率 uses goalposts 0.5 → 0.9, 调研报告 min-max.
const TREE = `year: 2025
label: {zh: 表格打分, en: table scoring}
dimensions:
  - id: process
    label: {zh: 学习过程, en: Process}
    weight: 50
    indicators:
      - {id: attendance, label: {zh: 出勤率, en: Attendance}, weight: 100, metric: 出勤率, normalise: {method: goalposts, lo: 0.5, hi: 0.9}}
  - id: outcomes
    label: {zh: 学习成效, en: Outcomes}
    weight: 50
    indicators:
      - {id: reports, label: {zh: 调研报告, en: Reports}, weight: 100, metric: 调研报告}
bonus: {metric: 加分, cap: 5}
`;

// 甲: attendance (0.9−0.5)/0.4 = 100, reports (4−0)/4 = 100 → 100 + bonus 3 = 103, 优秀
// 乙: 70% → 50, reports 2 → 50 → 50, 较差
// 丙: 0.5 → 0, reports 0 → 0 → 0, 较差
const CSV = '\ufeff单位,出勤率,调研报告,加分\n甲支行,90%,4,3\n乙支行,0.7,2,\n丙支行,0.5,0,0\n';

function files(csv: string | Buffer, tree = TREE) {
  const dir = mkdtempSync(join(tmpdir(), 'ys-score-table-'));
  writeFileSync(join(dir, 'units.csv'), csv);
  writeFileSync(join(dir, '2025.yaml'), tree);
  return { csv: join(dir, 'units.csv'), tree: join(dir, '2025.yaml') };
}

describe('scoreTable', () => {
  it('scores the units with the same engine', async () => {
    const f = files(CSV);
    const r = await scoreTable(f.csv, f.tree);
    expect(r.units.map((u) => [u.unit, Number(u.score!.toFixed(9)), u.rank, u.grade])).toEqual([
      ['甲支行', 103, 1, '优秀'],
      ['乙支行', 50, 2, '较差'],
      ['丙支行', 0, 3, '较差'],
    ]);
    const nodes = Object.fromEntries(Object.entries(r.units[1].nodes).map(([k, v]) => [k, Number(v!.toFixed(9))]));
    expect(nodes).toEqual({ total: 50, process: 50, outcomes: 50, attendance: 50, reports: 50 });
  });

  it('reads GBK files', async () => {
    const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: CSV.slice(1) });
    const r = await scoreTable(files(gbk).csv, files(gbk).tree);
    expect(r.units[0].unit).toBe('甲支行');
  });

  it('locates a cell that is not a number (file:row:column)', async () => {
    const f = files('单位,出勤率,调研报告\n甲,0.9,四篇\n');
    const e = await scoreTable(f.csv, f.tree).catch((x) => x);
    expect(isYardstickError(e)).toBe(true);
    expect(formatIssue(e.issues[0])).toBe(`${f.csv}:2:调研报告 “四篇”不是数字 / “四篇” is not a number`);
  });

  it('reports a tree leaf naming a column the CSV lacks', async () => {
    const f = files('单位,出勤率\n甲,0.9\n');
    const e = await scoreTable(f.csv, f.tree).catch((x) => x);
    expect(e.issues.map((i: { code: string }) => i.code)).toContain('unknown_metric');
  });

  it('parses cells: blanks, full-width digits, thousands separators, percentages', () => {
    expect([parseCell(''), parseCell(' - '), parseCell('１２.５'), parseCell('1,234'), parseCell('85%'), parseCell('x')]).toEqual([
      null, null, 12.5, 1234, 0.85, NaN,
    ]);
  });
});

describe('yardstick score-table', () => {
  async function run(args: string[]) {
    let out = '';
    let err = '';
    const program = new Command().exitOverride();
    registerScoreTableCommand(program, { write: (s) => void (out += s), writeError: (s) => void (err += s) });
    await program.parseAsync(['node', 'yardstick', 'score-table', ...args]);
    return { out, err };
  }

  it('prints an aligned table', async () => {
    const f = files(CSV);
    const { out } = await run([f.csv, '--tree', f.tree]);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^名次 rank\s+单位 unit\s+得分 score\s+加权 weighted\s+加分 bonus\s+扣分 deduction\s+等级 grade\s+学习过程\s+学习成效$/);
    // 103 = weighted 100 + bonus 3 − deduction 0
    expect(lines[2]).toMatch(/^\s+1\s+甲支行\s+103\.00\s+100\.00\s+3\.00\s+0\.00\s+优秀\s+100\.00\s+100\.00$/);
    expect(lines).toHaveLength(5);
  });

  it('prints JSON with --json', async () => {
    const f = files(CSV);
    const { out } = await run([f.csv, '--tree', f.tree, '--json']);
    const r = JSON.parse(out);
    expect(r.units[0]).toEqual({
      unit: '甲支行', score: 103, rank: 1, grade: '优秀', weighted: 100, bonus: 3, deduction: 0, grade_status: 'graded', veto: null,
      nodes: { total: 103, process: 100, outcomes: 100, attendance: 100, reports: 100 },
    });
  });
});

describe('score-table: numbers out of range', () => {
  // one leaf per method that needs no sd (goalposts, minmax) and one zscore leaf
  const WIDE_TREE = `year: 2025
label: {zh: 大数, en: large numbers}
dimensions:
  - id: d
    label: {zh: 维度, en: dim}
    weight: 100
    indicators:
      - {id: g, label: {zh: 达标值, en: goalposts}, weight: 40, metric: 甲, normalise: {method: goalposts, lo: 0, hi: 100}}
      - {id: m, label: {zh: 极差, en: minmax}, weight: 30, metric: 乙, normalise: minmax}
      - {id: z, label: {zh: 标准分, en: zscore}, weight: 30, metric: 丙, normalise: zscore}
`;

  it('1e200 is a finite number: no statistic overflows, zscore computed safely', async () => {
    const f = files('单位,甲,乙,丙\nA,1e200,1e200,1e200\nB,50,0,2e200\nC,0,-1e200,3e200\n', WIDE_TREE);
    const r = await scoreTable(f.csv, f.tree);
    const node = (u: string, id: string) => r.units.find((x) => x.unit === u)!.nodes[id];
    // goalposts 0..100 clamps 1e200 to 100; minmax over (−1e200, 0, 1e200) → 100, 50, 0
    expect([node('A', 'g'), node('B', 'g'), node('C', 'g')]).toEqual([100, 50, 0]);
    expect([node('A', 'm'), node('B', 'm'), node('C', 'm')]).toEqual([100, 50, 0]);
    // zscore: mean 2e200, sample sd 1e200 → T = 50 + 10·z = 40, 50, 60
    [40, 50, 60].forEach((t, i) => expect(node('ABC'[i], 'z')).toBeCloseTo(t, 9));
  });

  it.each(['1e999', '-1E999', '1e999%'])('refuses %s at read, located file:row:column', async (cell) => {
    const f = files(`单位,甲,乙,丙\nA,1,2,3\nB,4,${cell},6\n`, WIDE_TREE);
    const e = await scoreTable(f.csv, f.tree).catch((x) => x);
    expect(isYardstickError(e)).toBe(true);
    expect(e.issues.map((i: { code: string }) => i.code)).toEqual(['not_finite']);
    expect(formatIssue(e.issues[0])).toMatch(new RegExp(`^${f.csv.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:乙 `));
  });

  it.each(['Infinity', 'NaN', 'inf'])('refuses %s (not a number), located', async (cell) => {
    const f = files(`单位,甲,乙,丙\nA,1,2,3\nB,4,5,${cell}\n`, WIDE_TREE);
    const e = await scoreTable(f.csv, f.tree).catch((x) => x);
    expect(formatIssue(e.issues[0])).toBe(`${f.csv}:3:丙 “${cell}”不是数字 / “${cell}” is not a number`);
  });

  it('the command exits 1 with the location for 1e999', () => {
    const f = files('单位,甲,乙,丙\nA,1,2,3\nB,4,1e999,6\n', WIDE_TREE);
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'score-table', f.csv, '--tree', f.tree], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      status = (e as { status: number }).status;
      stderr = (e as { stderr: string }).stderr;
    }
    expect(status).toBe(1);
    expect(stderr).toContain(`${f.csv}:3:乙`);
    expect(stderr).toContain('1e999');
  });
});
