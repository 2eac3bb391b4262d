/**
 * What the announcement draft says, as plain text in the report's language, from the report
 * model: the title, one paragraph of scope and method, the graded units by grade in rank order,
 * the bonus / deduction / veto items with their reasons, the units flagged for follow-up with
 * their reasons and responsible parent unit, and the table of composites. write-docx.ts lays it out.
 */
import { gradeLabel, valueLabel } from '../labels.js';
import { unitName, type ReportModel } from '../model.js';
import { announcementLine } from '../adjustment-text.js';
import { gradingRuleText, vetoRuleText } from '../grading-rules.js';
import { ruleLabels } from '../rule-labels.js';
import { percent, points } from '../format-number.js';
import { announcementLabels } from './announcement-labels.js';
import { unitTypePlural } from '../../analyse/messages.js';

export interface GradeList { grade: string; label: string; units: string[] }

export interface AnnouncementContent {
  title: string;
  scope: string;
  grades: GradeList[];
  adjustments: string[];
  followUp: string[] | null;
  table: { headers: string[]; rows: string[][] };
}

/** The grade bands of the shipped indicator files, best first: always listed, "无" when empty. */
const KNOWN_GRADES = ['优秀', '良好', '一般', '较差'];

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function announcementContent(m: ReportModel): AnnouncementContent {
  const a = announcementLabels(m.lang);
  return {
    title: a.title(m.data.year) + a.draft,
    scope: scopeParagraph(m),
    grades: gradeLists(m),
    adjustments: adjustmentLines(m),
    followUp: followUpLines(m),
    table: compositeTable(m),
  };
}

function scopeParagraph(m: ReportModel): string {
  const a = announcementLabels(m.lang);
  const byId = new Map(m.data.totals.map((t) => [t.unit_id, t]));
  const types = new Map<string, number>();
  for (const id of m.graded) {
    const type = byId.get(id)?.unit_type ?? 'other';
    types.set(type, (types.get(type) ?? 0) + 1);
  }
  // 县级 7 个 / 7 county sub-branches
  const byType = [...types].map(([t, n]) => a.typeCount(m.lang === 'en' ? unitTypePlural(t).en : m.l.types[t] ?? t, n)).join(a.list);
  const dims = m.dimensions.map((d) => a.dimWeight(m.nodeLabel(d.node_id), percent(d.weight, 0))).join(a.list);
  let text = a.scope(m.data.year, m.graded.length, byType, dims);
  // the year's rules, as recorded by the run that scored it (A1: a unit at 89 graded 良好 must be explainable from the document)
  for (const rule of [gradingRuleText(m), vetoRuleText(m)]) if (rule) text += a.sentenceGap + rule;
  if (m.ungraded.length) {
    // short status words (全辖汇总, 不参加评定, 数据不足): the table at the end gives the full status
    const status = (id: string) => valueLabel(m.l, m.status.get(id)!);
    const names = m.ungraded.map((id) => `${unitName(m, id)}${m.lang === 'en' ? ` (${status(id)})` : `（${status(id)}）`}`);
    text += a.notGradedNote(m.ungraded.length, names.join(a.list));
  }
  return text.trimEnd() + a.scopeEnd;
}

/** Graded units by grade, best grade first, each list in rank order. */
export function gradeLists(m: ReportModel): GradeList[] {
  const byId = new Map(m.data.totals.map((t) => [t.unit_id, t]));
  const present = m.graded.map((id) => byId.get(id)?.grade).filter((g): g is string => !!g);
  const order = [...KNOWN_GRADES, ...m.grades.filter((g) => !KNOWN_GRADES.includes(g)), ...present.filter((g) => !KNOWN_GRADES.includes(g) && !m.grades.includes(g))];
  return [...new Set(order)].map((grade) => ({
    grade,
    label: m.lang === 'en' ? capital(gradeLabel(m.l, grade)) : grade,
    units: m.graded.filter((id) => byId.get(id)?.grade === grade).map((id) => unitName(m, id)),
  }));
}

/**
 * Section 二: one line per item, in unit order — points, item, cap and grounds (or that none were
 * recorded); a veto names the grade it led to. With items but no veto, a line says so.
 */
function adjustmentLines(m: ReportModel): string[] {
  const order = new Map(m.unitOrder.map((id, i) => [id, i]));
  const rows = [...(m.data.adjustments ?? [])].sort((x, y) => (order.get(x.unit_id) ?? 1e9) - (order.get(y.unit_id) ?? 1e9));
  const lines = rows.map((r) => announcementLine(m, r) + announcementLabels(m.lang).sentenceEnd);
  if (lines.length && !rows.some((r) => r.kind === 'veto')) lines.push(ruleLabels(m.lang).noVeto);
  return lines;
}

/** The units the analyse stage flagged (关注（需整改）), in its order (worst first); null without the table. */
function followUpLines(m: ReportModel): string[] | null {
  const t = m.data.followUp;
  if (!t) return null;
  const a = announcementLabels(m.lang);
  const flagged = t.rows.filter((r) => r.flagged === true || (r.flagged === undefined && r.status === 'flagged'));
  return flagged.map((r, i) => {
    const id = String(r.unit_id);
    const reasons = String((m.lang === 'en' ? r.reasons_en ?? r.reasons_zh : r.reasons_zh ?? r.reasons_en) ?? '');
    return a.followUp(i + 1, unitName(m, id), String(r.parent_name ?? '—'), reasons);
  });
}

/** Graded units in rank order, then the units not graded with their status in the grade column. */
function compositeTable(m: ReportModel): AnnouncementContent['table'] {
  const a = announcementLabels(m.lang);
  const byId = new Map(m.data.totals.map((t) => [t.unit_id, t]));
  const rows = m.unitOrder.map((id) => {
    const t = byId.get(id)!;
    const graded = m.status.get(id) === 'graded';
    const part = (v: number | null) => (v === null && t.score !== null ? 0 : v);
    return [
      graded && t.rank !== null ? String(t.rank) : '—', unitName(m, id), m.l.types[t.unit_type] ?? t.unit_type,
      points(t.weighted, 2), points(part(t.bonus), 2), points(part(t.deduction), 2), points(t.score, 2),
      graded ? gradeLabel(m.l, t.grade) : m.l.statuses[m.status.get(id)!],
    ];
  });
  return { headers: a.columns, rows };
}
