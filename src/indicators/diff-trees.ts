/**
 * What changed in an indicator tree since the previous year's file, for `yardstick check` to
 * print: nodes added or removed, a node moved under another parent, weights moved (as shares of
 * their siblings and as effective weights), method/parameters/direction/metric/aggregate changed,
 * and the file-level rules (grades, bonus, veto, missing threshold). Nodes are matched by id.
 */
import type { IndicatorTree, TreeNode } from './indicator-schema.js';
import { describeAdjustments, describeGrading, type Bilingual } from './describe-grading.js';

export type TreeChangeKind =
  | 'node_added'
  | 'node_removed'
  | 'node_moved'
  | 'weight_moved'
  | 'method_changed'
  | 'parameters_changed'
  | 'direction_changed'
  | 'metric_changed'
  | 'aggregate_changed'
  | 'grades_changed'
  | 'bonus_changed'
  | 'veto_changed'
  | 'min_share_changed';

export interface TreeChange {
  kind: TreeChangeKind;
  nodeId?: string;
  from?: string | number | null;
  to?: string | number | null;
  /** One line, Chinese then English. */
  message: string;
}

const pct = (x: number): string => `${Number((x * 100).toFixed(2))}%`;
const EPS = 1e-9;

/** Changes from `prev` (last year's tree) to `next`, in `next`'s node order, removals last. */
export function diffTrees(prev: IndicatorTree, next: IndicatorTree): TreeChange[] {
  const before = new Map(prev.nodes.map((n) => [n.id, n]));
  const after = new Map(next.nodes.map((n) => [n.id, n]));
  const out: TreeChange[] = [];
  for (const n of next.nodes) {
    const p = before.get(n.id);
    if (!p) {
      out.push({
        kind: 'node_added',
        nodeId: n.id,
        to: n.weight,
        message: `新增“${n.label.zh}”(${n.id})，权重 ${pct(n.weight)} / added ${n.id} under ${n.parentId ?? '-'} with weight ${pct(n.weight)}`,
      });
      continue;
    }
    out.push(...diffNode(p, n));
  }
  for (const p of prev.nodes) {
    if (!after.has(p.id)) {
      out.push({
        kind: 'node_removed',
        nodeId: p.id,
        from: p.weight,
        message: `删除“${p.label.zh}”(${p.id})，原权重 ${pct(p.weight)} / removed ${p.id} (was ${pct(p.weight)} of ${p.parentId ?? '-'})`,
      });
    }
  }
  out.push(...diffRules(prev, next));
  return out;
}

function diffNode(p: TreeNode, n: TreeNode): TreeChange[] {
  const out: TreeChange[] = [];
  const id = n.id;
  if (p.parentId !== n.parentId) {
    out.push({ kind: 'node_moved', nodeId: id, from: p.parentId, to: n.parentId, message: `“${n.label.zh}”从 ${p.parentId} 移到 ${n.parentId} / ${id} moved from ${p.parentId} to ${n.parentId}` });
  }
  if (Math.abs(p.weight - n.weight) > EPS) {
    out.push({
      kind: 'weight_moved',
      nodeId: id,
      from: p.weight,
      to: n.weight,
      message:
        `“${n.label.zh}”权重 ${pct(p.weight)} → ${pct(n.weight)}（有效权重 ${pct(p.effectiveWeight)} → ${pct(n.effectiveWeight)}） / ` +
        `weight of ${id} within ${n.parentId}: ${pct(p.weight)} → ${pct(n.weight)} (effective ${pct(p.effectiveWeight)} → ${pct(n.effectiveWeight)})`,
    });
  }
  const pm = p.normalise;
  const nm = n.normalise;
  if (pm && nm && pm.method !== nm.method) {
    out.push({ kind: 'method_changed', nodeId: id, from: pm.method, to: nm.method, message: `“${n.label.zh}”标准化方法 ${pm.method} → ${nm.method} / ${id}: method ${pm.method} → ${nm.method}` });
  } else if (pm && nm && JSON.stringify(pm) !== JSON.stringify(nm)) {
    const show = (x: typeof pm): string => `lo=${x.lo} hi=${x.hi} target=${x.target} cap=${x.cap}${x.ties ? ` ties=${x.ties}` : ''}`;
    out.push({ kind: 'parameters_changed', nodeId: id, from: show(pm), to: show(nm), message: `“${n.label.zh}”参数 ${show(pm)} → ${show(nm)} / ${id}: ${show(pm)} → ${show(nm)}` });
  }
  if (p.direction && n.direction && p.direction !== n.direction) {
    out.push({ kind: 'direction_changed', nodeId: id, from: p.direction, to: n.direction, message: `“${n.label.zh}”方向 ${p.direction} → ${n.direction} / ${id}: ${p.direction} → ${n.direction}` });
  }
  if (p.metric !== n.metric) {
    out.push({ kind: 'metric_changed', nodeId: id, from: p.metric, to: n.metric, message: `“${n.label.zh}”数据 ${p.metric ?? '(组)'} → ${n.metric ?? '(组)'} / ${id}: metric ${p.metric ?? '(group)'} → ${n.metric ?? '(group)'}` });
  }
  if (p.aggregate !== n.aggregate && p.aggregate && n.aggregate) {
    out.push({ kind: 'aggregate_changed', nodeId: id, from: p.aggregate, to: n.aggregate, message: `“${n.label.zh}”汇总方式 ${p.aggregate} → ${n.aggregate} / ${id}: aggregate ${p.aggregate} → ${n.aggregate}` });
  }
  return out;
}

function diffRules(prev: IndicatorTree, next: IndicatorTree): TreeChange[] {
  const out: TreeChange[] = [];
  const show = (x: unknown): string => JSON.stringify(x);
  if (show([prev.grades, prev.grading]) !== show([next.grades, next.grading])) {
    const g = (t: IndicatorTree): Bilingual => {
      const lines = describeGrading(t);
      return { zh: lines.map((l) => l.zh).join('；'), en: lines.map((l) => l.en).join('; ') };
    };
    const [a, b] = [g(prev), g(next)];
    out.push({ kind: 'grades_changed', from: a.en, to: b.en, message: `等级规则 ${a.zh} → ${b.zh} / grading ${a.en} → ${b.en}` });
  }
  const items = (t: IndicatorTree) => describeAdjustments({ ...t, veto: [] });
  if (show([prev.bonus, prev.deductions]) !== show([next.bonus, next.deductions])) {
    const [a, b] = [items(prev), items(next)];
    const zh = (x: Bilingual[]) => x.map((l) => l.zh).join('；') || '无';
    const en = (x: Bilingual[]) => x.map((l) => l.en).join('; ') || 'none';
    out.push({ kind: 'bonus_changed', from: en(a), to: en(b), message: `加分扣分规则 ${zh(a)} → ${zh(b)} / bonus and deductions ${en(a)} → ${en(b)}` });
  }
  if (show(prev.veto) !== show(next.veto)) {
    const v = (t: IndicatorTree) => t.veto.map((x) => `${x.id}:${x.effect}${x.grade ? ' ' + x.grade : ''}`).join(', ') || 'none';
    out.push({ kind: 'veto_changed', from: v(prev), to: v(next), message: `一票否决规则已修改 / veto rule changed: ${v(prev)} → ${v(next)}` });
  }
  if (prev.missing.minShare !== next.missing.minShare) {
    out.push({ kind: 'min_share_changed', from: prev.missing.minShare, to: next.missing.minShare, message: `缺失阈值 ${pct(prev.missing.minShare)} → ${pct(next.missing.minShare)} / missing threshold ${pct(prev.missing.minShare)} → ${pct(next.missing.minShare)}` });
  }
  return out;
}
