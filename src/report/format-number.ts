/**
 * One formatter per kind of number, in Chinese and English, for every output of the report
 * (HTML, results.xlsx text cells, chart labels, the announcement). A missing or non-finite value
 * is an em dash everywhere, so a table never shows `NaN`, `null` or a bare `0.94`.
 *
 *   points(88.63)          "88.6"        composite and dimension scores, 1 decimal
 *   percent(0.933)         "93.3%"       a fraction as a percentage
 *   signed(-1.5)           "−1.5"        a change (+, −, and 0.0 without sign)
 *   count(1700)            "1,700"       whole numbers, thousands grouped
 *   rank(3, lang, 20)      "第 3 名（共 20 个）" / "3rd of 20"
 *   rankChange(2, lang)    "上升 2 位" / "up 2"
 *   hours(12.5, lang)      "12.5 小时" / "12.5 h"
 *   yuan(1234, lang)       "1,234 元" / "1,234 yuan"
 *   metricValue(id, v, lang)  a raw indicator value in its unit: "93.3%", "2.9 小时/人·月"
 *   metricUnit(id, lang)  the unit alone ("%", "小时/人·月"); metricNumFmt(id) the xlsx format
 *   formatNumber(kind, v, lang)  the same, chosen by a kind name (for generic table cells)
 */
import { isRate, rawValue, unitText } from '../analyse/messages.js';
import type { Lang } from './labels.js';

export const DASH = '—';
const MINUS = '−';

type Num = number | null | undefined;
const ok = (v: Num): v is number => typeof v === 'number' && Number.isFinite(v);

/** Thousands grouped with commas (both languages: the form Chinese official documents use). */
function grouped(v: number, digits: number): string {
  const [int, frac] = Math.abs(v).toFixed(digits).split('.');
  const body = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  // −0.0 is not a fall
  const negative = v < 0 && Number(Math.abs(v).toFixed(digits)) !== 0;
  return `${negative ? MINUS : ''}${body}${frac ? `.${frac}` : ''}`;
}

/** A score in points: 1 decimal by default (2 where a table shows the composite's parts). */
export const points = (v: Num, digits = 1): string => (ok(v) ? grouped(v, digits) : DASH);

/** A fraction (0.933) as a percentage ("93.3%"). */
export const percent = (fraction: Num, digits = 1): string => (ok(fraction) ? `${grouped(fraction * 100, digits)}%` : DASH);

/** A change: "+3.2", "−1.5", "0.0" (a change that rounds to nothing has no sign). */
export function signed(v: Num, digits = 1): string {
  if (!ok(v)) return DASH;
  const s = grouped(v, digits);
  return Number(Math.abs(v).toFixed(digits)) === 0 ? grouped(0, digits) : v > 0 ? `+${s}` : s;
}

/** A whole number: "1,700". */
export const count = (v: Num): string => (ok(v) ? grouped(Math.round(v), 0) : DASH);

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;

/** A rank, optionally "of n": "第 3 名" / "3rd"; "第 3 名（共 20 个）" / "3rd of 20". */
export function rank(r: Num, lang: Lang, of?: number): string {
  if (!ok(r)) return DASH;
  if (lang === 'en') return of === undefined ? ordinal(r) : `${ordinal(r)} of ${of}`;
  return of === undefined ? `第 ${r} 名` : `第 ${r} 名（共 ${of} 个）`;
}

/** A change of rank, positive = moved up: "上升 2 位" / "下降 1 位" / "持平"; "up 2" / "down 1" / "same". */
export function rankChange(d: Num, lang: Lang): string {
  if (!ok(d)) return DASH;
  if (lang === 'en') return d > 0 ? `up ${d}` : d < 0 ? `down ${-d}` : 'same';
  return d > 0 ? `上升 ${d} 位` : d < 0 ? `下降 ${-d} 位` : '持平';
}

/** Hours: "12.5 小时" / "12.5 h". */
export const hours = (v: Num, lang: Lang, digits = 1): string => (ok(v) ? `${grouped(v, digits)} ${lang === 'en' ? 'h' : '小时'}` : DASH);

/** Money in 元: "1,234 元" / "1,234 yuan" (whole 元 unless asked). */
export const yuan = (v: Num, lang: Lang, digits = 0): string => (ok(v) ? `${grouped(v, digits)} ${lang === 'en' ? 'yuan' : '元'}` : DASH);

/** A raw indicator value in its metric's unit ("93.3%", "2.9 小时/人·月", "2.9 h/member·month"). */
export const metricValue = (metricId: string | null, v: Num, lang: Lang): string => (ok(v) ? rawValue(metricId, v)[lang] : DASH);

/** A metric's unit of measure as a column header would name it: "%", "小时/人·月" / "h/member·month", or "" for counts. */
export const metricUnit = (metricId: string | null, lang: Lang): string => (isRate(metricId) ? '%' : unitText(metricId)[lang].trim());

/** The spreadsheet number format that shows a raw metric value as the report does (rates as percentages). */
export const metricNumFmt = (metricId: string | null): string => (isRate(metricId) ? '0.0%' : '#,##0.0##');

export type NumberKind = 'points' | 'points2' | 'percent' | 'signed' | 'count' | 'rank' | 'rankChange' | 'hours' | 'yuan';

/** A number by kind name (for table cells chosen by column). */
export function formatNumber(kind: NumberKind, v: Num, lang: Lang): string {
  switch (kind) {
    case 'points': return points(v);
    case 'points2': return points(v, 2);
    case 'percent': return percent(v);
    case 'signed': return signed(v);
    case 'count': return count(v);
    case 'rank': return rank(v, lang);
    case 'rankChange': return rankChange(v, lang);
    case 'hours': return hours(v, lang);
    case 'yuan': return yuan(v, lang);
  }
}
