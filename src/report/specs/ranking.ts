/**
 * Ranking of the graded units by composite score, bars coloured and labelled by grade. Units not
 * graded (root, vetoed "not graded", unscored) are not in the chart: the table below it lists them
 * with the reason. The tooltip shows the composite's parts.
 */
import { baseConfig, bandHeight, SCHEMA, type Chart } from './common.js';
import { gradeLabel } from '../labels.js';
import { round, unitName, type ReportModel } from '../model.js';
import { chartUnits, chartUnitsTitle } from './chart-units.js';

export function buildRankingChart(m: ReportModel): Chart {
  const { l } = m;
  const byId = new Map(m.data.totals.map((t) => [t.unit_id, t]));
  // at most CHART_MAX_UNITS bars (best and worst); the ranking table lists every unit
  const cu = chartUnits(m.graded.filter((id) => byId.get(id)?.score != null));
  const values = cu.shown.map((id) => byId.get(id)!).map((t) => ({
    unit: unitName(m, t.unit_id), score: round(t.score, 2), rank: t.rank, grade: gradeLabel(l, t.grade),
    weighted: round(t.weighted, 2), bonus: round(t.bonus, 2), deduction: round(t.deduction, 2),
    label: `${(round(t.score, 1) ?? 0).toFixed(1)} ${gradeLabel(l, t.grade)}`,
  }));
  const parts = values.some((v) => v.weighted !== null);
  const x = { field: 'score', type: 'quantitative' as const, title: l.score };
  return {
    id: 'ranking', title: l.ranking,
    spec: {
      $schema: SCHEMA, config: baseConfig, width: 520, height: bandHeight(values.length), ...chartUnitsTitle(cu, m.lang),
      data: { values },
      encoding: { y: { field: 'unit', type: 'nominal', sort: values.map((v) => v.unit), title: l.unit } },
      layer: [
        {
          mark: { type: 'bar', tooltip: true },
          encoding: {
            x,
            color: {
              field: 'grade', type: 'nominal', title: l.grade,
              scale: gradeScale(m, values.some((v) => v.grade === l.notGraded)),
            },
            tooltip: [
              { field: 'rank', type: 'quantitative', title: l.rank },
              { field: 'unit', type: 'nominal', title: l.unit },
              ...(parts ? [
                { field: 'weighted', type: 'quantitative' as const, title: l.weighted, format: '.2f' },
                { field: 'bonus', type: 'quantitative' as const, title: l.bonus, format: '.2f' },
                { field: 'deduction', type: 'quantitative' as const, title: l.deduction, format: '.2f' },
              ] : []),
              { field: 'score', type: 'quantitative', title: l.composite, format: '.2f' },
              { field: 'grade', type: 'nominal', title: l.grade },
            ],
          },
        },
        // the grade written at the end of each bar, so a printed page needs no colour legend
        { mark: { type: 'text', align: 'left', dx: 4, fontSize: 10 }, encoding: { x, text: { field: 'label', type: 'nominal' } } },
      ],
    },
  };
}

/** Grade colours in grade order; "not graded" only when some unit has no grade. */
function gradeScale(m: ReportModel, withUngraded: boolean) {
  const domain = m.grades.map((g) => gradeLabel(m.l, g));
  const range = [...m.gradeColors];
  if (withUngraded) {
    domain.push(m.l.notGraded);
    range.push('#999999');
  }
  return { domain, range };
}
