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
        // the domain a rank either side of the unit's ranks: every point (and its label above it) inside the axis
        y: { field: 'rank', type: 'quantitative', title: l.rank, scale: { reverse: true, zero: false, nice: false, domain: rankDomain(values.map((v) => v.rank)) }, axis: { tickMinStep: 1, format: 'd' } },
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

/** From one place above the best rank (never above 1) to one below the worst. */
export function rankDomain(ranks: (number | null)[]): [number, number] {
  const r = ranks.filter((x): x is number => x !== null);
  return [Math.max(1, Math.min(...r) - 1), Math.max(...r) + 1];
}
