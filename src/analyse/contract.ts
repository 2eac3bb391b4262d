/**
 * The documented contract of the tables the analyse stage writes (same shape as
 * src/score/contract.ts). `analyse()` replaces the analysed year's rows of every table; a test
 * checks `DESCRIBE <table>` against this list.
 *
 * Sign conventions: changes are `this year − base year`; a positive `rank_change` means the unit
 * moved UP (base_rank − rank). Attribution of weight changes: `weights_effect` = score_N(tree_N) −
 * score_N(tree_N−1), `performance_effect` = score_N(tree_N−1) − score_N−1(tree_N−1); they add up
 * to the total change.
 */
import type { Db } from '../store/db.js';
import type { ColumnDoc, TableContract } from '../contract/types.js';
import { createTableSql } from '../contract/ddl.js';

/** The shared contract shapes of src/contract/types.ts; analyse tables use DuckDB types only. */
export type AnalyseColumn = ColumnDoc & { type: 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN' };
export type AnalyseTable = TableContract & { columns: AnalyseColumn[] };

const c = (name: string, type: AnalyseColumn['type'], zh: string, en: string): AnalyseColumn => ({ name, type, zh, en });
const year = c('year', 'INTEGER', '分析年度', 'Analysed year');
const unit = c('unit_id', 'VARCHAR', '单位编号', 'Unit id');

export const ANALYSE_CONTRACT: AnalyseTable[] = [
  {
    table: 'comparisons',
    description: {
      zh: '各单位各节点（综合、维度、指标）与基期年度相比的得分、名次、等级变化及多年趋势',
      en: 'Each unit’s score, rank and grade change at every node against the base year, with multi-year trends',
    },
    columns: [
      year,
      c('base_year', 'INTEGER', '基期年度（通常为上一评分年度）', 'Base year (normally the previous scored year)'),
      unit,
      c('node_id', 'VARCHAR', '节点编号', 'Node id'),
      c('level', 'INTEGER', '层级：0 综合，1 维度，2 指标', 'Level: 0 composite, 1 dimension, 2 indicator'),
      c('score', 'DOUBLE', '本年得分', 'Score this year'),
      c('base_score', 'DOUBLE', '基期得分', 'Score in the base year'),
      c('score_change', 'DOUBLE', '得分变化（本年 − 基期）', 'Score change (this year − base)'),
      c('rank', 'INTEGER', '本年名次', 'Rank this year'),
      c('base_rank', 'INTEGER', '基期名次', 'Rank in the base year'),
      c('rank_change', 'INTEGER', '名次变化（正数为上升：基期名次 − 本年名次）', 'Rank change (positive = moved up: base_rank − rank)'),
      c('grade', 'VARCHAR', '本年等级（仅综合）', 'Grade this year (composite only)'),
      c('base_grade', 'VARCHAR', '基期等级', 'Grade in the base year'),
      c('grade_change', 'VARCHAR', '等级变化：up / down / same', 'Grade change: up, down or same'),
      c('comparable', 'BOOLEAN', '可直接比较：该节点下两年的指标和汇总方式相同，且每个叶子用绝对标准（goalposts / percent_of_target）或同一多年合并上下限（minmax pool）、参数相同（权重不同仍可比，但在原因中提示）', 'Like-for-like: the same leaves and aggregation under the node in both years, every leaf on an absolute scale (goalposts, percent_of_target) or the same pooled minmax bounds, with the same parameters (weights that differ are stated in the reason as a caution, not a bar)'),
      c('comparable_reason', 'VARCHAR', '不可直接比较的原因代码（逗号分隔）：relative_method / params_differ / pool_bounds_differ / tree_differs / aggregate_differs / no_base；可比较但权重不同时为 weights_differ；完全一致时为空', 'Why not like-for-like, as codes (comma-separated): relative_method, params_differ, pool_bounds_differ, tree_differs, aggregate_differs, no_base; weights_differ alone on a comparable node whose weights changed; NULL when fully alike'),
      c('comparable_reason_zh', 'VARCHAR', '可比性说明（中文）：不可比的原因或权重调整提示', 'Why not like-for-like, or the weights caution, in Chinese'),
      c('comparable_reason_en', 'VARCHAR', '可比性说明（英文）', 'Why not like-for-like, or the weights caution, in English'),
      c('slope', 'DOUBLE', '截至本年各年得分的线性趋势（分/年；少于 2 年为空）', 'Linear trend of the scores up to this year (points per year; NULL with fewer than 2 years)'),
      c('trend_years', 'INTEGER', '趋势所用年数', 'Years in the trend'),
      c('declines', 'INTEGER', '截至本年连续下降的年数', 'Consecutive yearly score declines ending this year'),
    ],
  },
  {
    table: 'weight_impact',
    description: {
      zh: '指标体系（权重）变化的影响：综合得分变化分解为“业绩”与“权重”两部分，并给出各口径下的名次',
      en: 'Impact of a changed tree: each unit’s composite change split into performance and weights, with the rank under each tree',
    },
    columns: [
      year,
      c('base_year', 'INTEGER', '基期年度', 'Base year'),
      unit,
      c('trees_differ', 'BOOLEAN', '两年指标体系是否不同', 'Whether the two years’ trees differ'),
      c('score', 'DOUBLE', '本年得分（本年指标体系）', 'Score this year with this year’s tree'),
      c('score_base_tree', 'DOUBLE', '本年得分（按基期指标体系重算）', 'Score this year re-scored with the base year’s tree'),
      c('base_score', 'DOUBLE', '基期得分（基期指标体系）', 'Base-year score with the base tree'),
      c('base_score_this_tree', 'DOUBLE', '基期得分（按本年指标体系重算）', 'Base-year score re-scored with this year’s tree'),
      c('total_change', 'DOUBLE', '得分总变化', 'Total change (score − base_score)'),
      c('weights_effect', 'DOUBLE', '权重变化带来的部分（score − score_base_tree）', 'Part due to the tree (score − score_base_tree)'),
      c('performance_effect', 'DOUBLE', '业绩变化带来的部分（score_base_tree − base_score）', 'Part due to performance (score_base_tree − base_score)'),
      c('rank', 'INTEGER', '本年名次', 'Rank this year'),
      c('rank_base_tree', 'INTEGER', '按基期指标体系的本年名次', 'Rank this year under the base tree'),
      c('base_rank', 'INTEGER', '基期名次', 'Base-year rank'),
      c('base_rank_this_tree', 'INTEGER', '按本年指标体系的基期名次', 'Base-year rank under this year’s tree'),
      c('attribution', 'VARCHAR', '主要原因：weights / performance / none', 'Main cause: weights, performance or none'),
    ],
  },
  {
    table: 'sensitivity',
    description: {
      zh: '权重敏感性（蒙特卡洛，固定随机种子）：每个单位的名次区间与各等级概率',
      en: 'Weight sensitivity (seeded Monte Carlo): each unit’s rank interval and grade probabilities',
    },
    columns: [
      year,
      unit,
      c('score', 'DOUBLE', '名义综合得分', 'Nominal composite score'),
      c('nominal_rank', 'INTEGER', '名义名次', 'Nominal rank'),
      c('median_rank', 'DOUBLE', '名次中位数', 'Median rank over the runs'),
      c('rank_p05', 'INTEGER', '名次 5% 分位', '5th percentile of the rank'),
      c('rank_p95', 'INTEGER', '名次 95% 分位', '95th percentile of the rank'),
      c('mean_abs_shift', 'DOUBLE', '平均名次偏移（绝对值）', 'Mean absolute rank shift'),
      c('grade', 'VARCHAR', '名义等级', 'Nominal grade'),
      c('grade_probs', 'VARCHAR', '各等级概率（JSON）', 'Probability of each grade (JSON)'),
      c('p_grade_change', 'DOUBLE', '等级改变的概率', 'Probability that the grade differs from the nominal one'),
      c('borderline', 'BOOLEAN', '等级可能改变（临界单位）', 'Grade can flip (borderline unit)'),
      c('runs', 'INTEGER', '模拟次数', 'Monte Carlo runs'),
      c('band', 'DOUBLE', '权重扰动幅度（±）', 'Weight perturbation band (±)'),
      c('seed', 'INTEGER', '随机种子', 'Seed'),
    ],
  },
  {
    table: 'flags',
    description: {
      zh: '薄弱环节：每个单位触发的每条规则一行（仅参加评级的单位），附数值与中英文原因',
      en: 'Weak branches: one row per rule a graded unit triggers, with the numbers and the reason in Chinese and English',
    },
    columns: [
      year,
      unit,
      c('node_id', 'VARCHAR', '相关节点或指标编号', 'Node (or metric) concerned'),
      c('rule_id', 'VARCHAR', '规则编号（analysis.weak 中的 id）', 'Rule id (the id in analysis.weak)'),
      c('rule_zh', 'VARCHAR', '规则名称', 'Rule name in Chinese'),
      c('rule_en', 'VARCHAR', '规则名称（英文）', 'Rule name'),
      c('node_zh', 'VARCHAR', '节点或指标名称', 'Node or metric name in Chinese'),
      c('node_en', 'VARCHAR', '节点或指标名称（英文）', 'Node or metric name'),
      c('severity', 'VARCHAR', '严重程度 high / medium / low（红线按差距：差 25% 及以上为高，10% 及以上为中，其余为低）', 'Severity: high, medium or low (red lines by the miss: 25% or more high, 10% or more medium, else low)'),
      c('value', 'DOUBLE', '单位的数值（未经四舍五入）', 'The unit’s value (unrounded)'),
      c('reference', 'DOUBLE', '比较基准（红线、同类中位数、等级分界、下降前得分）', 'Reference (red line, peer median, grade floor, score before the fall)'),
      c('reason_zh', 'VARCHAR', '原因（中文，含数值）', 'Reason in Chinese, with the numbers'),
      c('reason_en', 'VARCHAR', '原因（英文）', 'Reason in English'),
      c('drivers_zh', 'VARCHAR', '拉低最多的指标（同一单位各行相同）', 'Indicators pulling the unit down most, in Chinese (same on every row of a unit)'),
      c('drivers_en', 'VARCHAR', '拉低最多的指标（英文）', 'Indicators pulling the unit down most'),
    ],
  },
  {
    table: 'follow_up',
    description: {
      zh: '整改跟踪清单：每个单位一行——本年关注（需整改）、提醒（接近红线）、上年关注单位的变化、数据不足、单位变动（并入、撤销、新设）',
      en: 'Follow-up list, one row per unit: flagged this year, near misses, what became of last year’s flagged units, insufficient data, and unit changes (merged, abolished, created)',
    },
    columns: [
      year,
      unit,
      c('unit_name', 'VARCHAR', '单位名称', 'Unit name'),
      c('parent_name', 'VARCHAR', '负责的上级单位', 'Responsible parent unit'),
      c('score', 'DOUBLE', '综合得分', 'Composite score'),
      c('rank', 'INTEGER', '综合名次', 'Composite rank'),
      c('grade', 'VARCHAR', '等级', 'Grade'),
      c('status', 'VARCHAR', '清单类别：flagged 关注 / near_miss 提醒 / last_year 上年关注 / insufficient_data 数据不足 / unit_event 单位变动', 'List: flagged, near_miss, last_year, insufficient_data or unit_event'),
      c('status_zh', 'VARCHAR', '清单类别', 'List name in Chinese'),
      c('status_en', 'VARCHAR', '清单类别（英文）', 'List name'),
      c('flagged', 'BOOLEAN', '本年被标记需整改', 'Flagged for follow-up this year'),
      c('severity', 'VARCHAR', '最高严重程度 high / medium / low', 'Worst severity: high, medium or low'),
      c('severity_zh', 'VARCHAR', '最高严重程度', 'Worst severity in Chinese'),
      c('rules', 'VARCHAR', '触发的规则编号，最严重的在前（逗号分隔）', 'Rule ids that fired, worst first (comma-separated)'),
      c('reasons_zh', 'VARCHAR', '原因：触发的各条规则（最严重的在前，含数值与基准），拉低最多的指标列一次', 'Reasons in Chinese: the rules that fired, worst first, each with its number and reference; the pulling-down indicators once'),
      c('reasons_en', 'VARCHAR', '原因（英文）', 'Reasons in English'),
      c('flagged_last_year', 'BOOLEAN', '上一年度被标记需整改', 'Flagged for follow-up in the previous analysed year'),
      c('outcome', 'VARCHAR', '上年被标记单位的变化：improved / unchanged / worse（按触发规则的指标与综合得分判断）', 'For last year’s flagged units: improved, unchanged or worse (judged on the indicators that flagged them and the composite)'),
      c('outcome_zh', 'VARCHAR', '变化说明（各问题上年 → 本年，及综合得分）', 'Outcome explained in Chinese (each issue last year → this year, and the composite)'),
      c('outcome_en', 'VARCHAR', '变化说明（英文）', 'Outcome explained'),
      c('rank_change', 'INTEGER', '名次变化（正数为上升）', 'Rank change (positive = up)'),
      c('score_change', 'DOUBLE', '得分变化', 'Score change'),
      c('event', 'VARCHAR', '单位变动：merged 并入 / absorbed 接收并入 / split 拆分 / split_from 拆分新设 / abolished 撤销 / created 新设（本年生效）', 'Unit change taking effect this year: merged, absorbed, split, split_from, abolished or created'),
      c('event_zh', 'VARCHAR', '单位变动说明', 'Unit change in Chinese'),
      c('event_en', 'VARCHAR', '单位变动说明（英文）', 'Unit change'),
    ],
  },
];

export function analyseContractOf(table: string): AnalyseTable {
  const t = ANALYSE_CONTRACT.find((x) => x.table === table);
  if (!t) throw new Error(`no contract for table ${table}`);
  return t;
}

/** DDL from the contract: the one generator in src/contract/ddl.ts. */
export function createAnalyseTableSql(t: AnalyseTable): string {
  return createTableSql(t);
}

/**
 * Create the tables; a table from an older version missing some columns gets them added (NULL in
 * its old rows), so other years' rows survive until they are analysed again.
 */
export async function ensureAnalyseTables(db: Db): Promise<void> {
  for (const t of ANALYSE_CONTRACT) {
    await db.run(createAnalyseTableSql(t));
    const have = await db.all<{ column_name: string }>(
      `select column_name from duckdb_columns() where table_name = $table and not internal and database_name = current_database() and schema_name = current_schema()`,
      { table: t.table },
    );
    const names = new Set(have.map((h) => h.column_name));
    for (const col of t.columns) {
      if (!names.has(col.name)) await db.run(`alter table ${t.table} add column ${col.name} ${col.type}`);
    }
  }
}

/** Replace `year`'s rows of `table` with the rows of the temp table `from` (same columns, in contract order). */
export async function replaceYear(db: Db, table: string, from: string, yearValue: number): Promise<number> {
  const t = analyseContractOf(table);
  const cols = t.columns.map((x) => x.name).join(', ');
  await db.run(`delete from ${t.table} where year = $year`, { year: yearValue });
  await db.run(`insert into ${t.table} (${cols}) select ${cols} from ${from} where year = $year`, { year: yearValue });
  const n = await db.one<{ n: number }>(`select count(*) as n from ${t.table} where year = $year`, { year: yearValue });
  return n?.n ?? 0;
}
