/**
 * Declarative metrics from the pipeline file (`metrics:`) compiled to one SQL
 * statement each. The pipeline never supplies SQL text: table and column names are
 * checked against `STAGING_COLUMNS` and quoted with `quotedIdentifier`; every value
 * (filter values, scale, ids) is a bound `$parameter`.
 *
 * The statement appends one row per frame unit-year to `metric_parts` (numerator,
 * denominator, scale); `metric_results.sql` then turns parts into values or notes, like
 * the built-in metrics. Semantics per `agg` (after the `where` filters):
 * - count: rows; count_distinct: distinct non-null `column`; sum: Σ `column` — 0 when
 *   the unit has no rows but the source has rows that year (missing for `unit_profile`: a value
 *   a unit did not report is unknown, not 0);
 * - mean: Σ `column` ÷ rows with a `column` (missing when there are none);
 * - share: rows matching `numerator` ÷ rows (a fraction, capped at 1);
 * - ratio: Σ `column` (or rows without a column) ÷ the metric named by `per`.
 * `per` may also divide count, count_distinct and sum; `scale` multiplies the result.
 * Filters: `!=` and `not_in` keep rows whose column is empty; the others drop them.
 * A Σ over a DOUBLE column adds the values in value order (`sum(x order by x)`): a plain sum
 * of doubles depends on the order DuckDB's threads meet the rows in, and re-scoring unchanged
 * data must give bit-identical values. (The built-in metrics add in DECIMAL instead, which is
 * faster, but a declared column may hold any double, beyond DECIMAL(38, 18)'s range.)
 */
import type { MetricDef } from '../config/pipeline-schema.js';
import { error, YardstickError, type Issue } from '../errors.js';
import { quotedIdentifier, type Params } from '../store/db.js';
import { isNumericType, STAGING_COLUMNS, type StagingColumn } from './staging-columns.js';

type Filter = MetricDef['where'][number];

export interface MetricSql {
  id: string;
  sql: string;
  params: Params;
  /** Metric id this one divides by (`per`), if any. */
  per?: string;
}

function columnsOf(from: MetricDef['from']): readonly StagingColumn[] {
  return STAGING_COLUMNS[from];
}

function listColumns(from: MetricDef['from']): string {
  return columnsOf(from).map((c) => c.name).join(', ');
}

function unknownColumn(id: string, spec: MetricDef, column: string, path: string): Issue {
  return error(
    'unknown_metric_column',
    `指标 ${id}：表 ${spec.from} 中没有列“${column}”（可用列：${listColumns(spec.from)}） / ` +
      `metric ${id}: ${spec.from} has no column "${column}" (columns: ${listColumns(spec.from)})`,
    { path },
  );
}

function badSpec(id: string, path: string, zh: string, en: string): Issue {
  return error('bad_metric_spec', `指标 ${id}：${zh} / metric ${id}: ${en}`, { path });
}

function checkFilters(id: string, spec: MetricDef, filters: Filter[], at: string): Issue[] {
  const issues: Issue[] = [];
  filters.forEach((f, i) => {
    const path = `metrics.${id}.${at}.${i}`;
    const col = columnsOf(spec.from).find((c) => c.name === f.column);
    if (!col) return void issues.push(unknownColumn(id, spec, f.column, `${path}.column`));
    const op = f.op ?? '=';
    const isList = Array.isArray(f.value);
    if ((op === 'in' || op === 'not_in') !== isList) {
      issues.push(badSpec(id, `${path}.value`, `运算 ${op} 需要${isList ? '单个值' : '值列表'}`, `op ${op} needs ${isList ? 'a single value' : 'a list of values'}`));
    }
    if (typeof f.value === 'boolean' && col.type !== 'BOOLEAN') {
      issues.push(badSpec(id, `${path}.value`, `列 ${f.column} 不是是/否列，不能与 true/false 比较`, `column ${f.column} is not boolean; compare it with a number or text`));
    }
    if (typeof f.value === 'boolean' && op !== '=' && op !== '!=') {
      issues.push(badSpec(id, `${path}.op`, `true/false 只能用 = 或 !=`, `true/false can only be compared with = or !=`));
    }
  });
  return issues;
}

/** Everything wrong with one declared metric, each issue with its dotted path; [] when it can be built. */
export function checkMetricSpec(id: string, spec: MetricDef): Issue[] {
  const issues: Issue[] = [];
  if (!(spec.from in STAGING_COLUMNS)) {
    return [badSpec(id, `metrics.${id}.from`, `未知的表 ${String(spec.from)}`, `unknown table ${String(spec.from)}`)];
  }
  const needsColumn = spec.agg === 'count_distinct' || spec.agg === 'sum' || spec.agg === 'mean';
  if (spec.column !== undefined) {
    const col = columnsOf(spec.from).find((c) => c.name === spec.column);
    if (!col) issues.push(unknownColumn(id, spec, spec.column, `metrics.${id}.column`));
    else if ((spec.agg === 'sum' || spec.agg === 'mean' || spec.agg === 'ratio') && !isNumericType(col.type)) {
      issues.push(badSpec(id, `metrics.${id}.column`, `${spec.agg} 需要数值列，${spec.column} 不是`, `${spec.agg} needs a numeric column; ${spec.column} is ${col.type}`));
    }
  } else if (needsColumn) {
    issues.push(badSpec(id, `metrics.${id}.column`, `${spec.agg} 需要 column`, `${spec.agg} needs a column`));
  }
  if (spec.agg === 'ratio' && !spec.per) {
    issues.push(badSpec(id, `metrics.${id}.per`, 'ratio 需要 per（除以哪个指标）', 'ratio needs per (the metric id to divide by)'));
  }
  if ((spec.agg === 'share' || spec.agg === 'mean') && spec.per) {
    issues.push(badSpec(id, `metrics.${id}.per`, `${spec.agg} 不能与 per 同用`, `${spec.agg} cannot be combined with per`));
  }
  if (spec.agg === 'share' && !spec.numerator?.length) {
    issues.push(badSpec(id, `metrics.${id}.numerator`, 'share 需要 numerator 条件', 'share needs numerator filters'));
  }
  if (spec.agg !== 'share' && spec.numerator?.length) {
    issues.push(badSpec(id, `metrics.${id}.numerator`, 'numerator 只用于 share', 'numerator is only used by share'));
  }
  if (spec.per === id) {
    issues.push(badSpec(id, `metrics.${id}.per`, '不能除以自身', 'cannot divide by itself'));
  }
  issues.push(...checkFilters(id, spec, spec.where ?? [], 'where'));
  issues.push(...checkFilters(id, spec, spec.numerator ?? [], 'numerator'));
  return issues;
}

/** Σ `col` that gives the same double whatever the row order: doubles are added in value order. */
function orderIndependentSum(spec: MetricDef, col: string): string {
  const type = columnsOf(spec.from).find((c) => c.name === spec.column)?.type;
  return type === 'DOUBLE' ? `sum(${col} order by ${col})` : `sum(${col})`;
}

const OPS: Record<string, string> = { '=': '=', '>': '>', '>=': '>=', '<': '<', '<=': '<=' };

/** One filter as SQL over quoted names and bound values; adds its values to `params`. */
function filterSql(f: Filter, key: string, params: Params): string {
  const col = quotedIdentifier(f.column);
  const op = f.op ?? '=';
  if (Array.isArray(f.value)) {
    const names = f.value.map((v, i) => {
      params[`${key}_${i}`] = v;
      return `$${key}_${i}`;
    });
    const list = names.length ? names.join(', ') : 'null';
    return op === 'in' ? `${col} in (${list})` : `not coalesce(${col} in (${list}), false)`;
  }
  params[key] = f.value;
  if (op === '!=') return `${col} is distinct from $${key}`;
  return `${col} ${OPS[op]} $${key}`;
}

function conjunction(filters: Filter[], prefix: string, params: Params): string {
  if (!filters.length) return 'true';
  return filters.map((f, i) => `(${filterSql(f, `${prefix}${i}`, params)})`).join(' and ');
}

/**
 * The statement for one declared metric. Throws a YardstickError listing every
 * problem (unknown columns are named with the table's columns).
 */
export function buildMetricSql(id: string, spec: MetricDef): MetricSql {
  YardstickError.throwIfErrors(checkMetricSpec(id, spec));
  const params: Params = { metric_id: id, source: spec.from, scale: spec.scale ?? 1 };
  const where = conjunction(spec.where ?? [], 'w', params);
  const col = spec.column ? quotedIdentifier(spec.column) : undefined;
  const sumOfCol = col ? orderIndependentSum(spec, col) : undefined;
  const rowsName = `${spec.from}_rows`;

  let numeratorAgg: string;
  let numerator: string; // over the joined frame row: `a` = aggregated, `p` = per metric
  let denominator = '1';
  let denName: string | null = null;
  let cap = 'null';
  switch (spec.agg) {
    case 'count':
      numeratorAgg = 'count(*)';
      numerator = 'coalesce(a.numerator, 0)';
      break;
    case 'count_distinct':
      numeratorAgg = `count(distinct ${col})`;
      numerator = 'coalesce(a.numerator, 0)';
      break;
    case 'sum':
    case 'ratio':
      numeratorAgg = sumOfCol ?? 'count(*)';
      // no rows → 0 for facts (no attendance row is no hours); rows whose column is empty throughout
      // → unknown (NULL). The unit profile is one row a unit fills in: a value it did not report is
      // unknown, never 0.
      numerator = `case when a.unit_id is null then ${spec.from === 'unit_profile' ? 'null' : '0'} else a.numerator end`;
      break;
    case 'mean':
      numeratorAgg = sumOfCol!;
      numerator = 'coalesce(a.numerator, 0)';
      denominator = 'coalesce(a.row_count, 0)';
      denName = rowsName;
      break;
    case 'share':
      numeratorAgg = `count(*) filter (where ${conjunction(spec.numerator ?? [], 'n', params)})`;
      numerator = 'coalesce(a.numerator, 0)';
      denominator = 'coalesce(a.row_count, 0)';
      denName = rowsName;
      cap = '1';
      break;
  }
  const rowCountAgg = spec.agg === 'mean' ? `count(${col})` : 'count(*)';
  if (spec.per) {
    params.per = spec.per;
    denominator = 'p.value';
    denName = spec.per;
  }
  if (denName) params.den_name = denName;

  const sql = `-- declared metric (pipeline file), built by buildMetricSql
insert into metric_parts
with
frame as (
  select year, unit_id from metric_frame
),
supplied as (
  select distinct year from metric_source_years where source = $source
),
source_rows as (
  select * from ${quotedIdentifier(spec.from)}
  where unit_id is not null and ${where}
),
aggregated as (
  select year, unit_id, ${numeratorAgg} as numerator, ${rowCountAgg} as row_count
  from source_rows
  group by year, unit_id
),
per_metric as (
  select year, unit_id, value from metric_results where ${spec.per ? 'metric_id = $per' : 'false'}
),
final as (
  select
    f.year,
    f.unit_id,
    $metric_id as metric_id,
    ${numerator} as numerator,
    ${spec.column ? '$num_name' : 'null'} as num_name,
    ${denominator} as denominator,
    ${denName ? '$den_name' : 'null'} as den_name,
    $scale as scale,
    ${cap} as cap,
    s.year is not null as source_ok,
    $source as source_name
  from frame f
  left join aggregated a on a.year = f.year and a.unit_id = f.unit_id
  left join per_metric p on p.year = f.year and p.unit_id = f.unit_id
  left join supplied s on s.year = f.year
)
select * from final
`;
  if (spec.column) params.num_name = spec.column;
  return { id, sql, params, per: spec.per };
}

function describeFilter(f: Filter): string {
  const v = Array.isArray(f.value) ? `[${f.value.map((x) => JSON.stringify(x)).join(', ')}]` : JSON.stringify(f.value);
  return `${f.column} ${f.op ?? '='} ${v}`;
}

/** A one-line English formula for the catalog / README. */
export function describeMetricSpec(spec: MetricDef): string {
  const where = spec.where?.length ? ` where ${spec.where.map(describeFilter).join(' and ')}` : '';
  const rows = `${spec.from} rows${where}`;
  let text: string;
  switch (spec.agg) {
    case 'count': text = `number of ${rows}`; break;
    case 'count_distinct': text = `distinct ${spec.column} over ${rows}`; break;
    case 'sum': text = `Σ ${spec.column} over ${rows}`; break;
    case 'mean': text = `mean ${spec.column} over ${rows}`; break;
    case 'ratio': text = `${spec.column ? `Σ ${spec.column} over ${rows}` : `number of ${rows}`}`; break;
    case 'share': text = `share of ${rows} with ${(spec.numerator ?? []).map(describeFilter).join(' and ')}`; break;
  }
  if (spec.per) text += ` ÷ ${spec.per}`;
  if ((spec.scale ?? 1) !== 1) text += ` × ${spec.scale}`;
  return text;
}
