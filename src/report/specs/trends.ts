/** Composite score of every unit over the scored years, one line per unit, coloured by unit type. */
import { baseConfig, SCHEMA, type Chart } from './common.js';
import { round, unitName, type ReportModel } from '../model.js';
import { chartUnits, chartUnitsTitle } from './chart-units.js';

export function buildTrendsChart(m: ReportModel): Chart {
  const { l } = m;
  const types = new Map(m.data.totals.map((t) => [t.unit_id, t.unit_type]));
  const cu = chartUnits(m.graded);
  const shown = new Set(cu.shown);
  const values = m.data.history
    // a year in which the unit was not graded (root, vetoed) is not a point on its line
    .filter((h) => h.level === 0 && h.score !== null && h.year <= m.data.year && (h.grade_status ?? 'graded') === 'graded' && (!cu.omitted || shown.has(h.unit_id)))
    .map((h) => ({ year: String(h.year), unit: unitName(m, h.unit_id), type: l.types[types.get(h.unit_id) ?? 'other'] ?? types.get(h.unit_id) ?? '', score: round(h.score, 2), rank: h.rank }));
  return {
    id: 'trends', title: l.trends,
    spec: {
      $schema: SCHEMA, config: baseConfig, data: { values }, ...chartUnitsTitle(cu, m.lang), width: 520, height: 300,
      mark: { type: 'line', point: true, tooltip: true, strokeWidth: 1.5, opacity: 0.8 },
      encoding: {
        x: { field: 'year', type: 'ordinal', title: l.year, axis: { labelAngle: 0 } },
        y: { field: 'score', type: 'quantitative', title: l.score, scale: { zero: false } },
        detail: { field: 'unit', type: 'nominal' },
        color: { field: 'type', type: 'nominal', title: l.type },
        tooltip: [
          { field: 'unit', type: 'nominal', title: l.unit },
          { field: 'year', type: 'ordinal', title: l.year },
          { field: 'score', type: 'quantitative', title: l.score, format: '.2f' },
          { field: 'rank', type: 'quantitative', title: l.rank },
        ],
      },
    },
  };
}
