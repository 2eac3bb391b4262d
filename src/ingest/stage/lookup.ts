/**
 * After the unit list and the registry are staged: `unit_lookup(name, unit_id, from_year,
 * to_year, via)`, the one place unit names are resolved (a renamed unit keeps one id across
 * years), why a unit or name stops resolving (unit_validity, unit_end_names), the persistent
 * unit_events, and the reasons of rejects of ended units.
 */
import { warning, type Issue } from '../../errors.js';
import type { Db } from '../../store/db.js';
import { KIND_LABELS, type Kind } from '../../domain/kinds.js';
import { MAX_CHAIN } from './members.js';

/**
 * Names → unit ids by year. A rename maps the old name to the unit for every year
 * (one id across years); a merge maps the old name (and the old unit's code) to the
 * absorbing unit from the effective year on, while the old unit keeps its own rows
 * before. A split maps nothing: the old name after the split cannot be attributed
 * (unitEnds gives the reason). Codes resolve too. `via` says how a name resolved
 * (own | rename | merge): a unit profile keeps the flags of the unit's own row only.
 */
export async function buildUnitLookup(db: Db): Promise<void> {
  await db.run(`
CREATE OR REPLACE TEMP TABLE unit_lookup AS
WITH own AS (
  SELECT ys_key(name) AS name, unit_id, coalesce(valid_from, 0) AS from_year, coalesce(valid_to, 9999) AS to_year FROM units
  UNION ALL
  SELECT ys_key(unit_id), unit_id, coalesce(valid_from, 0), coalesce(valid_to, 9999) FROM units WHERE ys_key(unit_id) <> ys_key(name)
),
merged_codes AS (
  SELECT ys_key(o.unit_id) AS name, a.unit_id, a.effective_year AS from_year
  FROM unit_aliases a JOIN units o ON ys_key(o.name) = ys_key(a.alias) AND o.unit_id <> a.unit_id
  WHERE a.event = 'merge' AND ys_key(o.unit_id) <> ys_key(a.alias)
),
aliases AS (
  SELECT ys_key(alias) AS name, unit_id,
         CASE WHEN event = 'rename' THEN 0 ELSE effective_year END AS from_year, 9999 AS to_year, event AS via
  FROM unit_aliases WHERE event IN ('rename', 'merge')
  UNION ALL
  SELECT name, unit_id, from_year, 9999, 'merge' FROM merged_codes
)
SELECT *, 'own' AS via FROM own WHERE name NOT IN (SELECT name FROM aliases WHERE from_year = 0)
UNION ALL SELECT * FROM aliases`);
  await buildUnitEnds(db);
  await followMergeChains(db);
  await buildUnitEndNames(db);
  await buildUnitEvents(db);
}


/**
 * A merged name whose absorbing unit is itself merged later (A into B, then B into C) means
 * the last absorbing unit from that later year on: the lookup row is cut there and continued
 * with the next unit, as often as the chain is long.
 */
async function followMergeChains(db: Db): Promise<void> {
  for (let i = 0; i < MAX_CHAIN; i++) {
    await db.run(`
CREATE OR REPLACE TEMP TABLE ys_chain AS
SELECT l.rowid AS rid, l.name, v.successor_id, v.end_year, l.to_year
FROM unit_lookup l JOIN unit_validity v ON v.unit_id = l.unit_id
WHERE l.via = 'merge' AND v.successor_id IS NOT NULL AND v.end_year > l.from_year AND v.end_year <= l.to_year`);
    const n = await db.one<{ n: number }>('SELECT count(*) AS n FROM ys_chain');
    if (!Number(n?.n)) break;
    await db.run(`UPDATE unit_lookup SET to_year = c.end_year - 1 FROM ys_chain c WHERE unit_lookup.rowid = c.rid`);
    await db.run(`INSERT INTO unit_lookup SELECT name, successor_id, end_year, to_year, 'merge' FROM ys_chain`);
  }
  await db.run('DROP TABLE IF EXISTS ys_chain');
}

/**
 * Why a unit or a name stops resolving, for the reject reason (docs/unit-changes.md):
 *   unit_validity(unit_id, from_year, to_year, end_year, end_code, successor_id, registry_file, registry_row)
 *     one row per unit; end_code unit_abolished | unit_split | unit_merged when a registry
 *     line ended the unit's series (the first such line), else NULL; successor_id: the
 *     absorbing unit of a merge.
 *   unit_end_names(name, unit_id, end_year, end_code): one row per name key of an ended unit
 *     (its name, code and rename aliases), for rows whose name no longer resolves.
 */
async function buildUnitEnds(db: Db): Promise<void> {
  await db.run(`
CREATE OR REPLACE TEMP TABLE unit_validity AS
WITH ends AS (
  SELECT o.unit_id, a.effective_year AS end_year,
         CASE a.event WHEN 'abolish' THEN 'unit_abolished' WHEN 'split' THEN 'unit_split' ELSE 'unit_merged' END AS end_code,
         CASE WHEN a.event = 'merge' THEN a.unit_id END AS successor_id,
         a.source_file AS registry_file, a.source_row AS registry_row
  FROM unit_aliases a JOIN units o ON ys_key(o.name) = ys_key(a.alias) OR o.unit_id = a.alias
  WHERE a.event IN ('abolish', 'merge', 'split') AND (a.event = 'abolish' OR o.unit_id <> a.unit_id)
  QUALIFY row_number() OVER (PARTITION BY o.unit_id ORDER BY a.effective_year, a.source_file, a.source_row) = 1
)
SELECT u.unit_id, coalesce(u.valid_from, 0) AS from_year, coalesce(u.valid_to, 9999) AS to_year,
       e.end_year, e.end_code, e.successor_id, e.registry_file, e.registry_row
FROM units u LEFT JOIN ends e USING (unit_id)`);
}

/** See buildUnitEnds: once the lookup is complete. */
async function buildUnitEndNames(db: Db): Promise<void> {
  await db.run(`
CREATE OR REPLACE TEMP TABLE unit_end_names AS
SELECT l.name, v.unit_id, v.end_year, v.end_code
FROM unit_lookup l JOIN unit_validity v ON v.unit_id = l.unit_id AND v.end_code IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY l.name ORDER BY v.end_year DESC, v.unit_id) = 1`);
}

/** The registry as events per unit and year: the persistent unit_events table (contract in src/store/contract.ts). */
async function buildUnitEvents(db: Db): Promise<void> {
  await db.run('DELETE FROM unit_events');
  await db.run(`
INSERT INTO unit_events
WITH lines AS (
  SELECT a.*, o.unit_id AS old_id, o.name AS old_name, n.name AS new_name
  FROM unit_aliases a
  LEFT JOIN units o ON (ys_key(o.name) = ys_key(a.alias) OR o.unit_id = a.alias) AND a.event <> 'rename'
  LEFT JOIN units n ON n.unit_id = a.unit_id
  QUALIFY row_number() OVER (PARTITION BY a.source_file, a.source_row ORDER BY o.unit_id) = 1
),
events AS (
  SELECT effective_year, old_id AS unit_id, 'merged_into' AS event, unit_id AS other, '并入' || new_name AS zh, 'merged into ' || new_name AS en, source_file, source_row
  FROM lines WHERE event = 'merge' AND old_id IS NOT NULL
  UNION ALL
  SELECT effective_year, unit_id, 'absorbed', old_id, coalesce(old_name, alias) || '并入', 'absorbed ' || coalesce(old_name, alias), source_file, source_row
  FROM lines WHERE event = 'merge'
  UNION ALL
  SELECT effective_year, unit_id, 'abolished', NULL, '撤销', 'abolished', source_file, source_row FROM lines WHERE event = 'abolish'
  UNION ALL
  SELECT effective_year, unit_id, 'created', NULL, '新设', 'created', source_file, source_row FROM lines WHERE event = 'create'
  UNION ALL
  SELECT effective_year, old_id, 'split_into', unit_id, '拆分为' || new_name, 'split into ' || new_name, source_file, source_row
  FROM lines WHERE event = 'split' AND old_id IS NOT NULL
  UNION ALL
  SELECT effective_year, unit_id, 'split_from', old_id, '由' || coalesce(old_name, alias) || '拆分新设', 'created by splitting ' || coalesce(old_name, alias), source_file, source_row
  FROM lines WHERE event = 'split'
  UNION ALL
  SELECT effective_year, unit_id, 'renamed', NULL, '由' || alias || '更名', 'renamed from ' || alias, source_file, source_row FROM lines WHERE event = 'rename'
)
SELECT effective_year, unit_id, event, other, zh, en, source_file, source_row FROM events WHERE unit_id IS NOT NULL`);
}

/**
 * Rejects of ended units (unit_abolished, unit_split, unit_merged) name the registry
 * line that ended the unit: file, row and event. Matched on the rejected cell (a name
 * or a unit code) through unit_end_names; only this run's files (earlier rows have theirs).
 * Returns one warning per ended unit with its rejected rows, for the run summary: a unit's
 * data never disappear without a line saying why.
 */
export async function explainUnitRejects(db: Db, runId: string): Promise<Issue[]> {
  await db.run(`
CREATE OR REPLACE TEMP TABLE ys_unit_end_rejects AS
SELECT DISTINCT r.source_file, r.sheet, r.source_row, r.kind, e.*
FROM rejects r JOIN (
  SELECT n.name AS key, u.name, v.end_year, v.registry_file, v.registry_row, v.end_code,
         CASE v.end_code WHEN 'unit_abolished' THEN '撤销' WHEN 'unit_split' THEN '拆分' ELSE '合并' END AS what_zh,
         CASE v.end_code WHEN 'unit_abolished' THEN 'abolished' WHEN 'unit_split' THEN 'split' ELSE 'merged' END AS what_en
  FROM unit_end_names n JOIN unit_validity v USING (unit_id) JOIN units u USING (unit_id)
) e ON r.code = e.end_code AND ys_key(r.value) = e.key
WHERE r.source_file IN (SELECT source_file FROM manifest WHERE run_id = $run)`, { run: runId });
  await db.run(`
UPDATE rejects SET
  reason_zh = reason_zh || '：' || e.name || ' 自 ' || e.end_year || ' 年' || e.what_zh || '（见 ' || e.registry_file || ' 第 ' || e.registry_row || ' 行）',
  reason_en = reason_en || ': ' || e.name || ' ' || e.what_en || ' from ' || e.end_year || ' (see ' || e.registry_file || ' row ' || e.registry_row || ')'
FROM ys_unit_end_rejects e
WHERE rejects.source_file = e.source_file AND rejects.sheet = e.sheet AND rejects.source_row = e.source_row AND rejects.code = e.end_code`);
  const ended = await db.all<{ name: string; what_zh: string; what_en: string; end_year: number; file: string; row: number; n: number; kinds: string[] }>(`
    SELECT name, what_zh, what_en, end_year, registry_file AS file, registry_row AS row, count(*)::INTEGER AS n, list(DISTINCT kind ORDER BY kind) AS kinds
    FROM ys_unit_end_rejects GROUP BY ALL ORDER BY name`);
  await db.run('DROP TABLE ys_unit_end_rejects');
  return ended.map((u) => warning('unit_change_rejects',
    `${u.name} 自 ${u.end_year} 年${u.what_zh}：${u.n} 行数据不予计入（${u.kinds.map((k) => KIND_LABELS[k as Kind]?.zh ?? k).join('、')}），明细见 rejects.csv / ` +
    `${u.name} ${u.what_en} from ${u.end_year}: ${u.n} rows not counted (${u.kinds.join(', ')}), listed in rejects.csv`,
    { file: u.file, row: u.row }));
}
