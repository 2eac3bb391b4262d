import { describe, expect, it } from 'vitest';
import { YardstickError } from '../../src/errors.js';
import { computeEntropyWeights } from '../../src/weights/entropy.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

// Hand-derived 4-unit example (Shannon entropy weights as in Zeleny 1982), k = 1/ln 4 = 1/(2 ln 2):
//   A = (2,2,0,0): p = (½,½,0,0), e = k·ln 2 = 0.5, d = 0.5           (0·ln 0 = 0)
//   B = (2,1,1,0): p = (½,¼,¼,0), e = k(½ ln 2 + ½ ln 4) = k·(3/2)ln 2 = 0.75, d = 0.25
//   C = (3,3,3,3): constant → e = 1, d = 0
//   D = (7,0,0,0): p = (1,0,0,0), e = 0, d = 1
//   Σd = 1.75 → w = (2/7, 1/7, 0, 4/7). numpy agrees.
const HAND = [
  [2, 2, 3, 7],
  [2, 1, 3, 0],
  [0, 1, 3, 0],
  [0, 0, 3, 0],
];

describe('computeEntropyWeights', () => {
  it('hand-derived 4×4 example (Shannon/Zeleny entropy weights): w = (2/7, 1/7, 0, 4/7)', () => {
    const r = computeEntropyWeights(HAND, { criteria: ['A', 'B', 'C', 'D'] });
    expect(r.entropy.map((e) => Number(e.toFixed(12)))).toEqual([0.5, 0.75, 1, 0]);
    [2 / 7, 1 / 7, 0, 4 / 7].forEach((w, j) => expect(r.weights[j]).toBeCloseTo(w, 12));
    expect(r.weights[2]).toBe(0);
    expect(r.constant).toEqual([false, false, true, false]);
    expect(r.normalise).toBe('proportion');
  });

  it('weights sum to 1, accept Float64Array rows, and permute with the criteria', () => {
    const rows = HAND.map((r) => Float64Array.from(r));
    const a = computeEntropyWeights(rows);
    expect(sum(a.weights)).toBeCloseTo(1, 14);
    const perm = [3, 1, 0, 2];
    const b = computeEntropyWeights(HAND.map((r) => perm.map((j) => r[j])));
    perm.forEach((j, k) => expect(b.weights[k]).toBeCloseTo(a.weights[j], 14));
  });

  it('a constant column gets weight 0, never NaN; all constant is an error', () => {
    const r = computeEntropyWeights([
      [0, 5, 1],
      [0, 5, 2],
      [0, 5, 3],
    ]);
    expect(r.weights.slice(0, 2)).toEqual([0, 0]);
    expect(r.weights[2]).toBe(1);
    expect(() =>
      computeEntropyWeights([
        [1, 2],
        [1, 2],
      ]),
    ).toThrow(/every criterion is constant/);
  });

  it('minmax: shift-invariant, unlike proportion; (12,12,10,10) → (1,1,0,0) → e = 0.5', () => {
    // numpy: proportion e_A = 0.997015 (shares 12/44, 12/44, 10/44, 10/44); minmax e_A = 0.5.
    const data = [
      [12, 10],
      [12, 3],
      [10, 1],
      [10, 9],
    ];
    const shifted = data.map((r) => r.map((x) => x + 100));
    const mm = computeEntropyWeights(data, { normalise: 'minmax' });
    expect(mm.entropy[0]).toBeCloseTo(0.5, 12);
    const mmShifted = computeEntropyWeights(shifted, { normalise: 'minmax' });
    mm.weights.forEach((w, j) => expect(mmShifted.weights[j]).toBeCloseTo(w, 12));
    const prop = computeEntropyWeights(data);
    expect(prop.entropy[0]).toBeCloseTo(0.997015, 6);
    expect(computeEntropyWeights(shifted).weights[0]).not.toBeCloseTo(prop.weights[0], 3);
  });

  it('minmax with a cost column reverses it before taking shares', () => {
    // x = (3,1,0,0): benefit → (1, 1/3, 0, 0), p = (3/4, 1/4, 0, 0),
    //   e = −(¾ ln ¾ + ¼ ln ¼)/ln 4 = 0.405639;
    // cost → (0, 2/3, 1, 1), p = (0, 1/4, 3/8, 3/8), e = −(¼ ln ¼ + 2·⅜ ln ⅜)/ln 4 = 0.780639.
    const data = [[3, 1], [1, 2], [0, 3], [0, 4]];
    expect(computeEntropyWeights(data, { normalise: 'minmax' }).entropy[0]).toBeCloseTo(0.405639, 6);
    expect(computeEntropyWeights(data, { normalise: 'minmax', cost: [true, false] }).entropy[0]).toBeCloseTo(0.780639, 6);
  });

  it('proportion: negative values and cost flags are refused with named cells', () => {
    const opts = { criteria: ['budget', 'rooms'], units: ['u1', 'u2'] };
    try {
      computeEntropyWeights([[1, 2], [-1, 3]], opts);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(YardstickError);
      expect((e as YardstickError).issues[0]).toMatchObject({ code: 'negative_value' });
      expect((e as YardstickError).issues[0].message).toContain('“u2”的“budget”为负数 -1');
    }
    expect(() => computeEntropyWeights([[1, 2], [2, 3]], { ...opts, cost: [false, true] })).toThrow(/--normalise minmax/);
  });

  it('needs at least 2 units and finite values', () => {
    expect(() => computeEntropyWeights([[1, 2]])).toThrow(/at least 2 rows/);
    expect(() => computeEntropyWeights([[1, NaN], [2, 3]])).toThrow(/not a finite number/);
  });
});
