/**
 * The shape every weighting method takes: a data (decision) matrix of rows = units or
 * alternatives × columns = criteria (indicators). Rows may be `number[]` or
 * `Float64Array`. Names are optional; when given they appear in messages and results,
 * otherwise criteria are called `C1…Cn` and units `#1…#m`.
 *
 * This module only checks shapes and finiteness and offers column helpers; it knows
 * nothing about any one method.
 */
import { error, YardstickError, type Issue } from '../errors.js';
import * as msg from './messages.js';

export type Matrix = ReadonlyArray<ArrayLike<number>>;

export interface MatrixLabels {
  /** Column names (criteria / indicators). */
  criteria?: readonly string[];
  /** Row names (units / alternatives). */
  units?: readonly string[];
}

/** Default criterion names `C1…Cn`. */
export function defaultCriteria(n: number): string[] {
  return Array.from({ length: n }, (_, j) => `C${j + 1}`);
}

export function criterionName(labels: MatrixLabels, j: number): string {
  return labels.criteria?.[j] ?? `C${j + 1}`;
}

export function unitName(labels: MatrixLabels, i: number): string {
  return labels.units?.[i] ?? `#${i + 1}`;
}

/**
 * Check that `data` is a non-empty rectangular matrix of finite numbers with at least
 * `minRows` rows, that the labels fit, and that `cost` (if any) has one flag per column.
 * Throws a YardstickError listing every problem; returns the column count.
 */
export function checkMatrix(
  data: Matrix,
  labels: MatrixLabels & { cost?: readonly boolean[] },
  method: string,
  minRows = 1,
): number {
  if (data.length === 0) throw new YardstickError([error('empty_matrix', msg.emptyMatrix())]);
  const n = data[0].length;
  const issues: Issue[] = [];
  if (n === 0) issues.push(error('no_columns', msg.noColumns()));
  if (data.length < minRows) issues.push(error('too_few_rows', msg.tooFewRows(method, data.length, minRows)));
  if (labels.criteria && labels.criteria.length !== n)
    issues.push(error('label_count', msg.labelCount('criteria', labels.criteria.length, n)));
  if (labels.units && labels.units.length !== data.length)
    issues.push(error('label_count', msg.labelCount('unit', labels.units.length, data.length)));
  if (labels.cost && labels.cost.length !== n) issues.push(error('cost_length', msg.costLength(labels.cost.length, n)));
  data.forEach((row, i) => {
    if (row.length !== n) {
      issues.push(error('ragged_row', msg.raggedRow(unitName(labels, i), row.length, n)));
      return;
    }
    for (let j = 0; j < n; j++) {
      if (!Number.isFinite(row[j]))
        issues.push(error('not_finite', msg.notFinite(unitName(labels, i), criterionName(labels, j), row[j])));
    }
  });
  YardstickError.throwIfErrors(issues);
  return n;
}

/** Column j as a Float64Array. */
export function column(data: Matrix, j: number): Float64Array {
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i][j];
  return out;
}

/**
 * Every value equal, up to a relative 1e-12 of the largest magnitude: values computed
 * as ratios can differ in the last bit, and min-max would blow that noise up to [0, 1].
 */
export function isConstant(x: ArrayLike<number>): boolean {
  const [lo, hi] = range(x);
  return hi - lo <= 1e-12 * Math.max(Math.abs(lo), Math.abs(hi));
}

export function range(x: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  return [lo, hi];
}

/**
 * Min-max rescaling to [0, 1] (极差法): (x − min)/(max − min) for a benefit column,
 * (max − x)/(max − min) for a cost column. A constant column (see `isConstant`)
 * becomes all zeros: it carries no information and callers give it weight 0.
 */
export function minMax(x: ArrayLike<number>, cost = false): Float64Array {
  const out = new Float64Array(x.length);
  if (isConstant(x)) return out;
  const [lo, hi] = range(x);
  const span = hi - lo;
  for (let i = 0; i < x.length; i++) out[i] = cost ? (hi - x[i]) / span : (x[i] - lo) / span;
  return out;
}

/** Divide by the sum (the caller guarantees a positive sum). */
export function normaliseSum(x: ArrayLike<number>): number[] {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return Array.from(x, (v) => v / s);
}
