/** Every word of the announcement draft (考核结果通报), in Chinese and English. */
import type { Lang } from '../labels.js';

const zh = {
  title: (y: number) => `关于 ${y} 年度学习型党组织建设考核评价结果的通报`,
  draft: '（草稿）',
  scope: (y: number, graded: number, byType: string, dims: string) =>
    `根据学习型党组织建设考核评价办法，对 ${graded} 个参评单位（${byType}）${y} 年度学习型党组织建设情况进行了考核评价。` +
    `考核按${dims}计算加权得分，加上加分、减去扣分得出综合得分，按综合得分排名并评定等级。`,
  scopeEnd: '现将结果通报如下。',
  notGradedNote: (n: number, names: string) => `另有 ${n} 个单位不参加评定：${names}。`,
  /** Between the sentences of the rules (Chinese sentences need no space). */
  sentenceGap: '',
  dimWeight: (label: string, pct: string) => `${label}（${pct}）`,
  typeCount: (label: string, n: number) => `${label} ${n} 个`,
  list: '、',
  sentenceEnd: '。',
  h1: '一、考核等级',
  gradeLine: (grade: string, n: number, names: string) => `${grade}（${n} 个）：${names}`,
  none: '无',
  h2: '二、加分、扣分与一票否决',
  noAdjustments: '本年度无加分、扣分与一票否决事项。',
  h3: '三、需跟踪整改的单位',
  followUpIntro: '以下单位存在薄弱环节，请负责的上级单位督促整改，并于下一考核年度跟踪整改成效：',
  followUp: (i: number, unit: string, parent: string, reasons: string) => `${i}. ${unit}（负责上级单位：${parent}）：${reasons}`,
  noFollowUp: '本年度没有需要跟踪整改的单位。',
  noAnalysis: '尚未运行分析（analyse），未列出需跟踪整改的单位。',
  h4: '四、综合得分一览',
  columns: ['名次', '单位', '类别', '加权得分', '加分', '扣分', '综合得分', '等级'],
  closing: '希望各单位对照考核结果，巩固成绩、补齐短板，持续推进学习型党组织建设。',
  signature: (y: number) => `${y + 1} 年　月　日`,
};

const en: typeof zh = {
  title: (y) => `Results of the ${y} evaluation of learning organisations`,
  draft: ' (draft)',
  scope: (y, graded, byType, dims) =>
    `Under the evaluation rules for learning party organisations, ${graded} units (${byType}) were evaluated for ${y}. ` +
    `Each unit's weighted score is built from ${dims}; bonus points are added and deductions subtracted to give the composite, ` +
    `by which units are ranked and graded.`,
  scopeEnd: ' The results are as follows.',
  notGradedNote: (n, names) => ` ${n} ${n === 1 ? 'unit is' : 'units are'} not graded: ${names}.`,
  sentenceGap: ' ',
  dimWeight: (label, pct) => `${label} (${pct})`,
  typeCount: (label, n) => `${label}: ${n}`,
  list: ', ',
  sentenceEnd: '.',
  h1: '1. Grades',
  gradeLine: (grade, n, names) => `${grade} (${n}): ${names}`,
  none: 'none',
  h2: '2. Bonus points, deductions and vetoes',
  noAdjustments: 'No bonus, deduction or veto this year.',
  h3: '3. Units for follow-up',
  followUpIntro: 'These units have weak points; the responsible parent unit is asked to see them rectified and the result is followed up next year:',
  followUp: (i, unit, parent, reasons) => `${i}. ${unit} (responsible parent unit: ${parent}): ${reasons}`,
  noFollowUp: 'No unit needs follow-up this year.',
  noAnalysis: 'The analysis (analyse) has not been run: no follow-up list.',
  h4: '4. Composite scores',
  columns: ['Rank', 'Unit', 'Type', 'Weighted', 'Bonus', 'Deduction', 'Composite', 'Grade'],
  closing: 'Every unit is asked to build on its results, close its gaps and keep improving.',
  signature: () => 'Date:',
};

export type AnnouncementLabels = typeof zh;
export const announcementLabels = (lang: Lang): AnnouncementLabels => (lang === 'en' ? en : zh);
