/**
 * Step 3a of scoring: weights_from critic / entropy / combined computed from the year's values,
 * at any level (here the composite over two sub-groups), the root unit left out, missing values
 * filled with the mean when asked, and the weights used recorded in the run log.
 */
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { rerunScore, scoreYear } from '../../src/score/score.js';
import { metric, seedInputs, treeFrom } from './helpers.js';

// Two dimensions of one leaf each (goalposts 0..10 → value × 10), so their scores are the leaves'.
const TREE = (weightsFrom: string, dims: [string, string] | null) => `year: 2025
label: {zh: 测试, en: test}
composite:
  weights_from: ${weightsFrom}
dimensions:
  - id: d1
    label: {zh: 维度一, en: D1}
${dims ? `    weight: ${dims[0]}\n` : ''}    indicators:
      - {id: p, label: {zh: 甲, en: P}, weight: 100, metric: p, normalise: {method: goalposts, lo: 0, hi: 10}}
  - id: d2
    label: {zh: 维度二, en: D2}
${dims ? `    weight: ${dims[1]}\n` : ''}    indicators:
      - {id: q, label: {zh: 乙, en: Q}, weight: 100, metric: q, normalise: {method: goalposts, lo: 0, hi: 10}}
`;

const P = { u1: 1, u2: 2, u3: 3, u4: 4, hq: 10 };
const Q = { u1: 4, u2: 1, u3: 3, u4: null, hq: 0 };

async function scored(weightsFrom: string, dims: [string, string] | null = null) {
  const db = await openDb(':memory:');
  await seedInputs(db, [...metric(2025, 'p', P), ...metric(2025, 'q', Q)]);
  await db.run(`create table units (unit_id varchar, name varchar, parent_id varchar, unit_type varchar,
    valid_from integer, valid_to integer, source_file varchar, source_row integer)`);
  for (const [i, u] of Object.keys(P).entries()) {
    await db.run(`insert into units values ($u, $u, $p, 't', null, null, 'units.csv', $r)`, { u, p: u === 'hq' ? null : 'hq', r: i + 2 });
  }
  const s = await scoreYear(db, treeFrom(TREE(weightsFrom, dims)), { year: 2025 });
  const run = await db.one<{ params_json: string }>('select params_json from runs where run_id = $r', { r: s.runId });
  const w = await db.all<{ node_id: string; weight: number }>(`select node_id, weight from tree_nodes where run_id = $r and level = 1 order by position`, { r: s.runId });
  db.close();
  return { s, used: JSON.parse(run!.params_json).dataWeights, weights: w.map((r) => r.weight) };
}

/** CRITIC by hand on two columns: σ of the min-max columns × (1 − r). */
function handCritic(cols: number[][]): number[] {
  const z = cols.map((x) => x.map((v) => (v - Math.min(...x)) / (Math.max(...x) - Math.min(...x))));
  const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
  const sd = (x: number[]) => Math.sqrt(x.reduce((a, v) => a + (v - mean(x)) ** 2, 0) / (x.length - 1));
  const cov = z[0].reduce((a, v, i) => a + (v - mean(z[0])) * (z[1][i] - mean(z[1])), 0) / (z[0].length - 1);
  const r = cov / (sd(z[0]) * sd(z[1]));
  const c = z.map((x) => sd(x) * (1 - r));
  return c.map((x) => x / (c[0] + c[1]));
}

describe('weights from the data at scoring time', () => {
  it('CRITIC at the composite over the dimensions’ scores; u4 (no q) left out, hq (root) never counted', async () => {
    const { s, used, weights } = await scored('{method: critic}');
    const expected = handCritic([[10, 20, 30], [40, 10, 30]]); // u1..u3, × 10 by the goalposts
    weights.forEach((w, j) => expect(w).toBeCloseTo(expected[j], 12));
    expect(used[0]).toMatchObject({ group: 'total', method: 'critic', units: ['u1', 'u2', 'u3'], incomplete: ['u4'] });
    const u1 = s.results.find((r) => r.unit_id === 'u1')!;
    expect(u1.weighted).toBeCloseTo(expected[0] * 10 + expected[1] * 40, 9);
    expect(s.warnings.find((w) => w.code === 'units_dropped')?.message).toContain('u4（d2）');
  });

  it('missing: mean fills u4’s gap with the mean of u1..u3 and says so; linear combination α·s + (1 − α)·entropy', async () => {
    const { used, weights, s } = await scored('{method: combined, objective: entropy, mode: linear, alpha: 0.25, missing: mean}', ['60', '40']);
    const cols = [[10, 20, 30, 40], [40, 10, 30, 80 / 3]]; // u4's q = mean(40, 10, 30)
    const d = cols.map((x) => {
      const t = x.reduce((a, b) => a + b, 0);
      return 1 + x.reduce((h, v) => h + (v / t) * Math.log(v / t), 0) / Math.log(x.length);
    });
    const o = d.map((x) => x / (d[0] + d[1]));
    const expected = [0.25 * 0.6 + 0.75 * o[0], 0.25 * 0.4 + 0.75 * o[1]];
    weights.forEach((w, j) => expect(w).toBeCloseTo(expected[j], 12));
    expect(used[0]).toMatchObject({ method: 'combined', mode: 'linear', alpha: 0.25, units: ['u1', 'u2', 'u3', 'u4'], incomplete: ['u4'], subjective: [0.6, 0.4] });
    o.forEach((w, j) => expect(used[0].objectiveWeights[j]).toBeCloseTo(w, 12));
    expect(s.warnings.find((w) => w.code === 'values_imputed')?.message).toContain('u4（d2）');
  });

  it('a re-run from the run log recomputes the same weights (the recorded tree keeps weights_from)', async () => {
    const db = await openDb(':memory:');
    await seedInputs(db, [...metric(2025, 'p', P), ...metric(2025, 'q', Q)]);
    const first = await scoreYear(db, treeFrom(TREE('{method: entropy}', null)), { year: 2025 });
    const again = await rerunScore(db, first.runId);
    const weightsOf = async (r: string) =>
      (await db.all<{ weight: number }>('select weight from tree_nodes where run_id = $r and level = 1 order by position', { r })).map((x) => x.weight);
    expect(await weightsOf(again.runId)).toEqual(await weightsOf(first.runId));
    expect(again.results.map((r) => r.score)).toEqual(first.results.map((r) => r.score));
    db.close();
  });
});
