/**
 * The announcement rules of a tree in words, Chinese and English, for `yardstick check` and the
 * year-on-year diff: "优秀：前 20%（19 个单位中 3 个）且 ≥ 85". With the number of graded units
 * (when a database and year are known) each quota also says how many units it allows.
 */
import { quotaCount } from './grading-spec.js';
import type { GradeT, GradingT, IndicatorTree } from './indicator-schema.js';

export interface Bilingual {
  zh: string;
  en: string;
}

/** A floor or share as written in the file: 85, 72.5, 20%. */
export const num = (x: number): string => String(Number(x.toFixed(4)));
export const pct = (x: number): string => `${num(100 * x)}%`;

/** How quota places are rounded, in words (also the report's rule sentence). */
export const ROUNDING: Record<GradingT['rounding'], Bilingual> = {
  floor: { zh: '向下取整', en: 'rounded down' },
  round: { zh: '四舍五入', en: 'rounded to nearest' },
  ceil: { zh: '向上取整', en: 'rounded up' },
};

/** One line per grade, then the rounding and tie rules when there is a quota. */
export function describeGrading(tree: IndicatorTree, gradedUnits?: number): Bilingual[] {
  const lines = tree.grades.map((g, i) => describeGrade(tree, g, i, gradedUnits));
  const quota = tree.grading.method === 'quota' && tree.grades.some((g) => g.maxShare !== null);
  if (quota) {
    const r = ROUNDING[tree.grading.rounding];
    const eg = tree.grades.find((g) => g.maxShare !== null)!.maxShare!;
    const n = gradedUnits ?? 19;
    const example = `${pct(eg)} × ${n} = ${num(eg * n)} → ${quotaCount(eg, n, tree.grading.rounding)}`;
    lines.push({ zh: `名额按参评单位数${r.zh}（${example}）`, en: `quotas are ${r.en} (${example})` });
    lines.push(describeTies(tree));
  }
  return lines;
}

function describeGrade(tree: IndicatorTree, g: GradeT, i: number, n: number | undefined): Bilingual {
  const last = i === tree.grades.length - 1;
  const en = g.en ? `${g.grade} (${g.en})` : g.grade;
  const count = (share: number) =>
    n === undefined ? { zh: '', en: '' } : { zh: `（${n} 个单位中 ${quotaCount(share, n, tree.grading.rounding)} 个）`, en: ` (${quotaCount(share, n, tree.grading.rounding)} of ${n})` };
  const quota = tree.grading.method === 'quota' && g.maxShare !== null;
  if (!last) {
    const floor = `≥ ${num(g.min ?? 0)}`;
    if (!quota) return { zh: `${g.grade}：${floor}`, en: `${en}: ${floor}` };
    const c = count(g.maxShare!);
    return { zh: `${g.grade}：前 ${pct(g.maxShare!)}${c.zh || ' '}且 ${floor}`, en: `${en}: top ${pct(g.maxShare!)}${c.en} and ${floor}` };
  }
  const above = tree.grades[i - 1]?.min;
  const below = above === null || above === undefined ? { zh: '其余', en: 'the rest' } : { zh: `< ${num(above)}`, en: `< ${num(above)}` };
  if (!quota) return { zh: `${g.grade}：${below.zh}`, en: `${en}: ${below.en}` };
  const c = count(g.maxShare!);
  return {
    zh: `${g.grade}：${below.zh}，且至多后 ${pct(g.maxShare!)}${c.zh}（其余归入上一等级）`,
    en: `${en}: ${below.en}, and at most the bottom ${pct(g.maxShare!)}${c.en} (the others go up one grade)`,
  };
}

function describeTies(tree: IndicatorTree): Bilingual {
  const t = tree.grading.ties;
  if (t.rule === 'all_in') {
    return { zh: '名额边界上得分并列的单位全部计入（可超出名额）', en: 'units tied at a quota boundary all get the grade (even over the quota)' };
  }
  const label = (id: string) => tree.nodes.find((n) => n.id === id)?.label ?? { zh: id, en: id };
  const zh = t.nodes.map((id) => label(id).zh).join('、');
  const en = t.nodes.map((id) => label(id).en).join(', ');
  return {
    zh: `名额边界上得分并列时依次比较 ${zh} 的得分，仍并列的全部计入`,
    en: `ties at a quota boundary are broken by the scores of ${en}, in turn; units still tied all get the grade`,
  };
}

/** Bonus, deduction and veto items in words. */
export function describeAdjustments(tree: IndicatorTree): Bilingual[] {
  const out: Bilingual[] = [];
  for (const b of tree.bonus) {
    out.push({
      zh: `加分“${b.label.zh}”（${b.metric}）：最多 ${num(b.cap)} 分；填负数按扣分计（同一上限）`,
      en: `bonus "${b.label.en}" (${b.metric}): at most ${num(b.cap)} points; a negative entry counts as a deduction (same cap)`,
    });
  }
  for (const d of tree.deductions) {
    out.push({
      zh: `扣分“${d.label.zh}”（${d.metric}）：最多 ${num(d.cap)} 分；正负数均按绝对值扣分`,
      en: `deduction "${d.label.en}" (${d.metric}): at most ${num(d.cap)} points; entered positive or negative, applied as |x|`,
    });
  }
  for (const v of tree.veto) {
    const e = vetoEffect(tree, v.effect, v.grade);
    out.push({ zh: `一票否决“${v.label.zh}”（${v.metric}）：${e.zh} — ${v.reason.zh}`, en: `veto "${v.label.en}" (${v.metric}): ${e.en} — ${v.reason.en}` });
  }
  return out;
}

/** What a veto effect does, in words. */
export function vetoEffect(tree: IndicatorTree, effect: string, grade: string | null): Bilingual {
  const top = tree.grades[0]?.grade ?? '';
  switch (effect) {
    case 'bar_excellent':
      return { zh: `不得评为${top}`, en: `cannot be ${top}` };
    case 'cap':
      return { zh: `最高评为${grade}`, en: `at most ${grade}` };
    case 'force':
      return { zh: `直接评为${grade}`, en: `graded ${grade}` };
    default:
      return { zh: '不评定等次、不参与排名', en: 'not graded and not ranked' };
  }
}
