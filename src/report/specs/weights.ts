/** Effective weight of every leaf indicator this year (product of sibling fractions down the tree). */
import { baseConfig, bandHeight, SCHEMA, type Chart } from './common.js';
import type { ReportModel } from '../model.js';

/** Effective weight of each node: the product of the weights from the root. */
export function effectiveWeights(m: ReportModel): Map<string, number> {
  const byId = new Map(m.data.tree.map((n) => [n.node_id, n]));
  const out = new Map<string, number>();
  const of = (id: string, depth = 0): number => {
    if (out.has(id)) return out.get(id)!;
    const n = byId.get(id);
    if (!n || depth > 50) return 1;
    const w = (n.level === 0 ? 1 : n.weight ?? 0) * (n.parent_id ? of(n.parent_id, depth + 1) : 1);
    out.set(id, w);
    return w;
  };
  for (const n of m.data.tree) of(n.node_id);
  return out;
}

export function buildWeightsChart(m: ReportModel): Chart | null {
  const { l } = m;
  if (!m.leaves.length) return null;
  const eff = effectiveWeights(m);
  const dimOrder = m.dimensions.map((d) => m.nodeLabel(d.node_id));
  const values = m.leaves.map((n) => ({
    indicator: m.nodeLabel(n.node_id), dimension: m.nodeLabel(m.dimensionOf.get(n.node_id) ?? ''),
    weight: Math.round((eff.get(n.node_id) ?? 0) * 10000) / 10000, local: n.weight,
  }));
  return {
    id: 'weights', title: l.tree(m.data.year),
    spec: {
      $schema: SCHEMA, config: baseConfig, data: { values }, width: 360, height: bandHeight(values.length, 18),
      mark: { type: 'bar', tooltip: true },
      encoding: {
        y: { field: 'indicator', type: 'nominal', sort: values.map((v) => v.indicator), title: null },
        x: { field: 'weight', type: 'quantitative', title: l.effectiveWeight, axis: { format: '.0%' } },
        color: { field: 'dimension', type: 'nominal', sort: dimOrder, title: l.dimension },
        tooltip: [
          { field: 'dimension', type: 'nominal', title: l.dimension }, { field: 'indicator', type: 'nominal', title: l.indicator },
          { field: 'local', type: 'quantitative', title: l.weight, format: '.0%' },
          { field: 'weight', type: 'quantitative', title: l.effectiveWeight, format: '.1%' },
        ],
      },
    },
  };
}
