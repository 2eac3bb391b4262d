/**
 * Checks the pipeline's declared metrics as a set and orders them: ids must not
 * reuse a built-in id, `per` must name a metric that exists, and declared metrics
 * dividing by each other are built dependencies first (a cycle is an error).
 * All problems are reported together.
 */
import type { MetricDef } from '../config/pipeline-schema.js';
import { error, YardstickError, type Issue } from '../errors.js';
import { buildMetricSql, checkMetricSpec, type MetricSql } from './build-metric-sql.js';
import { BUILTIN_METRIC_IDS } from './catalog.js';

/** Issues of every declared metric (per-metric checks + id clashes + unknown `per`). */
export function checkDeclaredMetrics(metrics: Record<string, MetricDef>, otherIds: readonly string[] = []): Issue[] {
  const builtin = new Set(BUILTIN_METRIC_IDS);
  const known = new Set([...BUILTIN_METRIC_IDS, ...otherIds, ...Object.keys(metrics)]);
  const issues: Issue[] = [];
  for (const [id, spec] of Object.entries(metrics)) {
    if (builtin.has(id)) {
      issues.push(error('metric_id_taken', `指标 ${id} 是内置指标，不能在流程文件中重新定义 / metric ${id} is built in and cannot be redefined in the pipeline file`, { path: `metrics.${id}` }));
    }
    issues.push(...checkMetricSpec(id, spec));
    if (spec.per && !known.has(spec.per)) {
      issues.push(error('unknown_metric', `指标 ${id}：per 引用的指标 ${spec.per} 不存在 / metric ${id}: per names unknown metric ${spec.per}`, { path: `metrics.${id}.per` }));
    }
  }
  return issues;
}

/** Built statements in dependency order; throws a YardstickError with every issue. */
export function planDeclaredMetrics(metrics: Record<string, MetricDef>, otherIds: readonly string[] = []): MetricSql[] {
  YardstickError.throwIfErrors(checkDeclaredMetrics(metrics, otherIds));
  const built = new Map(Object.entries(metrics).map(([id, spec]) => [id, buildMetricSql(id, spec)]));
  const ordered: MetricSql[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, chain: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      throw new YardstickError([error('metric_cycle', `指标循环引用：${[...chain, id].join(' → ')} / metrics divide by each other in a cycle: ${[...chain, id].join(' → ')}`, { path: `metrics.${id}.per` })]);
    }
    state.set(id, 'visiting');
    const m = built.get(id)!;
    if (m.per && built.has(m.per)) visit(m.per, [...chain, id]);
    state.set(id, 'done');
    ordered.push(m);
  };
  for (const id of built.keys()) visit(id, []);
  return ordered;
}
