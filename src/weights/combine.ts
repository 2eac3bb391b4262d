/**
 * Combining subjective (e.g. AHP) and objective (e.g. entropy, CRITIC) weights
 * (主客观组合赋权). Criteria are matched by name, so the two inputs may list them in
 * different orders; the result follows the subjective order.
 *
 *   multiplicative: w_j = s_j · o_j / Σ_k s_k · o_k
 *   linear:         w_j = α · s_j + (1 − α) · o_j   (α in [0, 1], default 0.5)
 *
 * Each input must name every criterion once, carry non-negative finite weights and sum
 * to 1: within 1e-3 (4-decimal published weights) it is rescaled to 1 with a warning,
 * further off it is refused (weights in percent are not guessed at). Different criterion
 * sets are an error listing the names found on one side only.
 */
import { error, warning, YardstickError, type Issue } from '../errors.js';
import * as msg from './messages.js';

export interface NamedWeights {
  criteria: readonly string[];
  weights: ArrayLike<number>;
}

export type CombineMode = 'multiplicative' | 'linear';

export interface CombineOptions {
  mode: CombineMode;
  /** Share of the subjective weights in `linear` mode (default 0.5). */
  alpha?: number;
  /** Where each input came from (a file), put on issues. */
  sources?: { subjective?: string; objective?: string };
}

export interface CombineResult {
  criteria: string[];
  mode: CombineMode;
  /** α used (null for multiplicative). */
  alpha: number | null;
  weights: number[];
  /** The inputs, in the result's criterion order. */
  subjective: number[];
  objective: number[];
  /** Inputs rescaled because they summed to 1 only within the tolerance (each names its file). */
  warnings: Issue[];
}

export function combineWeights(subjective: NamedWeights, objective: NamedWeights, options: CombineOptions): CombineResult {
  const { mode } = options;
  const all = [
    ...checkNamedWeights(subjective, '主观 subjective', options.sources?.subjective),
    ...checkNamedWeights(objective, '客观 objective', options.sources?.objective),
  ];
  const warnings = all.filter((i) => i.severity === 'warning');
  const issues = all.filter((i) => i.severity === 'error');
  const both = [options.sources?.subjective, options.sources?.objective].filter(Boolean).join(' + ');
  const where = both ? { file: both } : {};
  if (mode === 'multiplicative' && options.alpha !== undefined) issues.push(error('alpha_only_linear', msg.alphaOnlyLinear(), where));
  const alpha = mode === 'linear' ? (options.alpha ?? 0.5) : null;
  if (alpha !== null && !(Number.isFinite(alpha) && alpha >= 0 && alpha <= 1)) issues.push(error('bad_alpha', msg.badAlpha(alpha), where));
  YardstickError.throwIfErrors(issues);

  const objectiveByName = new Map(objective.criteria.map((c, j) => [c, objective.weights[j]]));
  const onlySubjective = subjective.criteria.filter((c) => !objectiveByName.has(c));
  const subjectiveNames = new Set(subjective.criteria);
  const onlyObjective = objective.criteria.filter((c) => !subjectiveNames.has(c));
  if (onlySubjective.length || onlyObjective.length)
    throw new YardstickError([error('criteria_mismatch', msg.criteriaMismatch(onlySubjective, onlyObjective, both), where)]);

  const criteria = [...subjective.criteria];
  // Inputs within the tolerance of 1 (published 4-decimal weights) are rescaled to sum 1.
  const s = toSumOne(Array.from(subjective.weights));
  const o = toSumOne(criteria.map((c) => objectiveByName.get(c)!));
  let weights: number[];
  if (alpha === null) {
    const products = s.map((sj, j) => sj * o[j]);
    const total = products.reduce((a, b) => a + b, 0);
    if (!(total > 0)) throw new YardstickError([error('zero_product', msg.zeroProduct(), where)]);
    weights = products.map((p) => p / total);
  } else {
    weights = s.map((sj, j) => alpha * sj + (1 - alpha) * o[j]);
  }
  return { criteria, mode, alpha, weights, subjective: s, objective: o, warnings };
}

function toSumOne(w: number[]): number[] {
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / sum);
}

/**
 * Names unique, one finite non-negative weight each, sum 1: within 1e-9 silently, within
 * SUM_TOLERANCE (1e-3: published 4-decimal weights such as 1.0001) with a warning and
 * rescaled by the caller, beyond that an error (percentages are refused, not guessed).
 */
export function checkNamedWeights(w: NamedWeights, which: string, file?: string): Issue[] {
  const where = file ? { file } : {};
  const issues: Issue[] = [];
  if (w.criteria.length !== w.weights.length)
    return [error('weight_count', msg.weightCount(which, w.criteria.length, w.weights.length), where)];
  const seen = new Set<string>();
  for (const c of w.criteria) {
    if (seen.has(c)) issues.push(error('duplicate_criterion', msg.duplicateCriterion(which, c), where));
    seen.add(c);
  }
  let sum = 0;
  for (let j = 0; j < w.weights.length; j++) {
    const v = w.weights[j];
    if (!(Number.isFinite(v) && v >= 0)) issues.push(error('bad_weight', msg.badWeight(which, w.criteria[j], v), where));
    sum += v;
  }
  if (issues.length || Math.abs(sum - 1) <= 1e-9) return issues;
  if (Math.abs(sum - 1) <= msg.SUM_TOLERANCE) issues.push(warning('weights_renormalised', msg.weightsRenormalised(which, sum), where));
  else issues.push(error('weights_sum', msg.weightsSum(which, sum), where));
  return issues;
}
