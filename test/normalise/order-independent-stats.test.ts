/**
 * Re-scoring unchanged data gives bit-identical z-scores. The mean and sd are sums of doubles,
 * whose last bits depend on the order the rows are added in, and rows reach the statistics in
 * whatever order DuckDB's threads deliver them: before the window was ordered by unit, one of six
 * runs in an experiment gave a unit another last bit (51.644768240884765 vs 51.64476824088476), which
 * changes runs.input_hash. Same data, four threads, rows stored in alternating orders, repeated (on
 * one thread DuckDB happens to deliver the rows in one order, so the difference shows only like this).
 */
import { describe, expect, it } from 'vitest';
import { withDb, type Db } from '../../src/store/db.js';
import { scoreYear } from '../../src/score/score.js';
import { flatTree, normalisedOf, prng, seedInputs, treeFrom, type MetricRow } from '../score/helpers.js';

const rnd = prng(3);
const ROWS: MetricRow[] = Array.from({ length: 3000 }, (_, i) => [2025, `u${i}`, 'm', Math.round(rnd() * 1e6) / 1e3]);
const RUNS = 6;

async function zscores(rows: MetricRow[]): Promise<(number | null)[]> {
  let out: (number | null)[] = [];
  await withDb(async (db: Db) => {
    await db.run('SET threads = 4');
    await seedInputs(db, rows);
    await scoreYear(db, treeFrom(flatTree(['m normalise: zscore'])), { year: 2025 });
    out = Object.values(await normalisedOf(db, 'm'));
  });
  return out;
}

describe('zscore statistics', () => {
  it(`are bit-identical over ${RUNS} runs of the same rows (4 threads, stored in alternating orders)`, async () => {
    const first = await zscores(ROWS);
    expect(first).toHaveLength(ROWS.length);
    for (let run = 1; run < RUNS; run++) {
      const again = await zscores(run % 2 ? [...ROWS].reverse() : ROWS);
      const differing = again.filter((v, i) => !Object.is(v, first[i])).length;
      expect(differing, `run ${run + 1}: ${differing} values differ from run 1`).toBe(0);
    }
  }, 180_000);
});
