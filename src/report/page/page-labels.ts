/**
 * The words of index.html's first screen, table controls and what-if, in Chinese and English
 * (the rest of the report's words are in ../labels.ts). The browser scripts get the words they
 * show from here, through the page (data attributes and the what-if's JSON): nothing in the
 * scripts is a user-facing word.
 */
import type { Lang } from '../labels.js';

const zh = {
  colon: '：', links: '相关文件', year: '年度', otherLanguage: '英文版', results: '结果工作簿', followUpList: '跟踪事项清单', announcement: '考核结果通报（草稿）',
  howDidWeDo: '总体情况', needAttention: '需要关注的单位', whatChanged: '与上年相比',
  graded: (n: string, total: string) => `参评 ${n} 个单位（共 ${total} 个）`,
  vsLastYear: (y: number) => `较 ${y} 年`, noPreviousYear: '无上年数据可比',
  attentionMore: (n: number) => `另有 ${n} 个单位，见跟踪事项`, noAttention: '本年无需要跟踪的单位',
  moversUp: '名次上升最多', moversDown: '名次下降最多', noMovers: '名次无变化',
  mover: (name: string, from: number, to: number, change: string) => `${name}：第 ${from} 名 → 第 ${to} 名（${change}）`,
  gradeOf: (grade: string, score: string) => `${grade} · ${score} 分`,
  parentUnit: (name: string) => `（负责的上级单位：${name}）`, changeNote: (y: number) => `括号内为较 ${y} 年的变化`,
  rankOf: (r: number, n: number) => `第 ${r}/${n} 名`,
  // tables
  search: '搜索单位或内容', allTypes: '全部类别', allGrades: '全部等级', prev: '上一页', next: '下一页', showAll: '显示全部',
  rowsShown: '显示第 {from}–{to} 条，共 {n} 条', rowsNone: '没有符合条件的行（共 {n} 条）', sortHint: '点击表头排序',
  scoreChange: '得分变化', rankChange: '名次变化', vetoNote: '一票否决与说明',
  // warnings, one row per unit
  warningsNote: '每个单位一行，按最高程度、再按名次从后往前排列；预警全文见结果工作簿“预警”表。',
  maxSeverity: '最高程度', warningCount: '预警数', warningItems: '预警内容',
  longList: (shown: number, n: number) => `此处列出前 ${shown} 项，共 ${n} 项；完整清单见结果工作簿。`,
  chartTopN: (shown: number, n: number) => `图中显示前 ${shown} 个单位（共 ${n} 个），全部单位见下表。`,
  // what-if
  whatIfNote: '拖动滑块调整各维度权重：按正式评分规则（缺失维度的权重重新分配与缺失阈值、加分、扣分、一票否决、等级线与名额）重新计算综合得分、名次和等级。',
  weightEntered: '输入权重', weightNormalised: '折算权重', total: '合计', dimension: '维度',
  allZero: '所有维度的权重都是 0，无法计算综合得分。请至少把一个维度的权重调到大于 0。',
  whatIfChanges: '与正式结果相比：名次变化 {ranks} 个单位，等级变化 {grades} 个单位。',
  whatIfScore: '调整后综合得分', whatIfRank: '调整后名次', whatIfGrade: '调整后等级',
  officialScore: '正式综合得分', officialRank: '正式名次', officialGrade: '正式等级',
  notGradedNow: '不参加评定', unscoredNow: '数据不足', reset: '恢复本年权重',
  whatIfUnavailable: '本年综合得分采用逼近理想解排序法，不能由维度得分按权重重算，故不提供假设分析。',
  whatIfNoRun: '数据库中没有本年的评分运行记录，无法按正式规则重算。',
};

const en: typeof zh = {
  colon: ': ', links: 'Files', year: 'Year', otherLanguage: 'Chinese version', results: 'Results workbook', followUpList: 'Follow-up list', announcement: 'Announcement draft (Word)',
  howDidWeDo: 'How we did', needAttention: 'Units that need attention', whatChanged: 'Since last year',
  graded: (n, total) => `${n} units graded (of ${total})`,
  vsLastYear: (y) => `vs ${y}`, noPreviousYear: 'no previous year to compare',
  attentionMore: (n) => `${n} more in the follow-up list`, noAttention: 'No unit needs follow-up this year',
  moversUp: 'Biggest rises', moversDown: 'Biggest falls', noMovers: 'No rank changed',
  mover: (name, from, to, change) => `${name}: ${from} → ${to} (${change})`,
  gradeOf: (grade, score) => `${grade} · ${score}`,
  parentUnit: (name) => ` (responsible: ${name})`, changeNote: (y) => `Changes in brackets are against ${y}`,
  rankOf: (r, n) => `rank ${r}/${n}`,
  search: 'Search units or text', allTypes: 'All types', allGrades: 'All grades', prev: 'Previous', next: 'Next', showAll: 'Show all',
  rowsShown: 'Rows {from}–{to} of {n}', rowsNone: 'No row matches ({n} in all)', sortHint: 'Click a header to sort',
  scoreChange: 'Score change', rankChange: 'Rank change', vetoNote: 'Veto and notes',
  warningsNote: 'One row per unit, by highest severity, then from the lowest rank up; every warning is in the results workbook (sheet Warnings).',
  maxSeverity: 'Highest severity', warningCount: 'Warnings', warningItems: 'Warnings',
  longList: (shown, n) => `The first ${shown} of ${n} are listed here; the full list is in the results workbook.`,
  chartTopN: (shown, n) => `The chart shows the first ${shown} of ${n} units; the table below lists every unit.`,
  whatIfNote: 'Drag the sliders to change the dimension weights: composites, ranks and grades are recomputed by the official rules (weights of missing dimensions redistributed, the missing threshold, bonus, deduction, veto, grade floors and quotas).',
  weightEntered: 'Entered', weightNormalised: 'Normalised', total: 'Total', dimension: 'Dimension',
  allZero: 'Every dimension weight is 0: no composite can be computed. Set at least one weight above 0.',
  whatIfChanges: 'Against the official result: {ranks} units change rank, {grades} change grade.',
  whatIfScore: 'What-if composite', whatIfRank: 'What-if rank', whatIfGrade: 'What-if grade',
  officialScore: 'Official composite', officialRank: 'Official rank', officialGrade: 'Official grade',
  notGradedNow: 'not graded', unscoredNow: 'insufficient data', reset: 'Reset to this year\'s weights',
  whatIfUnavailable: 'This year\'s composite is a TOPSIS closeness: it cannot be recomputed from the dimension scores, so there is no what-if.',
  whatIfNoRun: 'The database has no record of this year\'s scoring run (table runs): the official rules cannot be replayed.',
};

export type PageLabels = typeof zh;
export const pageLabels = (lang: Lang): PageLabels => (lang === 'en' ? en : zh);
