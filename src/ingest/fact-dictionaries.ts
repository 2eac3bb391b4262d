/**
 * The fact path's dictionaries (build-fact-sql.ts plans them): built, checked, and
 * replanned one per column when the shared one would be too big.
 */
import type { Db } from '../store/db.js';
import { quotedIdentifier as q } from '../store/db.js';
import { YardstickError } from '../errors.js';
import { COMBINED_MAX, dictionarySql, keyColumns, planFact, type Dictionary, type FactPlan, type FactSqlContext } from './build-fact-sql.js';
import { PACK_SEPARATOR, type Pack } from './raw-table.js';
import { separatorInCell } from './read-messages.js';

export interface DictionaryOptions {
  declaredYear: number;
  /** Where to plan again, one dictionary per column, when the shared one is too big. */
  fallback: FactSqlContext;
  /** For messages. */
  file: string;
  headers: string[];
  /** Entries allowed in the shared dictionary (COMBINED_MAX). */
  max?: number;
}

/**
 * Build the plan's dictionaries. A packed key must split into its columns (else a
 * cell held the separator itself). When the shared dictionary would have more than
 * `max` entries, plan again over `fallback` with one dictionary per column: seen in
 * the first rows first (cleaning a million combinations only to drop them cost 1.5 s
 * per 1M rows), else from the exact size once built.
 */
export async function buildDictionaries(db: Db, plan: FactPlan, o: DictionaryOptions): Promise<FactPlan> {
  const max = o.max ?? COMBINED_MAX;
  if (plan.combined && (await approxKeys(db, plan, plan.combined)) > max) return separately(db, plan, o, []);
  await build(db, plan, o);
  for (const d of plan.dicts) if (d.pack) await checkPackParts(db, plan, d.pack, o, d.table);
  if (!plan.combined) return plan;
  const size = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${q(plan.combined.table)}`);
  return Number(size?.n) <= max ? plan : separately(db, plan, o, plan.dicts);
}

async function build(db: Db, plan: FactPlan, o: DictionaryOptions): Promise<void> {
  for (const d of plan.dicts) await db.run(dictionarySql(plan, d), { declared_year: o.declaredYear });
}

/** The fallback: drop what was built, check the packs row by row (the view will split them), one dictionary per column. */
async function separately(db: Db, plan: FactPlan, o: DictionaryOptions, built: Dictionary[]): Promise<FactPlan> {
  for (const d of built) await db.run(`DROP TABLE ${q(d.table)}`);
  for (const pack of plan.ctx.packs ?? []) await checkPackParts(db, plan, pack, o);
  const separate = planFact(plan.kind, o.fallback, { combine: false });
  await build(db, separate, o);
  return separate;
}

/**
 * Distinct keys of a dictionary among the first rows: a lower bound of its size, at
 * no cost worth measuring (a HyperLogLog pass over all rows cost 0.08 s per 10M).
 * A file with a topic per row shows it in its first rows already.
 */
async function approxKeys(db: Db, plan: FactPlan, d: Dictionary, rows = 200_000): Promise<number> {
  const keys = keyColumns(plan, d).map((k) => q(k));
  const n = await db.one<{ n: number }>(`SELECT count(*) AS n FROM (SELECT DISTINCT ${keys.join(', ')} FROM (SELECT * FROM ${q(plan.ctx.rawTable)} LIMIT ${rows}))`);
  return Number(n?.n ?? 0);
}

/**
 * Refuse a pack whose text does not split into its columns: some cell held U+001F.
 * Tested on a dictionary's distinct keys when there is one, else on every row.
 * Names the first such row.
 */
async function checkPackParts(db: Db, plan: FactPlan, pack: Pack, o: DictionaryOptions, dictionary?: string): Promise<void> {
  const wrong = (k: string) => `len(string_split(${k}, ${PACK_SEPARATOR})) <> ${pack.cols.length}`;
  const rows = `SELECT min(source_row) AS row FROM ${q(plan.ctx.rawTable)} WHERE ${wrong(q(pack.name))}`;
  if (dictionary) {
    const bad = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${q(dictionary)} WHERE ${wrong('k0')}`);
    if (!Number(bad?.n)) return;
  }
  const row = await db.one<{ row: number | null }>(rows);
  if (row?.row == null) return;
  throw new YardstickError([separatorInCell(o.file, Number(row.row), pack.cols.map((i) => o.headers[i] ?? `c${i}`))]);
}
