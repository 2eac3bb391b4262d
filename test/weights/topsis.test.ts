import { describe, expect, it } from 'vitest';
import { rankByTopsis, rankDescending } from '../../src/weights/topsis.js';

// Hwang & Yoon (1981), Multiple Attribute Decision Making, fighter-aircraft example (p. 133):
// criteria max speed, ferry range, max payload, acquisition cost (cost), reliability,
// manoeuvrability; weights (0.2, 0.1, 0.1, 0.1, 0.2, 0.3).
// Published closeness C* = (0.643, 0.268, 0.613, 0.312), order A1 > A3 > A4 > A2. The book's
// normalised matrix has small rounding slips (e.g. 0.5063 for 5.5/√117.75 = 0.5069), so we
// compare to it at 1e-3 and to an independent numpy computation at 1e-6:
//   D⁺ = (0.054557, 0.119679, 0.057977, 0.100937), D⁻ = (0.098383, 0.043903, 0.092044, 0.045836),
//   C  = (0.643277, 0.268384, 0.613542, 0.312291).
const AIRCRAFT = [
  [2.0, 1500, 20000, 5.5, 5, 9],
  [2.5, 2700, 18000, 6.5, 3, 5],
  [1.8, 2000, 21000, 4.5, 7, 7],
  [2.2, 1800, 20000, 5.0, 5, 5],
];
const WEIGHTS = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3];
const COST = [false, false, false, true, false, false];

describe('rankByTopsis', () => {
  it('Hwang & Yoon (1981) fighter-aircraft example: C* = (0.643, 0.268, 0.613, 0.312)', () => {
    const r = rankByTopsis(AIRCRAFT, { weights: WEIGHTS, cost: COST });
    [0.643, 0.268, 0.613, 0.312].forEach((c, i) => expect(Math.abs(r.closeness[i] - c)).toBeLessThan(1e-3));
    [0.643277, 0.268384, 0.613542, 0.312291].forEach((c, i) => expect(r.closeness[i]).toBeCloseTo(c, 6));
    [0.054557, 0.119679, 0.057977, 0.100937].forEach((d, i) => expect(r.distanceToIdeal[i]).toBeCloseTo(d, 6));
    [0.098383, 0.043903, 0.092044, 0.045836].forEach((d, i) => expect(r.distanceToAntiIdeal[i]).toBeCloseTo(d, 6));
    expect(r.rank).toEqual([1, 4, 2, 3]);
  });

  it('the best-on-everything alternative scores 1, the worst 0, all in [0, 1]', () => {
    const r = rankByTopsis(
      [
        [10, 1],
        [5, 5],
        [1, 9],
        [7, 2],
      ],
      { weights: [0.5, 0.5], cost: [false, true] },
    );
    expect(r.closeness[0]).toBe(1);
    expect(r.closeness[2]).toBe(0);
    r.closeness.forEach((c) => expect(c >= 0 && c <= 1).toBe(true));
  });

  it('ties take the minimum rank; identical alternatives tie at 0.5', () => {
    const r = rankByTopsis(
      [
        [1, 2],
        [3, 1],
        [1, 2],
      ],
      { weights: [1, 1] },
    );
    expect(r.closeness[0]).toBe(r.closeness[2]);
    expect(r.rank[0]).toBe(r.rank[2]);
    const same = rankByTopsis([[1, 2], [1, 2]], { weights: [0.5, 0.5] });
    expect(same.closeness).toEqual([0.5, 0.5]);
    expect(same.rank).toEqual([1, 1]);
    expect(rankDescending([0.5, 0.9, 0.5, 0.1])).toEqual([2, 1, 2, 4]);
  });

  it('scaling the weights does not change the closeness', () => {
    const a = rankByTopsis(AIRCRAFT, { weights: WEIGHTS, cost: COST });
    const b = rankByTopsis(AIRCRAFT, { weights: WEIGHTS.map((w) => w * 10), cost: COST });
    a.closeness.forEach((c, i) => expect(b.closeness[i]).toBeCloseTo(c, 12));
  });

  it('weights must match the criteria and be non-negative', () => {
    expect(() => rankByTopsis(AIRCRAFT, { weights: [1, 1] })).toThrow(/2 weights given, expected 6/);
    expect(() => rankByTopsis([[1, 2]], { weights: [1, -1], criteria: ['x', 'y'] })).toThrow(/“y”/);
    expect(() => rankByTopsis([[1, 2]], { weights: [0, 0] })).toThrow(/all weights are 0/);
  });
});

describe('rankByTopsis options', () => {
  it('normalise none: the values as they are (hand: V = w·x; a (75, 0), b (0, 25), c (37.5, 12.5) → 0.75, 0.25, 0.5)', () => {
    const r = rankByTopsis([[100, 0], [0, 100], [50, 50]], { weights: [0.75, 0.25], normalise: 'none' });
    [0.75, 0.25, 0.5].forEach((c, i) => expect(r.closeness[i]).toBeCloseTo(c, 12));
  });

  it('vector normalisation does not overflow on 1e200 (closeness unchanged by scaling a column)', () => {
    const scaled = AIRCRAFT.map((row) => row.map((x, j) => (j === 1 ? x * 1e200 : x)));
    const a = rankByTopsis(AIRCRAFT, { weights: WEIGHTS, cost: COST });
    const b = rankByTopsis(scaled, { weights: WEIGHTS, cost: COST });
    a.closeness.forEach((c, i) => expect(b.closeness[i]).toBeCloseTo(c, 12));
  });
});
