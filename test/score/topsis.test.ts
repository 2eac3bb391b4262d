/**
 * TOPSIS as the composite aggregation, on the textbook example of Yoon & Hwang (1995),
 * *Multiple Attribute Decision Making: An Introduction* (Sage), as worked in B. Sennaroğlu's
 * Decision Analysis notes (2009): three alternatives, two benefit criteria with weights
 * 0.714 and 0.286 and values (17, 12), (10, 9), (8, 6).
 *
 * By hand: norms √453 = 21.2838, √261 = 16.1555; weighted normalised matrix
 *   V = (0.5703, 0.2124), (0.3355, 0.1593), (0.2684, 0.1062)   (the notes' V)
 * A⁺ = (0.5703, 0.2124), A⁻ = (0.2684, 0.1062);
 *   alt 1: D⁺ = 0, D⁻ = √(0.3019² + 0.1062²) = 0.3200 → C = 1
 *   alt 2: D⁺ = √(0.2348² + 0.0531²) = 0.2407, D⁻ = √(0.0671² + 0.0531²) = 0.0856 → C = 0.2623
 *   alt 3: D⁺ = 0.3200, D⁻ = 0 → C = 0
 * TOPSIS runs on the leaves' raw values (topsis.normalise vector, the default), here the
 * textbook matrix, vector-normalised as in the notes; the composite is 100 × C.
 */
import { describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import { scoreYear } from '../../src/score/score.js';
import { closenessByPattern } from '../../src/score/topsis.js';
import { metric, scoresOf, seedInputs, treeFrom } from './helpers.js';

const TEXTBOOK = treeFrom(`
year: 2025
label: {zh: TOPSIS 教科书例题, en: TOPSIS textbook example}
composite: {aggregate: topsis}
dimensions:
  - id: p
    label: {zh: 准则一, en: criterion 1}
    weight: 71.4
    indicators:
      - {id: p1, label: {zh: p1, en: p1}, weight: 100, metric: p, normalise: {method: goalposts, lo: 0, hi: 100}}
  - id: l
    label: {zh: 准则二, en: criterion 2}
    weight: 28.6
    indicators:
      - {id: l1, label: {zh: l1, en: l1}, weight: 100, metric: l, normalise: {method: goalposts, lo: 0, hi: 100}}
`);

describe('TOPSIS composite', () => {
  it('reproduces the textbook closeness 1, 0.2623, 0', async () => {
    await withDb(async (db) => {
      await seedInputs(db, [...metric(2025, 'p', { a1: 17, a2: 10, a3: 8 }), ...metric(2025, 'l', { a1: 12, a2: 9, a3: 6 })]);
      await scoreYear(db, TEXTBOOK, { year: 2025 });
      const total = await scoresOf(db, 'total');
      expect(total.a1).toBeCloseTo(100, 6);
      expect(total.a2! / 100).toBeCloseTo(0.2623, 3);
      expect(total.a3).toBeCloseTo(0, 6);
      const ranks = await db.all(`select unit_id, rank from scores where node_id = 'total' order by unit_id`);
      expect(ranks.map((r) => r.rank)).toEqual([1, 2, 3]);
      // a TOPSIS composite has no additive contributions
      expect(await db.one(`select count(contribution) as n from indicator_values`)).toEqual({ n: 0 });
    });
  });

  it('compares a unit missing a child on the children it has, against every unit that has them', () => {
    const rows = [
      { year: 2025, group_id: 'g', unit_id: 'a', criterion: 'x', value: 10, weight: 0.5 },
      { year: 2025, group_id: 'g', unit_id: 'a', criterion: 'y', value: 5, weight: 0.5 },
      { year: 2025, group_id: 'g', unit_id: 'b', criterion: 'x', value: 5, weight: 0.5 },
      { year: 2025, group_id: 'g', unit_id: 'b', criterion: 'y', value: 10, weight: 0.5 },
      { year: 2025, group_id: 'g', unit_id: 'c', criterion: 'x', value: 10, weight: 0.5 },
      { year: 2025, group_id: 'g', unit_id: 'c', criterion: 'y', value: null, weight: 0.5 },
    ];
    const c = closenessByPattern(rows);
    // complete units a, b are mirror images: 0.5 each; c on x alone ties the best (10) → 1
    expect(c.get('a')).toBeCloseTo(0.5, 12);
    expect(c.get('b')).toBeCloseTo(0.5, 12);
    expect(c.get('c')).toBeCloseTo(1, 12);
  });

  it('scores identical units 50', async () => {
    await withDb(async (db) => {
      await seedInputs(db, [...metric(2025, 'p', { a: 5, b: 5 }), ...metric(2025, 'l', { a: 7, b: 7 })]);
      await scoreYear(db, TEXTBOOK, { year: 2025 });
      expect(await scoresOf(db, 'total')).toEqual({ a: 50, b: 50 });
    });
  });
});
