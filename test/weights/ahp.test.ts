import { describe, expect, it } from 'vitest';
import { YardstickError } from '../../src/errors.js';
import { assertConsistent, checkPairwiseMatrix, computeAhp, inconsistencyIssue } from '../../src/weights/ahp.js';
import { RI_TABLES } from '../../src/weights/random-index.js';

/** a_ij = w_i / w_j: a perfectly consistent matrix for weights w. */
const consistentMatrix = (w: number[]) => w.map((wi) => w.map((wj) => wi / wj));

// The textbook 3×3 example (Saaty's scale; reproduced in most AHP tutorials).
// Independent check (numpy.linalg.eig, principal eigenvector scaled to sum 1):
//   w = (0.636986, 0.258285, 0.104729), λmax = 3.038511,
//   CI = (3.038511 − 3)/2 = 0.019256, CR = 0.019256/0.58 = 0.033199.
const SAATY_3 = [
  [1, 3, 5],
  [1 / 3, 1, 3],
  [1 / 5, 1 / 3, 1],
];

// Wikipedia, "Analytic hierarchy process – leader example": criteria Experience, Education,
// Charisma, Age with Experience/Education 4, Experience/Charisma 3, Experience/Age 7,
// Education/Charisma 1/3, Education/Age 3, Charisma/Age 5. Published priorities:
// .547, .127, .270, .056. numpy: (0.547569, 0.126555, 0.269950, 0.055926), λmax = 4.118418,
// CI = 0.039473, CR (RI 0.90) = 0.043859.
const LEADER = [
  [1, 4, 3, 7],
  [1 / 4, 1, 1 / 3, 3],
  [1 / 3, 3, 1, 5],
  [1 / 7, 1 / 3, 1 / 5, 1],
];

describe('computeAhp: known answers', () => {
  it('textbook 3×3 matrix [[1,3,5],[1/3,1,3],[1/5,1/3,1]] (Saaty scale): w ≈ (0.6370, 0.2583, 0.1047), CR ≈ 0.033', () => {
    const r = computeAhp(SAATY_3, { criteria: ['A', 'B', 'C'] });
    expect(r.weights[0]).toBeCloseTo(0.636986, 6);
    expect(r.weights[1]).toBeCloseTo(0.258285, 6);
    expect(r.weights[2]).toBeCloseTo(0.104729, 6);
    expect(r.lambdaMax).toBeCloseTo(3.038511, 6);
    expect(r.ci).toBeCloseTo(0.019256, 6);
    expect(r.ri).toBe(0.58);
    expect(r.cr).toBeCloseTo(0.033199, 6);
    expect(r.consistent).toBe(true);
    expect(inconsistencyIssue(r)).toBeNull();
  });

  it('Wikipedia AHP leader example: criteria priorities .547/.127/.270/.056', () => {
    const r = computeAhp(LEADER, { criteria: ['Experience', 'Education', 'Charisma', 'Age'] });
    const published = [0.547, 0.127, 0.27, 0.056];
    r.weights.forEach((w, j) => expect(Math.abs(w - published[j])).toBeLessThan(0.001));
    expect(r.lambdaMax).toBeCloseTo(4.118418, 6);
    expect(r.cr).toBeCloseTo(0.043859, 6);
    expect(r.consistent).toBe(true);
  });

  it('Alonso & Lamata (2006) RI table: CR = CI / 0.5245 for n = 3', () => {
    const r = computeAhp(SAATY_3, { ri: 'alonso-lamata' });
    expect(r.ri).toBe(0.5245);
    expect(r.cr).toBeCloseTo(0.0192555453 / 0.5245, 8); // numpy CI = 0.0192555453
    expect(r.riTable).toBe('alonso-lamata');
  });
});

describe('computeAhp: invariants', () => {
  it('a perfectly consistent matrix (a_ij = w_i/w_j) returns exactly w with CR ≈ 0', () => {
    const w = [0.4, 0.3, 0.2, 0.1];
    const r = computeAhp(consistentMatrix(w));
    r.weights.forEach((x, j) => expect(Math.abs(x - w[j])).toBeLessThan(1e-12));
    expect(r.lambdaMax).toBeCloseTo(4, 12);
    expect(r.cr).toBeLessThan(1e-12);
    expect(r.consistent).toBe(true);
  });

  it('weights sum to 1 and permuting criteria permutes the weights', () => {
    const perm = [2, 0, 1];
    const permuted = perm.map((i) => perm.map((j) => SAATY_3[i][j]));
    const a = computeAhp(SAATY_3);
    const b = computeAhp(permuted);
    expect(a.weights.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 14);
    perm.forEach((i, k) => expect(b.weights[k]).toBeCloseTo(a.weights[i], 12));
    expect(b.cr).toBeCloseTo(a.cr, 12);
  });

  it('n ≤ 2 is always consistent: CR = 0', () => {
    expect(computeAhp([[1]])).toMatchObject({ weights: [1], ci: 0, cr: 0, consistent: true, mostInconsistent: null });
    const two = computeAhp([
      [1, 3],
      [1 / 3, 1],
    ]);
    expect(two.weights[0]).toBeCloseTo(0.75, 12);
    expect(two.cr).toBe(0);
    expect(two.consistent).toBe(true);
  });

  it('uses the upper triangle and accepts two-decimal reciprocals (0.33 for 1/3)', () => {
    const r = computeAhp([
      [1, 3, 5],
      [0.33, 1, 3],
      [0.2, 0.33, 1],
    ]);
    expect(r.weights[0]).toBeCloseTo(0.636986, 6);
  });
});

describe('computeAhp: refusal names the most inconsistent judgement', () => {
  // Consistent weights (0.4, 0.3, 0.2, 0.1) give A vs D = 4; we plant the reversed 1/4.
  // numpy: w = (0.218558, 0.310162, 0.206774, 0.264506), λmax = 5.086894, CI = 0.362298,
  // CR = 0.402553; |ln(a_ij w_j/w_i)| is largest at (A, D): 1.195 (next 0.939), w_A/w_D = 0.826289.
  const planted = consistentMatrix([0.4, 0.3, 0.2, 0.1]);
  planted[0][3] = 1 / 4;
  planted[3][0] = 4;

  it('CR ≥ 0.1 → consistent false, with A vs D as the worst pair', () => {
    const r = computeAhp(planted, { criteria: ['A', 'B', 'C', 'D'] });
    expect(r.cr).toBeCloseTo(0.402553, 5);
    expect(r.consistent).toBe(false);
    expect(r.mostInconsistent).toMatchObject({ i: 0, j: 3, from: 'A', to: 'D', given: 0.25 });
    expect(r.mostInconsistent!.implied).toBeCloseTo(0.826289, 5);
  });

  it('the message gives CR, the pair, the given and the implied judgement in zh and en', () => {
    const r = computeAhp(planted, { criteria: ['A', 'B', 'C', 'D'] });
    const issue = inconsistencyIssue(r)!;
    expect(issue.code).toBe('ahp_inconsistent');
    expect(issue.message).toContain('判断矩阵不一致 CR=0.403 ≥ 0.1；最不一致的判断：A 对 D（给定 1/4，按权重约 1/1.2）');
    expect(issue.message).toContain('inconsistent judgements CR=0.403 ≥ 0.1; most inconsistent: A vs D (given 1/4');
    expect(() => assertConsistent(r)).toThrow(YardstickError);
  });
});

describe('checkPairwiseMatrix: errors name the cell', () => {
  const names = { criteria: ['A', 'B', 'C'] };

  it('not square', () => {
    const issues = checkPairwiseMatrix([[1, 2, 3], [0.5, 1], [1 / 3, 1, 1]], names);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'not_square' });
    expect(issues[0].message).toContain('“B”');
  });

  it('non-positive judgement and diagonal ≠ 1', () => {
    const issues = checkPairwiseMatrix(
      [
        [1, 0, 3],
        [1, 2, 1],
        [1 / 3, 1, 1],
      ],
      names,
    );
    expect(issues.map((i) => i.code)).toEqual(['judgement_not_positive', 'diagonal_not_one']);
    expect(issues[0].message).toContain('“A”对“B”');
    expect(issues[1].message).toContain('“B”对自身');
  });

  it('not reciprocal: names both criteria and uses locate for the lower cell', () => {
    const issues = checkPairwiseMatrix(
      [
        [1, 3, 5],
        [1 / 3, 1, 3],
        [1 / 4, 1 / 3, 1],
      ],
      { ...names, locate: (i, j) => ({ file: 'm.csv', row: i + 2, column: names.criteria[j] }) },
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'not_reciprocal', file: 'm.csv', row: 4, column: 'A' });
    expect(issues[0].message).toContain('“A”对“C”为 5，“C”对“A”应为 1/5，实际 1/4');
  });

  it('computeAhp throws a YardstickError for invalid input', () => {
    expect(() => computeAhp([[1, -2], [-0.5, 1]])).toThrow(YardstickError);
  });

  it('n beyond the RI tables (16): a perfectly consistent matrix is accepted with CR = 0', () => {
    const w = Array.from({ length: 16 }, (_, i) => i + 1);
    const r = computeAhp(consistentMatrix(w));
    expect(RI_TABLES.saaty.values).toHaveLength(15);
    expect(r.cr).toBe(0);
    expect(r.consistent).toBe(true);
    const total = w.reduce((a, b) => a + b, 0);
    w.forEach((wi, j) => expect(r.weights[j]).toBeCloseTo(wi / total, 10));
  });
});
