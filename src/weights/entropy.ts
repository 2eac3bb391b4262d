/**
 * Entropy weights (熵权法; Shannon's entropy used as a dispersion measure for criteria
 * weighting as in Zeleny 1982, *Multiple Criteria Decision Making*): a criterion whose
 * values differ more across units gets more weight.
 *
 * For m units (rows) and n criteria (columns):
 *   p_ij = y_ij / Σ_i y_ij,  e_j = −k Σ_i p_ij ln p_ij with k = 1/ln m,
 *   d_j = 1 − e_j (divergence, 差异系数),  w_j = d_j / Σ_k d_k.
 * where y is
 *   - `proportion` (default, the classic definition): the raw values. Negative values are
 *     an error; direction (cost) has no meaning here and is refused rather than ignored.
 *   - `minmax` (极差法): each column rescaled to [0, 1] first, cost columns reversed
 *     ((max − x)/(max − min)). The lowest unit then has p = 0; no shift (such as +0.0001)
 *     is added.
 *
 * Conventions: 0 · ln 0 = 0. A constant column (every unit equal, including all zeros)
 * has e = 1, d = 0 and weight exactly 0, never NaN. Rounding can make 1 − e a hair below
 * 0; d is clamped at 0. If every column is constant the weights are undefined: error.
 * At least 2 units are needed (k = 1/ln 1 is undefined).
 */
import { error, YardstickError, type Issue } from '../errors.js';
import { checkMatrix, column, criterionName, defaultCriteria, isConstant, minMax, normaliseSum, unitName, type Matrix, type MatrixLabels } from './matrix.js';
import * as msg from './messages.js';

export type EntropyNormalise = 'proportion' | 'minmax';

export interface EntropyOptions extends MatrixLabels {
  normalise?: EntropyNormalise;
  /** One flag per column: true = lower is better (only with `minmax`). */
  cost?: readonly boolean[];
}

export interface EntropyResult {
  criteria: string[];
  normalise: EntropyNormalise;
  weights: number[];
  /** e_j in [0, 1]. */
  entropy: number[];
  /** d_j = 1 − e_j. */
  divergence: number[];
  constant: boolean[];
}

export function computeEntropyWeights(data: Matrix, options: EntropyOptions = {}): EntropyResult {
  const normalise = options.normalise ?? 'proportion';
  const n = checkMatrix(data, options, 'entropy / 熵权法', 2);
  const criteria = [...(options.criteria ?? defaultCriteria(n))];
  const m = data.length;
  checkDirection(data, options, normalise, n);

  const k = 1 / Math.log(m);
  const entropy: number[] = [];
  const divergence: number[] = [];
  const constant: boolean[] = [];
  for (let j = 0; j < n; j++) {
    const x = column(data, j);
    const flat = isConstant(x);
    constant.push(flat);
    if (flat) {
      entropy.push(1);
      divergence.push(0);
      continue;
    }
    const y = normalise === 'minmax' ? minMax(x, options.cost?.[j]) : x;
    const p = normaliseSum(y);
    let h = 0;
    for (const pi of p) if (pi > 0) h -= pi * Math.log(pi);
    const e = Math.min(1, k * h);
    entropy.push(e);
    divergence.push(Math.max(0, 1 - e));
  }
  if (constant.every(Boolean)) throw new YardstickError([error('all_constant', msg.allConstant('entropy / 熵权法'))]);
  return { criteria, normalise, weights: normaliseSum(divergence), entropy, divergence, constant };
}

function checkDirection(data: Matrix, options: EntropyOptions, normalise: EntropyNormalise, n: number): void {
  if (normalise !== 'proportion') return;
  const issues: Issue[] = [];
  const cost = (options.cost ?? []).flatMap((c, j) => (c ? [criterionName(options, j)] : []));
  if (cost.length) issues.push(error('entropy_cost_needs_minmax', msg.costNeedsMinmax(cost)));
  data.forEach((row, i) => {
    for (let j = 0; j < n; j++)
      if (row[j] < 0)
        issues.push(error('negative_value', msg.negativeForProportion(unitName(options, i), criterionName(options, j), row[j])));
  });
  YardstickError.throwIfErrors(issues);
}
