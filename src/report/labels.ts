/**
 * Every text the report shows, in Chinese and English. `labelsFor(lang)` returns one language's
 * set. Rule names, severities, follow-up outcomes and grade names come from the analyse stage's
 * catalogue (src/analyse/messages.ts), so a flag reads the same in the report as in the stage's
 * own tables.
 */
import { GRADE_NAMES, OUTCOME, RULE_NAMES, SEVERITY, type Text } from '../analyse/messages.js';

export type Lang = 'zh' | 'en';

/** One language of a zh/en record. */
const pick = (rec: Record<string, Text>, lang: Lang): Record<string, string> =>
  Object.fromEntries(Object.entries(rec).map(([k, t]) => [k, t[lang]]));

const zh = {
  title: (y: number) => `${y} 年度学习型党组织建设考核评价报告`,
  unitTitle: (name: string, y: number) => `${name} · ${y} 年度考核评价`,
  generated: '生成时间', colon: '：',
  headline: '主要数据', unitsScored: '参评单位', meanScore: '平均综合得分', medianScore: '综合得分中位数',
  topUnit: '第一名', gradeCounts: '等级分布', rowsRejected: '被拒绝的数据行',
  ranking: '综合得分排名', dimensions: '各维度得分', heatmap: '单位 × 指标标准化得分', trends: '历年综合得分',
  slope: (a: number, b: number) => `名次变化（${a} → ${b}）`, flags: '薄弱环节', sensitivity: '名次稳定性（权重扰动下的名次区间）',
  quality: '数据质量', tree: (y: number) => `${y} 年指标体系与权重`, units: '单位报告',
  comparisons: '与上年比较', weightImpact: '权重调整的影响', performanceEffect: '业绩变化', weightsEffect: '权重变化', scoreChange: '得分变化', followUp: '跟踪事项',
  unit: '单位', unitId: '单位编号', type: '类别', score: '得分', rank: '名次', rankInType: '类内名次', grade: '等级',
  dimension: '维度', indicator: '指标', value: '标准化得分', raw: '原始值', year: '年度', weight: '权重',
  effectiveWeight: '有效权重', contribution: '贡献', file: '文件', rowsRead: '读取行数', rowsLoaded: '载入行数',
  rowsRejectedCol: '拒绝行数', rowsDuplicate: '重复行数', reason: '原因', count: '行数', severity: '程度', rule: '规则',
  node: '节点', reference: '参照值', flagValue: '数值', yes: '是', no: '否', severities: pick(SEVERITY, 'zh'), nominalRank: '名次', medianRank: '中位名次', interval: '5%–95% 区间', borderline: '临界',
  peerMedian: '同类中位数', thisUnit: '本单位', rankHistory: '历年名次', strongest: '优势指标', weakest: '薄弱指标',
  noFlags: '无预警事项', change: '变化', up: '上升', down: '下降', same: '持平', noData: '无数据',
  back: '返回总报告', summary: '综述', loaded: '载入', rejected: '拒绝', code: '原因代码', notGraded: '不评定',
  types: { city: '市级', county: '县级', department: '部门', other: '其他' } as Record<string, string>,
  grades: {} as Record<string, string>,
  printNote: '本报告可直接打印；图表可通过右上角菜单导出。',
  whatIf: '假如调整维度权重', whatIfNote: '拖动滑块重新计算参评单位的综合得分并排序（按各维度得分，不含加分、扣分与一票否决）；黑色刻线为本年实际综合得分。',
  configured: '本年', whatIfScore: '调整后得分', officialScore: '实际综合得分', reset: '恢复本年权重',
  weighted: '加权得分', bonus: '加分', deduction: '扣分', composite: '综合得分', veto: '一票否决', note: '说明',
  compositeParts: (w: string, b: string, d: string, s: string) => `加权得分 ${w} + 加分 ${b} − 扣分 ${d} = 综合得分 ${s}`,
  adjustments: '加分、扣分与一票否决', adjustmentItem: '事项', adjustmentRaw: '填报值', adjustmentPoints: '计入综合得分', effect: '否决效果',
  kinds: { bonus: '加分', deduction: '扣分', veto: '一票否决' } as Record<string, string>,
  effects: { bar_excellent: '不得评为优秀', cap: '等级封顶', force: '直接定级', not_graded: '不参加评定' } as Record<string, string>,
  notRanked: '不参加评定', insufficient: '数据不足', status: '评定状态',
  statuses: { graded: '参加评定', root: '全辖汇总（不评定）', not_graded: '一票否决，不参加评定', unscored: '数据不足，未计算综合得分' } as Record<string, string>,
  rootReason: '全辖汇总单位（其余单位的上级），不参加评定与排名',
  unscoredReason: '综合得分缺失：有数据的指标权重不足，未计算综合得分',
  vetoReason: (item: string, outcome: string, grounds: string) => `一票否决（${item}），${outcome}${grounds ? `；事由：${grounds}` : ''}`,
  unitsNotRanked: '不参加评定', coverage: '数据覆盖情况', insufficientNote: '以下单位或指标因数据不足未计算得分，不参加排名，也不列入薄弱环节。',
  rules: pick(RULE_NAMES, 'zh'),
  values: {
    up: '上升', down: '下降', same: '持平', ...pick(OUTCOME, 'zh'), none: '无',
    performance: '业绩变化', weights: '权重变化', ...pick(SEVERITY, 'zh'),
    graded: '参加评定', root: '全辖汇总', not_graded: '不参加评定', unscored: '数据不足',
    bonus: '加分', deduction: '扣分', veto: '一票否决', bar_excellent: '不得评为优秀', cap: '等级封顶', force: '直接定级',
    new: '新设', merged: '合并', split: '拆分', abolished: '撤销',
  } as Record<string, string>,
  p05: '5% 分位', p95: '95% 分位', kind: '数据类别', indicatorId: '指标编号', measureUnit: '计量单位',
  unitEvents: '单位变动',
  preview: (draftYear: number, year: number) => `${draftYear} 年指标体系草案预览（按草案重算 ${year} 年数据）`,
  previewNote: (draftYear: number, year: number) => `按 ${draftYear} 年指标体系草案重新计算 ${year} 年参评单位的综合得分、名次和等级，数据不变，只换指标体系；仅供研究权重调整，正式结果不变。`,
  previewCounts: (moved: number, graded: number) => `名次变化 ${moved} 个单位、等级变化 ${graded} 个`,
  previewFile: '草案文件', previewChart: (draftYear: number) => `名次：现行 → ${draftYear} 年草案`,
  officialSide: '现行', draftSide: '草案', treeSide: '指标体系',
  officialComposite: '现行综合得分', officialRank: '现行名次', officialGrade: '现行等级',
  draftComposite: '草案综合得分', draftRank: '草案名次', draftGrade: '草案等级', rankChange: '名次变化', gradeChange: '等级变化',
  driver: '主要变化维度', driverNote: '主要变化维度：与各参评单位的平均变化相比，对综合得分的贡献（维度权重 × 维度得分）变化最大的维度，后附该维度的贡献变化（分）及其与平均变化之差。名次变化为正表示名次上升。',
  previewWeights: '维度权重：现行与草案', officialWeight: '现行权重', draftWeight: '草案权重', weightChange: '变化（百分点）', previewSheet: '草案预览',
};

const en: typeof zh = {
  title: (y) => `${y} evaluation of learning organisations`,
  unitTitle: (name, y) => `${name} · ${y} evaluation`,
  generated: 'Generated', colon: ': ',
  headline: 'Headline figures', unitsScored: 'Units scored', meanScore: 'Mean composite', medianScore: 'Median composite',
  topUnit: 'First place', gradeCounts: 'Grades', rowsRejected: 'Rows rejected',
  ranking: 'Ranking by composite score', dimensions: 'Dimension scores', heatmap: 'Unit × indicator normalised values',
  trends: 'Composite score over the years', slope: (a, b) => `Rank changes (${a} → ${b})`, flags: 'Weak branches',
  sensitivity: 'Rank stability (rank intervals under weight perturbation)', quality: 'Data quality',
  tree: (y) => `Indicator tree and weights, ${y}`, units: 'Unit reports',
  comparisons: 'Change on the previous year', weightImpact: 'Impact of the new weights', performanceEffect: 'Performance', weightsEffect: 'Weights', scoreChange: 'Score change', followUp: 'Follow-up',
  unit: 'Unit', unitId: 'Unit id', type: 'Type', score: 'Score', rank: 'Rank', rankInType: 'Rank in type', grade: 'Grade',
  dimension: 'Dimension', indicator: 'Indicator', value: 'Normalised', raw: 'Raw', year: 'Year', weight: 'Weight',
  effectiveWeight: 'Effective weight', contribution: 'Contribution', file: 'File', rowsRead: 'Rows read',
  rowsLoaded: 'Rows loaded', rowsRejectedCol: 'Rows rejected', rowsDuplicate: 'Duplicates', reason: 'Reason',
  count: 'Rows', severity: 'Severity', rule: 'Rule', node: 'Node', reference: 'Reference', flagValue: 'Value', yes: 'yes', no: 'no', severities: pick(SEVERITY, 'en'), nominalRank: 'Rank', medianRank: 'Median rank',
  interval: '5%–95% interval', borderline: 'Borderline', peerMedian: 'Peer median', thisUnit: 'This unit',
  rankHistory: 'Rank history', strongest: 'Strongest indicators', weakest: 'Weakest indicators', noFlags: 'No flags',
  change: 'Change', up: 'up', down: 'down', same: 'same', noData: 'no data', back: 'Back to the main report',
  summary: 'Summary', loaded: 'loaded', rejected: 'rejected', code: 'Code', notGraded: 'not graded',
  types: { city: 'City', county: 'County', department: 'Department', other: 'Other' },
  grades: pick(GRADE_NAMES, 'en'),
  printNote: 'This report prints as is; charts can be exported from their menu.',
  whatIf: 'What if the dimension weights were different?', whatIfNote: 'Drag the sliders to recompute the graded units’ composite from the dimension scores and re-rank (bonus, deduction and veto not included); the black tick is the official composite.',
  configured: 'this year', whatIfScore: 'What-if score', officialScore: 'Official composite', reset: 'Reset to this year\'s weights',
  weighted: 'Weighted', bonus: 'Bonus', deduction: 'Deduction', composite: 'Composite', veto: 'Veto', note: 'Note',
  compositeParts: (w, b, d, s) => `weighted ${w} + bonus ${b} − deduction ${d} = composite ${s}`,
  adjustments: 'Bonus, deductions and vetoes', adjustmentItem: 'Item', adjustmentRaw: 'Entered', adjustmentPoints: 'Effect on composite', effect: 'Veto effect',
  kinds: { bonus: 'bonus', deduction: 'deduction', veto: 'veto' },
  effects: { bar_excellent: 'cannot be excellent', cap: 'grade capped', force: 'grade forced', not_graded: 'not graded' },
  notRanked: 'Not graded', insufficient: 'Insufficient data', status: 'Grading status',
  statuses: { graded: 'graded', root: 'organisation total (not graded)', not_graded: 'vetoed: not graded', unscored: 'insufficient data: no composite' },
  rootReason: 'The organisation\'s root unit (parent of the others): not graded or ranked',
  unscoredReason: 'No composite: the indicators with data carry too little of the weight',
  vetoReason: (item, outcome, grounds) => `veto (${item}), ${outcome}${grounds ? `; grounds: ${grounds}` : ''}`,
  unitsNotRanked: 'Not graded', coverage: 'Data coverage', insufficientNote: 'These units or indicators have too little data to be scored; they are not ranked and not flagged as weak.',
  rules: pick(RULE_NAMES, 'en'),
  values: {
    up: 'up', down: 'down', same: 'same', ...pick(OUTCOME, 'en'), none: 'none',
    performance: 'performance', weights: 'weights', ...pick(SEVERITY, 'en'),
    graded: 'graded', root: 'organisation total', not_graded: 'not graded', unscored: 'insufficient data',
    bonus: 'bonus', deduction: 'deduction', veto: 'veto', bar_excellent: 'cannot be excellent', cap: 'grade capped', force: 'grade forced',
    new: 'new', merged: 'merged', split: 'split', abolished: 'abolished',
  },
  p05: '5th percentile', p95: '95th percentile', kind: 'Kind', indicatorId: 'Indicator id', measureUnit: 'Unit of measure',
  unitEvents: 'Unit changes',
  preview: (draftYear, year) => `Draft ${draftYear} tree on the ${year} data`,
  previewNote: (draftYear, year) => `The ${year} composites, ranks and grades of the graded units recomputed with the draft ${draftYear} indicator tree: same data, other tree. For weighing the draft only; the official result is unchanged.`,
  previewCounts: (moved, graded) => `${moved} ${moved === 1 ? 'unit changes' : 'units change'} rank, ${graded} ${graded === 1 ? 'changes' : 'change'} grade`,
  previewFile: 'Draft file', previewChart: (draftYear) => `Rank: official → draft ${draftYear}`,
  officialSide: 'official', draftSide: 'draft', treeSide: 'Tree',
  officialComposite: 'Official composite', officialRank: 'Official rank', officialGrade: 'Official grade',
  draftComposite: 'Draft composite', draftRank: 'Draft rank', draftGrade: 'Draft grade', rankChange: 'Rank change', gradeChange: 'Grade change',
  driver: 'Main dimension', driverNote: 'Main dimension: the dimension whose contribution to the composite (dimension weight × dimension score) changes most against the graded units’ average change, with the change in points and its difference from the average. A positive rank change is a move up.',
  previewWeights: 'Dimension weights: official and draft', officialWeight: 'Official weight', draftWeight: 'Draft weight', weightChange: 'Change (points)', previewSheet: 'Draft preview',
};

export type Labels = typeof zh;
export function labelsFor(lang: Lang): Labels {
  return lang === 'en' ? en : zh;
}

/** A stored code (enum value written by a stage) in `lang`; unknown values pass through. */
export function valueLabel(l: Labels, v: string): string {
  return Object.prototype.hasOwnProperty.call(l.values, v) ? l.values[v] : v;
}

/** A grade as shown in `lang` (grades are stored in Chinese). */
export function gradeLabel(l: Labels, g: string | null): string {
  if (g === null) return l.notGraded;
  return l.grades[g] ?? g;
}
