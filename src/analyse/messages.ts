/** Every reason text of the analyse stage, Chinese and English, with its numbers. */
import { metricInfo } from '../metrics/catalog.js';

export type Text = { zh: string; en: string };

export const f1 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(1));

/** A raw metric value in its catalog unit: rates as percentages. */
export function rawValue(metric: string | null, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const info = metric ? metricInfo(metric) : undefined;
  if (info?.rate || info?.unit === 'fraction') return `${(v * 100).toFixed(0)}%`;
  const s = Number.isInteger(v) ? String(v) : v.toFixed(1);
  return info && !['count', 'value', 'rows'].includes(info.unit) && !/^\d/.test(info.unit) ? `${s} ${info.unit}` : s;
}

export function metricLabel(metric: string): Text {
  return metricInfo(metric)?.label ?? { zh: metric, en: metric };
}

export interface Driver {
  label: Text;
  metric: string | null;
  raw: number | null;
  target: number | null;
  /** Points of the composite lost against the peer median contribution (negative). */
  gap: number;
}

export function drivers(ds: Driver[]): Text {
  if (!ds.length) return { zh: '', en: '' };
  const zh = ds
    .map((d) => `${d.label.zh} ${rawValue(d.metric, d.raw)}${d.target !== null ? `（目标 ${rawValue(d.metric, d.target)}）` : ''}，比同类中位数少 ${f1(-d.gap)} 分`)
    .join('；');
  const en = ds
    .map((d) => `${d.label.en} ${rawValue(d.metric, d.raw)}${d.target !== null ? ` (target ${rawValue(d.metric, d.target)})` : ''}, ${f1(-d.gap)} points below the peer median`)
    .join('; ');
  return { zh: `拉低最多的指标：${zh}`, en: `indicators pulling it down most: ${en}` };
}

const join = (a: Text, b: Text): Text =>
  b.zh ? { zh: `${a.zh}；${b.zh}`, en: `${a.en}; ${b.en}` } : a;

export function lowestGradeReason(score: number, grade: string, min: number | null, more: Text): Text {
  return join(
    {
      zh: `综合得分 ${f1(score)}，等级为最低档“${grade}”${min !== null ? `（低于 ${f1(min)} 分）` : ''}`,
      en: `composite ${f1(score)} is in the lowest grade “${grade}”${min !== null ? ` (below ${f1(min)})` : ''}`,
    },
    more,
  );
}

export function bottomReason(score: number, rank: number, n: number, count: number, quantile: number | null, more: Text): Text {
  const zhq = quantile !== null ? `末 ${Math.round(quantile * 100)}%（后 ${count} 名）` : `后 ${count} 名`;
  const enq = quantile !== null ? `the bottom ${Math.round(quantile * 100)}% (last ${count})` : `the last ${count}`;
  return join({ zh: `综合得分 ${f1(score)}，排名 ${rank}/${n}，处于${zhq}`, en: `composite ${f1(score)}, rank ${rank} of ${n}, in ${enq}` }, more);
}

export function peerGapReason(
  node: Text, score: number, median: number, mad: number, peers: Text, drag: number | null, more: Text,
): Text {
  return join(
    {
      zh: `${node.zh} ${f1(score)}，${peers.zh}中位数 ${f1(median)}（MAD ${f1(mad)}）${drag !== null ? `；拖累综合得分 ${f1(drag)} 分` : ''}`,
      en: `${node.en} ${f1(score)}, ${peers.en} median ${f1(median)} (MAD ${f1(mad)})${drag !== null ? `; costs the composite ${f1(drag)} points` : ''}`,
    },
    more,
  );
}

export function decliningReason(node: Text, history: { year: number; score: number; rank: number }[], by: 'score' | 'rank', more: Text): Text {
  const path = history.map((h) => (by === 'rank' ? `${h.year} 第 ${h.rank} 名` : `${h.year} ${f1(h.score)}`)).join(' → ');
  const pathEn = history.map((h) => (by === 'rank' ? `${h.year} #${h.rank}` : `${h.year} ${f1(h.score)}`)).join(' → ');
  const n = history.length - 1;
  const what = by === 'rank' ? { zh: '名次', en: ' rank' } : { zh: '', en: '' };
  return join({ zh: `${node.zh}${what.zh}连续 ${n} 年下降：${path}`, en: `${node.en}${what.en} declined ${n} years running: ${pathEn}` }, more);
}

const OPS_ZH: Record<string, string> = { '<': '低于', '<=': '不高于', '>': '高于', '>=': '不低于', '=': '等于', '!=': '不等于' };
const OPS_EN: Record<string, string> = { '<': 'below', '<=': 'at most', '>': 'above', '>=': 'at least', '=': 'equal to', '!=': 'not equal to' };

export function redLineReason(label: Text, metric: string, value: number, op: string, line: number, target: number | null): Text {
  const t = target !== null ? { zh: `（目标 ${rawValue(metric, target)}）`, en: ` (target ${rawValue(metric, target)})` } : { zh: '', en: '' };
  return {
    zh: `${label.zh} ${rawValue(metric, value)}${t.zh}，${OPS_ZH[op]}红线 ${rawValue(metric, line)}`,
    en: `${label.en} ${rawValue(metric, value)}${t.en} is ${OPS_EN[op]} the red line ${rawValue(metric, line)}`,
  };
}

export const PEERS_SAME_TYPE = (type: string): Text => ({ zh: `同类（${type}）`, en: `peer (${type})` });
export const PEERS_ALL: Text = { zh: '全体单位', en: 'all-unit' };
