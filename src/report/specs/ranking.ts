/** Ranking of units by composite score, bars coloured by grade. */
import { baseConfig, bandHeight, SCHEMA, type Chart } from './common.js';
import { gradeLabel } from '../labels.js';
import { round, unitName, type ReportModel } from '../model.js';

export function buildRankingChart(m: ReportModel): Chart {
  const { l } = m;
  const byId = new Map(m.data.totals.map((t) => [t.unit_id, t]));
  const values = m.unitOrder.map((id) => byId.get(id)!).filter((t) => t.score !== null).map((t) => ({
    unit: unitName(m, t.unit_id), score: round(t.score, 2), rank: t.rank, grade: gradeLabel(l, t.grade),
  }));
  return {
    id: 'ranking', title: l.ranking,
    spec: {
      $schema: SCHEMA, config: baseConfig, width: 520, height: bandHeight(values.length),
      data: { values },
      mark: { type: 'bar', tooltip: true },
      encoding: {
        y: { field: 'unit', type: 'nominal', sort: values.map((v) => v.unit), title: l.unit },
        x: { field: 'score', type: 'quantitative', title: l.score },
        color: {
          field: 'grade', type: 'nominal', title: l.grade,
          scale: gradeScale(m, values.some((v) => v.grade === l.notGraded)),
        },
        tooltip: [
          { field: 'rank', type: 'quantitative', title: l.rank },
          { field: 'unit', type: 'nominal', title: l.unit },
          { field: 'score', type: 'quantitative', title: l.score, format: '.2f' },
          { field: 'grade', type: 'nominal', title: l.grade },
        ],
      },
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
