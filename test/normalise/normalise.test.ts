/**
 * Known answers and invariants of the normalisation statement. Formulas: min-max
 * (x − min)/(max − min) and z-score (x − mean)/sd as defined in the OECD/JRC Handbook on
 * Constructing Composite Indicators (2008), normalisation step; distance to target as COINr's
 * n_dist2targ. The numbers below are worked by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import { scoreYear } from '../../src/score/score.js';
import { flatTree, metric, normalisedOf, prng, rounded, seedInputs, treeFrom } from '../score/helpers.js';

const U3 = (a: number | null, b: number | null, c: number | null) => ({ u1: a, u2: b, u3: c });

describe('minmax', () => {
  it('maps the year onto [0, 100] (x = 10, 20, 40 → 0, 33.33, 100)', async () => {
    await withDb(async (db) => {
      // (10−10)/30 = 0; (20−10)/30 = 33.333…; (40−10)/30 = 100
      await seedInputs(db, metric(2025, 'm', U3(10, 20, 40)));
      await scoreYear(db, treeFrom(flatTree(['m'])), { year: 2025 });
      expect(rounded(await normalisedOf(db, 'm'))).toEqual({ u1: 0, u2: 33.333333, u3: 100 });
    });
  });

  it('spans exactly [0, 100] in each year of random data', async () => {
    const rnd = prng(42);
    await withDb(async (db) => {
      const rows = [2023, 2024].flatMap((y) =>
        Array.from({ length: 25 }, (_, i) => [y, `u${i}`, 'm', Math.round(rnd() * 1000) / 10] as [number, string, string, number]),
      );
      await seedInputs(db, rows);
      for (const year of [2023, 2024]) {
        await scoreYear(db, treeFrom(flatTree(['m'])), { year });
        const r = await db.one<{ lo: number; hi: number }>(
          'select min(normalised) lo, max(normalised) hi from indicator_values where year = $year',
          { year },
        );
        expect(r).toEqual({ lo: 0, hi: 100 });
      }
    });
  });

  it('leaves missing values out of min and max and keeps them NULL', async () => {
    await withDb(async (db) => {
      await seedInputs(db, metric(2025, 'm', U3(10, null, 20)));
      await scoreYear(db, treeFrom(flatTree(['m', 'k'])), { year: 2025 });
      expect(await normalisedOf(db, 'm')).toEqual({ u1: 0, u2: null, u3: 100 });
    });
  });

  it('gives a constant column 50 for all and warns constant_indicator', async () => {
    await withDb(async (db) => {
      await seedInputs(db, metric(2025, 'm', U3(7, 7, 7)));
      const s = await scoreYear(db, treeFrom(flatTree(['m'])), { year: 2025 });
      expect(await normalisedOf(db, 'm')).toEqual({ u1: 50, u2: 50, u3: 50 });
      expect(s.warnings.map((w) => w.code)).toContain('constant_indicator');
      const note = await db.one<{ unit_id: string | null; message_en: string }>(`select unit_id, message_en from score_notes where code = 'constant_indicator'`);
      expect(note!.unit_id).toBeNull();
      expect(note!.message_en).toMatch(/all score 50/);
    });
  });
});

describe('zscore (T-score 50 + 10z, sample sd)', () => {
  it('matches the hand computation for x = 2, 4, 6, 8', async () => {
    await withDb(async (db) => {
      // mean 5; sample sd = √((9+1+1+9)/3) = √(20/3) = 2.5819889; z = ∓1.161895, ∓0.387298
      // T = 50 + 10z → 38.381050, 46.127017, 53.872983, 61.618950
      await seedInputs(db, metric(2025, 'm', { a: 2, b: 4, c: 6, d: 8 }));
      await scoreYear(db, treeFrom(flatTree(['m normalise: zscore'])), { year: 2025 });
      expect(rounded(await normalisedOf(db, 'm'))).toEqual({ a: 38.38105, b: 46.127017, c: 53.872983, d: 61.61895 });
    });
  });
});

describe('rank with ties: max (1 = best, ties take the minimum rank, 100·(n − r)/(n − 1); other ties in rank-ties.test.ts)', () => {
  it('scores x = 10, 20, 20, 5 as 33.33, 100, 100, 0', async () => {
    await withDb(async (db) => {
      // ranks (higher is better): 20 → 1, 20 → 1, 10 → 3, 5 → 4; n = 4 → 100·(4−r)/3
      await seedInputs(db, metric(2025, 'm', { a: 10, b: 20, c: 20, d: 5 }));
      await scoreYear(db, treeFrom(flatTree(['m normalise: {method: rank, ties: max}'])), { year: 2025 });
      expect(rounded(await normalisedOf(db, 'm'))).toEqual({ a: 33.333333, b: 100, c: 100, d: 0 });
    });
  });
});

describe('goalposts', () => {
  it('is fixed and clamped to [0, 100]: lo 0, hi 8 on −1, 4, 9 → 0, 50, 100', async () => {
    await withDb(async (db) => {
      await seedInputs(db, metric(2025, 'm', U3(-1, 4, 9)));
      await scoreYear(db, treeFrom(flatTree(['m normalise: {method: goalposts, lo: 0, hi: 8}'])), { year: 2025 });
      expect(await normalisedOf(db, 'm')).toEqual({ u1: 0, u2: 50, u3: 100 });
    });
  });
});

describe('distance_to_target (COINr n_dist2targ: (x − min)/(target − min))', () => {
  it('is uncapped by default and capped at 100 with cap: true', async () => {
    await withDb(async (db) => {
      // min 2, target 8: (2−2)/6 = 0, (5−2)/6 = 50%, (10−2)/6 = 133.33%
      await seedInputs(db, [...metric(2025, 'm', U3(2, 5, 10)), ...metric(2025, 'k', U3(2, 5, 10))]);
      const tree = treeFrom(flatTree(['m normalise: {method: distance_to_target, target: 8}', 'k normalise: {method: distance_to_target, target: 8, cap: true}']));
      await scoreYear(db, tree, { year: 2025 });
      expect(rounded(await normalisedOf(db, 'm'))).toEqual({ u1: 0, u2: 50, u3: 133.333333 });
      expect(rounded(await normalisedOf(db, 'k'))).toEqual({ u1: 0, u2: 50, u3: 100 });
    });
  });

  it('scores everybody 100 when the target equals the minimum, with a target_at_worst warning', async () => {
    await withDb(async (db) => {
      await seedInputs(db, metric(2025, 'm', U3(2, 5, 10)));
      const s = await scoreYear(db, treeFrom(flatTree(['m normalise: {method: distance_to_target, target: 2, cap: 100}'])), { year: 2025 });
      expect(await normalisedOf(db, 'm')).toEqual({ u1: 100, u2: 100, u3: 100 });
      expect(s.warnings.map((w) => w.code)).toContain('target_at_worst');
    });
  });
});

describe('percent_of_target (capped at 100)', () => {
  it('is 100·x/target, and 100·target/x when lower is better', async () => {
    await withDb(async (db) => {
      // higher, target 8: 2 → 25, 5 → 62.5, 10 → 125 → 100
      // lower, target 4: 2 → 200 → 100, 5 → 80, 10 → 40
      await seedInputs(db, [...metric(2025, 'm', U3(2, 5, 10)), ...metric(2025, 'k', U3(2, 5, 10))]);
      const tree = treeFrom(flatTree([
        'm normalise: {method: percent_of_target, target: 8}',
        'k normalise: {method: percent_of_target, target: 4}, direction: lower_is_better',
      ]));
      await scoreYear(db, tree, { year: 2025 });
      expect(await normalisedOf(db, 'm')).toEqual({ u1: 25, u2: 62.5, u3: 100 });
      expect(await normalisedOf(db, 'k')).toEqual({ u1: 100, u2: 80, u3: 40 });
    });
  });
});

describe('lower_is_better flips', () => {
  it.each(['minmax', 'zscore', 'rank', '{method: goalposts, lo: 0, hi: 100}'])('%s: lower score = 100 − higher score (distinct values)', async (method) => {
    const rnd = prng(7);
    await withDb(async (db) => {
      const values = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`u${i}`, Math.round(rnd() * 10000) / 100]));
      await seedInputs(db, [...metric(2025, 'up', values), ...metric(2025, 'down', values)]);
      const tree = treeFrom(flatTree([`up normalise: ${method}`, `down normalise: ${method}, direction: lower_is_better`]));
      await scoreYear(db, tree, { year: 2025 });
      const up = await normalisedOf(db, 'up');
      const down = await normalisedOf(db, 'down');
      for (const u of Object.keys(values)) expect(down[u]!).toBeCloseTo(100 - up[u]!, 9);
    });
  });

  it('gives the lowest raw value 100 under minmax', async () => {
    await withDb(async (db) => {
      await seedInputs(db, metric(2025, 'm', U3(1, 2, 3)));
      await scoreYear(db, treeFrom(flatTree(['m direction: lower_is_better'])), { year: 2025 });
      expect(await normalisedOf(db, 'm')).toEqual({ u1: 100, u2: 50, u3: 0 });
    });
  });
});
