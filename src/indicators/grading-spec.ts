/**
 * The announcement rules of an indicator file, from the file's shape to the tree's:
 * `grades:` / `grading:` (bands or quota), `bonus:` (加分), `deductions:` (扣分) and `veto:`
 * (一票否决). Shared by check-tree.ts (which locates problems) and load-tree.ts (which builds
 * the tree), so that both read the file the same way. The rules themselves are explained in
 * docs/grading.md; the grading is done by src/score/assign-grades.ts.
 */
import {
  DEFAULT_GRADES,
  NOT_GRADED,
  type AdjustmentItemT,
  type GradingT,
  type GradeT,
  type IndicatorFile,
  type VetoItemT,
} from './indicator-schema.js';

type Path = (string | number)[];

export const BONUS_LABEL = { zh: '加分', en: 'Bonus' };
export const DEDUCTION_LABEL = { zh: '扣分', en: 'Deduction' };
export const VETO_LABEL = { zh: '一票否决', en: 'Veto' };

/** The grade list as written, with where it was written (for located issues). */
export interface GradeListSource {
  grades: { grade: string; en?: string; min?: number; max_share?: number }[];
  /** Path of the list in the file; null when the defaults apply. */
  path: Path | null;
}

/** `grading.grades`, else `grades`, else the default bands. */
export function gradeListOf(file: IndicatorFile): GradeListSource {
  if (file.grading) return { grades: file.grading.grades, path: ['grading', 'grades'] };
  if (file.grades) return { grades: file.grades, path: ['grades'] };
  return { grades: DEFAULT_GRADES, path: null };
}

export function resolveGrades(file: IndicatorFile): GradeT[] {
  return gradeListOf(file).grades.map((g) => ({ grade: g.grade, en: g.en ?? null, min: g.min ?? null, maxShare: g.max_share ?? null }));
}

/** The grading method, quota rounding and tie rule; `next_node` compares the dimensions in file order. */
export function resolveGrading(file: IndicatorFile): GradingT {
  const g = file.grading;
  if (!g) return { method: 'bands', rounding: 'floor', ties: { rule: 'all_in', nodes: [] } };
  const ties =
    g.ties === 'all_in'
      ? { rule: 'all_in' as const, nodes: [] }
      : g.ties === 'next_node'
        ? { rule: 'next_node' as const, nodes: file.dimensions.map((d) => d.id) }
        : { rule: 'next_node' as const, nodes: g.ties };
  return { method: g.method, rounding: g.rounding, ties };
}

export function resolveBonus(file: IndicatorFile): AdjustmentItemT[] {
  return (file.bonus ?? []).map((b) => ({ id: b.id ?? b.metric, label: b.label ?? BONUS_LABEL, metric: b.metric, cap: b.cap }));
}

export function resolveDeductions(file: IndicatorFile): AdjustmentItemT[] {
  return (file.deductions ?? []).map((d) => ({ id: d.id ?? d.metric, label: d.label ?? DEDUCTION_LABEL, metric: d.metric, cap: d.cap }));
}

/**
 * Veto items with their effect made explicit. Older files wrote `grade: 较差` (force that grade)
 * or `grade: not_graded`; force without a grade forces the lowest grade.
 */
export function resolveVeto(file: IndicatorFile): VetoItemT[] {
  const grades = resolveGrades(file);
  const lowest = grades[grades.length - 1]?.grade ?? null;
  return (file.veto ?? []).map((v) => {
    const effect = v.effect ?? (v.grade === NOT_GRADED ? NOT_GRADED : 'force');
    const needsGrade = effect === 'force' || effect === 'cap';
    const grade = needsGrade ? (v.grade && v.grade !== NOT_GRADED ? v.grade : effect === 'force' ? lowest : null) : null;
    return { id: v.id ?? v.metric, label: v.label ?? VETO_LABEL, metric: v.metric, effect, grade, reason: v.reason };
  });
}

/**
 * Units a quota allows: share × graded units, rounded as the file says (default floor: 20% of
 * 19 = 3.8 → 3). The product is rounded to 1e-9 first so that 29% of 100 (28.999999999999996 in
 * floating point) is 29, not 28.
 */
export function quotaCount(share: number, units: number, rounding: GradingT['rounding']): number {
  const x = Math.round(share * units * 1e9) / 1e9;
  return rounding === 'ceil' ? Math.ceil(x) : rounding === 'round' ? Math.round(x) : Math.floor(x);
}
