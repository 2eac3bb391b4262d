/**
 * The year's grading rule in words, from the rules the year was scored by (runs.tree_json, read
 * into `ReportData.rules`), never from constants: "优秀名额 4 个（参评 20 个单位 × 20%，向下取整），
 * 且须 ≥ 85 分；良好须 ≥ 75 分；…", the veto rule ("发生一票否决事项（…）的单位直接评为较差"), and for
 * one unit why its grade is not the one above when its score alone would suggest it: a quota
 * it did not get ("本单位综合得分 89.03 分，列第 5 名，未进入名额"), or a deduction that took it below
 * a floor. Shown in the announcement's method paragraph, beside the ranking and on unit pages.
 * Without a run record (old or hand-made databases) these return null: nothing is guessed.
 * Also a unit's own grading outcome in words: its veto reasons and why it has no rank.
 */
import { quotaCount } from '../indicators/grading-spec.js';
import { num, pct as share, ROUNDING } from '../indicators/describe-grading.js';
import { points } from './format-number.js';
import { gradeLabel } from './labels.js';
import { adjustmentLabel, adjustmentsOf, textIn, type ReportModel } from './model.js';
import type { ReportRules } from './read-report-data.js';
import { ruleLabels } from './rule-labels.js';

type Grade = ReportRules['grades'][number];

/** Compared as the grading does (assign-grades.ts): rounded to 1e-9. */
const reaches = (score: number, min: number) => Math.round(score * 1e9) / 1e9 >= min;

/** A grade's name in the report's language (English capitalised: it names a grade of the rules). */
export function gradeName(m: ReportModel, g: string): string {
  if (m.lang === 'zh') return g;
  const en = gradeLabel(m.l, g);
  const name = en === g ? m.data.rules?.grades.find((x) => x.grade === g)?.en ?? g : en;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Units in the quota base: as the run recorded it, else the graded units. */
export function quotaBase(m: ReportModel): number {
  return m.data.rules?.gradedUnits ?? m.graded.length;
}

/** The places a quota grade had: as the run recorded them, else computed by the stated rounding. */
export function quotaPlaces(m: ReportModel, g: Grade): number | null {
  const r = m.data.rules;
  if (!r || r.grading.method !== 'quota' || g.maxShare === null) return null;
  return r.quotas.find((q) => q.grade === g.grade)?.places ?? quotaCount(g.maxShare, quotaBase(m), r.grading.rounding);
}

/** One grade's clause: "优秀名额 4 个（参评 20 个单位 × 20%，向下取整），且须 ≥ 85 分". */
function gradeClause(m: ReportModel, g: Grade, last: boolean): string {
  const w = ruleLabels(m.lang);
  const r = m.data.rules!;
  const name = gradeName(m, g.grade);
  const places = quotaPlaces(m, g);
  const rounding = ROUNDING[r.grading.rounding as keyof typeof ROUNDING]?.[m.lang] ?? r.grading.rounding;
  if (last) return places === null ? w.lastGrade(name) : w.lastQuota(name, places, quotaBase(m), share(g.maxShare!), rounding);
  if (places !== null) return w.quotaGrade(name, places, quotaBase(m), share(g.maxShare!), rounding, g.min === null ? null : num(g.min));
  return w.floorGrade(name, num(g.min ?? 0));
}

/** The year's grading rule as one or two sentences, or null without recorded rules. */
export function gradingRuleText(m: ReportModel): string | null {
  const r = m.data.rules;
  if (!r || !r.grades.length) return null;
  const w = ruleLabels(m.lang);
  const clauses = r.grades.map((g, i) => gradeClause(m, g, i === r.grades.length - 1));
  let text = w.rulesIntro + clauses.join(w.clauses) + w.sentenceEnd;
  if (r.grading.method === 'quota' && r.grades.some((g) => g.maxShare !== null)) {
    const ties = r.grading.ties.rule === 'all_in' ? w.tiesAllIn : w.tiesNext(r.grading.ties.nodes.map((n) => m.nodeLabel(n)).join(w.list));
    const fall = w.fallThrough;
    text += w.sentenceGap + (m.lang === 'en' ? fall.charAt(0).toUpperCase() + fall.slice(1) : fall) + w.clauses + ties + w.sentenceEnd;
  }
  return text;
}

/** The year's veto rule: "发生一票否决事项（严重违纪或意识形态问题）的单位直接评为较差，综合得分照常列出。" */
export function vetoRuleText(m: ReportModel): string | null {
  const r = m.data.rules;
  if (!r) return null;
  const w = ruleLabels(m.lang);
  if (!r.veto.length) return w.noVetoRule + w.sentenceEnd;
  const top = r.grades[0]?.grade ?? '';
  const items = r.veto.map((v) => {
    const effect = (w.vetoEffect[v.effect] ?? w.vetoEffect.force)(gradeName(m, v.effect === 'bar_excellent' ? top : v.grade ?? r.grades[r.grades.length - 1]?.grade ?? ''));
    return w.vetoRule(m.lang === 'en' ? v.label.en : v.label.zh, effect) + (v.effect === 'not_graded' ? '' : w.vetoScoreShown);
  });
  const text = items.join(w.clauses);
  return (m.lang === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text) + w.sentenceEnd;
}

/**
 * Why a graded unit has its grade and not the one above, when the score alone does not say:
 * it reached the floor of the grade above but not its quota, or a deduction took it below that
 * floor. Null otherwise (and for vetoed units, whose veto says why).
 */
export function unitGradeNote(m: ReportModel, unitId: string): { kind: 'quota' | 'deduction'; text: string } | null {
  const r = m.data.rules;
  const t = m.data.totals.find((x) => x.unit_id === unitId);
  if (!r || !t || m.status.get(unitId) !== 'graded' || t.score === null || t.grade === null || t.veto) return null;
  if (m.data.adjustments?.some((a) => a.unit_id === unitId && a.kind === 'veto')) return null;
  const i = r.grades.findIndex((g) => g.grade === t.grade);
  if (i <= 0) return null;
  const above = r.grades[i - 1];
  const w = ruleLabels(m.lang);
  const min = above.min ?? -Infinity;
  if (reaches(t.score, min)) {
    if (quotaPlaces(m, above) === null || t.rank === null) return null;
    return { kind: 'quota', text: w.missedQuota(gradeClause(m, above, false), points(t.score, 2), t.rank) };
  }
  const deduction = t.deduction ?? 0;
  if (deduction > 0 && above.min !== null && reaches(t.score + deduction, above.min)) {
    return { kind: 'deduction', text: w.deductionCost(gradeName(m, above.grade), num(above.min), points(t.score + deduction, 2), points(deduction, 2), points(t.score, 2)) };
  }
  return null;
}

/** What a veto led to for a unit, with the grade it got: "评为较差", "不参加评定和排名". */
export function vetoOutcomeText(m: ReportModel, unitId: string, effect: string | null): string {
  const w = ruleLabels(m.lang);
  const grade = m.data.totals.find((x) => x.unit_id === unitId)?.grade ?? null;
  const e = effect ?? 'force';
  if (e === 'not_graded' || grade === null) return w.vetoOutcome.not_graded('');
  return (w.vetoOutcome[e] ?? w.vetoOutcome.force)(gradeName(m, grade));
}

/**
 * Whether a veto's stored reason only restates its item — the rule's own reason, or a text that
 * contains the item's name — and so is no grounds (事由) for this unit.
 */
export function isGenericVetoReason(m: ReportModel, itemId: string | null, reason: string, label: string): boolean {
  const rule = m.data.rules?.veto.find((v) => v.id === itemId);
  return [rule?.reason.zh, rule?.reason.en].includes(reason) || (label !== '' && reason.includes(label));
}

/** The veto reasons of a unit: from score_adjustments, else from its veto score notes. */
export function vetoReasons(m: ReportModel, id: string): string[] {
  const items = adjustmentsOf(m, id).filter((a) => a.kind === 'veto');
  if (items.length) {
    // the item once, the grade it led to, and the reason only when it says more than the item (review B12)
    return items.map((a) => {
      const label = adjustmentLabel(m, a);
      const reason = textIn(m, a.reason_zh, a.reason_en).trim();
      const grounds = reason && !isGenericVetoReason(m, a.item_id, reason, label) ? reason : '';
      return m.l.vetoReason(label, vetoOutcomeText(m, id, a.effect), grounds);
    });
  }
  return m.data.notes.filter((n) => n.unit_id === id && n.code === 'veto').map((n) => textIn(m, n.message_zh, n.message_en)).filter(Boolean);
}

/**
 * Why a unit has no rank, in the report's language: the root unit, its veto, or the notes that
 * say which part of the tree had too little data.
 */
export function notRankedReason(m: ReportModel, id: string): string {
  const st = m.status.get(id);
  if (st === 'graded') return '';
  if (st === 'root') return m.l.rootReason;
  if (st === 'not_graded') return vetoReasons(m, id).join(m.lang === 'en' ? '; ' : '；') || m.l.statuses.not_graded;
  const own = m.lang === 'en' ? 'reason_en' : 'reason_zh';
  const covered = m.data.coverage?.rows.find((r) => r.unit_id === id && typeof r[own] === 'string' && r[own]);
  if (covered) return String(covered[own]);
  const root = m.data.tree.find((n) => n.level === 0)?.node_id;
  const notes = m.data.notes.filter((n) => n.unit_id === id && n.code === 'node_missing');
  // the composite's own note first, then the dimensions that went missing
  notes.sort((a, b) => Number(b.node_id === root) - Number(a.node_id === root));
  const text = [...new Set(notes.map((n) => textIn(m, n.message_zh, n.message_en)).filter(Boolean))];
  return text.length ? text.slice(0, 4).join(m.lang === 'en' ? '; ' : '；') : m.l.unscoredReason;
}
