/**
 * The generated summary paragraph of a unit page, from zh/en templates with the numbers filled in:
 * composite score and rank, change since the previous scored year, grade, the dimension furthest
 * above and below the peer median, and the number of flags.
 */
import { gradeLabel } from './labels.js';
import { notRankedReason, unitName, type GradeStatus, type ReportModel } from './model.js';
import { peerScores } from './specs/unit-scores.js';
import { points, rank } from './format-number.js';

const f1 = (v: number) => points(v);

export interface UnitFacts {
  status: GradeStatus; notRanked: string;
  name: string; score: number | null; rank: number | null; of: number; grade: string | null;
  rankChange: number | null; strong: { label: string; score: number; peer: number } | null;
  weak: { label: string; score: number; peer: number } | null; flags: number;
}

export function unitFacts(m: ReportModel, unitId: string): UnitFacts {
  const t = m.data.totals.find((x) => x.unit_id === unitId);
  const prev = m.previousYear === null ? undefined
    : m.data.history.find((h) => h.level === 0 && h.year === m.previousYear && h.unit_id === unitId)?.rank ?? undefined;
  const dims = peerScores(m, unitId).slice(1)
    .filter((p) => p.score !== null && p.peer !== null)
    .map((p) => ({ label: p.label, score: p.score!, peer: p.peer!, gap: p.score! - p.peer! }))
    .sort((a, b) => a.gap - b.gap);
  const weak = dims.length && dims[0].gap < 0 ? dims[0] : null;
  const strong = dims.length && dims[dims.length - 1].gap > 0 ? dims[dims.length - 1] : null;
  const flags = m.data.flags?.rows.filter((r) => String(r.unit_id) === unitId).length ?? 0;
  const status = m.status.get(unitId) ?? 'unscored';
  return {
    status, notRanked: notRankedReason(m, unitId),
    name: unitName(m, unitId), score: t?.score ?? null, rank: status === 'graded' ? t?.rank ?? null : null,
    of: m.graded.length, grade: t?.grade ?? null,
    rankChange: prev !== undefined && prev !== null && t?.rank != null ? prev - t.rank : null,
    strong, weak, flags,
  };
}

export function unitParagraph(m: ReportModel, unitId: string): string {
  const x = unitFacts(m, unitId);
  return m.lang === 'en' ? paragraphEn(m, x) : paragraphZh(m, x);
}

function paragraphZh(m: ReportModel, x: UnitFacts): string {
  if (x.status === 'unscored') return `${x.name}本年度未计算综合得分：${x.notRanked}。`;
  if (x.score === null) return `${x.name}不参加评定与排名：${x.notRanked}。`;
  if (x.status !== 'graded' || x.rank === null) return `${x.name}综合得分 ${f1(x.score)}，不参加评定与排名：${x.notRanked}。`;
  const parts = [`${x.name}综合得分 ${f1(x.score)}，在 ${x.of} 个单位中列第 ${x.rank} 位`];
  if (x.rankChange !== null) parts.push(x.rankChange > 0 ? `较上年上升 ${x.rankChange} 位` : x.rankChange < 0 ? `较上年下降 ${-x.rankChange} 位` : '名次与上年持平');
  let s = parts.join('，') + (x.grade ? `，等级为“${gradeLabel(m.l, x.grade)}”。` : '。');
  if (x.strong) s += `${x.strong.label}得分较高（${f1(x.strong.score)}，同类中位数 ${f1(x.strong.peer)}）`;
  if (x.weak) s += `${x.strong ? '；' : ''}${x.weak.label}得分偏低（${f1(x.weak.score)}，同类中位数 ${f1(x.weak.peer)}）`;
  if (x.strong || x.weak) s += '。';
  if (x.flags) s += `共有 ${x.flags} 项预警，需重点关注。`;
  return s;
}

function paragraphEn(m: ReportModel, x: UnitFacts): string {
  if (x.status === 'unscored') return `${x.name} has no composite score this year: ${x.notRanked}.`;
  if (x.score === null) return `${x.name} is not graded or ranked: ${x.notRanked}.`;
  if (x.status !== 'graded' || x.rank === null) return `${x.name} scored ${f1(x.score)} overall but is not graded or ranked: ${x.notRanked}.`;
  let s = `${x.name} scored ${f1(x.score)} overall, ranking ${rank(x.rank, 'en', x.of)}`;
  if (x.rankChange !== null) s += x.rankChange > 0 ? `, up ${x.rankChange} place${x.rankChange > 1 ? 's' : ''} on last year` : x.rankChange < 0 ? `, down ${-x.rankChange} place${x.rankChange < -1 ? 's' : ''} on last year` : ', the same rank as last year';
  s += x.grade ? `; grade: ${gradeLabel(m.l, x.grade)}.` : '.';
  if (x.strong) s += ` ${x.strong.label} is strong (${f1(x.strong.score)} against a peer median of ${f1(x.strong.peer)}).`;
  if (x.weak) s += ` ${x.weak.label} is low (${f1(x.weak.score)} against a peer median of ${f1(x.weak.peer)}).`;
  if (x.flags) s += ` ${x.flags} flag${x.flags > 1 ? 's' : ''} to follow up.`;
  return s;
}
