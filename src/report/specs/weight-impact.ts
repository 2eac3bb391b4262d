/**
 * Composite change since the base year split into performance and weights (the analyse stage's
 * `weight_impact`): diverging stacked bars per unit. Null when the table is absent, empty, or the
 * trees of the two years are the same (then the weights explain nothing).
 */
import { chartLabelsFor } from '../chart-labels.js';
import { baseConfig, bandHeight, SCHEMA, type Chart } from './common.js';
import { unitName, type ReportModel } from '../model.js';
import { chartedRows, chartUnits, chartUnitsTitle } from './chart-units.js';

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 100) / 100 : null);

export function buildWeightImpactChart(m: ReportModel): Chart | null {
  const { l } = m;
  const t = m.data.weightImpact;
  if (!t || !['unit_id', 'performance_effect', 'weights_effect'].every((c) => t.columns.includes(c))) return null;
  if (t.columns.includes('trees_differ') && !t.rows.some((r) => r.trees_differ === true)) return null;
  const order = new Map(m.unitOrder.map((id, i) => [id, i]));
  const rows = t.rows.filter((r) => num(r.performance_effect) !== null || num(r.weights_effect) !== null)
    .sort((a, b) => (order.get(String(a.unit_id)) ?? 1e9) - (order.get(String(b.unit_id)) ?? 1e9));
  if (!rows.length) return null;
  // one bar per unit: at most CHART_MAX_UNITS (best and worst); the table under the chart lists every unit
  const cu = chartUnits(rows.map((r) => String(r.unit_id)));
  const values = chartedRows(rows, (r) => String(r.unit_id), cu).flatMap((r) => [
    { unit: unitName(m, String(r.unit_id)), part: l.performanceEffect, points: num(r.performance_effect) },
    { unit: unitName(m, String(r.unit_id)), part: l.weightsEffect, points: num(r.weights_effect) },
  ]);
  return {
    id: 'weight-impact', title: l.weightImpact,
    spec: {
      $schema: SCHEMA, config: baseConfig, data: { values }, ...chartUnitsTitle(cu, m.lang), width: 420, height: bandHeight(cu.shown.length),
      mark: { type: 'bar', tooltip: true },
      encoding: {
        y: { field: 'unit', type: 'nominal', sort: [...new Set(values.map((v) => v.unit))], title: null },
        x: { field: 'points', type: 'quantitative', title: l.scoreChange, stack: 'zero' },
        color: { field: 'part', type: 'nominal', title: null, sort: [l.performanceEffect, l.weightsEffect], scale: { range: ['#4292c6', '#fd8d3c'] } },
        tooltip: [{ field: 'unit', type: 'nominal', title: l.unit }, { field: 'part', type: 'nominal', title: chartLabelsFor(m.lang).changeSource }, { field: 'points', type: 'quantitative', title: l.scoreChange, format: '+.2f' }],
      },
    },
  };
}
