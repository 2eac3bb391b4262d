/**
 * Named warnings of the normalise stage (one function each, vega-lite style). Each is about a
 * whole leaf in one year, is returned in the stage result, kept in `runs.warnings_json` and
 * written to `score_notes` with `unit_id` NULL, so no edge case is handled silently.
 */
import { warning, type Issue } from '../errors.js';

export interface StageWarning {
  code: string;
  year: number;
  nodeId: string;
  /** The number the warning is about (e.g. the constant value), or null. */
  value: number | null;
  zh: string;
  en: string;
}

const f = (x: number): string => String(Number(x.toFixed(4)));

/** minmax/zscore/rank over a column with one distinct value (or one unit): everybody scores 50. */
export function constantIndicator(year: number, nodeId: string, label: string, method: string, value: number): StageWarning {
  return {
    code: 'constant_indicator',
    year,
    nodeId,
    value,
    zh: `${year} 年所有单位的“${label}”都等于 ${f(value)}，${method} 无法区分，全部记 50 分（中点，不奖不罚）`,
    en: `${year}: every unit has ${nodeId} = ${f(value)}, so ${method} cannot tell units apart; all score 50 (the neutral midpoint)`,
  };
}

/** distance_to_target whose target is at (or beyond) the worst observed value: everybody met it. */
export function targetAtWorst(year: number, nodeId: string, label: string, target: number, worst: number): StageWarning {
  return {
    code: 'target_at_worst',
    year,
    nodeId,
    value: target,
    zh: `${year} 年“${label}”的目标值 ${f(target)} 不优于最差值 ${f(worst)}，所有单位均已达标，记 100 分`,
    en: `${year}: the target ${f(target)} of ${nodeId} is not better than the worst value ${f(worst)} (target equals the minimum), so every unit has met it and scores 100`,
  };
}

/** A leaf with no value for any unit: it is missing everywhere and its weight is renormalised away. */
export function noValues(year: number, nodeId: string, label: string, metric: string): StageWarning {
  return {
    code: 'no_values',
    year,
    nodeId,
    value: null,
    zh: `${year} 年没有任何单位的“${label}”（${metric}）数据；该指标缺失，权重在同组其它指标间重新分配`,
    en: `${year}: no unit has a value for ${nodeId} (metric ${metric}); it is missing for all and its weight is renormalised over its siblings`,
  };
}

/** Some units lack a value: they are missing at this leaf (each recorded in score_notes). */
export function someMissing(year: number, nodeId: string, label: string, missing: number, total: number): StageWarning {
  return {
    code: 'some_missing',
    year,
    nodeId,
    value: missing,
    zh: `${year} 年有 ${missing}/${total} 个单位缺少“${label}”数据，按缺失处理（权重重新分配，见 score_notes）`,
    en: `${year}: ${missing} of ${total} units have no value for ${nodeId}; treated as missing (weights renormalised, see score_notes)`,
  };
}

/** Pooled minmax: some years of the pool have no value for the metric; the bounds come from the others. */
export function poolYearsMissing(
  year: number,
  nodeId: string,
  label: string,
  from: number,
  to: number,
  missing: number[],
  used: number[],
): StageWarning {
  const usedZh = used.length ? `合并上下限取自 ${used.join('、')} 年` : '合并上下限无数据可取，全部记 50 分';
  const usedEn = used.length ? `the bounds come from ${used.join(', ')}` : 'no pooled year has data, so all score 50';
  return {
    code: 'pool_years_missing',
    year,
    nodeId,
    value: missing.length,
    zh: `${year} 年“${label}”按 ${from}–${to} 年合并上下限标准化，但 ${missing.join('、')} 年没有该指标数据，已略去；${usedZh}`,
    en: `${year}: ${nodeId} uses minmax pooled over ${from}–${to}, but ${missing.join(', ')} ha${missing.length > 1 ? 've' : 's'} no data for it and ${missing.length > 1 ? 'are' : 'is'} left out; ${usedEn}`,
  };
}

/** Pooled minmax scoring a year outside its pool: values beyond the pooled bounds are clamped to 0..100. */
export function yearOutsidePool(year: number, nodeId: string, label: string, from: number, to: number): StageWarning {
  return {
    code: 'year_outside_pool',
    year,
    nodeId,
    value: null,
    zh: `${year} 年不在“${label}”的合并年度 ${from}–${to} 内：按这些年的上下限计分，超出部分截至 0 或 100 分`,
    en: `${year} is outside the pool ${from}–${to} of ${nodeId}: scored against those years' bounds, values beyond them clamped to 0 or 100`,
  };
}

export function toIssue(w: StageWarning): Issue {
  return warning(w.code, `${w.zh} / ${w.en}`, { path: w.nodeId });
}
