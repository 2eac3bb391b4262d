/**
 * Why a node's scores are not like-for-like between two years (comparisons.comparable_reason),
 * one template per code in Chinese and English. comparisons.sql fills the placeholders:
 * {parent} / {parent_en} the leaf's group, {node} / {node_en} the node the reason is about,
 * {method} the normalisation method ({method_zh} its Chinese name: the Chinese report shows no
 * English ids), {year} and {base_year}. weights_differ is one reason per node,
 * {node} naming every group whose children's weights changed (学习成效、综合得分).
 */
import type { Db } from '../store/db.js';

export interface CompareText {
  code: string;
  /** Order of the reasons in a cell: the most fundamental first. */
  position: number;
  zh: string;
  en: string;
}

export const COMPARE_TEXTS: CompareText[] = [
  {
    code: 'no_base',
    position: 0,
    zh: '基期 {base_year} 年没有该节点的评分',
    en: 'no {base_year} scores for this node',
  },
  {
    code: 'relative_method',
    position: 1,
    zh: '{parent}: {node} 按当年单位间比较（{method_zh}）',
    en: '{parent_en}: {node_en} is scored relative to the year’s units ({method})',
  },
  {
    code: 'params_differ',
    position: 2,
    zh: '{node} 的数据项或标准化方法、参数两年不同',
    en: '{node_en} reads another metric or is normalised differently in {base_year} and {year}',
  },
  {
    code: 'pool_bounds_differ',
    position: 3,
    zh: '{node} 两年运行所用的合并上下限不同（评分之间数据有变化，请两年一并重新评分）',
    en: '{node_en}: the {base_year} and {year} runs used different pooled bounds (the data changed between the runs; re-score both years)',
  },
  {
    code: 'tree_differs',
    position: 4,
    zh: '{node} 只在其中一年的指标体系中',
    en: '{node_en} is in only one of the two years’ trees',
  },
  {
    code: 'weights_differ',
    position: 5,
    zh: '可比（标准一致），但 {base_year} 与 {year} 的权重不同（{node} 的子项权重有调整）：得分变化含权重调整的影响，见“权重调整影响”',
    en: 'like-for-like scales, but the {base_year} and {year} trees weigh the parts of {node_en} differently: the change includes the effect of the new weights (see the weight-change impact)',
  },
  {
    code: 'aggregate_differs',
    position: 6,
    zh: '{node} 的汇总方式两年不同',
    en: '{node_en} is aggregated differently in {base_year} and {year}',
  },
];

/** Chinese names of the methods that are relative to the year's units. */
export const METHOD_ZH: Record<string, string> = {
  minmax: '当年极值法',
  zscore: '标准分数法',
  rank: '名次法',
  distance_to_target: '距目标法，以当年最差单位为 0 分',
};

/**
 * The comparison table's like-for-like cell: a comparable node whose weights changed is not a
 * plain “yes” (its change includes the re-weighting); the caution itself goes under the table.
 */
export const COMPARABLE_CELL = {
  yes: { zh: '是', en: 'yes' },
  weights: { zh: '可比（权重有调整）', en: 'yes (weights changed)' },
  no: { zh: '否', en: 'no' },
};
/** The heading of the notes under the comparison table (“可比性说明：…”). */
export const COMPARABLE_NOTE = { zh: '可比性说明', en: 'Like-for-like' };

/** "…等 N 项" / "… and N more", appended when a cell would list more than MAX_REASONS reasons. */
export const MAX_REASONS = 4;
export const MORE_TEXT = { zh: '等 {n} 项', en: 'and {n} more' };

/** The temp tables `analyse_compare_texts` and `analyse_method_names` that comparisons.sql reads. */
export async function writeCompareTexts(db: Db): Promise<void> {
  await db.run('create or replace temp table analyse_compare_texts (code varchar, position integer, zh varchar, en varchar)');
  for (const t of COMPARE_TEXTS) {
    await db.run('insert into analyse_compare_texts values ($code, $position, $zh, $en)', { ...t });
  }
  await db.run('create or replace temp table analyse_method_names (method varchar, zh varchar)');
  for (const [method, zh] of Object.entries(METHOD_ZH)) {
    await db.run('insert into analyse_method_names values ($method, $zh)', { method, zh });
  }
}
