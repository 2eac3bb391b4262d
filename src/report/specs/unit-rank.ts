/** One unit's composite rank over the years (rank 1 at the top). */
import { baseConfig, SCHEMA, type Chart } from './common.js';
import type { ReportModel } from '../model.js';

export function buildUnitRankChart(m: ReportModel, unitId: string): Chart | null {
  const { l } = m;
  const values = m.data.history
    .filter((h) => h.level === 0 && h.unit_id === unitId && h.rank !== null && h.year <= m.data.year)
    .map((h) => ({ year: String(h.year), rank: h.rank, score: h.score === null ? null : Math.round(h.score * 10) / 10 }));
  if (!values.length) return null;
  return {
    id: 'unit-rank', title: l.rankHistory,
    spec: {
      $schema: SCHEMA, config: baseConfig, data: { values }, width: 360, height: 160,
      encoding: {
        x: { field: 'year', type: 'ordinal', title: l.year, axis: { labelAngle: 0 } },
        // 14 px of padding either side keeps every point (and its label above it) inside the axis. Not a
        // domain from the unit's ranks: the spec would differ per unit, and the unit pages reuse one Vega
        // View per chart shape (render-svg.ts SameShapeCharts): 2,000 Views took 1.5 GB and 2.5× the time.
        y: { field: 'rank', type: 'quantitative', title: l.rank, scale: { reverse: true, zero: false, nice: false, padding: 14 }, axis: { tickMinStep: 1, format: 'd' } },
      },
      layer: [
        { mark: { type: 'line', point: true, tooltip: true }, encoding: { tooltip: [
          { field: 'year', type: 'ordinal', title: l.year }, { field: 'rank', type: 'quantitative', title: l.rank },
          { field: 'score', type: 'quantitative', title: l.score }] } },
        { mark: { type: 'text', dy: -9, fontSize: 10 }, encoding: { text: { field: 'rank', type: 'quantitative' } } },
      ],
    },
  };
}
