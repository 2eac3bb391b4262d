/** The dimension scores of every unit: one column of bars per dimension, units in rank order. */
import { baseConfig, bandHeight, SCHEMA, type Chart } from './common.js';
import { chartedUnits, round, unitName, type ReportModel } from '../model.js';
import { chartUnits, chartUnitsTitle } from './chart-units.js';

export function buildDimensionsChart(m: ReportModel): Chart {
  const { l } = m;
  const cu = chartUnits(chartedUnits(m));
  const units = new Set(cu.shown);
  const dimOrder = m.dimensions.map((d) => m.nodeLabel(d.node_id));
  const values = m.data.dims
    .filter((d) => units.has(d.unit_id) && d.score !== null && m.dimensions.some((x) => x.node_id === d.node_id))
    .map((d) => ({ unit: unitName(m, d.unit_id), dimension: m.nodeLabel(d.node_id), score: round(d.score, 2), rank: d.rank }));
  const unitSort = cu.shown.map((id) => unitName(m, id));
  return {
    id: 'dimensions', title: l.dimensions,
    spec: {
      $schema: SCHEMA, config: baseConfig, data: { values }, ...chartUnitsTitle(cu, m.lang),
      width: 130, height: bandHeight(unitSort.length, 16),
      mark: { type: 'bar', tooltip: true },
      encoding: {
        column: { field: 'dimension', type: 'nominal', sort: dimOrder, title: null, header: { labelFontSize: 12 } },
        y: { field: 'unit', type: 'nominal', sort: unitSort, title: null },
        x: { field: 'score', type: 'quantitative', title: l.score, scale: { domain: [0, 100] }, axis: { values: [0, 50, 100] } },
        color: { field: 'dimension', type: 'nominal', sort: dimOrder, legend: null },
        tooltip: [
          { field: 'unit', type: 'nominal', title: l.unit },
          { field: 'dimension', type: 'nominal', title: l.dimension },
          { field: 'score', type: 'quantitative', title: l.score, format: '.2f' },
          { field: 'rank', type: 'quantitative', title: l.rank },
        ],
      },
    },
  };
}
