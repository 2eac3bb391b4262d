/**
 * Coverage: when units or a whole year cannot be scored, score_coverage and ScoreSummary.coverage
 * say which nodes lack data for how many units, the present share against min_share, and which
 * source kind would supply it. Expected numbers are worked by hand from the fixture below.
 */
import { describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import { scoreYear } from '../../src/score/score.js';
import { metric, seedInputs, treeFrom } from './helpers.js';

// conditions 50 (two unit-profile leaves), process 30 (attendance), outcomes 20 (publications)
const TREE = `year: 2025
label: {zh: 测试, en: test}
defaults: {normalise: {method: goalposts, lo: 0, hi: 100}}
dimensions:
  - id: conditions
    label: {zh: 学习条件, en: Learning conditions}
    weight: 50
    indicators:
      - {id: budget, label: {zh: 人均学习经费, en: Study budget per member}, weight: 50, metric: study_budget_per_member}
      - {id: space, label: {zh: 学习阵地, en: Study space}, weight: 50, metric: study_space}
  - id: process
    label: {zh: 学习过程, en: Learning process}
    weight: 30
    indicators:
      - {id: attendance, label: {zh: 出勤率, en: Attendance rate}, weight: 100, metric: attendance_rate}
  - id: outcomes
    label: {zh: 学习成效, en: Learning outcomes}
    weight: 20
    indicators:
      - {id: publications, label: {zh: 刊物发表, en: Publications}, weight: 100, metric: publications_weighted}
missing: {min_share: 0.5}
`;

const ATTENDANCE = metric(2025, 'attendance_rate', { u1: 90, u2: 80, u3: 70, u4: 60 });
// only u1 and u2 sent a unit profile; nobody sent publications
const PROFILE = [...metric(2025, 'study_budget_per_member', { u1: 50, u2: 40 }), ...metric(2025, 'study_space', { u1: 1, u2: 1 })];

interface CoverageRow {
  unit_id: string | null;
  node_id: string;
  level: number;
  units_total: number;
  units_with_data: number;
  present_share: number | null;
  source_kinds: string | null;
  reason_zh: string;
  reason_en: string;
}

describe('score coverage', () => {
  it('names the nodes without data, for how many units, the present share and the source kind', async () => {
    await withDb(async (db) => {
      await seedInputs(db, [...ATTENDANCE, ...PROFILE]);
      const s = await scoreYear(db, treeFrom(TREE), { year: 2025 });
      // u1, u2: conditions 0.5 + process 0.3 = 0.8 ≥ 0.5 → scored; u3, u4: process only, 0.3 < 0.5
      expect(s.scored).toBe(2);
      expect(s.coverage.unitsTotal).toBe(4);
      expect(s.coverage.unitsScored).toBe(2);
      expect(s.coverage.unscored).toBe(2);

      const rows = await db.all<CoverageRow>(
        `select unit_id, node_id, level, units_total, units_with_data, present_share, source_kinds, reason_zh, reason_en
         from score_coverage where year = 2025 and unit_id is null order by level, node_id`,
      );
      // process is complete: no row for it or its leaf
      expect(rows.map((r) => [r.node_id, r.units_with_data, r.units_total, r.source_kinds])).toEqual([
        ['total', 2, 4, 'publications,unit_profile'],
        ['conditions', 2, 4, 'unit_profile'],
        ['outcomes', 0, 4, 'publications'],
        ['budget', 2, 4, 'unit_profile'],
        ['publications', 0, 4, 'publications'],
        ['space', 2, 4, 'unit_profile'],
      ]);
      const byNode = Object.fromEntries(rows.map((r) => [r.node_id, r]));
      expect(byNode.total.present_share).toBeCloseTo(0.3, 9); // u3 and u4: process 30 of 100
      expect(byNode.conditions.present_share).toBe(0); // u3 and u4 have neither leaf
      expect(byNode.budget.present_share).toBeNull();
      expect(byNode.budget.reason_zh).toBe('人均学习经费：2/4 个单位无数据（需 单位概况）');
      expect(byNode.publications.reason_en).toBe('Publications: no data for 4 of 4 units (needs publications)');
    });
  });

  it('writes one row per unscored unit with its reason (Chinese without English ids: it goes into the report)', async () => {
    await withDb(async (db) => {
      await seedInputs(db, [...ATTENDANCE, ...PROFILE]);
      await scoreYear(db, treeFrom(TREE), { year: 2025 });
      const units = await db.all<CoverageRow>(
        `select unit_id, node_id, level, present_share, source_kinds, reason_zh from score_coverage where unit_id is not null order by unit_id`,
      );
      expect(units.map((u) => u.unit_id)).toEqual(['u3', 'u4']);
      expect(units[0].node_id).toBe('total');
      expect(units[0].present_share).toBeCloseTo(0.3, 9);
      expect(units[0].source_kinds).toBe('publications,unit_profile');
      expect(units[0].reason_zh).toBe('无综合得分：学习条件、学习成效 无数据，有数据维度的权重占比 30% 低于阈值 50%（需 论文发表、单位概况）');
    });
  });

  it('explains a year where nobody is scored in one line', async () => {
    await withDb(async (db) => {
      await seedInputs(db, ATTENDANCE); // attendance only: no profile, no publications
      const s = await scoreYear(db, treeFrom(TREE), { year: 2025 });
      expect(s.scored).toBe(0);
      expect(s.coverage.line?.zh).toBe(
        '4/4 个单位无综合得分 — 学习条件 无数据 4/4 个单位（需 单位概况 unit_profile）；学习成效 无数据 4/4 个单位（需 论文发表 publications）；有数据维度的权重占比最低 30%，低于 50% 即不评分',
      );
      expect(s.coverage.line?.en).toMatch(/^4 of 4 units have no composite — Learning conditions: no data for 4\/4 units \(needs unit profile \(unit_profile\)\)/);
      expect(s.coverage.gaps.find((g) => g.nodeId === 'conditions')).toMatchObject({ unitsWithData: 0, unitsTotal: 4, sourceKinds: ['unit_profile'] });
    });
  });

  it('has no rows and no line when every unit is scored at every node', async () => {
    await withDb(async (db) => {
      await seedInputs(db, [
        ...ATTENDANCE,
        ...metric(2025, 'study_budget_per_member', { u1: 1, u2: 2, u3: 3, u4: 4 }),
        ...metric(2025, 'study_space', { u1: 1, u2: 1, u3: 1, u4: 1 }),
        ...metric(2025, 'publications_weighted', { u1: 1, u2: 2, u3: 3, u4: 4 }),
      ]);
      const s = await scoreYear(db, treeFrom(TREE), { year: 2025 });
      expect(s.coverage.line).toBeNull();
      expect(s.coverage.gaps).toEqual([]);
      expect((await db.one<{ n: number }>('select count(*) as n from score_coverage'))!.n).toBe(0);
    });
  });

  it('marks the root unit’s row and leaves it out of the year’s counts (it is not evaluated)', async () => {
    await withDb(async (db) => {
      const full = [
        ...metric(2025, 'study_budget_per_member', { u1: 1, u2: 2 }),
        ...metric(2025, 'study_space', { u1: 1, u2: 1 }),
        ...metric(2025, 'publications_weighted', { u1: 1, u2: 2 }),
      ];
      // P (the 中心支行 over u1, u2) has attendance only: 0.3 < 0.5, no composite
      await seedInputs(db, [...metric(2025, 'attendance_rate', { P: 90, u1: 80, u2: 70 }), ...full], [['P', 'city'], ['u1', 'county'], ['u2', 'county']]);
      await db.run(`update units set parent_id = 'P' where unit_id in ('u1', 'u2')`);
      const s = await scoreYear(db, treeFrom(TREE), { year: 2025 });
      // the two evaluated units have every node: no whole-year gap, although P has no composite
      expect(s.coverage).toMatchObject({ unitsTotal: 2, unitsScored: 2, unscored: 0, line: null, gaps: [] });
      const row = await db.one<{ unit_id: string; reason_zh: string }>('select unit_id, reason_zh from score_coverage where unit_id is not null');
      expect(row).toEqual({ unit_id: 'P', reason_zh: expect.stringMatching(/^根单位（考核主体，不参评）无综合得分：学习条件、学习成效 无数据/) });
    });
  });

  it('names the denominator’s sources when the metrics stage noted the denominator missing', async () => {
    await withDb(async (db) => {
      // hours per member-month: u3 and u4 sent attendance, but nobody knows their members
      const tree = TREE.replace('metric: attendance_rate', 'metric: collective_study_hours');
      await seedInputs(db, [...metric(2025, 'collective_study_hours', { u1: 9, u2: 8, u3: null, u4: null }), ...PROFILE]);
      await db.run('create table metric_notes (year integer, unit_id varchar, metric_id varchar, reason_zh varchar, reason_en varchar, reason_code varchar)');
      await db.run(`insert into metric_notes values (2025, 'u3', 'collective_study_hours', '分母未知', 'no denominator', 'missing_denominator'),
                                                   (2025, 'u4', 'collective_study_hours', '分母未知', 'no denominator', 'missing_denominator')`);
      await scoreYear(db, treeFrom(tree), { year: 2025 });
      const row = await db.one<{ source_kinds: string; reason_zh: string }>(
        `select source_kinds, reason_zh from score_coverage where unit_id is null and node_id = 'attendance'`,
      );
      // not "needs attendance": the member roster or the unit profile gives the members
      expect(row).toEqual({ source_kinds: 'members,unit_profile', reason_zh: '出勤率：2/4 个单位无数据（需 党员名册、单位概况）' });
    });
  });

  it('replaces the year’s rows on a re-score', async () => {
    await withDb(async (db) => {
      await seedInputs(db, ATTENDANCE);
      await scoreYear(db, treeFrom(TREE), { year: 2025 });
      await scoreYear(db, treeFrom(TREE), { year: 2025 });
      const n = await db.one<{ n: number; runs: number }>('select count(*) as n, count(distinct run_id) as runs from score_coverage where unit_id is not null');
      expect(n).toEqual({ n: 4, runs: 1 });
    });
  });
});
