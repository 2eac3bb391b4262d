/**
 * The unit changes between the two years of a comparison (单位沿革: 合并 / 拆分 / 撤销 / 新设), printed
 * under the compare table: a unit scored in the base year but not in the year (merged away,
 * abolished, split) gets a line saying why, and a unit whose data now include another's (absorbed)
 * or that is new gets one too, so nobody disappears from the comparison silently.
 * Events come from unit-events.ts (the ingest's unit_events table; docs/unit-changes.md).
 */
import type { Db } from '../store/db.js';
import { unitEvents, type UnitEvent } from './unit-events.js';

/** Events that took effect after `baseYear`, up to `year`. */
export async function compareEvents(db: Db, year: number, baseYear: number | undefined): Promise<UnitEvent[]> {
  const from = baseYear ?? year - 1;
  return (await unitEvents(db)).filter((e) => e.year > from && e.year <= year);
}

/** One line per event, the unit by name: "外汇管理科: 2025 年起并入货币信贷科，不再单独评价 / merged into …". */
export function formatCompareEvents(events: UnitEvent[], names?: Map<string, string>): string {
  if (!events.length) return '';
  const name = (u: string) => names?.get(u) ?? u;
  const sorted = [...events].sort((a, b) => a.year - b.year || name(a.unit_id).localeCompare(name(b.unit_id)));
  return ['单位变动 / unit changes:', ...sorted.map((e) => `  ${name(e.unit_id)}: ${e.text.zh} / ${e.text.en}`)].join('\n');
}
