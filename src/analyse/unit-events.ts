/**
 * Unit events of the registry (单位沿革: 合并 / 拆分 / 撤销 / 新设) as the follow-up list and the weak
 * output show them: a unit that disappears gets a line saying why, the absorbing unit a line saying
 * whose data it now carries, a new unit a line saying since when it is assessed.
 *
 * Sources, first found wins: the `unit_events` table (ingest, src/contract/staging-tables.ts: year, unit_id,
 * event merged_into / absorbed / abolished / created / split_into / split_from, other_unit_id); else `unit_aliases(alias, unit_id, event, effective_year)` with
 * `units.valid_from / valid_to`: a merge maps the old name (alias) to the absorbing unit_id; an
 * abolition or creation names the unit itself. A valid_to or valid_from in `units` that no registry
 * line explains still gives an "abolished" / "created" event, so nothing vanishes unexplained.
 */
import type { Db } from '../store/db.js';
import { hasColumn, hasTable } from './eligibility.js';
import * as msg from './messages.js';

export interface UnitEvent {
  unit_id: string;
  kind: msg.UnitEventKind;
  /** First year of the new state (the merge/abolition/creation's effective year). */
  year: number;
  /** The other unit's id (merged into / absorbed from / split into), when known. */
  other_id: string | null;
  text: msg.Text;
}

/** Event names of unit_events (ingest: merged_into, absorbed, split_into, split_from, …) and of unit_aliases (merge, split, …). */
const KIND: Record<string, msg.UnitEventKind> = {
  merge: 'merged', merged: 'merged', merged_into: 'merged', absorbed: 'absorbed', 合并: 'merged', 并入: 'merged',
  split: 'split', split_into: 'split', 拆分: 'split',
  split_from: 'split_from', // a new unit of a split: assessed from that year
  abolish: 'abolished', abolished: 'abolished', 撤销: 'abolished',
  create: 'created', created: 'created', 新设: 'created',
};

/** Every event of every unit, with texts naming the other unit. */
export async function unitEvents(db: Db): Promise<UnitEvent[]> {
  const names = await unitNames(db);
  const raw = (await hasTable(db, 'unit_events')) ? await fromEventsTable(db) : await fromRegistry(db, names);
  const out: UnitEvent[] = [];
  const seen = new Set<string>();
  const push = (unit: string, kind: msg.UnitEventKind, year: number, other: string | null) => {
    const k = `${unit}\u0000${kind}\u0000${year}\u0000${other}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ unit_id: unit, kind, year, other_id: other, text: msg.unitEventText(kind, year, other === null ? null : names.get(other) ?? other) });
  };
  for (const e of raw) {
    push(e.unit_id, e.kind, e.year, e.other_id);
    if (e.kind === 'merged' && e.other_id) push(e.other_id, 'absorbed', e.year, e.unit_id);
  }
  // validity in `units` that no registry line explains (a units table without the columns has none)
  if ((await hasTable(db, 'units')) && (await hasColumn(db, 'units', 'valid_from')) && (await hasColumn(db, 'units', 'valid_to'))) {
    const spans = await db.all<{ unit_id: string; valid_from: number | null; valid_to: number | null }>(
      'select unit_id, max(valid_from) as valid_from, min(valid_to) as valid_to from units group by unit_id order by unit_id',
    );
    for (const s of spans) {
      const has = (kind: msg.UnitEventKind[]) => out.some((e) => e.unit_id === s.unit_id && kind.includes(e.kind));
      if (s.valid_to !== null && !has(['merged', 'abolished', 'split'])) push(s.unit_id, 'abolished', s.valid_to + 1, null);
      if (s.valid_from !== null && !has(['created', 'split_from'])) push(s.unit_id, 'created', s.valid_from, null);
    }
  }
  return out;
}

/** Events that take effect in `year` (the unit's first year in its new state). */
export function eventsOf(events: UnitEvent[], year: number): UnitEvent[] {
  return events.filter((e) => e.year === year);
}

async function unitNames(db: Db): Promise<Map<string, string>> {
  if (!(await hasTable(db, 'units'))) return new Map();
  const rows = await db.all<{ unit_id: string; name: string | null }>('select unit_id, any_value(name) as name from units group by unit_id');
  return new Map(rows.map((r) => [r.unit_id, r.name ?? r.unit_id]));
}

type RawEvent = { unit_id: string; kind: msg.UnitEventKind; year: number; other_id: string | null };

async function fromEventsTable(db: Db): Promise<RawEvent[]> {
  const col = async (...names: string[]) => {
    for (const n of names) if (await hasColumn(db, 'unit_events', n)) return `"${n}"`;
    return 'null';
  };
  const year = await col('effective_year', 'year');
  const other = await col('into_unit_id', 'target_id', 'other_unit_id', 'successor_id', 'absorbing_unit_id');
  const rows = await db.all<{ unit_id: string; event: string; year: number | null; other_id: string | null }>(
    `select unit_id::varchar as unit_id, event::varchar as event, ${year}::integer as year, ${other}::varchar as other_id
     from unit_events order by unit_id, year`,
  );
  return rows.flatMap((r) => {
    const kind = KIND[r.event];
    // renames keep one id across years: nothing to say in a follow-up list
    return kind && r.year !== null ? [{ unit_id: r.unit_id, kind, year: r.year, other_id: r.other_id }] : [];
  });
}

async function fromRegistry(db: Db, names: Map<string, string>): Promise<RawEvent[]> {
  if (!(await hasTable(db, 'unit_aliases'))) return [];
  const rows = await db.all<{ alias: string; unit_id: string; event: string; effective_year: number }>(
    'select alias, unit_id, event, effective_year from unit_aliases order by effective_year, alias',
  );
  const byName = new Map([...names].map(([id, name]) => [name.trim(), id]));
  const out: RawEvent[] = [];
  for (const r of rows) {
    const kind = KIND[r.event];
    if (!kind) continue;
    if (kind === 'merged' || kind === 'split') {
      // the alias is the old unit's name; unit_id the unit its data go to
      const old = byName.get(r.alias.trim()) ?? (names.has(r.alias) ? r.alias : null);
      if (old && old !== r.unit_id) out.push({ unit_id: old, kind, year: r.effective_year, other_id: r.unit_id });
    } else {
      out.push({ unit_id: r.unit_id, kind, year: r.effective_year, other_id: null });
    }
  }
  return out;
}
