import { describe, expect, it } from 'vitest';
import { computeCriticWeights } from '../../src/weights/critic.js';

// Hand-derived example for CRITIC (Diakoulaki, Mavrotas & Papayannakis 1995).
//   raw A = (10,20,30), B = (5,3,1), C = (0,4,2)
//   min-max → A = (0, ½, 1), B = (1, ½, 0), C = (0, 1, ½); each a permutation of (0, ½, 1),
//   so σ = √(((½)² + 0 + (½)²)/2) = 0.5 for all three.
//   centred: A (−½, 0, ½), B (½, 0, −½), C (−½, ½, 0); Σd² = ½ each
//   r_AB = −¼/½ = −1, r_AC = ¼/½ = 0.5, r_BC = −¼/½ = −0.5
//   conflict: A = 0 + 2 + 0.5 = 2.5, B = 2 + 0 + 1.5 = 3.5, C = 0.5 + 1.5 + 0 = 2
//   C_j = 0.5 · conflict = (1.25, 1.75, 1) → w = (0.3125, 0.4375, 0.25). numpy agrees.
const HAND = [
  [10, 5, 0],
  [20, 3, 4],
  [30, 1, 2],
];

describe('computeCriticWeights', () => {
  it('hand-derived 3×3 example (Diakoulaki et al. 1995 CRITIC): w = (0.3125, 0.4375, 0.25)', () => {
    const r = computeCriticWeights(HAND, { criteria: ['A', 'B', 'C'] });
    r.sigma.forEach((s) => expect(s).toBeCloseTo(0.5, 14));
    expect(r.correlation[0][1]).toBeCloseTo(-1, 14);
    expect(r.correlation[0][2]).toBeCloseTo(0.5, 14);
    expect(r.correlation[1][2]).toBeCloseTo(-0.5, 14);
    [2.5, 3.5, 2].forEach((c, j) => expect(r.conflict[j]).toBeCloseTo(c, 14));
    [1.25, 1.75, 1].forEach((c, j) => expect(r.information[j]).toBeCloseTo(c, 14));
    [0.3125, 0.4375, 0.25].forEach((w, j) => expect(r.weights[j]).toBeCloseTo(w, 14));
  });

  it('a constant column gets weight 0 and counts as uncorrelated (r = 0): w = (7, 9, 6, 0)/22', () => {
    // D = (7,7,7): σ_D = 0 → C_D = 0; r with D is 0, adding 1·σ = 0.5 to each other C:
    // C = (1.75, 2.25, 1.5, 0), ΣC = 5.5.
    const r = computeCriticWeights(HAND.map((row) => [...row, 7]));
    expect(r.weights[3]).toBe(0);
    expect(r.constant).toEqual([false, false, false, true]);
    [7 / 22, 9 / 22, 6 / 22].forEach((w, j) => expect(r.weights[j]).toBeCloseTo(w, 14));
    expect(r.weights.some(Number.isNaN)).toBe(false);
  });

  it('a cost column is reversed: B as cost equals A, r_AB = 1 → w = (0.25, 0.25, 0.5)', () => {
    // B' = (0, ½, 1) = A: r_AB = 1, r_AC = r_BC = 0.5; conflict = (0.5, 0.5, 1); C = (0.25, 0.25, 0.5).
    const r = computeCriticWeights(HAND, { cost: [false, true, false] });
    [0.25, 0.25, 0.5].forEach((w, j) => expect(r.weights[j]).toBeCloseTo(w, 14));
  });

  it('weights sum to 1 and permute with the criteria', () => {
    const data = [
      [3, 40, 0.2, 9],
      [5, 10, 0.9, 1],
      [4, 25, 0.4, 4],
      [9, 30, 0.1, 6],
      [1, 35, 0.5, 2],
    ];
    const a = computeCriticWeights(data);
    expect(a.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 14);
    const perm = [2, 3, 0, 1];
    const b = computeCriticWeights(data.map((r) => perm.map((j) => r[j])));
    perm.forEach((j, k) => expect(b.weights[k]).toBeCloseTo(a.weights[j], 14));
  });

  it('undefined cases are errors: all constant, all perfectly correlated, one criterion', () => {
    expect(() => computeCriticWeights([[1, 2], [1, 2], [1, 2]])).toThrow(/every criterion is constant/);
    expect(() => computeCriticWeights([[1, 2], [2, 4], [3, 6]])).toThrow(/perfectly correlated/);
    expect(() => computeCriticWeights([[1], [2], [3]])).toThrow(/at least 2 criteria/);
  });
});
