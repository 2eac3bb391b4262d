/**
 * Dates as whole UTC day numbers (days since 1970-01-01): cheap to compare and
 * to turn into the text forms seen in exports. No time zones are involved.
 */

export const MS_PER_DAY = 86_400_000;

export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function parts(day: number): { y: number; m: number; d: number } {
  const dt = new Date(day * MS_PER_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (day + 4) % 7;
}

/** Move a Saturday or Sunday to the following Monday. */
export function toWorkday(day: number): number {
  const w = weekday(day);
  return w === 6 ? day + 2 : w === 0 ? day + 1 : day;
}

export function firstDay(year: number): number {
  return dayOf(year, 1, 1);
}

export function lastDay(year: number): number {
  return dayOf(year, 12, 31);
}

/** The midnight-UTC Date of a day (exceljs writes these as date serials). */
export function toDate(day: number): Date {
  return new Date(day * MS_PER_DAY);
}

/** Excel's 1900-system serial number of a day. */
export function excelSerial(day: number): number {
  return day + 25_569;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** 2025-03-05 */
export function isoDate(day: number): string {
  const { y, m, d } = parts(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** The date forms found in hand-kept registers. */
export const DATE_FORMS = ['iso', 'slash', 'dot', 'zh'] as const;
export type DateForm = (typeof DATE_FORMS)[number];

export function formatDate(day: number, form: DateForm): string {
  const { y, m, d } = parts(day);
  switch (form) {
    case 'iso':
      return `${y}-${pad2(m)}-${pad2(d)}`;
    case 'slash':
      return `${y}/${m}/${d}`;
    case 'dot':
      return `${y}.${m}.${d}`;
    case 'zh':
      return `${y}年${m}月${d}日`;
  }
}
