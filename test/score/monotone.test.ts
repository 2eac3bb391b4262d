/**
 * Property: improving a higher-is-better metric never lowers that unit's composite
 * (random data from a seeded PRNG, the shipped 2025 tree and a geometric variant of it).
 */
import { describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import { scoreYear } from '../../src/score/score.js';
import { loadIndicatorTree } from '../../src/indicators/load-tree.js';
import { DEFAULT_METRIC_IDS, DEFAULT_TREE_METRICS } from '../../src/indicators/default-metrics.js';
import type { IndicatorTree } from '../../src/indicators/indicator-schema.js';
import { prng, seedInputs, type MetricRow } from './helpers.js';

const shipped = loadIndicatorTree('indicators/2025.yaml', DEFAULT_METRIC_IDS).tree!;
const geometric: IndicatorTree = {
  ...shipped,
  nodes: shipped.nodes.map((n) => (n.level === 1 ? { ...n, aggregate: 'geometric' } : n)),
};

describe.each([
  ['arithmetic (shipped 2025 tree)', shipped],
  ['geometric dimensions', geometric],
])('monotonicity, %s', (_, tree) => {
  it('raising one metric of one unit never lowers its composite (6 seeded trials)', async () => {
    const rnd = prng(2025);
    await withDb(async (db) => {
      await seedInputs(db, []);
      for (let trial = 0; trial < 6; trial++) {
        const rows: MetricRow[] = [];
        for (let u = 0; u < 6; u++) {
          for (const m of DEFAULT_TREE_METRICS) {
            const missing = rnd() < 0.1;
            rows.push([2025, `u${u}`, m, missing ? null : Math.round(rnd() * 1000) / 100]);
          }
        }
        const unit = `u${Math.floor(rnd() * 6)}`;
        const target = DEFAULT_TREE_METRICS[Math.floor(rnd() * DEFAULT_TREE_METRICS.length)];
        const before = await composite(db, tree, rows, unit);
        const raised = rows.map((r): MetricRow =>
          r[1] === unit && r[2] === target ? [r[0], r[1], r[2], (r[3] ?? 0) + 1 + rnd() * 5] : r,
        );
        const after = await composite(db, tree, raised, unit);
        if (before !== null) expect(after!).toBeGreaterThanOrEqual(before - 1e-9);
      }
    });
  });
});

async function composite(db: Parameters<typeof seedInputs>[0], tree: IndicatorTree, rows: MetricRow[], unit: string) {
  await db.run('delete from unit_year_metrics');
  await seedInputs(db, rows);
  await scoreYear(db, tree, { year: 2025 });
  const r = await db.one<{ score: number | null }>(`select score from scores where node_id = 'total' and unit_id = $unit`, { unit });
  return r!.score;
}
