import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/store/db.js';
import { analyse, compareYears, findWeakUnits, weightImpact, ANALYSE_CONTRACT, type AnalyseSummary } from '../../src/analyse/index.js';
import { WeakRule } from '../../src/analyse/analysis-schema.js';
import { officialSnapshot, seedScored } from './helpers.js';

let db: Db;
let reports: string;
let s2024: AnalyseSummary;
let s2025: AnalyseSummary;

beforeAll(async () => {
  db = await openDb(':memory:');
  await seedScored(db);
  await db.run(`update units set name = '=HYPERLINK("x")' where unit_id = 'A'`);
  reports = mkdtempSync(join(tmpdir(), 'yardstick-analyse-'));
  s2024 = await analyse(db, { reports }, { year: 2024, runs: 200 });
  s2025 = await analyse(db, { reports }, { year: 2025, runs: 200 });
});
afterAll(() => db.close());

describe('compareYears', () => {
  it('reports score, rank and grade changes with like-for-like goalposts', async () => {
    const rows = await compareYears(db, { year: 2025 });
    const a = rows.find((r) => r.unit_id === 'A' && r.node_id === 'total')!;
    expect(a.base_year).toBe(2024);
    expect(a.score).toBeCloseTo(80, 9);
    expect(a.base_score).toBeCloseTo(65, 9);
    expect(a.score_change).toBeCloseTo(15, 9);
    expect(a.rank_change).toBe(3); // 4 → 1
    // 2025 weighs the dimensions 80/20 instead of 50/50: the composite is not like-for-like, the rest is
    expect(rows.filter((r) => r.node_id !== 'total').every((r) => r.comparable)).toBe(true);
    expect(a.comparable_reason).toBe('weights_differ');
    const d = rows.find((r) => r.unit_id === 'D' && r.node_id === 'total')!;
    expect(d.declines).toBe(2);
    expect(d.slope).toBeCloseTo(-10, 9);
    expect(d.trend_years).toBe(3);
  });

  it('says minmax scores are not like-for-like', async () => {
    const other = await openDb(':memory:');
    try {
      await seedScored(other, { method: 'minmax' });
      const rows = await compareYears(other, { year: 2024 });
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.some((r) => r.comparable)).toBe(false);
    } finally {
      other.close();
    }
  });
});

describe('weightImpact', () => {
  it('attributes a swap caused by the weights alone to the weights, and leaves official tables unchanged', async () => {
    const before = await officialSnapshot(db);
    const rows = await weightImpact(db, { year: 2025 });
    expect(await officialSnapshot(db)).toBe(before);
    const a = rows.find((r) => r.unit_id === 'A')!;
    const b = rows.find((r) => r.unit_id === 'B')!;
    expect(a.trees_differ).toBe(true);
    expect(a.attribution).toBe('weights');
    expect(b.attribution).toBe('weights');
    expect(a.performance_effect).toBeCloseTo(0, 9);
    expect(a.weights_effect).toBeCloseTo(15, 9);
    expect(b.weights_effect).toBeCloseTo(57 - 67.5, 9);
    // under last year's tree B still ranks above A: the swap is the weights'
    expect(b.rank_base_tree!).toBeLessThan(a.rank_base_tree!);
    expect(a.rank!).toBeLessThan(b.rank!);
    expect(a.base_score_this_tree).toBeCloseTo(80, 9);
    // invariant: the two effects add up to the total change
    for (const r of rows) if (r.total_change !== null) expect(r.weights_effect! + r.performance_effect!).toBeCloseTo(r.total_change, 9);
  });

  it('same tree: no weights effect', async () => {
    const rows = await weightImpact(db, { year: 2024 });
    expect(rows.every((r) => !r.trees_differ && r.weights_effect === 0)).toBe(true);
  });
});

describe('findWeakUnits', () => {
  it('flags declines on like-for-like scores, with the numbers', async () => {
    const flags = await findWeakUnits(db, { year: 2025 });
    const d = flags.find((f) => f.unit_id === 'D' && f.rule_id === 'declining')!;
    // 80 → 70 → 60: two falls of 10, 20 points in all (≥ 20: high)
    expect(d.reason_zh).toBe('综合得分连续 2 年下降，共降 20.0 分：2023 80.0 → 2024 70.0 → 2025 60.0');
    expect(d.reason_en).toContain('fell 2 years running, 20.0 points in all');
    expect(d.severity).toBe('high');
    expect(d.rule_zh).toBe('得分下降');
    // B falls 67.5 → 57 only because 2025 weighs d1 80/20: 2024 re-scored with the 2025 tree is 0.8 × 50 + 0.2 × 85 = 57
    expect(flags.some((f) => f.unit_id === 'B' && f.rule_id === 'declining')).toBe(false);
    const d2024 = (await findWeakUnits(db, { year: 2024 })).find((f) => f.unit_id === 'D' && f.rule_id === 'declining')!;
    expect(d2024.reason_zh).toBe('综合得分下降 10.0 分：2023 80.0 → 2024 70.0');
    expect(d2024.severity).toBe('medium');
  });

  it('flags a red line with the raw value, severity by how far below', async () => {
    const flags = await findWeakUnits(db, { year: 2025 });
    const c = flags.find((f) => f.unit_id === 'C' && f.rule_id === 'red_line:attendance_rate')!;
    expect(c.value).toBeCloseTo(0.7, 9);
    expect(c.reference).toBeCloseTo(0.8, 9);
    expect(c.reason_zh).toBe('出勤率 70%，低于红线 80%');
    expect(c.severity).toBe('medium'); // (0.8 − 0.7) / 0.8 = 12.5% short: ≥ 10%, < 25%
    for (const f of flags) {
      expect(f.reason_zh).toMatch(/\d/);
      expect(f.value).not.toBeNull();
    }
  });

  it('never flags the root (P has no parent and is the parent of A–D)', async () => {
    const other = await openDb(':memory:');
    try {
      await seedScored(other);
      // P gets a composite far below everyone: still not flagged, not a peer
      await other.run(`insert into scores (year, unit_id, node_id, level, score, rank, grade, run_id)
        select year, 'P', node_id, level, 5, null, '较差', run_id from scores where unit_id = 'A'`);
      const flags = await findWeakUnits(other, { year: 2025 });
      expect(flags.some((f) => f.unit_id === 'P')).toBe(false);
    } finally {
      other.close();
    }
  });

  it('bottom rule: names the indicators that pulled the unit down, once per unit', async () => {
    const flags = await findWeakUnits(db, { year: 2025, rules: [WeakRule.parse({ rule: 'bottom', k: 1 })] });
    expect(flags.map((f) => f.unit_id)).toEqual(['B']);
    expect(flags[0].reason_zh).toBe('综合得分 57.0，排名 4/4，处于后 1 名');
    // i1 contributions (× 0.8): A 72, B 40, C 60, D 48 → median 54; B is 14 below
    expect(flags[0].drivers_zh).toBe('拉低最多的指标：指标一 50（目标 100），比同类中位数少 14.0 分');
  });

  it('peer gap: a dimension more than k MAD below the peer median', async () => {
    const flags = await findWeakUnits(db, { year: 2025, rules: [WeakRule.parse({ rule: 'peer_gap', level: 1, mad: 1, min_gap: 1, min_peers: 5 })] });
    // all 4 units are peers (min_peers 5 > 2 per type): d1 = 90, 50, 75, 60 → median 67.5, MAD 12.5; 50 < 67.5 − 12.5 < 60
    expect(flags.filter((f) => f.node_id === 'd1').map((f) => f.unit_id)).toEqual(['B']);
    const b = flags.find((f) => f.unit_id === 'B' && f.node_id === 'd1')!;
    expect(b.reference).toBeCloseTo(67.5, 9);
    expect(b.reason_zh).toBe('学习条件 50.0 分，低于全体单位中位数 67.5 达 17.5 分，拖累综合得分 14.0 分'); // 17.5 × 0.8
  });
});

describe('analyse', () => {
  it('writes every contract table, replacing the year', async () => {
    for (const t of ANALYSE_CONTRACT) {
      const cols = await db.all<{ column_name: string; column_type: string }>(`describe ${t.table}`);
      expect(cols.map((c) => [c.column_name, c.column_type])).toEqual(t.columns.map((c) => [c.name, c.type]));
      const n = await db.one<{ n: number }>(`select count(*) as n from ${t.table} where year = 2025`);
      expect(n!.n, t.table).toBeGreaterThan(0);
    }
    const before = await db.one<{ n: number }>('select count(*) as n from comparisons');
    await analyse(db, { reports }, { year: 2025, runs: 50, export: false });
    expect((await db.one<{ n: number }>('select count(*) as n from comparisons'))!.n).toBe(before!.n);
    expect(s2025.rows.comparisons).toBe(4 * 5);
  });

  it("reports what became of last year's flagged units", () => {
    // 2024: A's d2 is 40 against the median 72.5 of 40, 85, 75, 70 (MAD 7.5, margin max(2 × 7.5, 15) = 15) → flagged
    expect(s2024.flags.some((f) => f.unit_id === 'A' && f.rule_id === 'peer_gap' && f.node_id === 'd2')).toBe(true);
    const a = s2025.followUp.find((r) => r.unit_id === 'A')!;
    expect(a.flagged_last_year).toBe(true);
    // d2 stays 40 but D's fell to 60, so the 2025 median of 40, 85, 75, 60 is 67.5: 32.5 → 27.5 below it
    // (still flagged, gap smaller by more than 1 point); composite 65 → 80: judged on both, not on the rank
    expect(a.outcome).toBe('improved');
    expect(a.outcome_zh).toBe('好转：学习过程 40.0 → 40.0，低于中位数 32.5 → 27.5 分（有改善）；综合得分 65.0 → 80.0（+15.0）');
    expect(a.rank_change).toBe(3);
    expect(s2025.lastYear.improved).toBeGreaterThanOrEqual(1);
    const d = s2025.followUp.find((r) => r.unit_id === 'D')!;
    expect(d.parent_name).toBe('市中心支行');
  });

  it('one follow-up row per unit, naming the pulling-down indicators once', () => {
    const ids = s2025.followUp.map((r) => r.unit_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of s2025.followUp) expect(r.reasons_zh.split('拉低最多的指标').length, r.reasons_zh).toBeLessThanOrEqual(2);
  });

  it('exports follow_up.csv (BOM, formulas neutralised) and .xlsx', () => {
    const csv = readFileSync(join(reports, '2025', 'follow_up.csv'), 'utf8');
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).not.toMatch(/,=/);
    expect(existsSync(join(reports, '2025', 'follow_up.xlsx'))).toBe(true);
  });

  it('follow_up.xlsx stores text as text, never as a formula', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(reports, '2025', 'follow_up.xlsx'));
    const ws = wb.worksheets[0];
    const cells: unknown[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(c.value)));
    expect(cells).toContain(`'=HYPERLINK("x")`);
    expect(cells.some((v) => typeof v === 'object' && v !== null && 'formula' in (v as object))).toBe(false);
    expect(s2025.files).toHaveLength(4); // follow_up.csv and .xlsx in Chinese (<year>/) and in English (<year>-en/)
  });
});

describe('declining by rank', () => {
  it('flags a rank that fell years running (for relative normalisations)', async () => {
    // composite ranks 2023 → 2024 → 2025: A 4 → 4 → 1, B 3 → 3 → 4, C 2 → 1 → 2, D 1 → 2 → 3
    const rule = (years: number) => [WeakRule.parse({ rule: 'declining', years, by: 'rank' })];
    const one = await findWeakUnits(db, { year: 2025, rules: rule(1) });
    expect(one.map((f) => f.unit_id).sort()).toEqual(['B', 'C', 'D']);
    const two = await findWeakUnits(db, { year: 2025, rules: rule(2) });
    expect(two.map((f) => f.unit_id)).toEqual(['D']);
    expect(two[0].reason_zh).toContain('综合得分名次连续 2 年下降：2023 第 1 名 → 2024 第 2 名 → 2025 第 3 名');
    expect(two[0].reason_en).toContain('2023 #1 → 2024 #2 → 2025 #3');
  });
});
