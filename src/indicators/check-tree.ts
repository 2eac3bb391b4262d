/**
 * Pass 2 of indicator-file validation: rules zod cannot express. Returns ALL issues at once,
 * each located `file:line:col` through `issueAt`, and never changes the file: a weight sum
 * that is off is reported (saying whether it looks like percentages or fractions and by how
 * much it is off), not rescaled.
 *
 * Rules: sibling weights sum to 100 (or 1); ids unique and ascii snake_case; a node is a leaf
 * (`metric:`) or a group (`indicators:`), never both or neither; no empty group; every metric
 * is known; normalise parameters present and sane (goalposts lo < hi, percent_of_target > 0);
 * grade bands descending with one catch-all; quota shares only with method quota; tie-break
 * nodes exist; bonus/deduction/veto item ids unique, metrics known (one bonus or deduction item
 * per metric), a cap/force veto names an existing grade.
 */
import type { Issue } from '../errors.js';
import { issueAt, locate, type YamlSource } from '../config/read-yaml.js';
import { gradeListOf } from './grading-spec.js';
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
  checkTopsisOptions(ctx, rootId, rootAggregate, file.composite.topsis, ['composite', 'topsis']);
  file.dimensions.forEach((n, i) => checkNode(ctx, n, ['dimensions', i], { id: rootId, aggregate: rootAggregate }));
  if (ctx.scales.size > 1) ctx.issues.push(warnAt(ctx, ['dimensions'], 'mixed_weight_scale', msg.mixedWeightScales()));
  checkGrades(ctx);
  checkGrading(ctx);
  checkItems(ctx);
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
  checkTopsisOptions(ctx, node.id, aggregate, node.topsis, [...path, 'topsis']);
  children.forEach((c, i) => checkNode(ctx, c, [...path, 'indicators', i], { id: node.id, aggregate }));
}

/** `topsis:` options only mean something on a group that aggregates by TOPSIS. */
function checkTopsisOptions(ctx: Ctx, id: string, aggregate: string, topsis: unknown, path: Path): void {
  if (topsis !== undefined && aggregate !== 'topsis') ctx.issues.push(warnAt(ctx, path, 'unused_parameter', msg.topsisOptionsIgnored(id, aggregate)));
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
  rank: ['ties'],
  goalposts: ['lo', 'hi'],
  distance_to_target: ['target', 'cap'],
  percent_of_target: ['target'],
};

function checkNormalise(ctx: Ctx, node: NodeSpecParsed, path: Path): void {
  const n = methodOf(ctx, node) as { method: string; lo?: number; hi?: number; target?: number; cap?: number | boolean; ties?: string };
  const base: Path = node.normalise !== undefined ? [...path, 'normalise'] : ['defaults', 'normalise'];
  const at = (p: string): Path => (typeof (node.normalise ?? ctx.file.defaults.normalise) === 'string' ? base : [...base, p]);
  const unused = (['lo', 'hi', 'target', 'cap', 'ties'] as const).filter((p) => n[p] !== undefined && !PARAMS_USED[n.method].includes(p));
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
  checkPool(ctx, node, n as { method: string; pool?: [number, number] }, at('pool'));
}

/** `pool: [from, to]` (pooled minmax, src/normalise): minmax only, from ≤ to. */
function checkPool(ctx: Ctx, node: NodeSpecParsed, n: { method: string; pool?: [number, number] }, path: Path): void {
  if (n.pool === undefined) return;
  if (n.method !== 'minmax') push(ctx, path, 'pool_not_minmax', msg.poolNotMinmax(node.id, n.method));
  else if (!(n.pool[0] <= n.pool[1])) push(ctx, path, 'pool_order', msg.poolOrder(node.id, n.pool[0], n.pool[1]));
}

function checkGrades(ctx: Ctx): void {
  const { grades: bands, path } = gradeListOf(ctx.file);
  if (!path) return; // the default bands
  if (ctx.file.grading && ctx.file.grades) push(ctx, ['grades'], 'grades_and_grading', msg.gradesAndGrading());
  const names = new Set<string>();
  bands.forEach((b, i) => {
    if (names.has(b.grade)) push(ctx, [...path, i, 'grade'], 'duplicate_grade', msg.duplicateGrade(b.grade));
    names.add(b.grade);
    const last = i === bands.length - 1;
    if (last && b.min !== undefined) push(ctx, [...path, i], 'grades_no_catch_all', msg.gradesNoCatchAll());
    if (!last && b.min === undefined) push(ctx, [...path, i], 'grade_min_missing', msg.gradeMinMissing(b.grade));
    const prev = bands[i - 1]?.min;
    if (i > 0 && b.min !== undefined && prev !== undefined && !(b.min < prev)) {
      push(ctx, [...path, i, 'min'], 'grades_not_descending', msg.gradesNotDescending(b.grade));
    }
  });
}

/** quota needs at least one max_share; bands takes none; tie-break nodes exist. */
function checkGrading(ctx: Ctx): void {
  const g = ctx.file.grading;
  if (!g) return;
  const shares = g.grades.map((b, i) => ({ b, i })).filter((x) => x.b.max_share !== undefined);
  if (g.method === 'bands') {
    for (const { b, i } of shares) push(ctx, ['grading', 'grades', i, 'max_share'], 'max_share_with_bands', msg.maxShareWithBands(b.grade));
  } else if (shares.length === 0) {
    ctx.issues.push(warnAt(ctx, ['grading', 'method'], 'quota_without_share', msg.quotaWithoutShare()));
  }
  if (Array.isArray(g.ties)) {
    g.ties.forEach((id, i) => {
      if (!ctx.seen.has(id) || id === ctx.file.composite.id) {
        push(ctx, ['grading', 'ties', i], 'unknown_tie_node', msg.unknownTieNode(id, nearest(id, ctx.seen.keys())));
      }
    });
  }
}

/** Bonus, deduction and veto items: ids unique, metrics known and used by one item, grades exist. */
function checkItems(ctx: Ctx): void {
  const names = new Set(gradeListOf(ctx.file).grades.map((g) => g.grade));
  const ids = new Map<string, Path>();
  const metrics = new Map<string, Path>();
  const visit = (key: 'bonus' | 'deductions' | 'veto', item: { id?: string; metric: string }, i: number) => {
    const at = itemPath(ctx, key, i);
    const id = item.id ?? item.metric;
    if (item.id !== undefined && !isSnakeCase(item.id)) push(ctx, [...at, 'id'], 'id_not_snake_case', msg.idNotSnakeCase(item.id, msg.snakeCaseFault(item.id)));
    if (ids.has(id)) push(ctx, [...at, item.id !== undefined ? 'id' : 'metric'], 'duplicate_item_id', msg.duplicateItemId(id));
    else ids.set(id, at);
    checkMetric(ctx, item.metric, [...at, 'metric']);
    if (key !== 'veto') {
      if (metrics.has(item.metric)) push(ctx, [...at, 'metric'], 'adjustment_metric_reused', msg.adjustmentMetricReused(item.metric));
      else metrics.set(item.metric, at);
    }
  };
  (ctx.file.bonus ?? []).forEach((b, i) => visit('bonus', b, i));
  (ctx.file.deductions ?? []).forEach((d, i) => visit('deductions', d, i));
  (ctx.file.veto ?? []).forEach((v, i) => {
    visit('veto', v, i);
    const at = itemPath(ctx, 'veto', i);
    const effect = v.effect ?? (v.grade === NOT_GRADED ? NOT_GRADED : 'force');
    const needsGrade = effect === 'cap' || effect === 'force';
    if (needsGrade && v.grade !== undefined && v.grade !== NOT_GRADED && !names.has(v.grade)) {
      push(ctx, [...at, 'grade'], 'veto_grade_unknown', msg.vetoGradeUnknown(v.grade, [...names]));
    }
    if (effect === 'cap' && (v.grade === undefined || v.grade === NOT_GRADED)) push(ctx, [...at, 'effect'], 'veto_grade_missing', msg.vetoGradeMissing(effect));
    if (!needsGrade && v.grade !== undefined && v.grade !== NOT_GRADED) {
      ctx.issues.push(warnAt(ctx, [...at, 'grade'], 'ignored_veto_grade', msg.ignoredVetoGrade(effect)));
    }
  });
}

/** Where item i of a list-or-object block was written: `[key, i]` for a list, `[key]` for one object. */
function itemPath(ctx: Ctx, key: 'bonus' | 'deductions' | 'veto', i: number): Path {
  const written = (ctx.src.data as Record<string, unknown> | null)?.[key];
  return Array.isArray(written) ? [key, i] : [key];
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

