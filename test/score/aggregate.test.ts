/**
 * Roll-up up the tree: a hand-checkable 3-unit case, weights and effective weights, the
 * geometric floor, renormalisation of missing children and the missing-share threshold.
 */
import { describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import { scoreYear } from '../../src/score/score.js';
import { loadIndicatorTree, listIndicatorFiles } from '../../src/indicators/load-tree.js';
import { DEFAULT_METRIC_IDS } from '../../src/indicators/default-metrics.js';
import { metric, rounded, scoresOf, seedInputs, treeFrom } from './helpers.js';

/** a (60%): a1 m1 minmax, a2 m2 minmax lower_is_better; b (40%): b1 m3 goalposts 0..10. */
const THREE_UNIT_TREE = `
year: 2025
label: {zh: 三单位示例, en: three-unit example}
dimensions:
  - id: a
    label: {zh: 甲, en: A}
    weight: 60
    indicators:
      - {id: a1, label: {zh: 甲一, en: A1}, weight: 50, metric: m1}
      - {id: a2, label: {zh: 甲二, en: A2}, weight: 50, metric: m2, direction: lower_is_better}
  - id: b
    label: {zh: 乙, en: B}
    weight: 40
    indicators:
      - {id: b1, label: {zh: 乙一, en: B1}, weight: 100, metric: m3, normalise: {method: goalposts, lo: 0, hi: 10}}
`;

const THREE_UNITS = [
  ...metric(2025, 'm1', { u1: 10, u2: 20, u3: 40 }),
  ...metric(2025, 'm2', { u1: 5, u2: 3, u3: 1 }),
  ...metric(2025, 'm3', { u1: 12, u2: 5, u3: 2 }),
];

describe('a hand-checkable 3-unit case', () => {
  // a1 = minmax(10, 20, 40)             = 0, 33.333, 100
  // a2 = minmax flipped (5, 3, 1)       = (5−5)/4, (5−3)/4, (5−1)/4 = 0, 50, 100
  // b1 = goalposts 0..10 of (12, 5, 2)  = 100 (clamped), 50, 20
  // a  = ½·a1 + ½·a2                    = 0, 41.667, 100
  // b  = b1                             = 100, 50, 20
  // total = 0.6·a + 0.4·b               = 0 + 40 = 40;  25 + 20 = 45;  60 + 8 = 68
  // ranks: u3 1, u2 2, u1 3; grades: u3 一般 (≥60), u1 u2 较差
  // effective weights: a1 0.3, a2 0.3, b1 0.4; u2's contributions 10 + 15 + 20 = 45
  it('rolls up to 40, 45, 68', async () => {
    await withDb(async (db) => {
      await seedInputs(db, THREE_UNITS);
      await scoreYear(db, treeFrom(THREE_UNIT_TREE), { year: 2025 });
      expect(rounded(await scoresOf(db, 'a'))).toEqual({ u1: 0, u2: 41.666667, u3: 100 });
      expect(rounded(await scoresOf(db, 'b'))).toEqual({ u1: 100, u2: 50, u3: 20 });
      expect(rounded(await scoresOf(db, 'total'))).toEqual({ u1: 40, u2: 45, u3: 68 });
      const total = await db.all(`select unit_id, rank, grade from scores where node_id = 'total' order by unit_id`);
      expect(total).toEqual([
        { unit_id: 'u1', rank: 3, grade: '较差' },
        { unit_id: 'u2', rank: 2, grade: '较差' },
        { unit_id: 'u3', rank: 1, grade: '一般' },
      ]);
      const u2 = await db.all<{ indicator_id: string; effective_weight: number; contribution: number }>(
        `select indicator_id, round(effective_weight, 9) as effective_weight, round(contribution, 9) as contribution
         from indicator_values where unit_id = 'u2' order by indicator_id`,
      );
      expect(u2).toEqual([
        { indicator_id: 'a1', effective_weight: 0.3, contribution: 10 },
        { indicator_id: 'a2', effective_weight: 0.3, contribution: 15 },
        { indicator_id: 'b1', effective_weight: 0.4, contribution: 20 },
      ]);
    });
  });

  it('has levels 0, 1, 2 for composite, dimensions and indicators', async () => {
    await withDb(async (db) => {
      await seedInputs(db, THREE_UNITS);
      await scoreYear(db, treeFrom(THREE_UNIT_TREE), { year: 2025 });
      const levels = await db.all(`select distinct node_id, level from scores order by level, node_id`);
      expect(levels).toEqual([
        { node_id: 'total', level: 0 },
        { node_id: 'a', level: 1 },
        { node_id: 'b', level: 1 },
        { node_id: 'a1', level: 2 },
        { node_id: 'a2', level: 2 },
        { node_id: 'b1', level: 2 },
      ]);
    });
  });
});

describe('weights', () => {
  it('sum to 1 within each group and effective weights sum to 1, for every shipped tree', async () => {
    for (const { file } of listIndicatorFiles('indicators')) {
      const { tree } = loadIndicatorTree(file, DEFAULT_METRIC_IDS);
      await withDb(async (db) => {
        await seedInputs(db, DEFAULT_METRIC_IDS.map((m) => [tree!.year, 'u1', m, 1]));
        await scoreYear(db, tree!, { year: tree!.year, runId: 'w' });
        const groups = await db.all<{ parent_id: string; s: number }>(
          `select parent_id, sum(weight) as s from tree_nodes where run_id = 'w' and parent_id is not null group by parent_id`,
        );
        expect(groups.length).toBe(5);
        for (const g of groups) expect(g.s).toBeCloseTo(1, 12);
        const eff = await db.one<{ s: number }>(`select sum(effective_weight) as s from indicator_values`);
        expect(eff!.s).toBeCloseTo(1, 12);
      });
    }
  });

  it('make contributions sum to the composite (before bonus) when a child is missing', async () => {
    await withDb(async (db) => {
      await seedInputs(db, THREE_UNITS.filter(([, u, m]) => !(u === 'u2' && m === 'm1')));
      await scoreYear(db, treeFrom(THREE_UNIT_TREE), { year: 2025 });
      const rows = await db.all<{ unit_id: string; c: number; score: number }>(
        `select v.unit_id, sum(v.contribution) as c, any_value(s.score) as score
         from indicator_values v join scores s on s.unit_id = v.unit_id and s.node_id = 'total'
         group by v.unit_id order by v.unit_id`,
      );
      for (const r of rows) expect(r.c).toBeCloseTo(r.score, 9);
    });
  });
});

describe('missing children', () => {
  it('renormalise weights over the present children and record it', async () => {
    await withDb(async (db) => {
      // u2 lacks m1: minmax of m1 over u1, u3 = 0, 100; a(u2) = a2(u2) = 50 (present share 0.5 = threshold: kept)
      await seedInputs(db, THREE_UNITS.filter(([, u, m]) => !(u === 'u2' && m === 'm1')));
      await scoreYear(db, treeFrom(THREE_UNIT_TREE), { year: 2025 });
      expect((await scoresOf(db, 'a')).u2).toBe(50);
      const notes = await db.all(`select unit_id, node_id, code, value from score_notes where unit_id = 'u2' order by node_id`);
      expect(notes).toEqual([
        { unit_id: 'u2', node_id: 'a', code: 'renormalised', value: 0.5 },
        { unit_id: 'u2', node_id: 'a1', code: 'missing_value', value: null },
      ]);
    });
  });

  it('make a group missing when present children carry less than min_share, and its parent renormalises', async () => {
    const tree = treeFrom(`
year: 2025
label: {zh: 阈值, en: threshold}
missing: {min_share: 0.5}
dimensions:
  - id: g
    label: {zh: 组, en: G}
    weight: 50
    indicators:
      - {id: g1, label: {zh: g1, en: g1}, weight: 40, metric: m1}
      - {id: g2, label: {zh: g2, en: g2}, weight: 30, metric: m2}
      - {id: g3, label: {zh: g3, en: g3}, weight: 30, metric: m3}
  - id: h
    label: {zh: 另组, en: H}
    weight: 50
    indicators:
      - {id: h1, label: {zh: h1, en: h1}, weight: 100, metric: m4, normalise: {method: goalposts, lo: 0, hi: 10}}
`);
    await withDb(async (db) => {
      // u1 has only g2 (share 0.3 < 0.5) → g missing → total = h = 70
      await seedInputs(db, [
        ...metric(2025, 'm1', { u1: null, u2: 1 }),
        ...metric(2025, 'm2', { u1: 1, u2: 2 }),
        ...metric(2025, 'm3', { u1: null, u2: 3 }),
        ...metric(2025, 'm4', { u1: 7, u2: 7 }),
      ]);
      await scoreYear(db, tree, { year: 2025 });
      expect((await scoresOf(db, 'g')).u1).toBeNull();
      expect((await scoresOf(db, 'total')).u1).toBe(70);
      const codes = await db.all(`select node_id, code, round(value, 6) as value from score_notes where unit_id = 'u1' and node_id in ('g', 'total') order by node_id`);
      expect(codes).toEqual([
        { node_id: 'g', code: 'node_missing', value: 0.3 },
        { node_id: 'total', code: 'renormalised', value: 0.5 },
      ]);
      expect(await db.one(`select message_en from score_notes where unit_id = 'u1' and node_id = 'g'`)).toEqual({
        message_en: 'G: present children carry only 30.0% of the weight, below the missing threshold; the node is missing',
      });
    });
  });

  it('respect a min_share override from the options', async () => {
    await withDb(async (db) => {
      await seedInputs(db, THREE_UNITS.filter(([, u, m]) => !(u === 'u2' && m === 'm1')));
      await scoreYear(db, treeFrom(THREE_UNIT_TREE), { year: 2025, minShare: 0.6 });
      expect((await scoresOf(db, 'a')).u2).toBeNull();
    });
  });
});

describe('geometric mean', () => {
  it('floors zeros at 1 point and records it: children 0 and 100 → √(1·100) = 10', async () => {
    const tree = treeFrom(`
year: 2025
label: {zh: 几何, en: geometric}
dimensions:
  - id: g
    label: {zh: 组, en: G}
    weight: 100
    aggregate: geometric
    indicators:
      - {id: g1, label: {zh: g1, en: g1}, weight: 50, metric: m1, normalise: {method: goalposts, lo: 0, hi: 10}}
      - {id: g2, label: {zh: g2, en: g2}, weight: 50, metric: m2, normalise: {method: goalposts, lo: 0, hi: 10}}
`);
    await withDb(async (db) => {
      await seedInputs(db, [...metric(2025, 'm1', { u1: 0, u2: 4 }), ...metric(2025, 'm2', { u1: 10, u2: 9 })]);
      await scoreYear(db, tree, { year: 2025 });
      // u2: exp(½ ln 40 + ½ ln 90) = √3600 = 60
      expect(rounded(await scoresOf(db, 'g'))).toEqual({ u1: 10, u2: 60 });
      expect(await db.all(`select unit_id, node_id, code, value from score_notes where code = 'geometric_floor'`)).toEqual([
        { unit_id: 'u1', node_id: 'g', code: 'geometric_floor', value: 1 },
      ]);
      // contributions are not additive under a geometric group
      expect(await db.one(`select count(contribution) as n from indicator_values`)).toEqual({ n: 0 });
    });
  });
});
