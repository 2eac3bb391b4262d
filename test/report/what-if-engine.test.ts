/**
 * The page's what-if computation equals the scoring engine: for this year's weights and for
 * random ones, every unit's weighted composite, composite, status, rank, rank in type and grade
 * from computeWhatIf equal what scoreYear writes to `scores` for a tree with those weights
 * (bonus, deduction, the four veto effects, quota grading with ties, units that drop out under
 * the missing threshold, a tie). The browser test checks the same through the page's sliders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, withDb, type Db } from '../../src/store/db.js';
import { scoreYear } from '../../src/score/score.js';
import { computeWhatIf, type WhatIfResult } from '../../src/report/page/what-if-engine.js';
import { readWhatIfData } from '../../src/report/page/what-if-data.js';
import { prng } from '../score/helpers.js';
import { createWhatIfDb, normalisedPercent, officialResults, whatIfTree } from './what-if-fixture.js';

const r2 = (v: number | null) => (v === null ? null : Math.round(v * 1e6) / 1e6);

async function tables(db: Db): Promise<Set<string>> {
  return new Set((await db.all<{ t: string }>('select table_name as t from duckdb_tables()')).map((r) => r.t));
}

async function pageResults(db: Db, weights?: number[]): Promise<WhatIfResult[]> {
  const data = await readWhatIfData(db, 2025, await runOf(db), await tables(db));
  if ('unavailable' in data) throw new Error(`no what-if: ${data.unavailable}`);
  return computeWhatIf(data, weights ?? data.weights);
}

function asOfficial(rows: WhatIfResult[]) {
  return rows.map((r) => ({ unit_id: r.id, score: r2(r.score), weighted: r2(r.weighted), grade: r.grade, grade_status: r.status, rank: r.rank, rank_in_type: r.rankInType }));
}

async function scored(db: Db) {
  return (await officialResults(db)).map((r) => ({ ...r, score: r2(r.score), weighted: r2(r.weighted) }));
}

const runOf = async (db: Db) => (await db.one<{ run_id: string }>(`select any_value(run_id) as run_id from scores where year = 2025 and level = 0`))!.run_id;

describe('what-if = the scoring engine', () => {
  let scoredDb: Db;
  beforeAll(async () => {
    scoredDb = await openDb(':memory:');
    await createWhatIfDb(scoredDb);
  });
  afterAll(() => scoredDb?.close());

  it('reproduces this year\'s official result at this year\'s weights', async () => {
    const official = await scored(scoredDb);
    // the fixture exercises what it says: vetoes, a quota, an unscored-under-other-weights unit, a tie
    expect(official.find((r) => r.unit_id === 'u03')!.grade_status).toBe('not_graded');
    expect(official.find((r) => r.unit_id === 'u13')!.grade).toBe('较差');
    expect(official.filter((r) => r.grade === '优秀').length).toBeLessThanOrEqual(5);
    expect(official.find((r) => r.unit_id === 'u11')!.rank).toBe(official.find((r) => r.unit_id === 'u12')!.rank);
    expect(asOfficial(await pageResults(scoredDb))).toEqual(official);
  });

  it('reproduces a re-score of the tree with random weights, and with weights that leave units unscored', async () => {
    const rnd = prng(7);
    const cases = [...Array.from({ length: 2 }, () => [1, 2, 3].map(() => Math.round(rnd() * 100))), [10, 10, 80], [0, 50, 50]];
    await withDb(async (db) => {
      await createWhatIfDb(db);
      // every what-if from this year's scores first; then each tree re-scored over them in turn
      const pages = [];
      for (const sliders of cases) pages.push(asOfficial(await pageResults(db, sliders)));
      for (const [i, sliders] of cases.entries()) {
        await scoreYear(db, whatIfTree(normalisedPercent(sliders)), { year: 2025 });
        expect(pages[i], `sliders ${sliders.join('/')}`).toEqual(await scored(db));
        if (sliders[2] === 80) expect(pages[i].find((r) => r.unit_id === 'u05')!.grade_status).toBe('unscored');
      }
    });
  }, 240_000);

  it('gives no composite to anyone when every weight is 0', async () => {
    const data = await readWhatIfData(scoredDb, 2025, await runOf(scoredDb), await tables(scoredDb));
    if ('unavailable' in data) throw new Error(data.unavailable);
    const rows = computeWhatIf(data, [0, 0, 0]);
    expect(rows.length).toBe(24);
    expect(rows.every((r) => r.score === null && r.rank === null && r.grade === null)).toBe(true);
  });
});
