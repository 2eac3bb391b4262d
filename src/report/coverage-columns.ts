/**
 * Column headers and source-kind words of the score stage's `score_coverage` table. The columns
 * the report shows get short headers here (the contract's descriptions are sentences); a column
 * added later falls back to the contract's text (src/score/contract.ts).
 */
import { SCORE_CONTRACT } from '../score/contract.js';
import { SOURCE_KIND_LABELS } from '../score/coverage.js';
import type { Lang } from './labels.js';

const KNOWN: Record<string, { zh: string; en: string }> = {
  unit_id: { zh: '单位', en: 'Unit' },
  node_id: { zh: '指标', en: 'Indicator' },
  level: { zh: '层级', en: 'Level' },
  units_total: { zh: '参评单位数', en: 'Units' },
  units_with_data: { zh: '有得分的单位数', en: 'Units with a score' },
  units_scored: { zh: '计算得分的单位数', en: 'Units scored' },
  present_share: { zh: '有数据的权重占比', en: 'Present share of the weight' },
  present_share_min: { zh: '有数据的最低权重占比', en: 'Lowest present share' },
  reason: { zh: '原因', en: 'Reason' },
  min_share: { zh: '缺失阈值', en: 'Missing threshold' },
  metric_id: { zh: '指标数据', en: 'Metric' },
  source_kind: { zh: '数据来源', en: 'Source' },
  source_kinds: { zh: '应补充的数据', en: 'Data that would fill it' },
  kind: { zh: '数据来源', en: 'Source' },
  reason_zh: { zh: '原因', en: 'Reason' },
  reason_en: { zh: '原因', en: 'Reason' },
};

/** Short header: the label above (written for a table header), else the contract's text up to its first bracket, else the name. */
export function coverageHeader(lang: Lang, column: string): string {
  if (KNOWN[column]) return KNOWN[column][lang];
  const doc = SCORE_CONTRACT.find((t) => t.table === 'score_coverage')?.columns.find((c) => c.name === column);
  return (doc && shortHeader(lang === 'en' ? doc.en : doc.zh)) || column;
}

/** A contract description shortened to a table header: up to the first bracket, comma or colon, without trailing ASCII codes. */
export function shortHeader(text: string): string {
  const head = text.split(/[（(，,:：;；]/)[0];
  // Chinese text that ends in codes ("严重程度 high / medium / low") keeps only its Chinese words
  return (/[\u4e00-\u9fff]/.test(head) ? head.replace(/\s+[A-Za-z_][\w\s/|.-]*$/, '') : head).trim();
}

/** "unit_profile,publications" → "单位概况、论文发表". */
export function sourceKindsText(lang: Lang, v: string): string {
  return v.split(',').map((k) => k.trim()).filter(Boolean)
    .map((k) => SOURCE_KIND_LABELS[k]?.[lang] ?? k).join(lang === 'en' ? ', ' : '、');
}
