/**
 * How many units a chart with one row (or line) per unit shows. At 2,000 units a full ranking chart
 * is 40,000 px tall, its SVG 2–8 MB and its PNG over a minute to draw, and nobody reads it: above
 * CHART_MAX_UNITS a chart shows the best and the worst by rank, says how many it leaves out, and
 * the full list is the ranking table (searchable, paginated).
 */
import { count } from '../format-number.js';

export const CHART_MAX_UNITS = 60;

export interface ChartUnits {
  /** Units drawn, in the order given (best half first, then worst half). */
  shown: string[];
  /** All units the chart could show. */
  total: number;
  /** Units left out (0 when all are drawn). */
  omitted: number;
  /** Only the worst were kept (else the best and the worst halves). */
  worstOnly: boolean;
}

/**
 * `order`: units best first (rank order). Keeps all when they fit; else the first ⌈max/2⌉ and the
 * last ⌊max/2⌋. `worstOnly`: the last `max` instead (a chart about who needs attention).
 */
export function chartUnits(order: readonly string[], max = CHART_MAX_UNITS, worstOnly = false): ChartUnits {
  const total = order.length;
  if (total <= max) return { shown: [...order], total, omitted: 0, worstOnly };
  const shown = worstOnly ? order.slice(total - max) : [...order.slice(0, Math.ceil(max / 2)), ...order.slice(total - Math.floor(max / 2))];
  return { shown, total, omitted: total - shown.length, worstOnly };
}

/** The rows of `rows` whose unit (`idOf`) the chart draws, in their own order. */
export function chartedRows<T>(rows: readonly T[], idOf: (r: T) => string, cu: ChartUnits): T[] {
  const shown = new Set(cu.shown);
  return rows.filter((r) => shown.has(idOf(r)));
}

/** The line under a chart that shows only some units (zh / en); null when it shows all. */
export function chartUnitsNote(cu: ChartUnits, lang: 'zh' | 'en'): string | null {
  if (!cu.omitted) return null;
  const { worstOnly } = cu;
  const n = cu.shown.length;
  const total = count(cu.total);
  if (lang === 'en') {
    return worstOnly ? `${total} units; the chart shows the last ${n} by rank; the ranking table lists every unit`
      : `${total} units; the chart shows the first ${Math.ceil(n / 2)} and the last ${Math.floor(n / 2)} by rank; the ranking table lists every unit`;
  }
  return worstOnly ? `共 ${total} 个单位，图中为排名最后 ${n} 个；全部单位见综合得分排名表`
    : `共 ${total} 个单位，图中为排名前 ${Math.ceil(n / 2)} 名和后 ${Math.floor(n / 2)} 名；全部单位见综合得分排名表`;
}

/** A Vega-Lite title carrying that line (spread into a spec: `...chartUnitsTitle(cu, lang)`). */
export function chartUnitsTitle(cu: ChartUnits, lang: 'zh' | 'en'): { title?: { text: string; fontSize: number; fontWeight: 'normal'; color: string } } {
  const note = chartUnitsNote(cu, lang);
  return note ? { title: { text: note, fontSize: 11, fontWeight: 'normal', color: '#656d76' } } : {};
}
