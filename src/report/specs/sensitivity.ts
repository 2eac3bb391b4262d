/** Rank intervals (5%–95%) under weight perturbation, from the analyse stage's `sensitivity` table. */
import { baseConfig, bandHeight, SCHEMA, type Chart } from './common.js';
import { unitName, type ReportModel } from '../model.js';
import { chartedRows, chartUnits, chartUnitsTitle } from './chart-units.js';

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function buildSensitivityChart(m: ReportModel): Chart | null {
  const { l } = m;
  const t = m.data.sensitivity;
  if (!t || !['unit_id', 'rank_p05', 'rank_p95'].every((c) => t.columns.includes(c))) return null;
  const rows = t.rows
    .filter((r) => num(r.rank_p05) !== null && num(r.rank_p95) !== null)
    .map((r) => ({
      id: String(r.unit_id), unit: unitName(m, String(r.unit_id)), lo: num(r.rank_p05), hi: num(r.rank_p95),
      median: num(r.median_rank), nominal: num(r.nominal_rank), borderline: r.borderline === true ? l.borderline : '',
      order: num(r.nominal_rank) ?? num(r.median_rank) ?? 0,
    }))
    .sort((a, b) => a.order - b.order);
  if (!rows.length) return null;
  // one row per unit: at most CHART_MAX_UNITS (best and worst); the table under the chart lists every unit
  const cu = chartUnits(rows.map((r) => r.id));
  const values = chartedRows(rows, (r) => r.id, cu).map(({ id: _, ...v }) => v);
  const y = { field: 'unit', type: 'nominal' as const, sort: values.map((v) => v.unit), title: null };
  const tooltip = [
    { field: 'unit', type: 'nominal' as const, title: l.unit }, { field: 'nominal', type: 'quantitative' as const, title: l.nominalRank },
    { field: 'median', type: 'quantitative' as const, title: l.medianRank }, { field: 'lo', type: 'quantitative' as const, title: l.p05 },
    { field: 'hi', type: 'quantitative' as const, title: l.p95 },
  ];
  return {
    id: 'sensitivity', title: l.sensitivity,
    spec: {
      $schema: SCHEMA, config: baseConfig, data: { values }, ...chartUnitsTitle(cu, m.lang), width: 460, height: bandHeight(values.length),
      encoding: { y },
      layer: [
        { mark: { type: 'rule', strokeWidth: 3, tooltip: true }, encoding: {
          x: { field: 'lo', type: 'quantitative', title: `${l.rank} (${l.interval})`, scale: { zero: false }, axis: { tickMinStep: 1 } },
          x2: { field: 'hi' }, color: { value: '#9ecae1' }, tooltip } },
        { mark: { type: 'point', filled: true, color: '#08519c', tooltip: true }, encoding: { x: { field: 'median', type: 'quantitative' }, tooltip } },
        { mark: { type: 'tick', color: '#d73027', thickness: 2 }, encoding: { x: { field: 'nominal', type: 'quantitative' } } },
      ],
    },
  };
}
