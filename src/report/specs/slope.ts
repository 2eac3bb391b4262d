/** Slope chart of ranks between the previous scored year and this one; null when there is no earlier year. */
import { baseConfig, SCHEMA, type Chart } from './common.js';
import { unitName, type ReportModel } from '../model.js';
import { chartUnits, chartUnitsTitle } from './chart-units.js';

export function buildSlopeChart(m: ReportModel): Chart | null {
  const { l } = m;
  const prev = m.previousYear;
  if (prev === null) return null;
  const year = m.data.year;
  const rankOf = (y: number) => new Map(m.data.history.filter((h) => h.level === 0 && h.year === y && h.rank !== null).map((h) => [h.unit_id, h.rank!]));
  const before = rankOf(prev);
  const after = rankOf(year);
  const cu = chartUnits([...after.keys()].filter((id) => before.has(id)).sort((a, b) => after.get(a)! - after.get(b)!));
  const values = cu.shown.flatMap((id) => {
    const d = before.get(id)! - after.get(id)!;
    const change = d > 0 ? l.up : d < 0 ? l.down : l.same;
    const unit = unitName(m, id);
    return [
      { unit, year: String(prev), rank: before.get(id)!, change, delta: d, end: false },
      { unit, year: String(year), rank: after.get(id)!, change, delta: d, end: true },
    ];
  });
  if (!values.length) return null;
  const color = { field: 'change', type: 'nominal' as const, title: l.change, scale: { domain: [l.up, l.same, l.down], range: ['#1a9850', '#999999', '#d73027'] } };
  return {
    id: 'slope', title: l.slope(prev, year),
    spec: {
      $schema: SCHEMA, config: baseConfig, data: { values }, ...chartUnitsTitle(cu, m.lang), width: 260, height: Math.max(200, (values.length / 2) * 18),
      encoding: {
        x: { field: 'year', type: 'ordinal', title: null, axis: { labelAngle: 0, orient: 'top' }, scale: { padding: 0.3 } },
        y: { field: 'rank', type: 'quantitative', title: l.rank, scale: { reverse: true, zero: false, nice: false } },
        color,
      },
      layer: [
        { mark: { type: 'line' }, encoding: { detail: { field: 'unit', type: 'nominal' } } },
        { mark: { type: 'point', filled: true, tooltip: true }, encoding: { tooltip: [
          { field: 'unit', type: 'nominal', title: l.unit }, { field: 'year', type: 'ordinal', title: l.year },
          { field: 'rank', type: 'quantitative', title: l.rank }, { field: 'delta', type: 'quantitative', title: l.change }] } },
        { transform: [{ filter: 'datum.end' }], mark: { type: 'text', align: 'left', dx: 6, fontSize: 10 }, encoding: { text: { field: 'unit', type: 'nominal' } } },
      ],
    },
  };
}
