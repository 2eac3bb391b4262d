/**
 * A flag's value and reference (the line, median or floor it was judged against) as a reader
 * should see them: a red line's in the metric's unit ("70.7%", "2.9 小时/人·月"), every other
 * rule's in score points to one decimal. The analyse stage stores both as bare numbers.
 */
import { metricValue, points } from './format-number.js';
import type { Lang } from './labels.js';

/** The metric a rule id judges ("red_line:attendance_rate" → attendance_rate), or null for score rules. */
export function ruleMetric(ruleId: unknown): string | null {
  const [base, ...rest] = String(ruleId ?? '').split(':');
  return base === 'red_line' && rest.length ? rest.join(':') : null;
}

export function flagNumber(lang: Lang, r: Record<string, unknown>, column: 'value' | 'reference'): string {
  const v = r[column];
  const n = typeof v === 'number' ? v : null;
  const metric = ruleMetric(r.rule_id);
  return metric ? metricValue(metric, n, lang) : points(n);
}
