/**
 * The generated summary paragraph of a unit page, from zh/en templates with the numbers filled in:
 * composite score and its change since the previous scored year (a fall is said even when the
 * rank rose, and a run of falls is counted), rank and its change, grade — with why it is not the
 * grade above when the score alone would suggest it (a quota place missed, a deduction that took
 * it below the floor) — the year's bonus and deduction, the dimension furthest above and below
 * the peer median, and the number of flags.
 */
import { gradeLabel } from './labels.js';
import { adjustmentLabel, adjustmentsOf, unitName, type GradeStatus, type ReportModel } from './model.js';
import { peerScores } from './specs/unit-scores.js';
import { points, rank } from './format-number.js';
import { notRankedReason, unitGradeNote } from './grading-rules.js';
import { vetoOutcome } from './adjustment-text.js';
import { ruleLabels } from './rule-labels.js';

const f1 = (v: number) => points(v);

export interface UnitFacts {
  status: GradeStatus; notRanked: string;
  name: string; score: number | null; rank: number | null; of: number; grade: string | null;
  rankChange: number | null; strong: { label: string; score: number; peer: number } | null;
  weak: { label: string; score: number; peer: number } | null; flags: number;
  /** Composite change against the previous scored year (graded both years), and how many falls in a row end in this year. */
  scoreChange: number | null; falls: number;
  bonus: number; deduction: number;
  /** Why the grade is not the one above (grading-rules.ts), or null. */
  gradeNote: { kind: 'quota' | 'deduction'; text: string } | null;
  /** A veto that decided a graded unit's grade, in words (an ungraded unit's reason says it already). */
  veto: string | null;
}

/** Official composites of a unit's graded years, ascending: how many year-on-year falls in a row end in `year`. */
function fallsInARow(m: ReportModel, unitId: string): number {
  const series = m.data.history.filter((h) => h.level === 0 && h.unit_id === unitId && h.year <= m.data.year && h.score !== null
    && (h.grade_status ?? (h.rank === null ? 'not_graded' : 'graded')) === 'graded').sort((a, b) => a.year - b.year);
  let n = 0;
  for (let i = series.length - 1; i > 0 && series[i].score! < series[i - 1].score!; i--) n++;
  return series.length && series[series.length - 1].year === m.data.year ? n : 0;
}

export function unitFacts(m: ReportModel, unitId: string): UnitFacts {
  const t = m.data.totals.find((x) => x.unit_id === unitId);
  const before = m.previousYear === null ? undefined
    : m.data.history.find((h) => h.level === 0 && h.year === m.previousYear && h.unit_id === unitId);
  const prev = before?.rank ?? undefined;
  const prevScore = before && before.rank !== null ? before.score : null;
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
    scoreChange: status === 'graded' && prevScore !== null && t?.score != null ? t.score - prevScore : null,
    falls: status === 'graded' ? fallsInARow(m, unitId) : 0,
    bonus: t?.bonus ?? 0, deduction: t?.deduction ?? 0,
    gradeNote: unitGradeNote(m, unitId),
    veto: status === 'graded' ? adjustmentsOf(m, unitId).filter((a) => a.kind === 'veto')
      .map((a) => ruleLabels(m.lang).unitVeto(adjustmentLabel(m, a), vetoOutcome(m, a))).join(m.lang === 'en' ? ' ' : '') || null : null,
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
  const parts = [`${x.name}综合得分 ${f1(x.score)}`];
  if (x.scoreChange !== null) parts.push(scoreChangeZh(x));
  parts.push(`在 ${x.of} 个单位中列第 ${x.rank} 位`);
  if (x.rankChange !== null) parts.push(x.rankChange > 0 ? `较上年上升 ${x.rankChange} 位` : x.rankChange < 0 ? `较上年下降 ${-x.rankChange} 位` : '名次与上年持平');
  let s = parts.join('，') + (x.grade ? `，等级为“${gradeLabel(m.l, x.grade)}”。` : '。');
  if (x.veto) s += x.veto;
  if (x.gradeNote) s += x.gradeNote.text;
  // a deduction that cost a grade is already said by the note
  const deducted = x.deduction > 0 && x.gradeNote?.kind !== 'deduction';
  const adj = [x.bonus > 0 ? `加 ${points(x.bonus, 2)} 分` : '', deducted ? `扣 ${points(x.deduction, 2)} 分` : ''].filter(Boolean);
  if (adj.length) s += `本年${adj.join('、')}。`;
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
  let s = `${x.name} scored ${f1(x.score)} overall${x.scoreChange !== null ? ` (${scoreChangeEn(x)})` : ''}, ranking ${rank(x.rank, 'en', x.of)}`;
  if (x.rankChange !== null) s += x.rankChange > 0 ? `, up ${x.rankChange} place${x.rankChange > 1 ? 's' : ''} on last year` : x.rankChange < 0 ? `, down ${-x.rankChange} place${x.rankChange < -1 ? 's' : ''} on last year` : ', the same rank as last year';
  s += x.grade ? `; grade: ${gradeLabel(m.l, x.grade)}.` : '.';
  if (x.veto) s += ` ${x.veto}`;
  if (x.gradeNote) s += ` ${x.gradeNote.text.charAt(0).toUpperCase()}${x.gradeNote.text.slice(1)}`;
  const deducted = x.deduction > 0 && x.gradeNote?.kind !== 'deduction';
  const adj = [x.bonus > 0 ? `a bonus of ${points(x.bonus, 2)}` : '', deducted ? `a deduction of ${points(x.deduction, 2)}` : ''].filter(Boolean);
  if (adj.length) s += ` This year: ${adj.join(' and ')}.`;
  if (x.strong) s += ` ${x.strong.label} is strong (${f1(x.strong.score)} against a peer median of ${f1(x.strong.peer)}).`;
  if (x.weak) s += ` ${x.weak.label} is low (${f1(x.weak.score)} against a peer median of ${f1(x.weak.peer)}).`;
  if (x.flags) s += ` ${x.flags} flag${x.flags > 1 ? 's' : ''} to follow up.`;
  return s;
}

/** "较上年下降 6.3 分（连续 4 年下降）" / "较上年上升 1.2 分" / "与上年持平". */
function scoreChangeZh(x: UnitFacts): string {
  const d = x.scoreChange!;
  if (Number(Math.abs(d).toFixed(1)) === 0) return '得分与上年持平';
  return d > 0 ? `较上年上升 ${f1(d)} 分` : `较上年下降 ${f1(-d)} 分${x.falls >= 2 ? `（连续 ${x.falls} 年下降）` : ''}`;
}

function scoreChangeEn(x: UnitFacts): string {
  const d = x.scoreChange!;
  if (Number(Math.abs(d).toFixed(1)) === 0) return 'the same as last year';
  return d > 0 ? `up ${f1(d)} on last year` : `down ${f1(-d)} on last year${x.falls >= 2 ? `, the ${ordinalFall(x.falls)} fall in a row` : ''}`;
}

const ordinalFall = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
