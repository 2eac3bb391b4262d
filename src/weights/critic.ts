/**
 * CRITIC weights (CRiteria Importance Through Intercriteria Correlation; Diakoulaki,
 * Mavrotas & Papayannakis 1995, *Computers & Operations Research* 22(7), 763–770):
 * a criterion weighs more when it varies more (contrast) and disagrees more with the
 * others (conflict).
 *
 *   z_ij = min-max of column j to [0, 1] (cost columns reversed),
 *   σ_j  = sample standard deviation of z_·j (divisor m − 1),
 *   r_jk = Pearson correlation of z_·j and z_·k,
 *   C_j  = σ_j · Σ_k (1 − r_jk)   (information; the k = j term is 0),
 *   w_j  = C_j / Σ_k C_k.
 *
 * Conventions: a constant column has σ = 0, so C = 0 and weight exactly 0. Its
 * correlation with any other column is undefined; we define it as 0 (r_jj = 1), i.e.
 * it counts as an unrelated criterion and adds σ_k to every other C_k. That shifts the
 * other weights slightly, so drop constant indicators before weighting when you can.
 * If every column is constant, or all are perfectly correlated (every C = 0), the
 * weights are undefined: error. Needs at least 2 units and 2 criteria.
 */
import { error, YardstickError } from '../errors.js';
import { checkMatrix, column, defaultCriteria, isConstant, minMax, normaliseSum, type Matrix, type MatrixLabels } from './matrix.js';
import * as msg from './messages.js';

export interface CriticOptions extends MatrixLabels {
  /** One flag per column: true = lower is better. */
  cost?: readonly boolean[];
}

export interface CriticResult {
  criteria: string[];
  weights: number[];
  /** σ_j of the min-max values. */
  sigma: number[];
  /** Σ_k (1 − r_jk). */
  conflict: number[];
  /** C_j = σ_j · conflict_j. */
  information: number[];
  correlation: number[][];
  constant: boolean[];
}

const METHOD = 'CRITIC';

export function computeCriticWeights(data: Matrix, options: CriticOptions = {}): CriticResult {
  const n = checkMatrix(data, options, METHOD, 2);
  if (n < 2) throw new YardstickError([error('too_few_criteria', msg.tooFewCriteria(METHOD, n, 2))]);
  const criteria = [...(options.criteria ?? defaultCriteria(n))];
  const raw = Array.from({ length: n }, (_, j) => column(data, j));
  const constant = raw.map(isConstant);
  if (constant.every(Boolean)) throw new YardstickError([error('all_constant', msg.allConstant(METHOD))]);

  const z = raw.map((x, j) => minMax(x, options.cost?.[j]));
  const centred = z.map(centre);
  const sigma = centred.map((d) => Math.sqrt(sumSquares(d) / (d.length - 1)));
  const correlation = centred.map((dj, j) =>
    centred.map((dk, k) => (j === k ? 1 : constant[j] || constant[k] ? 0 : pearson(dj, dk))),
  );
  const conflict = correlation.map((row) => row.reduce((s, r) => s + (1 - r), 0));
  const information = sigma.map((s, j) => s * conflict[j]);
  // Perfectly correlated columns can leave rounding noise (~1e-16) instead of exact zeros.
  if (Math.max(...information) <= 1e-12) throw new YardstickError([error('critic_no_conflict', msg.noConflict())]);
  return { criteria, weights: normaliseSum(information), sigma, conflict, information, correlation, constant };
}

function centre(x: Float64Array): Float64Array {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  return x.map((v) => v - mean);
}

function sumSquares(d: Float64Array): number {
  let s = 0;
  for (const v of d) s += v * v;
  return s;
}

/** Pearson r of two centred, non-constant columns, clamped to [−1, 1] against rounding. */
function pearson(a: Float64Array, b: Float64Array): number {
  let ab = 0;
  for (let i = 0; i < a.length; i++) ab += a[i] * b[i];
  const r = ab / Math.sqrt(sumSquares(a) * sumSquares(b));
  return Math.max(-1, Math.min(1, r));
}
