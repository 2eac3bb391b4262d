/**
 * The documented contract of the tables the normalise and score stages write (dbt's model YAML):
 * every table, what it holds and every column, in Chinese and English. The DDL is generated from
 * this list (`createTableSql`), the README's "Output tables" section can be rendered from it, and
 * a test checks `DESCRIBE <table>` against it.
 *
 * Replacement rule: scoring a year replaces that year's rows of `indicator_values`, `scores`,
 * `score_adjustments` and `score_notes` (they hold the current result; `run_id` says which run wrote them). `tree_nodes`
 * and `runs` keep every run, so any run can be re-scored from its `runs` row (`rerunScore`)
 * without re-ingesting.
 */

import type { ColumnDoc as ContractColumn, TableContract as ContractTable } from '../contract/types.js';

export type { ContractColumn, ContractTable };

const runIdCol: ContractColumn = { name: 'run_id', type: 'VARCHAR', zh: '写入该行的运行编号（见 runs）', en: 'Run that wrote the row (see runs)' };

export const SCORE_CONTRACT: ContractTable[] = [
  {
    table: 'tree_nodes',
    description: {
      zh: '每次运行所用的指标树，一行一个节点（含综合得分根节点）；权重为同级占比',
      en: 'The indicator tree of each run, one row per node (the composite root included); weights are fractions of siblings',
    },
    columns: [
      runIdCol,
      { name: 'year', type: 'INTEGER', zh: '考核年度', en: 'Evaluation year' },
      { name: 'node_id', type: 'VARCHAR', zh: '节点编号', en: 'Node id' },
      { name: 'parent_id', type: 'VARCHAR', zh: '上级节点编号（根节点为空）', en: 'Parent node id (NULL for the root)' },
      { name: 'level', type: 'INTEGER', zh: '层级：0 综合，1 维度，2 指标…', en: 'Level: 0 composite, 1 dimension, 2 indicator, …' },
      { name: 'position', type: 'INTEGER', zh: '同级中的顺序（从 0 起）', en: 'Order among siblings, from 0' },
      { name: 'weight', type: 'DOUBLE', zh: '同级权重占比（同级之和为 1）', en: 'Weight as a fraction of its siblings (siblings sum to 1)' },
      { name: 'direction', type: 'VARCHAR', zh: '方向（仅叶子）：higher_is_better / lower_is_better', en: 'Leaves: higher_is_better or lower_is_better' },
      { name: 'method', type: 'VARCHAR', zh: '标准化方法（仅叶子）', en: 'Leaves: normalisation method' },
      { name: 'p_lo', type: 'DOUBLE', zh: 'goalposts 下限', en: 'goalposts: lo' },
      { name: 'p_hi', type: 'DOUBLE', zh: 'goalposts 上限', en: 'goalposts: hi' },
      { name: 'p_target', type: 'DOUBLE', zh: '目标值', en: 'distance_to_target / percent_of_target: target' },
      { name: 'p_cap', type: 'DOUBLE', zh: '标准化得分上限', en: 'Highest normalised score (NULL: none)' },
      { name: 'metric_id', type: 'VARCHAR', zh: '叶子读取的指标数据编号（组为空）', en: 'Metric a leaf reads (NULL for groups)' },
      { name: 'aggregate', type: 'VARCHAR', zh: '汇总方式（仅组）：arithmetic / geometric / topsis', en: 'Groups: arithmetic, geometric or topsis' },
      { name: 'label_zh', type: 'VARCHAR', zh: '中文名称', en: 'Chinese label' },
      { name: 'label_en', type: 'VARCHAR', zh: '英文名称', en: 'English label' },
      { name: 'p_pool_from', type: 'INTEGER', zh: 'minmax 多年合并上下限的起始年（pool；当年内比较为空）', en: 'minmax pooled bounds: first year of the pool (NULL = within the year)' },
      { name: 'p_pool_to', type: 'INTEGER', zh: 'minmax 多年合并上下限的结束年', en: 'minmax pooled bounds: last year of the pool' },
      { name: 'p_pool_lo', type: 'DOUBLE', zh: '本次运行所用的合并下限（pool 各年全部单位的最小值）', en: 'Pooled lower bound used by this run (minimum over every unit of the pooled years)' },
      { name: 'p_pool_hi', type: 'DOUBLE', zh: '本次运行所用的合并上限（pool 各年全部单位的最大值）', en: 'Pooled upper bound used by this run (maximum over every unit of the pooled years)' },
      { name: 'p_pool_years', type: 'VARCHAR', zh: 'pool 中实际有数据的年度（逗号分隔）', en: 'Years of the pool that had data (comma-separated)' },
      {
        name: 'p_ties',
        type: 'VARCHAR',
        zh: 'rank 并列处理：min（并列取较低名次，COINr / OECD-JRC）/ max（取较高名次）/ average（取平均）',
        en: 'rank ties: min (tied units share the lower place, COINr / OECD-JRC), max (the higher place) or average',
      },
      {
        name: 'topsis_normalise',
        type: 'VARCHAR',
        zh: 'TOPSIS 组（仅组）：vector（叶子原始值向量标准化）/ none（下级得分原样）',
        en: 'TOPSIS groups: vector (the leaves’ raw values, vector-normalised) or none (the children’s scores as they are)',
      },
    ],
  },
  {
    table: 'indicator_values',
    description: {
      zh: '每个单位每个叶子指标的原始值、标准化得分（0–100）和权重',
      en: 'Each unit’s raw and normalised (0–100) value of each leaf indicator, with its weights',
    },
    columns: [
      { name: 'year', type: 'INTEGER', zh: '考核年度', en: 'Evaluation year' },
      { name: 'unit_id', type: 'VARCHAR', zh: '单位编号', en: 'Unit id' },
      { name: 'indicator_id', type: 'VARCHAR', zh: '叶子指标编号', en: 'Leaf indicator (node) id' },
      { name: 'raw', type: 'DOUBLE', zh: '原始值（缺失为空）', en: 'Raw metric value (NULL = missing)' },
      { name: 'normalised', type: 'DOUBLE', zh: '标准化得分 0–100（zscore 可超出）', en: 'Normalised score on 0–100 (zscore may leave it)' },
      { name: 'weight', type: 'DOUBLE', zh: '同级权重占比', en: 'Weight as a fraction of its siblings' },
      { name: 'effective_weight', type: 'DOUBLE', zh: '有效权重：自根至该指标各级占比之积（全部叶子之和为 1）', en: 'Effective weight: product of the fractions down the tree (sums to 1 over the leaves)' },
      {
        name: 'contribution',
        type: 'DOUBLE',
        zh: '对综合得分（加分前）的贡献：标准化得分 × 该单位实际权重（缺项重新分配后）；各级均为算术平均时之和等于综合得分；否则为空',
        en: 'Points added to the composite (before bonus): normalised × the unit’s realised weight after renormalising missing siblings; sums to the composite when every level is arithmetic, else NULL',
      },
      runIdCol,
    ],
  },
  {
    table: 'scores',
    description: {
      zh: '每个单位在综合、维度和指标各节点的得分、排名和等级',
      en: 'Each unit’s score, ranks and grade at the composite, dimension and indicator nodes',
    },
    columns: [
      { name: 'year', type: 'INTEGER', zh: '考核年度', en: 'Evaluation year' },
      { name: 'unit_id', type: 'VARCHAR', zh: '单位编号', en: 'Unit id' },
      { name: 'node_id', type: 'VARCHAR', zh: '节点编号（综合得分为根节点编号，默认 total）', en: 'Node id (the composite is the root id, total by default)' },
      { name: 'level', type: 'INTEGER', zh: '层级：0 综合，1 维度，2 指标…', en: 'Level: 0 composite, 1 dimension, 2 indicator, …' },
      { name: 'score', type: 'DOUBLE', zh: '得分；综合得分 = 加权得分 + 加分 − 扣分（可超过 100；缺失为空）', en: 'Score; the composite = weighted + bonus − deduction (may pass 100; NULL = missing)' },
      { name: 'rank', type: 'INTEGER', zh: '参评单位中的名次（并列取最小名次；不评定等次的单位为空）', en: 'Rank among graded units (ties take the minimum rank; NULL for units not graded)' },
      { name: 'rank_in_type', type: 'INTEGER', zh: '同类单位（unit_type）参评单位中的名次', en: 'Rank among graded units of the same unit type (ties take the minimum rank)' },
      { name: 'grade', type: 'VARCHAR', zh: '等级（仅综合得分；按等级规则和一票否决确定；不评定等次为空）', en: 'Grade (composite only; by the grading rule and vetoes; NULL when not graded)' },
      runIdCol,
      { name: 'weighted', type: 'DOUBLE', zh: '加权得分（加分、扣分前；仅综合得分行）', en: 'Weighted score before bonus and deduction (composite row only)' },
      { name: 'bonus', type: 'DOUBLE', zh: '加分（封顶后，无则为 0；仅综合得分行）', en: 'Bonus points added after caps (0 when none; composite row only)' },
      { name: 'deduction', type: 'DOUBLE', zh: '扣分（封顶后，记为正数，无则为 0；仅综合得分行）', en: 'Deduction points subtracted after caps, stored positive (0 when none; composite row only)' },
      {
        name: 'grade_status',
        type: 'VARCHAR',
        zh: '评定状态（仅综合得分行）：graded 参评 / root 本级机关（根单位，不参评）/ not_graded 一票否决不评定等次 / unscored 无综合得分',
        en: 'Composite row only: graded, root (the organisation’s root unit, never graded), not_graded (a veto with effect not_graded) or unscored (no composite)',
      },
      { name: 'veto', type: 'VARCHAR', zh: '适用的一票否决事项编号（逗号分隔；无则为空）', en: 'Ids of the veto items that applied, comma-separated (NULL when none)' },
    ],
  },
  {
    table: 'score_adjustments',
    description: {
      zh: '每个单位适用的加分、扣分和一票否决事项，一行一项，附原始值、计入分值和原因',
      en: 'Every bonus, deduction and veto item that applied to a unit, one row per item, with the raw value, the points applied and the reason',
    },
    columns: [
      { name: 'year', type: 'INTEGER', zh: '考核年度', en: 'Evaluation year' },
      { name: 'unit_id', type: 'VARCHAR', zh: '单位编号', en: 'Unit id' },
      { name: 'item_id', type: 'VARCHAR', zh: '事项编号（指标文件中 bonus / deductions / veto 的 id）', en: 'Item id (the id of the bonus / deductions / veto item in the indicator file)' },
      { name: 'kind', type: 'VARCHAR', zh: '类别：bonus 加分 / deduction 扣分 / veto 一票否决', en: 'bonus, deduction or veto' },
      { name: 'raw', type: 'DOUBLE', zh: '原始值（数据中填写的数）', en: 'Raw value as entered' },
      { name: 'points', type: 'DOUBLE', zh: '计入分值（封顶后，正数；否决为空）', en: 'Points applied after the cap, ≥ 0 (NULL for a veto)' },
      { name: 'effect', type: 'VARCHAR', zh: '否决效果：bar_excellent 不得评为最高等级 / cap 最高评为 / force 直接评为 / not_graded 不评定等次', en: 'Veto effect: bar_excellent, cap, force or not_graded (NULL for bonus and deduction)' },
      { name: 'label_zh', type: 'VARCHAR', zh: '事项中文名称', en: 'Item label in Chinese' },
      { name: 'label_en', type: 'VARCHAR', zh: '事项英文名称', en: 'Item label in English' },
      { name: 'reason_zh', type: 'VARCHAR', zh: '中文说明（否决原因、封顶或负数加分的处理）', en: 'Reason in Chinese (veto reason, cap or negative bonus applied)' },
      { name: 'reason_en', type: 'VARCHAR', zh: '英文说明', en: 'Reason in English' },
      runIdCol,
    ],
  },
  {
    table: 'score_notes',
    description: {
      zh: '评分过程中的每一次缺失处理、权重重新分配、截断、加分和否决，附原因',
      en: 'Every missing value, renormalisation, floor, bonus and veto applied while scoring, with its reason',
    },
    columns: [
      { name: 'year', type: 'INTEGER', zh: '考核年度', en: 'Evaluation year' },
      { name: 'unit_id', type: 'VARCHAR', zh: '单位编号（全年度性的提示为空）', en: 'Unit id (NULL for notes about the whole year)' },
      { name: 'node_id', type: 'VARCHAR', zh: '节点编号', en: 'Node id' },
      { name: 'code', type: 'VARCHAR', zh: '提示代码（见 src/score/notes.ts）', en: 'Note code (see src/score/notes.ts)' },
      { name: 'value', type: 'DOUBLE', zh: '相关数值（如有数据子项的权重占比、加分）', en: 'Related number (e.g. present share of the weight, bonus points)' },
      { name: 'message_zh', type: 'VARCHAR', zh: '中文说明', en: 'Message in Chinese' },
      { name: 'message_en', type: 'VARCHAR', zh: '英文说明', en: 'Message in English' },
      runIdCol,
    ],
  },
  {
    table: 'score_coverage',
    description: {
      zh: '数据覆盖：每年每个维度和指标有数据的单位数、有数据子项的权重占比与缺失阈值、缺失数据应由哪类来源提供；无综合得分的单位各一行说明原因（见 src/score/coverage.ts）',
      en: 'Data coverage: per year, for every dimension and indicator, how many units have data, the present weight share against min_share and which source kind supplies the missing data; one row per unit without a composite saying why (see src/score/coverage.ts)',
    },
    columns: [
      { name: 'year', type: 'INTEGER', zh: '考核年度', en: 'Evaluation year' },
      { name: 'unit_id', type: 'VARCHAR', zh: '单位编号（全年度汇总行为空；有值的行是一个无综合得分的单位）', en: 'Unit id (NULL on the whole-year rows; set on the row of a unit without a composite)' },
      { name: 'node_id', type: 'VARCHAR', zh: '节点编号（综合、维度或指标）', en: 'Node id (composite, dimension or indicator)' },
      { name: 'level', type: 'INTEGER', zh: '层级：0 综合，1 维度，2 指标…', en: 'Level: 0 composite, 1 dimension, 2 indicator, …' },
      { name: 'label_zh', type: 'VARCHAR', zh: '节点中文名称', en: 'Node label in Chinese' },
      { name: 'label_en', type: 'VARCHAR', zh: '节点英文名称', en: 'Node label in English' },
      { name: 'units_total', type: 'INTEGER', zh: '当年参评单位数', en: 'Units evaluated in the year' },
      { name: 'units_with_data', type: 'INTEGER', zh: '该节点有得分的单位数', en: 'Units with a score at this node' },
      { name: 'present_share', type: 'DOUBLE', zh: '有数据子项的权重占比：汇总行为各单位中的最小值，单位行为该单位的值（叶子为空）', en: 'Share of the weight carried by children with data: the lowest over units on whole-year rows, the unit’s own on unit rows (NULL for leaves)' },
      { name: 'min_share', type: 'DOUBLE', zh: '缺失阈值 missing.min_share（低于则该组缺失）', en: 'missing.min_share (below it the group is missing)' },
      { name: 'metric_id', type: 'VARCHAR', zh: '叶子读取的指标数据编号（组为空）', en: 'Metric a leaf reads (NULL for groups)' },
      { name: 'source_kinds', type: 'VARCHAR', zh: '缺失数据应由哪类来源提供（如 unit_profile,publications，逗号分隔）', en: 'Source kinds that would supply the missing data (e.g. unit_profile,publications)' },
      { name: 'reason_zh', type: 'VARCHAR', zh: '中文说明（数据完整时为空）', en: 'Reason in Chinese (NULL when complete)' },
      { name: 'reason_en', type: 'VARCHAR', zh: '英文说明', en: 'Reason in English' },
      runIdCol,
    ],
  },
  {
    table: 'runs',
    description: {
      zh: '运行记录：所用指标树、参数、输入数据摘要和警告；可据此从评分阶段重新运行',
      en: 'Run log: the tree, parameters, input hash and warnings of each run; enough to re-run from the scoring stage',
    },
    columns: [
      { name: 'run_id', type: 'VARCHAR', zh: '运行编号', en: 'Run id' },
      { name: 'started_at', type: 'TIMESTAMP', zh: '开始时间（UTC）', en: 'Start time (UTC)' },
      { name: 'stage', type: 'VARCHAR', zh: '起始阶段（score）', en: 'Stage the run started from (score)' },
      { name: 'tree_json', type: 'VARCHAR', zh: '指标树（IndicatorTree JSON）', en: 'The IndicatorTree as JSON' },
      { name: 'params_json', type: 'VARCHAR', zh: '参数（年度、缺失阈值、几何平均下限…）', en: 'Parameters (year, missing threshold, geometric floor, …)' },
      { name: 'input_hash', type: 'VARCHAR', zh: '当年 unit_year_metrics 与 units 的 md5 摘要', en: 'md5 of the year’s unit_year_metrics and units rows' },
      { name: 'warnings_json', type: 'VARCHAR', zh: '警告列表（JSON）', en: 'Warnings (JSON list of issues)' },
    ],
  },
];

/** DDL from the contract: the one generator in src/contract/ddl.ts. */
export { addMissingColumnsSql, createTableSql } from '../contract/ddl.js';

export function contractOf(table: string): ContractTable {
  const t = SCORE_CONTRACT.find((x) => x.table === table);
  if (!t) throw new Error(`no contract for table ${table}`);
  return t;
}
