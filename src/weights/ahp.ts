/**
 * AHP (analytic hierarchy process, Saaty 1977/1980): subjective weights from a reciprocal
 * pairwise comparison matrix A, where a_ij says how much more important criterion i
 * is than criterion j on the 1/9…9 scale.
 *
 * - Weights: the principal (Perron) eigenvector of A by power iteration until no
 *   component moves more than 1e-12, normalised to sum 1.
 * - λmax = Σ_i (A w)_i (with Σ w = 1), CI = (λmax − n)/(n − 1), CR = CI / RI(n) with RI
 *   from a named table (`random-index.ts`; past n = 15 the Alonso & Lamata 2006
 *   regression). For n ≤ 2 a reciprocal matrix is always consistent: CI = CR = 0; a
 *   perfectly consistent matrix (CI = 0 up to rounding) has CR = 0 at any n.
 * - CR ≥ 0.1 refuses the matrix. The result then names the most inconsistent judgement:
 *   the pair i < j maximising |ln(a_ij · w_j / w_i)|, i.e. where the given a_ij is
 *   furthest (as a ratio) from the w_i / w_j the weights imply.
 *
 * Validation: square, every judgement positive and finite, diagonal 1, and
 * a_ji · a_ij within `tolerance` of 1 (default 0.02, so two-decimal reciprocals such as
 * 0.33 or 0.14 pass; write fractions like 1/3 to be exact). The judgement used is the
 * upper-triangle one (a_ij, i < j); the lower triangle is only a check and is replaced
 * by exact reciprocals.
 *
 * Not here: group judgements, geometric-mean or other priority methods, and repairing
 * inconsistent matrices.
 */
import { error, YardstickError, type Issue } from '../errors.js';
import { defaultCriteria } from './matrix.js';
import * as msg from './messages.js';
import { randomIndexWithSource, type RiTableName } from './random-index.js';

export interface AhpOptions {
  /** Criterion names (default `C1…Cn`), used in messages and the result. */
  criteria?: readonly string[];
  /** RI table (default `saaty`). */
  ri?: RiTableName;
  /** Refuse when CR ≥ threshold (default 0.1). */
  threshold?: number;
  /** Allowed |a_ij · a_ji − 1| (default 0.02). */
  tolerance?: number;
  /** Where cell (i, j) is in the user's file, added to validation issues. */
  locate?: (i: number, j: number) => Partial<Issue>;
}

/** One judgement compared with what the weights imply. */
export interface Judgement {
  i: number;
  j: number;
  /** Names of criteria i and j. */
  from: string;
  to: string;
  /** a_ij as given. */
  given: number;
  /** w_i / w_j. */
  implied: number;
  /** |ln(given / implied)|. */
  logError: number;
}

export interface AhpResult {
  criteria: string[];
  weights: number[];
  lambdaMax: number;
  ci: number;
  ri: number;
  riTable: RiTableName;
  /** Where RI came from: the table's citation, or the regression used past its end. */
  riSource: string;
  /** True when n is beyond the table and RI is the Alonso–Lamata regression. */
  riApproximated: boolean;
  cr: number;
  threshold: number;
  consistent: boolean;
  /** The judgement furthest from the weights (null when n ≤ 2). */
  mostInconsistent: Judgement | null;
}

const MAX_ITERATIONS = 10_000;
const EIGEN_TOLERANCE = 1e-12;
/** CI below this is rounding noise of a perfectly consistent matrix (λmax = n exactly). */
const CONSISTENT_CI = 1e-10;

/** Check shape, positivity, the diagonal and reciprocity; returns every problem. */
export function checkPairwiseMatrix(matrix: ReadonlyArray<ArrayLike<number>>, options: AhpOptions = {}): Issue[] {
  const n = matrix.length;
  const names = options.criteria ?? defaultCriteria(n);
  const tolerance = options.tolerance ?? 0.02;
  const at = (i: number, j: number) => options.locate?.(i, j) ?? {};
  const issues: Issue[] = [];
  if (n === 0) return [error('empty_matrix', msg.emptyMatrix())];
  if (names.length !== n) return [error('label_count', msg.labelCount('criteria', names.length, n))];
  matrix.forEach((row, i) => {
    if (row.length !== n) issues.push(error('not_square', msg.notSquare(names[i], row.length, n), at(i, 0)));
  });
  if (issues.length) return issues;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = matrix[i][j];
      if (!(Number.isFinite(v) && v > 0)) issues.push(error('judgement_not_positive', msg.nonPositiveJudgement(names[i], names[j], v), at(i, j)));
      else if (i === j && v !== 1) issues.push(error('diagonal_not_one', msg.diagonalNotOne(names[i], v), at(i, j)));
    }
  }
  if (issues.length) return issues;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const ab = matrix[i][j];
      const ba = matrix[j][i];
      if (Math.abs(ab * ba - 1) > tolerance)
        issues.push(error('not_reciprocal', msg.notReciprocal(names[i], names[j], ab, ba), at(j, i)));
    }
  }
  return issues;
}

/**
 * Principal eigenvector (sum 1) and eigenvalue of a positive matrix by power iteration.
 * Perron–Frobenius guarantees a unique positive dominant eigenvalue, so this converges.
 */
export function principalEigen(a: readonly Float64Array[]): { vector: number[]; value: number; iterations: number } {
  const n = a.length;
  // Start from the row geometric means: already the answer for a consistent matrix.
  let w: Float64Array = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let logSum = 0;
    for (let j = 0; j < n; j++) logSum += Math.log(a[i][j]);
    w[i] = Math.exp(logSum / n);
  }
  w = scaleToSum(w);
  for (let k = 1; k <= MAX_ITERATIONS; k++) {
    const next = scaleToSum(multiply(a, w));
    let delta = 0;
    for (let i = 0; i < n; i++) delta = Math.max(delta, Math.abs(next[i] - w[i]));
    w = next;
    if (delta < EIGEN_TOLERANCE) {
      const aw = multiply(a, w);
      return { vector: Array.from(w), value: aw.reduce((s, x) => s + x, 0), iterations: k };
    }
  }
  throw new Error(`AHP power iteration did not converge in ${MAX_ITERATIONS} iterations`);
}

/** Weights, λmax, CI, RI, CR and the most inconsistent judgement. Throws only for invalid input. */
export function computeAhp(matrix: ReadonlyArray<ArrayLike<number>>, options: AhpOptions = {}): AhpResult {
  YardstickError.throwIfErrors(checkPairwiseMatrix(matrix, options));
  const n = matrix.length;
  const criteria = [...(options.criteria ?? defaultCriteria(n))];
  const riTable = options.ri ?? 'saaty';
  const threshold = options.threshold ?? 0.1;
  const { value: ri, source: riSource, approximated: riApproximated } = randomIndexWithSource(riTable, n);
  // Upper triangle is the judgement; the lower one becomes its exact reciprocal.
  const a = Array.from({ length: n }, (_, i) =>
    Float64Array.from({ length: n }, (_, j) => (i === j ? 1 : i < j ? matrix[i][j] : 1 / matrix[j][i])),
  );
  const { vector: weights, value: lambdaMax } = principalEigen(a);
  // λmax ≥ n holds exactly; clamp rounding noise for consistent matrices.
  const ci = n <= 2 ? 0 : Math.max(0, (lambdaMax - n) / (n - 1));
  // A perfectly consistent matrix (a_ij = w_i / w_j) has CI = 0 up to rounding: CR = 0
  // whatever RI, so it is accepted at any size.
  const cr = n <= 2 || ci < CONSISTENT_CI ? 0 : ci / ri;
  return {
    criteria,
    weights,
    lambdaMax,
    ci,
    ri,
    riTable,
    riSource,
    riApproximated,
    cr,
    threshold,
    consistent: cr < threshold,
    mostInconsistent: n <= 2 ? null : findMostInconsistent(a, weights, criteria),
  };
}

/** The pair i < j maximising |ln(a_ij · w_j / w_i)| (first one on ties). */
export function findMostInconsistent(a: ReadonlyArray<ArrayLike<number>>, w: readonly number[], names: readonly string[]): Judgement | null {
  let best: Judgement | null = null;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      const implied = w[i] / w[j];
      const logError = Math.abs(Math.log(a[i][j] / implied));
      if (!best || logError > best.logError) best = { i, j, from: names[i], to: names[j], given: a[i][j], implied, logError };
    }
  }
  return best;
}

/** The refusal as an issue, or null when the matrix is consistent. */
export function inconsistencyIssue(result: AhpResult): Issue | null {
  if (result.consistent) return null;
  const w = result.mostInconsistent!;
  return error('ahp_inconsistent', msg.inconsistent(result.cr, result.threshold, w.from, w.to, w.given, w.implied));
}

/** Throw the refusal (for callers that need usable weights, e.g. scoring). */
export function assertConsistent(result: AhpResult): void {
  const issue = inconsistencyIssue(result);
  if (issue) throw new YardstickError([issue]);
}

function multiply(a: readonly Float64Array[], w: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    let s = 0;
    for (let j = 0; j < a.length; j++) s += a[i][j] * w[j];
    out[i] = s;
  }
  return out;
}

function scaleToSum(x: Float64Array): Float64Array {
  let s = 0;
  for (const v of x) s += v;
  return x.map((v) => v / s);
}
