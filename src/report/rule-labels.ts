/**
 * The words that state the year's announcement rules (grading, quotas, veto) and explain a
 * unit's grade, bonus, deduction and veto, in Chinese and English: used by the announcement
 * draft, the ranking section of index.html and the unit pages (grading-rules.ts and
 * adjustment-text.ts fill them in from the recorded rules and the scores).
 */
import type { Lang } from './labels.js';

const zh = {
  // ---------- the rule of the year
  rulesIntro: '等级评定规则：',
  quotaGrade: (grade: string, places: number, graded: number, share: string, rounding: string, floor: string | null) =>
    `${grade}名额 ${places} 个（参评 ${graded} 个单位 × ${share}，${rounding}）${floor ? `，且须 ≥ ${floor} 分` : ''}`,
  floorGrade: (grade: string, floor: string) => `${grade}须 ≥ ${floor} 分`,
  lastGrade: (grade: string) => `其余为${grade}`,
  lastQuota: (grade: string, places: number, graded: number, share: string, rounding: string) =>
    `${grade}至多 ${places} 个（参评 ${graded} 个单位 × ${share}，${rounding}），其余归入上一等级`,
  fallThrough: '未进入名额或未达到分数线的单位依次评为下一等级',
  tiesAllIn: '名额边界上得分相同的单位全部计入（可超出名额）',
  tiesNext: (nodes: string) => `名额边界上得分相同时，依次比较${nodes}得分，仍相同的全部计入`,
  clauses: '；', sentenceEnd: '。', sentenceGap: '', list: '、',
  // ---------- veto
  vetoRule: (label: string, effect: string) => `发生一票否决事项（${label}）的单位${effect}`,
  vetoEffect: {
    force: (g: string) => `直接评为${g}`, cap: (g: string) => `最高评为${g}`,
    bar_excellent: (g: string) => `不得评为${g}`, not_graded: () => '不参加评定和排名',
  } as Record<string, (grade: string) => string>,
  vetoScoreShown: '，综合得分照常列出',
  noVetoRule: '本年度评价办法未设一票否决事项',
  // ---------- a unit's grade
  missedQuota: (rule: string, score: string, rank: number) => `${rule}；本单位综合得分 ${score} 分，列第 ${rank} 名，未进入名额。`,
  deductionCost: (grade: string, floor: string, before: string, deduction: string, after: string) =>
    `${grade}须 ≥ ${floor} 分；本单位扣分前为 ${before} 分，扣 ${deduction} 分后为 ${after} 分，未达到${grade}分数线。`,
  // ---------- bonus, deduction and veto items
  negativeBonus: '扣分（由加分栏负数折算）',
  bonusLine: (unit: string, pts: string, item: string, note: string) => `${unit}：加 ${pts} 分（${item}${note}）`,
  deductionLine: (unit: string, pts: string, item: string, note: string) => `${unit}：扣 ${pts} 分（${item}${note}）`,
  negativeBonusLine: (unit: string, pts: string, item: string, note: string) => `${unit}：扣 ${pts} 分（由“${item}”栏填报的负数折算为扣分${note}）`,
  capped: (entered: string, cap: string) => `，填报 ${entered} 分，按上限 ${cap} 分计`,
  vetoLine: (unit: string, label: string, outcome: string) => `${unit}：一票否决（${label}），${outcome}`,
  vetoOutcome: {
    force: (g: string) => `评为${g}`, cap: (g: string) => `等级不高于${g}，评为${g}`,
    bar_excellent: (g: string) => `不得评为优秀等级，评为${g}`, not_graded: () => '不参加评定和排名',
  } as Record<string, (grade: string) => string>,
  unitVeto: (label: string, outcome: string) => `本年发生一票否决事项（${label}），${outcome}。`,
  grounds: (text: string) => `；事由：${text}`,
  noGrounds: '；事由未填报，待补充',
  noVeto: '本年度无一票否决事项。',
  // ---------- the HTML items table
  enteredNegativeBonus: (entered: string) => `加分栏填报 ${entered}，按扣分计`,
  enteredCapped: (entered: string, cap: string) => `填报 ${entered}，超过上限 ${cap} 分，按 ${cap} 分计`,
  groundsMissing: '事由未填报',
};

const en: typeof zh = {
  rulesIntro: 'Grading rules: ',
  quotaGrade: (grade, places, graded, share, rounding, floor) =>
    `${grade} goes to at most ${places} units (${share} of the ${graded} graded units, ${rounding})${floor ? ` scoring ≥ ${floor}` : ''}`,
  floorGrade: (grade, floor) => `${grade} needs ≥ ${floor}`,
  lastGrade: (grade) => `the rest are ${grade}`,
  lastQuota: (grade, places, graded, share, rounding) =>
    `${grade} goes to at most ${places} units (${share} of the ${graded} graded units, ${rounding}); the others go up one grade`,
  fallThrough: 'a unit that misses a quota or a floor gets the next grade it meets',
  tiesAllIn: 'units tied at a quota boundary all get the grade (even over the quota)',
  tiesNext: (nodes) => `ties at a quota boundary are broken by the scores of ${nodes}, in turn; units still tied all get the grade`,
  clauses: '; ', sentenceEnd: '.', sentenceGap: ' ', list: ', ',
  vetoRule: (label, effect) => `a unit with a veto item (${label}) ${effect}`,
  vetoEffect: {
    force: (g) => `is graded ${g}`, cap: (g) => `is graded at most ${g}`,
    bar_excellent: (g) => `cannot be graded ${g}`, not_graded: () => 'is not graded or ranked',
  },
  vetoScoreShown: ', its composite still shown',
  noVetoRule: 'The rules have no veto item this year',
  missedQuota: (rule, score, rank) => `${rule}; this unit scored ${score} and ranks ${rank}: it is outside the places.`,
  deductionCost: (grade, floor, before, deduction, after) =>
    `${grade} needs ≥ ${floor}; this unit had ${before} before its deduction of ${deduction} and ${after} after it, below the ${grade} floor.`,
  negativeBonus: 'deduction (a negative bonus entry)',
  bonusLine: (unit, pts, item, note) => `${unit}: plus ${pts} points (${item}${note})`,
  deductionLine: (unit, pts, item, note) => `${unit}: minus ${pts} points (${item}${note})`,
  negativeBonusLine: (unit, pts, item, note) => `${unit}: minus ${pts} points (a negative entry under "${item}", counted as a deduction${note})`,
  capped: (entered, cap) => `; ${entered} entered, counted at the cap of ${cap}`,
  vetoLine: (unit, label, outcome) => `${unit}: veto (${label}), ${outcome}`,
  vetoOutcome: {
    force: (g) => `graded ${g}`, cap: (g) => `graded at most ${g}: ${g}`,
    bar_excellent: (g) => `barred from the top grade: ${g}`, not_graded: () => 'not graded or ranked',
  },
  unitVeto: (label, outcome) => `A veto item applied this year (${label}): ${outcome}.`,
  grounds: (text) => `; grounds: ${text}`,
  noGrounds: '; grounds not recorded, to be added',
  noVeto: 'No veto this year.',
  enteredNegativeBonus: (entered) => `${entered} entered as a bonus: counted as a deduction`,
  enteredCapped: (entered, cap) => `${entered} entered, above the cap of ${cap}: counted as ${cap}`,
  groundsMissing: 'grounds not recorded',
};

export type RuleLabels = typeof zh;
export const ruleLabels = (lang: Lang): RuleLabels => (lang === 'en' ? en : zh);
