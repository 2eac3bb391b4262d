/**
 * A data method's weight below a stated floor (default 1%) is reported, naming the
 * indicator and why: entropy and CRITIC give almost nothing to an indicator whose
 * values hardly differ between units (or, for CRITIC, that repeats other indicators),
 * which is a property of this year's data, not a judgement that it does not matter.
 * The weights are not changed: the office decides (subjective weights, `combine`).
 */
import { warning, type Issue } from '../errors.js';
import type { CriticResult } from './critic.js';
import type { EntropyResult } from './entropy.js';
import { column, type Matrix } from './matrix.js';
import * as msg from './messages.js';

export const DEFAULT_FLOOR = 0.01;

/** Coefficient of variation (sample sd / |mean|) of a raw column; Infinity when the mean is 0. */
export function coefficientOfVariation(x: ArrayLike<number>): number {
  const m = x.length;
  let mean = 0;
  for (let i = 0; i < m; i++) mean += x[i];
  mean /= m;
  let ss = 0;
  for (let i = 0; i < m; i++) ss += (x[i] - mean) ** 2;
  const sd = Math.sqrt(ss / Math.max(1, m - 1));
  return mean === 0 ? (sd === 0 ? 0 : Infinity) : sd / Math.abs(mean);
}

export function entropyLowWeights(r: EntropyResult, data: Matrix, floor = DEFAULT_FLOOR, file?: string): Issue[] {
  return r.weights.flatMap((w, j) => {
    if (w >= floor) return [];
    const why = r.constant[j] ? msg.whyConstant() : msg.whyNearConstant(coefficientOfVariation(column(data, j)));
    return [warning('low_weight', msg.lowWeight('熵权法 entropy', r.criteria[j], w, floor, why), file ? { file } : {})];
  });
}

/**
 * CRITIC's C_j = σ_j · conflict_j: the reason is the factor that is relatively smaller
 * (each compared with its largest value among the criteria).
 */
export function criticLowWeights(r: CriticResult, data: Matrix, floor = DEFAULT_FLOOR, file?: string): Issue[] {
  const n = r.criteria.length;
  const maxSigma = Math.max(...r.sigma);
  const maxConflict = Math.max(...r.conflict);
  return r.weights.flatMap((w, j) => {
    if (w >= floor) return [];
    let why: string;
    if (r.constant[j]) why = msg.whyConstant();
    else if (r.conflict[j] / maxConflict < r.sigma[j] / maxSigma) why = msg.whyRedundant(r.conflict[j], n);
    else {
      const cv = coefficientOfVariation(column(data, j));
      why = cv < 0.05 ? msg.whyNearConstant(cv) : msg.whyLowContrast(r.sigma[j]);
    }
    return [warning('low_weight', msg.lowWeight('CRITIC', r.criteria[j], w, floor, why), file ? { file } : {})];
  });
}
