/**
 * Pass 2 of indicator-file validation: rules zod cannot express. Returns ALL issues at once,
 * each located `file:line:col` through `issueAt`, and never changes the file: a weight sum
 * that is off is reported (saying whether it looks like percentages or fractions and by how
 * much it is off), not rescaled.
 *
 * Rules: sibling weights sum to 100 (or 1); ids unique and ascii snake_case; a node is a leaf
 * (`metric:`) or a group (`indicators:`), never both or neither; no empty group; every metric
 * is known; normalise parameters present and sane (goalposts lo < hi, percent_of_target > 0);
 * grade bands descending with one catch-all; bonus/veto metrics known; veto grade exists.
 */
import type { Issue } from '../errors.js';
import { issueAt, locate, type YamlSource } from '../config/read-yaml.js';
import {
  NOT_GRADED,
  type IndicatorFile,
  type NodeSpecParsed,
} from './indicator-schema.js';
import * as msg from './messages.js';

type Path = (string | number)[];

const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
/** Relative tolerance for a weight sum to count as exactly 100 (or 1). */
export const WEIGHT_SUM_TOLERANCE = 1e-6;

export function isSnakeCase(id: string): boolean {
  return SNAKE.test(id);
}

/** Check a parsed indicator file; `known` are the metric ids (or CSV columns) available. */
export function checkTree(src: YamlSource, file: IndicatorFile, knownMetrics: Iterable<string>): Issue[] {
  const ctx: Ctx = { src, file, known: new Set(knownMetrics), issues: [], seen: new Map(), scales: new Set() };
  const rootId = file.composite.id;
  if (!isSnakeCase(rootId)) push(ctx, ['composite', 'id'], 'id_not_snake_case', msg.idNotSnakeCase(rootId, msg.snakeCaseFault(rootId)));
  ctx.seen.set(rootId, ['composite', 'id']);
  if (file.dimensions.length === 0) push(ctx, ['dimensions'], 'empty_group', msg.emptyGroup(rootId));
  checkWeights(ctx, rootId, file.dimensions, ['dimensions']);
  const rootAggregate = file.composite.aggregate ?? file.defaults.aggregate;
  file.dimensions.forEach((n, i) => checkNode(ctx, n, ['dimensions', i], { id: rootId, aggregate: rootAggregate }));
  if (ctx.scales.size > 1) ctx.issues.push(warnAt(ctx, ['dimensions'], 'mixed_weight_scale', msg.mixedWeightScales()));
  checkGrades(ctx);
  if (file.bonus) checkMetric(ctx, file.bonus.metric, ['bonus', 'metric']);
  if (file.veto) checkMetric(ctx, file.veto.metric, ['veto', 'metric']);
  return ctx.issues;
}

interface Ctx {
  src: YamlSource;
  file: IndicatorFile;
  known: Set<string>;
  issues: Issue[];
  seen: Map<string, Path>;
  scales: Set<100 | 1>;
}

function push(ctx: Ctx, path: Path, code: string, message: string): void {
  ctx.issues.push(issueAt(ctx.src, path, code, message));
}

function warnAt(ctx: Ctx, path: Path, code: string, message: string): Issue {
  return { ...issueAt(ctx.src, path, code, message), severity: 'warning' };
}

function checkNode(ctx: Ctx, node: NodeSpecParsed, path: Path, parent: { id: string; aggregate: string }): void {
  checkIdentity(ctx, node.id, [...path, 'id']);
  const isLeaf = node.metric !== undefined;
  const isGroup = node.indicators !== undefined;
  if (isLeaf && isGroup) return push(ctx, path, 'leaf_and_group', msg.leafAndGroup(node.id));
  if (!isLeaf && !isGroup) return push(ctx, path, 'node_without_metric', msg.nodeWithoutMetric(node.id));
  if (isLeaf) {
    checkMetric(ctx, node.metric!, [...path, 'metric']);
    checkNormalise(ctx, node, path);
    if (node.aggregate !== undefined) ctx.issues.push(warnAt(ctx, [...path, 'aggregate'], 'ignored_on_leaf', msg.ignoredOnLeaf(node.id)));
    if (parent.aggregate === 'geometric' && methodOf(ctx, node).method === 'zscore') {
      ctx.issues.push(warnAt(ctx, path, 'geometric_over_zscore', msg.geometricOverNegative(parent.id, node.id)));
    }
    return;
  }
  const children = node.indicators!;
  for (const field of ['direction', 'normalise'] as const) {
    if (node[field] !== undefined) ctx.issues.push(warnAt(ctx, [...path, field], 'ignored_on_group', msg.ignoredOnGroup(node.id, field)));
  }
  if (children.length === 0) return push(ctx, [...path, 'indicators'], 'empty_group', msg.emptyGroup(node.id));
  checkWeights(ctx, node.id, children, [...path, 'indicators']);
  const aggregate = node.aggregate ?? ctx.file.defaults.aggregate;
  children.forEach((c, i) => checkNode(ctx, c, [...path, 'indicators', i], { id: node.id, aggregate }));
}

function checkIdentity(ctx: Ctx, id: string, path: Path): void {
  if (!isSnakeCase(id)) push(ctx, path, 'id_not_snake_case', msg.idNotSnakeCase(id, msg.snakeCaseFault(id)));
  const first = ctx.seen.get(id);
  if (first) push(ctx, path, 'duplicate_id', msg.duplicateId(id, locate(ctx.src, first).row));
  else ctx.seen.set(id, path);
}

function checkWeights(ctx: Ctx, parentId: string, children: NodeSpecParsed[], path: Path): void {
  if (children.length === 0) return;
  const sum = children.reduce((s, c) => s + (c.weight ?? 0), 0);
  if (sum === 0) return push(ctx, path, 'weight_sum_zero', msg.weightSumZero(parentId));
  for (const scale of [100, 1] as const) {
    if (Math.abs(sum - scale) <= WEIGHT_SUM_TOLERANCE * scale) {
      ctx.scales.add(scale);
      return;
    }
  }
  // Nearer on a log scale: 10 is the geometric midpoint between 1 and 100.
  const looks = sum >= 10 ? 100 : 1;
  push(ctx, path, 'weight_sum', msg.weightSumOff(parentId, sum, looks, children.map((c) => c.weight ?? 0).join(' + ')));
}

function checkMetric(ctx: Ctx, metric: string, path: Path): void {
  if (ctx.known.has(metric)) return;
  push(ctx, path, 'unknown_metric', msg.unknownMetric(metric, nearest(metric, ctx.known)));
}

function methodOf(ctx: Ctx, node: NodeSpecParsed) {
  const n = node.normalise ?? ctx.file.defaults.normalise;
  return typeof n === 'string' ? { method: n } : n;
}

const PARAMS_USED: Record<string, string[]> = {
  minmax: [],
  zscore: [],
  rank: [],
  goalposts: ['lo', 'hi'],
  distance_to_target: ['target', 'cap'],
  percent_of_target: ['target'],
};

function checkNormalise(ctx: Ctx, node: NodeSpecParsed, path: Path): void {
  const n = methodOf(ctx, node) as { method: string; lo?: number; hi?: number; target?: number; cap?: number | boolean };
  const base: Path = node.normalise !== undefined ? [...path, 'normalise'] : ['defaults', 'normalise'];
  const at = (p: string): Path => (typeof (node.normalise ?? ctx.file.defaults.normalise) === 'string' ? base : [...base, p]);
  const unused = (['lo', 'hi', 'target', 'cap'] as const).filter((p) => n[p] !== undefined && !PARAMS_USED[n.method].includes(p));
  if (unused.length) ctx.issues.push(warnAt(ctx, at(unused[0]), 'unused_parameter', msg.unusedParameter(node.id, n.method, unused)));
  if (n.method === 'goalposts') {
    if (n.lo === undefined) push(ctx, at('method'), 'missing_parameter', msg.missingParameter(node.id, n.method, 'lo'));
    if (n.hi === undefined) push(ctx, at('method'), 'missing_parameter', msg.missingParameter(node.id, n.method, 'hi'));
    if (n.lo !== undefined && n.hi !== undefined && !(n.lo < n.hi)) push(ctx, at('lo'), 'goalposts_order', msg.goalpostsOrder(node.id, n.lo, n.hi));
  }
  if (n.method === 'distance_to_target' || n.method === 'percent_of_target') {
    if (n.target === undefined) push(ctx, at('method'), 'missing_parameter', msg.missingParameter(node.id, n.method, 'target'));
  }
  if (n.method === 'percent_of_target' && n.target !== undefined && !(n.target > 0)) {
    push(ctx, at('target'), 'target_not_positive', msg.targetNotPositive(node.id, n.target));
  }
  if (n.method === 'distance_to_target' && typeof n.cap === 'number' && !(n.cap > 0)) push(ctx, at('cap'), 'cap_not_positive', msg.capNotPositive(node.id));
}

function checkGrades(ctx: Ctx): void {
  const bands = ctx.file.grades;
  const names = new Set<string>();
  bands.forEach((b, i) => {
    if (names.has(b.grade)) push(ctx, ['grades', i, 'grade'], 'duplicate_grade', msg.duplicateGrade(b.grade));
    names.add(b.grade);
    const last = i === bands.length - 1;
    if (last && b.min !== undefined) push(ctx, ['grades', i], 'grades_no_catch_all', msg.gradesNoCatchAll());
    if (!last && b.min === undefined) push(ctx, ['grades', i], 'grade_min_missing', msg.gradeMinMissing(b.grade));
    const prev = bands[i - 1]?.min;
    if (i > 0 && b.min !== undefined && prev !== undefined && !(b.min < prev)) {
      push(ctx, ['grades', i, 'min'], 'grades_not_descending', msg.gradesNotDescending(b.grade));
    }
  });
  const veto = ctx.file.veto;
  if (veto && veto.grade !== NOT_GRADED && !names.has(veto.grade)) {
    push(ctx, ['veto', 'grade'], 'veto_grade_unknown', msg.vetoGradeUnknown(veto.grade, [...names]));
  }
}

/** The known name closest to `name` (edit distance ≤ 3), for "did you mean". */
export function nearest(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = 4;
  for (const k of known) {
    const d = editDistance(name, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length];
}

