/**
 * How many units a chart with one row (or line) per unit shows. At 2,000 units a full ranking chart
 * is 40,000 px tall, its SVG 2–8 MB and its PNG over a minute to draw, and nobody reads it: above
 * CHART_MAX_UNITS a chart shows the best and the worst by rank, says how many it leaves out, and
 * the full list is the ranking table (searchable, paginated).
 */
export const CHART_MAX_UNITS = 60;

export interface ChartUnits {
  /** Units drawn, in the order given (best half first, then worst half). */
  shown: string[];
  /** All units the chart could show. */
  total: number;
  /** Units left out (0 when all are drawn). */
  omitted: number;
}

/**
 * `order`: units best first (rank order). Keeps all when they fit; else the first ⌈max/2⌉ and the
 * last ⌊max/2⌋. `worstOnly`: the last `max` instead (a chart about who needs attention).
 */
export function chartUnits(order: readonly string[], max = CHART_MAX_UNITS, worstOnly = false): ChartUnits {
  const total = order.length;
  if (total <= max) return { shown: [...order], total, omitted: 0 };
  const shown = worstOnly ? order.slice(total - max) : [...order.slice(0, Math.ceil(max / 2)), ...order.slice(total - Math.floor(max / 2))];
  return { shown, total, omitted: total - shown.length };
}
