/**
 * The metrics stage's output tables: columns, DuckDB types and zh/en descriptions
 * (dbt's model YAML). docs/reference/tables.md is written from this, and a
 * test checks it against `DESCRIBE` after a run.
 */
import type { ColumnDoc as ColumnContract, TableContract } from '../contract/types.js';

export type { ColumnContract, TableContract };

const keys: ColumnContract[] = [
  { name: 'year', type: 'INTEGER', zh: '年度（记录本身日期所在年份）', en: 'Year (of the rows’ own dates)' },
  { name: 'unit_id', type: 'VARCHAR', zh: '单位编码', en: 'Unit id' },
  { name: 'metric_id', type: 'VARCHAR', zh: '指标编码（见指标目录）', en: 'Metric id (see the metric catalog)' },
];

export const METRICS_CONTRACT: TableContract[] = [
  {
    table: 'unit_year_metrics',
    description: {
      zh: '单位年度指标值：每个年度有效单位 × 有数据的年度 × 指标一行；缺失时为空值，原因见 metric_notes',
      en: 'Unit-year metric values: one row per unit valid in a year with data × metric; NULL when missing, with the reason in metric_notes',
    },
    columns: [
      ...keys,
      { name: 'value', type: 'DOUBLE', zh: '指标值（比率为 0–1 的小数）；缺失为空', en: 'Value (rates as fractions in [0, 1]); NULL when missing' },
    ],
  },
  {
    table: 'metric_notes',
    description: {
      zh: '指标说明：每个缺失（或被调整）的指标值一行，说明原因',
      en: 'Metric notes: one row per missing (or adjusted) metric value, saying why',
    },
    columns: [
      ...keys,
      { name: 'reason_zh', type: 'VARCHAR', zh: '原因（中文）', en: 'Reason (Chinese)' },
      { name: 'reason_en', type: 'VARCHAR', zh: '原因（英文）', en: 'Reason (English)' },
      {
        name: 'reason_code',
        type: 'VARCHAR',
        zh: '原因代码：no_source、missing_value、missing_denominator、zero_denominator、capped',
        en: 'Reason code: no_source, missing_value, missing_denominator, zero_denominator, capped',
      },
    ],
  },
];
