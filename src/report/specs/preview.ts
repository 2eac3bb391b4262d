/** Slope chart of the graded units' ranks: official tree → draft tree on the same year's data; null without a draft. */
import { baseConfig, SCHEMA, type Chart } from './common.js';
import { unitName, type ReportModel } from '../model.js';
import { previewUnits } from '../preview-section.js';
import { chartedRows, chartUnits, chartUnitsTitle } from './chart-units.js';

export function buildPreviewChart(m: ReportModel): Chart | null {
  const { l } = m;
  const p = m.data.preview;
  if (!p) return null;
  const ranked = previewUnits(p).filter((u) => u.official.rank !== null && u.draft.rank !== null).sort((a, b) => a.official.rank! - b.official.rank!);
  // one line per unit: at most CHART_MAX_UNITS (best and worst by the official rank); the table under the chart lists every unit
  const cu = chartUnits(ranked.map((u) => u.unit_id));
  const values = chartedRows(ranked, (u) => u.unit_id, cu).flatMap((u) => {
    const d = u.rank_change!;
    const change = d > 0 ? l.up : d < 0 ? l.down : l.same;
    const unit = unitName(m, u.unit_id);
    return [
      { unit, side: l.officialSide, order: 0, rank: u.official.rank!, change, delta: d, end: false },
      { unit, side: l.draftSide, order: 1, rank: u.draft.rank!, change, delta: d, end: true },
    ];
  });
  if (!values.length) return null;
  const color = { field: 'change', type: 'nominal' as const, title: l.change, scale: { domain: [l.up, l.same, l.down], range: ['#1a9850', '#999999', '#d73027'] } };
  return {
    id: 'preview', title: l.previewChart(p.draftYear),
    spec: {
      $schema: SCHEMA, config: baseConfig, data: { values }, ...chartUnitsTitle(cu, m.lang), width: 260, height: Math.max(200, (values.length / 2) * 18),
      encoding: {
        x: { field: 'side', type: 'ordinal', title: null, sort: [l.officialSide, l.draftSide], axis: { labelAngle: 0, orient: 'top' }, scale: { padding: 0.3 } },
        y: { field: 'rank', type: 'quantitative', title: l.rank, scale: { reverse: true, zero: false, nice: false } },
        color,
      },
      layer: [
        { mark: { type: 'line' }, encoding: { detail: { field: 'unit', type: 'nominal' }, order: { field: 'order', type: 'quantitative' } } },
        { mark: { type: 'point', filled: true, tooltip: true }, encoding: { tooltip: [
          { field: 'unit', type: 'nominal', title: l.unit }, { field: 'side', type: 'nominal', title: l.treeSide },
          { field: 'rank', type: 'quantitative', title: l.rank }, { field: 'delta', type: 'quantitative', title: l.rankChange }] } },
        { transform: [{ filter: 'datum.end' }], mark: { type: 'text', align: 'left', dx: 6, fontSize: 10 }, encoding: { text: { field: 'unit', type: 'nominal' } } },
      ],
    },
  };
}
