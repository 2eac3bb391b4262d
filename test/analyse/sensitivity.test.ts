import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/store/db.js';
import { loadSensitivityInput, sensitivity, simulateWeights, type SensitivityInput } from '../../src/analyse/sensitivity.js';
import { syntheticTree, benchSensitivity } from '../../bench/sensitivity.js';
import { seedScored, tree } from './helpers.js';
import { metric, prng, seedInputs, treeFrom } from '../score/helpers.js';
import { scoreYear } from '../../src/score/score.js';

/** 30 units × 20 leaves of random normalised values (some missing), on the 4 × 5 bench tree. */
function randomInput(seed: number): SensitivityInput {
  const tree = syntheticTree();
  const leafIds = tree.nodes.filter((n) => n.metric !== null).map((n) => n.id);
  const U = 30;
  const r = prng(seed);
  const values = new Float64Array(leafIds.length * U).map(() => (r() < 0.05 ? NaN : 100 * r()));
  return { units: Array.from({ length: U }, (_, i) => `u${i}`), tree, leafIds, values, minShare: 0.5, geometricFloor: 1 };
}

let db: Db;
beforeAll(async () => {
  db = await openDb(':memory:');
  await seedScored(db);
});
afterAll(() => db.close());

describe('simulateWeights', () => {
  it('zero band: every interval collapses to the nominal rank, no borderline unit', () => {
    const res = simulateWeights(randomInput(1), { runs: 50, band: 0, seed: 3 });
    for (const u of res.units) {
      expect(u.rank_p05).toBe(u.nominal_rank);
      expect(u.rank_p95).toBe(u.nominal_rank);
      expect(u.median_rank).toBe(u.nominal_rank);
      expect(u.mean_abs_shift).toBe(0);
      expect(u.borderline).toBe(false);
    }
    expect(res.meanAbsShift).toBe(0);
  });

  it('same seed → identical output; another seed → another sample', () => {
    const a = simulateWeights(randomInput(1), { runs: 200, band: 0.5, seed: 7 });
    const b = simulateWeights(randomInput(1), { runs: 200, band: 0.5, seed: 7 });
    const c = simulateWeights(randomInput(1), { runs: 200, band: 0.5, seed: 8 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c.units)).not.toBe(JSON.stringify(a.units));
  });

  it('invariants: p05 ≤ median ≤ p95, grade probabilities sum to 1, borderline ⇔ P(change) > 0', () => {
    const res = simulateWeights(randomInput(2), { runs: 300, band: 0.4, seed: 1 });
    expect(res.meanAbsShift).toBeGreaterThan(0);
    for (const u of res.units) {
      if (u.nominal_rank === null) continue;
      expect(u.rank_p05!).toBeLessThanOrEqual(u.median_rank!);
      expect(u.median_rank!).toBeLessThanOrEqual(u.rank_p95!);
      const sum = Object.values(u.grade_probs).reduce((s, p) => s + p, 0);
      expect(sum).toBeCloseTo(1, 9);
      expect(u.borderline).toBe(u.p_grade_change > 0);
    }
  });
});

describe('sensitivity on a scored database', () => {
  it('nominal scores and ranks are the official ones, and the temp table is written', async () => {
    const res = await sensitivity(db, { year: 2025, runs: 100, seed: 1 });
    const official = await db.all<{ unit_id: string; score: number; rank: number }>(
      "select unit_id, score, rank from scores where year = 2025 and level = 0 order by unit_id",
    );
    for (const o of official) {
      const u = res.units.find((x) => x.unit_id === o.unit_id)!;
      expect(u.score).toBeCloseTo(o.score, 9);
      expect(u.nominal_rank).toBe(o.rank);
    }
    const n = await db.one<{ n: number }>('select count(*) as n from analyse_sensitivity');
    const graded = await db.one<{ n: number }>("select count(*) as n from scores where year = 2025 and level = 0 and grade_status = 'graded'");
    expect(n!.n).toBe(graded!.n);
  });

  it('C is 75 on both leaves: its score never moves under any weights', async () => {
    const input = await loadSensitivityInput(db, 2025);
    const res = simulateWeights(input, { runs: 100, band: 0.9, seed: 5 });
    const c = res.units.find((u) => u.unit_id === 'C')!;
    expect(c.score).toBeCloseTo(75, 9);
  });

  it('geometric composites are recomputed exactly (no offset without a bonus)', async () => {
    const geo = await openDb(':memory:');
    try {
      await seedScored(geo, { aggregate: 'geometric' });
      const input = await loadSensitivityInput(geo, 2025);
      for (const o of input.offset!) expect(Math.abs(o)).toBeLessThan(1e-9);
      const official = await geo.one<{ score: number }>("select score from scores where year = 2025 and level = 0 and unit_id = 'A'");
      expect(official!.score).toBeCloseTo(Math.exp(0.8 * Math.log(90) + 0.2 * Math.log(40)), 9);
    } finally {
      geo.close();
    }
  });

  it('missing leaves: renormalised like the scorer; below min_share the unit is unscored and left out', async () => {
    const m = await openDb(':memory:');
    try {
      await seedInputs(m, [...metric(2025, 'm1', { A: 90, B: null, C: 75 }), ...metric(2025, 'm2', { A: null, B: 85, C: 75 })]);
      await scoreYear(m, treeFrom(tree(2025, 80, 20), ['m1', 'm2']), { year: 2025 });
      const input = await loadSensitivityInput(m, 2025);
      const res = simulateWeights(input, { runs: 50, band: 0.3, seed: 1 });
      const byId = Object.fromEntries(res.units.map((u) => [u.unit_id, u]));
      expect(byId.A.score).toBeCloseTo(90, 9); // m2 missing: 0.8 of the weight present ≥ 0.5
      expect(byId.B).toBeUndefined(); // m1 missing: 0.2 < 0.5 → unscored, not graded, not simulated
      for (const o of input.offset!) expect(Math.abs(o)).toBeLessThan(1e-9);
    } finally {
      m.close();
    }
  });

  it('bench shape runs fast (200 units × 100 runs)', async () => {
    expect(await benchSensitivity({ units: 200, runs: 100 })).toMatch(/200 units × 20 indicators × 100 runs: [\d.]+ s/);
  });
});

describe('grades in the simulation: the scorer’s assignGrades on every run', () => {
  // Two dimensions of one pass-through leaf (goalposts 0..100), weights 50/50; five units:
  //   A (100, 90) → 95, B (90, 97) → 93.5, C 70, D 60, E 50 (E has the not_graded veto).
  // Quota 优秀 ≤ 40% of the graded units (A–D; E is not graded): 4 × 0.4 = 1.6 → floor → 1 place.
  // Officially A takes the one 优秀 place and B (93.5 ≥ 90) falls to 良好. B wins 优秀 in a run
  // exactly when its score passes A's: w₁·90 + w₂·97 > w₁·100 + w₂·90 ⇔ w₂/w₁ > 10/7, which ±60 %
  // weights reach (w₂/w₁ up to 1.6/0.4 = 4). Both stay ≥ 90, so every run gives 优秀 to exactly one.
  const quotaTree = (veto: string) => `year: 2025
label: {zh: 名额制, en: quota}
dimensions:
  - id: d1
    label: {zh: 甲, en: d1}
    weight: 50
    indicators:
      - {id: i1, label: {zh: 指标一, en: i1}, weight: 100, metric: m1, normalise: {method: goalposts, lo: 0, hi: 100}}
  - id: d2
    label: {zh: 乙, en: d2}
    weight: 50
    indicators:
      - {id: i2, label: {zh: 指标二, en: i2}, weight: 100, metric: m2, normalise: {method: goalposts, lo: 0, hi: 100}}
grading:
  method: quota
  grades:
    - {grade: 优秀, min: 90, max_share: 0.4}
    - {grade: 良好, min: 80}
    - {grade: 一般, min: 60}
    - {grade: 较差}
veto:
  - {id: out, metric: out, effect: not_graded, reason: {zh: 不参评, en: not graded}}
${veto}`;

  async function simulate(veto = '', metricsExtra: Record<string, number> = {}) {
    const m = await openDb(':memory:');
    try {
      await seedInputs(m, [
        ...metric(2025, 'm1', { A: 100, B: 90, C: 70, D: 60, E: 50 }),
        ...metric(2025, 'm2', { A: 90, B: 97, C: 70, D: 60, E: 50 }),
        ...metric(2025, 'out', { A: 0, B: 0, C: 0, D: 0, E: 1 }),
        ...metric(2025, 'warn', { A: 0, B: 0, C: 0, D: 0, E: 0, ...metricsExtra }),
      ]);
      await scoreYear(m, treeFrom(quotaTree(veto), ['m1', 'm2', 'out', 'warn']), { year: 2025 });
      const official = Object.fromEntries(
        (await m.all<{ unit_id: string; grade: string | null }>('select unit_id, grade from scores where level = 0')).map((r) => [r.unit_id, r.grade]),
      );
      const res = simulateWeights(await loadSensitivityInput(m, 2025), { runs: 400, band: 0.6, seed: 11 });
      return { official, byId: Object.fromEntries(res.units.map((u) => [u.unit_id, u])) };
    } finally {
      m.close();
    }
  }

  it('a unit that missed a quota place is not frozen: it wins the place in some runs, and the quota holds in every run', async () => {
    const { official, byId } = await simulate();
    expect([official.A, official.B]).toEqual(['优秀', '良好']);
    expect(byId.B.grade).toBe('良好');
    expect(byId.B.grade_probs['优秀']).toBeGreaterThan(0);
    expect(byId.B.borderline).toBe(true);
    // exactly one 优秀 per run (one place, no ties): the probabilities over the units sum to 1
    const top = ['A', 'B', 'C', 'D'].reduce((s, u) => s + (byId[u].grade_probs['优秀'] ?? 0), 0);
    expect(top).toBeCloseTo(1, 12);
    expect(byId.A.grade_probs['优秀']! + byId.B.grade_probs['优秀']!).toBeCloseTo(1, 12);
  });

  it('units that are not graded (veto not_graded) are left out of the simulation', async () => {
    const { official, byId } = await simulate();
    expect(official.E).toBeNull();
    expect(byId.E).toBeUndefined();
    expect(Object.keys(byId).sort()).toEqual(['A', 'B', 'C', 'D']);
  });

  it('a veto keeps its effect in every run: B barred from 优秀 never gets it, so A always does', async () => {
    const { official, byId } = await simulate(
      '  - {id: warn, metric: warn, effect: bar_excellent, reason: {zh: 警告, en: warning}}',
      { B: 1 },
    );
    expect([official.A, official.B]).toEqual(['优秀', '良好']);
    expect(byId.B.grade_probs).toEqual({ 良好: 1 });
    expect(byId.A.grade_probs).toEqual({ 优秀: 1 });
    expect(byId.B.borderline).toBe(false);
  });
});
