/**
 * A unit's composite recomputed from indicators/<year>.yaml in plain TypeScript, from the
 * metric values (unit_year_metrics) and the bonus / deduction cells of the raw profile file:
 * normalise each leaf (goalposts: (v − lo) ÷ (hi − lo) × 100 clamped to 0–100; pooled minmax:
 * the same with lo/hi = min/max of the metric over every unit of the pooled years), weighted
 * mean per group over the children with a value (a group with less than `missing.min_share`
 * of its weight present is missing), then + bonus − deduction, each capped; a negative bonus
 * entry is a deduction (the tree's comments). Only arithmetic aggregation (what the sample's
 * trees use): anything else throws, so the test cannot silently check less.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface Leaf { id: string; weight: number; metric: string; normalise?: Norm }
interface Norm { method: string; lo?: number; hi?: number; pool?: [number, number] }
interface Dimension { id: string; weight: number; indicators: Leaf[]; aggregate?: string }
interface Tree {
  defaults: { normalise: Norm; aggregate: string; direction: string };
  composite: { aggregate: string };
  dimensions: Dimension[];
  bonus: { metric: string; cap: number }[];
  deductions: { metric: string; cap: number }[];
  missing: { min_share: number };
}

/** metric id → (year → unit → value) */
export type MetricValues = Map<string, Map<number, Map<string, number | null>>>;

export interface ByHand { weighted: number; bonus: number; deduction: number; score: number; dimensions: Record<string, number | null> }

function normalised(v: number, n: Norm, metric: string, all: MetricValues): number {
  let lo: number;
  let hi: number;
  if (n.method === 'goalposts') {
    lo = n.lo!;
    hi = n.hi!;
  } else if (n.method === 'minmax' && n.pool) {
    const pooled = [...(all.get(metric) ?? new Map()).entries()]
      .filter(([y]) => y >= n.pool![0] && y <= n.pool![1])
      .flatMap(([, units]) => [...units.values()].filter((x): x is number => x !== null));
    lo = Math.min(...pooled);
    hi = Math.max(...pooled);
    if (hi === lo) return 50;
  } else {
    throw new Error(`composite-by-hand: normalise method ${n.method} not covered`);
  }
  return Math.min(100, Math.max(0, ((v - lo) / (hi - lo)) * 100));
}

function weightedMean(parts: { weight: number; value: number | null }[], minShare: number): number | null {
  const total = parts.reduce((s, p) => s + p.weight, 0);
  const present = parts.filter((p) => p.value !== null);
  const presentWeight = present.reduce((s, p) => s + p.weight, 0);
  if (presentWeight / total < minShare) return null;
  return present.reduce((s, p) => s + p.weight * p.value!, 0) / presentWeight;
}

export function compositeByHand(year: number, unit: string, all: MetricValues, adjust: { bonus: number; deduction: number }): ByHand {
  const tree = parse(readFileSync(`indicators/${year}.yaml`, 'utf8')) as Tree;
  const aggregates = [tree.defaults.aggregate, tree.composite.aggregate, ...tree.dimensions.map((d) => d.aggregate ?? tree.defaults.aggregate)];
  if (aggregates.some((a) => a !== 'arithmetic') || tree.defaults.direction !== 'higher_is_better') {
    throw new Error('composite-by-hand: only arithmetic, higher-is-better trees');
  }
  const dimensions: Record<string, number | null> = {};
  for (const d of tree.dimensions) {
    dimensions[d.id] = weightedMean(d.indicators.map((leaf) => {
      const v = all.get(leaf.metric)?.get(year)?.get(unit) ?? null;
      return { weight: leaf.weight, value: v === null ? null : normalised(v, leaf.normalise ?? tree.defaults.normalise, leaf.metric, all) };
    }), tree.missing.min_share);
  }
  const weighted = weightedMean(tree.dimensions.map((d) => ({ weight: d.weight, value: dimensions[d.id] })), tree.missing.min_share);
  if (weighted === null) throw new Error(`composite-by-hand: ${unit} ${year} has no composite`);
  // the bonus column may hold a negative entry: that is a deduction; 3 and −3 in 扣分 both subtract 3
  const bonusCap = tree.bonus[0].cap;
  const deductionCap = tree.deductions[0].cap;
  const bonus = Math.min(Math.max(adjust.bonus, 0), bonusCap);
  const deduction = Math.min(Math.abs(adjust.deduction) + Math.max(-adjust.bonus, 0), deductionCap);
  return { weighted, bonus, deduction, score: weighted + bonus - deduction, dimensions };
}
