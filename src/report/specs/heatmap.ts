/** Unit × indicator heatmap of normalised values (0–100), units by rank, indicators in tree order. */
import { baseConfig, bandHeight, SCHEMA, type Chart } from './common.js';
import { chartedUnits, round, unitName, type ReportModel } from '../model.js';
import { chartUnits, chartUnitsTitle } from './chart-units.js';
import { metricValue } from '../format-number.js';

export function buildHeatmapChart(m: ReportModel): Chart {
  const { l } = m;
  const cu = chartUnits(chartedUnits(m));
  const units = new Set(cu.shown);
  const leafIds = new Set(m.leaves.map((n) => n.node_id));
  const metricOf = new Map(m.data.tree.map((n) => [n.node_id, n.metric_id ?? null]));
  const values = m.data.indicators
    .filter((v) => units.has(v.unit_id) && leafIds.has(v.indicator_id))
    .map((v) => ({
      unit: unitName(m, v.unit_id), indicator: m.nodeLabel(v.indicator_id),
      dimension: m.nodeLabel(m.dimensionOf.get(v.indicator_id) ?? ''), value: round(v.normalised, 1),
      // the raw value in its unit (93.3%, 2.9 小时/人·月), as the unit pages show it
      raw: metricValue(metricOf.get(v.indicator_id) ?? null, v.raw, m.lang),
    }));
  return {
    id: 'heatmap', title: l.heatmap,
    spec: {
      $schema: SCHEMA, config: baseConfig, data: { values }, ...chartUnitsTitle(cu, m.lang),
      width: Math.max(200, m.leaves.length * 26), height: bandHeight(units.size, 18),
      mark: { type: 'rect', tooltip: true },
      encoding: {
        x: { field: 'indicator', type: 'nominal', sort: m.leaves.map((n) => m.nodeLabel(n.node_id)), title: l.indicator, axis: { labelAngle: -50, labelLimit: 160 } },
        y: { field: 'unit', type: 'nominal', sort: cu.shown.map((id) => unitName(m, id)), title: null },
        color: { field: 'value', type: 'quantitative', title: l.value, scale: { scheme: 'redyellowgreen', domain: [0, 100] } },
        tooltip: [
          { field: 'unit', type: 'nominal', title: l.unit },
          { field: 'dimension', type: 'nominal', title: l.dimension },
          { field: 'indicator', type: 'nominal', title: l.indicator },
          { field: 'value', type: 'quantitative', title: l.value, format: '.1f' },
          { field: 'raw', type: 'nominal', title: l.raw },
        ],
      },
    },
  };
}
