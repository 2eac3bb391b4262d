/**
 * What-if weights: one slider per dimension (Vega-Lite params bound to range
 * inputs, starting at this year's weights) recomputes every unit's composite from
 * its dimension scores and re-orders the ranking live in the page. A black tick
 * marks the official composite. Missing dimensions are left out and the weights
 * renormalised over the present ones, as the scoring engine does; bonus points,
 * deductions and vetoes are not part of the what-if score (the subtitle says so). Only graded
 * units are ranked.
 */
import { baseConfig, bandHeight, SCHEMA, type Chart } from './common.js';
import { round, unitName, type ReportModel } from '../model.js';

export function buildWhatIfChart(m: ReportModel): Chart | null {
  const { l } = m;
  if (!m.dimensions.length) return null;
  const key = (i: number) => `d${i}`;
  const byUnit = new Map<string, Record<string, number | string | null>>();
  const graded = new Set(m.graded);
  for (const t of m.data.totals) {
    if (t.score === null || !graded.has(t.unit_id)) continue;
    byUnit.set(t.unit_id, { unit: unitName(m, t.unit_id), official: round(t.score, 2) });
  }
  for (const d of m.data.dims) {
    const i = m.dimensions.findIndex((x) => x.node_id === d.node_id);
    const row = byUnit.get(d.unit_id);
    if (i >= 0 && row) row[key(i)] = d.score === null ? null : round(d.score, 2);
  }
  if (!byUnit.size) return null;
  const present = (i: number) => `isValid(datum.${key(i)})`;
  const num = m.dimensions.map((_, i) => `(${present(i)} ? w${i} * datum.${key(i)} : 0)`).join(' + ');
  const den = m.dimensions.map((_, i) => `(${present(i)} ? w${i} : 0)`).join(' + ');
  const params = m.dimensions.map((d, i) => ({
    name: `w${i}`,
    value: Math.round((d.weight ?? 0) * 100),
    bind: { input: 'range' as const, min: 0, max: 100, step: 1, name: `${m.nodeLabel(d.node_id)} (${l.configured} ${Math.round((d.weight ?? 0) * 100)}) ` },
  }));
  const y = { field: 'unit', type: 'nominal' as const, sort: { field: 'whatif', op: 'max' as const, order: 'descending' as const }, title: null };
  return {
    id: 'whatif', title: l.whatIf,
    spec: {
      $schema: SCHEMA, config: baseConfig,
      title: { text: l.whatIf, subtitle: l.whatIfNote },
      params,
      data: { values: [...byUnit.values()] },
      transform: [
        { calculate: `(${den}) > 0 ? (${num}) / (${den}) : null`, as: 'whatif' },
        { window: [{ op: 'rank', as: 'whatif_rank' }], sort: [{ field: 'whatif', order: 'descending' }] },
      ],
      width: 420, height: bandHeight(byUnit.size, 18),
      encoding: { y },
      layer: [
        {
          mark: { type: 'bar', tooltip: true, color: '#c0392b', opacity: 0.8 },
          encoding: {
            x: { field: 'whatif', type: 'quantitative', title: l.score, scale: { domain: [0, 100] } },
            tooltip: [
              { field: 'unit', type: 'nominal', title: l.unit },
              { field: 'whatif', type: 'quantitative', title: l.whatIfScore, format: '.1f' },
              { field: 'whatif_rank', type: 'quantitative', title: l.rank },
              { field: 'official', type: 'quantitative', title: l.officialScore, format: '.1f' },
            ],
          },
        },
        { mark: { type: 'tick', color: 'black', thickness: 2 }, encoding: { x: { field: 'official', type: 'quantitative' } } },
      ],
    },
  };
}
