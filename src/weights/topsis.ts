/**
 * TOPSIS (Hwang & Yoon 1981, *Multiple Attribute Decision Making*, Springer): rank
 * alternatives by relative closeness to an ideal and distance from an anti-ideal.
 *
 *   r_ij = x_ij / √(Σ_i x_ij²)          (vector normalisation; `normalise: 'none'` keeps r_ij = x_ij,
 *                                        for criteria already on one comparable scale)
 *   v_ij = w_j · r_ij
 *   A⁺_j = max_i v_ij (benefit) or min_i v_ij (cost); A⁻_j the opposite
 *   D⁺_i = ‖v_i − A⁺‖₂,  D⁻_i = ‖v_i − A⁻‖₂,  C_i = D⁻_i / (D⁺_i + D⁻_i) in [0, 1]
 *
 * Weights need not sum to 1 (C is unchanged by scaling them) but must be non-negative.
 * Conventions: a column of zeros normalises to zeros; when D⁺ + D⁻ = 0 (the alternative
 * equals both ideals, i.e. all alternatives tie on every weighted criterion) C = 0.5.
 * Ranks: 1 = closest to the ideal; ties (|ΔC| ≤ 1e-12) share the smallest rank (1, 2, 2, 4).
 */
import { error, YardstickError, type Issue } from '../errors.js';
import { checkMatrix, criterionName, type Matrix, type MatrixLabels } from './matrix.js';
import * as msg from './messages.js';

export interface TopsisOptions extends MatrixLabels {
  weights: ArrayLike<number>;
  /** One flag per column: true = lower is better. */
  cost?: readonly boolean[];
  /** vector (default, Hwang & Yoon): r = x / ‖x‖ per column; none: the values as they are. */
  normalise?: 'vector' | 'none';
}

export interface TopsisResult {
  closeness: number[];
  rank: number[];
  distanceToIdeal: number[];
  distanceToAntiIdeal: number[];
  ideal: number[];
  antiIdeal: number[];
}

export function rankByTopsis(data: Matrix, options: TopsisOptions): TopsisResult {
  const n = checkMatrix(data, options, 'TOPSIS');
  checkWeights(options, n);
  const m = data.length;
  const weighted = Array.from({ length: m }, () => new Float64Array(n));
  const vector = (options.normalise ?? 'vector') === 'vector';
  for (let j = 0; j < n; j++) {
    const norm = vector ? columnNorm(data, j) : 1;
    for (let i = 0; i < m; i++) weighted[i][j] = norm === 0 ? 0 : (options.weights[j] * data[i][j]) / norm;
  }
  const ideal: number[] = [];
  const antiIdeal: number[] = [];
  for (let j = 0; j < n; j++) {
    const col = weighted.map((row) => row[j]);
    const [lo, hi] = [Math.min(...col), Math.max(...col)];
    const cost = options.cost?.[j] ?? false;
    ideal.push(cost ? lo : hi);
    antiIdeal.push(cost ? hi : lo);
  }
  const distanceToIdeal = weighted.map((v) => distance(v, ideal));
  const distanceToAntiIdeal = weighted.map((v) => distance(v, antiIdeal));
  const closeness = distanceToIdeal.map((dp, i) => {
    const dn = distanceToAntiIdeal[i];
    return dp + dn === 0 ? 0.5 : Math.min(1, Math.max(0, dn / (dp + dn)));
  });
  return { closeness, rank: rankDescending(closeness), distanceToIdeal, distanceToAntiIdeal, ideal, antiIdeal };
}

/** Competition ranks, highest value = 1; values within `tolerance` tie at the smallest rank. */
export function rankDescending(values: ArrayLike<number>, tolerance = 1e-12): number[] {
  const order = Array.from(values, (_, i) => i).sort((a, b) => values[b] - values[a]);
  const rank = new Array<number>(values.length);
  order.forEach((idx, pos) => {
    const prev = order[pos - 1];
    rank[idx] = pos > 0 && Math.abs(values[prev] - values[idx]) <= tolerance ? rank[prev] : pos + 1;
  });
  return rank;
}

function checkWeights(options: TopsisOptions, n: number): void {
  const w = options.weights;
  if (w.length !== n) throw new YardstickError([error('weight_count', msg.topsisWeightCount(w.length, n))]);
  const issues: Issue[] = [];
  for (let j = 0; j < n; j++)
    if (!(Number.isFinite(w[j]) && w[j] >= 0)) issues.push(error('bad_weight', msg.topsisBadWeight(criterionName(options, j), w[j])));
  YardstickError.throwIfErrors(issues);
  if (Array.from(w).every((v) => v === 0)) throw new YardstickError([error('zero_weights', msg.topsisZeroWeights())]);
}

/**
 * ‖x_j‖₂ of column j, scaled by its largest |x| so the squares cannot overflow (1e200 is a
 * finite input); a column of zeros has norm 0.
 */
function columnNorm(data: Matrix, j: number): number {
  let big = 0;
  for (let i = 0; i < data.length; i++) big = Math.max(big, Math.abs(data[i][j]));
  if (big === 0) return 0;
  let ss = 0;
  for (let i = 0; i < data.length; i++) ss += (data[i][j] / big) ** 2;
  return big * Math.sqrt(ss);
}

function distance(v: Float64Array, target: readonly number[]): number {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += (v[j] - target[j]) ** 2;
  return Math.sqrt(s);
}
