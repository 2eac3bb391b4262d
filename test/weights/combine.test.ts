import { describe, expect, it } from 'vitest';
import { combineWeights } from '../../src/weights/combine.js';

const s = { criteria: ['a', 'b', 'c'], weights: [0.5, 0.3, 0.2] };
const o = { criteria: ['a', 'b', 'c'], weights: [0.2, 0.3, 0.5] };

describe('combineWeights', () => {
  it('multiplicative: s·o / Σ s·o = (0.10, 0.09, 0.10)/0.29', () => {
    const r = combineWeights(s, o, { mode: 'multiplicative' });
    [10 / 29, 9 / 29, 10 / 29].forEach((w, j) => expect(r.weights[j]).toBeCloseTo(w, 14));
    expect(r.alpha).toBeNull();
  });

  it('linear: α s + (1 − α) o, default α = 0.5; α = 1 and 0 return the inputs', () => {
    const half = combineWeights(s, o, { mode: 'linear' });
    [0.35, 0.3, 0.35].forEach((w, j) => expect(half.weights[j]).toBeCloseTo(w, 14));
    expect(half.alpha).toBe(0.5);
    expect(combineWeights(s, o, { mode: 'linear', alpha: 1 }).weights).toEqual(s.weights);
    expect(combineWeights(s, o, { mode: 'linear', alpha: 0 }).weights).toEqual(o.weights);
  });

  it('matches criteria by name, keeping the subjective order', () => {
    const shuffled = { criteria: ['c', 'a', 'b'], weights: [0.5, 0.2, 0.3] };
    const r = combineWeights(s, shuffled, { mode: 'linear', alpha: 0.25 });
    expect(r.criteria).toEqual(['a', 'b', 'c']);
    expect(r.objective).toEqual([0.2, 0.3, 0.5]);
    [0.275, 0.3, 0.425].forEach((w, j) => expect(r.weights[j]).toBeCloseTo(w, 14));
  });

  it('different criterion sets are an error listing both sides', () => {
    const other = { criteria: ['a', 'b', 'd'], weights: [0.2, 0.3, 0.5] };
    expect(() => combineWeights(s, other, { mode: 'linear' })).toThrow(/only subjective: c; 仅客观 only objective: d$/);
  });

  it('refuses percent weights, duplicates, bad α, α with multiplicative, and a zero product', () => {
    expect(() => combineWeights({ criteria: ['a', 'b'], weights: [60, 40] }, o, { mode: 'linear' })).toThrow(/sum to 100, expected 1/);
    expect(() => combineWeights({ criteria: ['a', 'a'], weights: [0.5, 0.5] }, o, { mode: 'linear' })).toThrow(/more than once/);
    expect(() => combineWeights(s, o, { mode: 'linear', alpha: 1.5 })).toThrow(/between 0 and 1/);
    expect(() => combineWeights(s, o, { mode: 'multiplicative', alpha: 0.3 })).toThrow(/only applies with --mode linear/);
    const disjoint = { criteria: ['a', 'b', 'c'], weights: [0, 0, 1] };
    expect(() => combineWeights({ criteria: ['a', 'b', 'c'], weights: [1, 0, 0] }, disjoint, { mode: 'multiplicative' })).toThrow(
      /nothing is left to normalise/,
    );
  });
});
