/**
 * A bonus, deduction or veto item (`score_adjustments`) in words, for the announcement and the
 * items table of index.html. The score stage's reason for a bonus or deduction is a computation
 * note ("加分栏填 -3，按扣分计，扣 3 分"): it is shown in the report's table, rewritten with a
 * proper minus sign, and kept out of the announcement, which names the points, the item, a cap
 * when one applied, and the grounds (事由) — or says plainly that none were recorded. A negative
 * entry in a bonus column is named a deduction. A veto names the grade it led to.
 */
import { points, signed } from './format-number.js';
import { adjustmentLabel, unitName, type ReportModel } from './model.js';
import type { AdjustmentRow } from './read-report-data.js';
import { ruleLabels } from './rule-labels.js';
import { isGenericVetoReason, vetoOutcomeText } from './grading-rules.js';

const MINUS = '−';

/** A value as the office entered it, with a proper minus sign: "−3", "7", "1.5". */
export const entered = (v: number): string => (v < 0 ? MINUS : '') + String(Number(Math.abs(v).toFixed(2)));

/** The points an item adds to the composite, signed: "+3.00", "−2.00"; a veto has none. */
export const signedPoints = (a: AdjustmentRow): string | null =>
  a.kind === 'veto' || a.points === null ? null : signed(a.kind === 'deduction' ? -a.points : a.points, 2);

/**
 * A deduction that came from a negative entry in a bonus column (offices write 扣分 as −3 under
 * 加分). Known from the recorded rules' bonus items; without them, from the score stage's note.
 */
export function isNegativeBonus(m: ReportModel, a: AdjustmentRow): boolean {
  if (a.kind !== 'deduction' || a.raw === null || a.raw >= 0) return false;
  const rules = m.data.rules;
  if (rules) return rules.bonus.some((b) => b.id === a.item_id);
  return (a.reason_zh ?? '').startsWith('加分栏');
}

/** The kind of an item in words: 加分, 扣分, 扣分（由加分栏负数折算）, 一票否决. */
export function adjustmentKind(m: ReportModel, a: AdjustmentRow): string {
  return isNegativeBonus(m, a) ? ruleLabels(m.lang).negativeBonus : m.l.kinds[a.kind] ?? a.kind;
}

/** The item's cap when the entry was above it, else null. */
function capApplied(m: ReportModel, a: AdjustmentRow): number | null {
  if (a.kind === 'veto' || a.raw === null || a.points === null || Math.abs(a.raw) <= a.points + 1e-9) return null;
  const item = [...(m.data.rules?.bonus ?? []), ...(m.data.rules?.deductions ?? [])].find((x) => x.id === a.item_id);
  return item?.cap ?? a.points;
}

/**
 * The grounds of an item, when the data has them: a veto's reason unless it only restates the
 * item (the rule's own reason, or a text containing the item's name). Bonus and deduction
 * reasons are computation notes, not grounds.
 */
export function adjustmentGrounds(m: ReportModel, a: AdjustmentRow): string | null {
  if (a.kind !== 'veto') return null;
  const reason = (m.lang === 'en' ? a.reason_en ?? a.reason_zh : a.reason_zh ?? a.reason_en)?.trim();
  if (!reason) return null;
  const generic = isGenericVetoReason(m, a.item_id, reason, adjustmentLabel(m, a));
  return generic ? null : reason;
}

/** The table's note on how an entry was counted (negative bonus, cap), and the grounds or their absence. */
export function adjustmentNote(m: ReportModel, a: AdjustmentRow): string | null {
  const w = ruleLabels(m.lang);
  if (a.kind === 'veto') return (m.lang === 'en' ? a.reason_en ?? a.reason_zh : a.reason_zh ?? a.reason_en) ?? null;
  const notes: string[] = [];
  if (isNegativeBonus(m, a)) notes.push(w.enteredNegativeBonus(entered(a.raw!)));
  const cap = capApplied(m, a);
  if (cap !== null) notes.push(w.enteredCapped(entered(a.raw!), entered(cap)));
  notes.push(w.groundsMissing);
  return notes.join(m.lang === 'en' ? '; ' : '；');
}

/**
 * One line of the announcement's section 二: "石桥县支行：加 3.00 分（表彰奖励加分）；事由未填报，待补充",
 * "征信管理科：扣 3.00 分（由“表彰奖励加分”栏填报的负数折算为扣分）；…",
 * "柳塘县支行：一票否决（严重违纪或意识形态问题），评为较差；事由未填报，待补充".
 */
export function announcementLine(m: ReportModel, a: AdjustmentRow): string {
  const w = ruleLabels(m.lang);
  const unit = unitName(m, a.unit_id);
  const item = adjustmentLabel(m, a);
  const grounds = adjustmentGrounds(m, a);
  const tail = grounds ? w.grounds(grounds) : w.noGrounds;
  if (a.kind === 'veto') return w.vetoLine(unit, item, vetoOutcome(m, a)) + tail;
  const cap = capApplied(m, a);
  const note = cap === null ? '' : w.capped(entered(a.raw!), entered(cap));
  const pts = points(a.points, 2);
  const line = isNegativeBonus(m, a) ? w.negativeBonusLine : a.kind === 'bonus' ? w.bonusLine : w.deductionLine;
  return line(unit, pts, item, note) + tail;
}

/** What a veto led to, with the grade the unit got: "评为较差", "不参加评定和排名". */
export function vetoOutcome(m: ReportModel, a: AdjustmentRow): string {
  return vetoOutcomeText(m, a.unit_id, a.effect);
}
