/**
 * Reference kinds that the facts depend on: the unit list, the unit registry
 * (renames, merges, abolitions, creations) and the member roster. After they are
 * staged, `buildUnitLookup` derives `unit_lookup(name, unit_id, from_year, to_year)`,
 * the one place unit names are resolved, so a renamed unit keeps one id across years.
 */
import { warning, type Issue } from '../errors.js';
import type { Db } from '../store/db.js';
import { quotedIdentifier as q } from '../store/db.js';
import { memberKeySql } from './build-fact-sql.js';
import { KIND_LABELS, type Kind } from '../domain/kinds.js';
import { insertRejects, type StageContext, type StageCounts } from './stage-facts.js';

const col = (present: Set<string>, c: string, type = 'VARCHAR') => (present.has(c) ? q(`${c}__raw`) : `NULL::${type}`);
const parsed = (present: Set<string>, c: string, type = 'INTEGER') => (present.has(c) ? q(c) : `NULL::${type}`);

/** Split candidate rows into loaded / duplicate / rejected and record the rejects. */
async function finish(db: Db, ctx: StageContext, table: string, kind: string, insertSql: string): Promise<StageCounts> {
  await db.run(insertSql, { file: ctx.file });
  await insertRejects(db, kind, ctx, q(table), 'all_errs');
  const counts = await db.one<StageCounts>(`
    SELECT count(*) FILTER (WHERE NOT is_blank) AS read,
           count(*) FILTER (WHERE NOT is_blank AND len(all_errs) = 0 AND NOT is_dup) AS loaded,
           count(*) FILTER (WHERE NOT is_blank AND len(all_errs) = 0 AND is_dup) AS duplicate,
           count(*) FILTER (WHERE NOT is_blank AND len(all_errs) > 0) AS rejected,
           count(*) FILTER (WHERE is_blank) AS blank
    FROM ${q(table)}`);
  await db.run(`DROP TABLE ${q(table)}`);
  return counts!;
}

export async function stageUnits(ctx: StageContext): Promise<StageCounts> {
  const { db, present } = ctx;
  const t = `${ctx.typedTable}_u`;
  await db.run(`
CREATE OR REPLACE TEMP TABLE ${q(t)} AS
WITH base AS (
  SELECT *, coalesce(${col(present, 'unit_code')}, "unit_name__raw") AS unit_id FROM ${q(ctx.typedTable)}
),
ranked AS (
  SELECT *,
    row_number() OVER (PARTITION BY unit_id, "unit_name__raw", ${col(present, 'parent')}, ${col(present, 'unit_type')},
                       ${parsed(present, 'valid_from')}, ${parsed(present, 'valid_to')} ORDER BY source_row) AS rn_exact,
    row_number() OVER (PARTITION BY unit_id ORDER BY source_row) AS rn_id,
    row_number() OVER (PARTITION BY ys_key("unit_name__raw") ORDER BY source_row) AS rn_name
  FROM base WHERE NOT is_blank
)
SELECT *, rn_exact > 1 AS is_dup,
  CASE WHEN len(errs) = 0 AND rn_exact = 1 AND (rn_id > 1 OR rn_name > 1
            OR EXISTS (SELECT 1 FROM units u WHERE u.unit_id = ranked.unit_id OR ys_key(u.name) = ys_key(ranked."unit_name__raw")))
       THEN [{'col': 'unit_name', 'code': 'duplicate_unit', 'value': "unit_name__raw"}]
       ELSE errs END AS all_errs
FROM ranked
UNION ALL
SELECT *, NULL, NULL, NULL, false, errs FROM base WHERE is_blank`);
  return finish(db, ctx, t, 'units', `
INSERT INTO units
SELECT unit_id, "unit_name__raw", ${col(present, 'parent')}, ys_parse_unit_type(${col(present, 'unit_type')}),
       ${col(present, 'unit_type')}, ${parsed(present, 'valid_from')}, ${parsed(present, 'valid_to')}, $file, source_row
FROM ${q(t)} WHERE NOT is_blank AND len(all_errs) = 0 AND NOT is_dup`);
}

/** Parent names or codes → parent ids, once all unit files are staged. Returns unresolved parents. */
export async function resolveParents(db: Db): Promise<{ name: string; parent: string; file: string; row: number }[]> {
  await db.run(`
UPDATE units SET parent_id = p.unit_id
FROM units p
WHERE units.parent_id IS NOT NULL AND p.unit_id <> units.unit_id
  AND (ys_key(units.parent_id) = ys_key(p.name) OR units.parent_id = p.unit_id)`);
  return db.all(`
SELECT u.name, u.parent_id AS parent, u.source_file AS file, u.source_row AS row FROM units u
WHERE u.parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM units p WHERE p.unit_id = u.parent_id)`);
}

export async function stageRegistry(ctx: StageContext): Promise<StageCounts> {
  const { db, present } = ctx;
  const t = `${ctx.typedTable}_r`;
  const target = present.has('new_name') ? `coalesce("new_name__raw", "old_name__raw")` : `"old_name__raw"`;
  await db.run(`
CREATE OR REPLACE TEMP TABLE ${q(t)} AS
WITH base AS (
  SELECT b.*, o.unit_id AS old_id, n.unit_id AS new_id,
    CASE WHEN b.event IN ('abolish', 'create') THEN coalesce(o.unit_id, n.unit_id) ELSE n.unit_id END AS target_id
  FROM ${q(ctx.typedTable)} b
  LEFT JOIN units o ON ys_key(o.name) = ys_key(b."old_name__raw") OR o.unit_id = b."old_name__raw"
  LEFT JOIN units n ON ys_key(n.name) = ys_key(${target}) OR n.unit_id = ${target}
)
SELECT *, false AS is_dup,
  CASE WHEN is_blank OR len(errs) > 0 OR target_id IS NOT NULL THEN errs
       ELSE [{'col': CASE WHEN event IN ('abolish', 'create') THEN 'old_name' ELSE 'new_name' END,
              'code': 'unknown_unit', 'value': CASE WHEN event IN ('abolish', 'create') THEN "old_name__raw" ELSE ${target} END}]
  END AS all_errs
FROM base`);
  const ok = `NOT is_blank AND len(all_errs) = 0`;
  // A merge, split or abolition ends the old unit's own series (docs/unit-changes.md);
  // a creation or a split starts the new unit's one.
  await db.run(`UPDATE units SET valid_to = least(coalesce(units.valid_to, 9999), r.effective_year - 1)
    FROM ${q(t)} r WHERE ${ok} AND r.event IN ('abolish', 'merge', 'split') AND units.unit_id = r.old_id`);
  await db.run(`UPDATE units SET valid_from = greatest(coalesce(units.valid_from, 0), r.effective_year)
    FROM ${q(t)} r WHERE ${ok} AND r.event IN ('create', 'split') AND units.unit_id = r.target_id`);
  return finish(db, ctx, t, 'unit_registry', `
INSERT INTO unit_aliases
SELECT "old_name__raw", target_id, event, effective_year, $file, source_row FROM ${q(t)} WHERE ${ok}`);
}

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

/** Chains can loop only through a registry that contradicts itself; this many steps end them. */
const MAX_CHAIN = 20;

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

/**
 * Member roster: one row per membership span; overlapping spans of one person are rejected.
 * A span's unit is resolved as of its start (a span without a start date: as of the first year
 * the name means a unit), else of its end, else of today, so a member of a unit merged later
 * keeps the old unit before the merge. A span that runs across a merge is
 * stored as two (splitSpansAtMerges), so the absorbing unit's headcount and member-months
 * include the merged unit's members from then on.
 */
export async function stageMembers(ctx: StageContext): Promise<StageCounts> {
  const { db, present } = ctx;
  const t = `${ctx.typedTable}_m`;
  const person = `coalesce(${present.has('person_id') ? `'id:' || "person_id__raw"` : 'NULL'}, ${present.has('person_name') ? `'name:' || "person_name__raw"` : 'NULL'})`;
  const from = parsed(present, 'from_date', 'DATE');
  const to = parsed(present, 'to_date', 'DATE');
  await db.run(`
CREATE OR REPLACE TEMP TABLE ${q(t)} AS
WITH keyed AS (
  SELECT b.*, ${memberKeySql(person, ctx.keepNames)} AS member_key, coalesce(lk.unit_id, lk_end.unit_id) AS unit_id,
         known.name IS NOT NULL AS unit_known, ended.end_code,
         coalesce(${from}, DATE '1900-01-01') AS span_from, coalesce(${to}, DATE '9999-12-31') AS span_to
  FROM ${q(ctx.typedTable)} b
  LEFT JOIN (SELECT name, min(from_year) AS first_year FROM unit_lookup GROUP BY name) known ON known.name = ys_key(b."unit_name__raw")
  LEFT JOIN unit_lookup lk ON lk.name = ys_key(b."unit_name__raw")
       AND coalesce(year(${from}), known.first_year) BETWEEN lk.from_year AND lk.to_year
  LEFT JOIN unit_lookup lk_end ON lk_end.name = ys_key(b."unit_name__raw")
       AND year(coalesce(${to}, ${from}, current_date)) BETWEEN lk_end.from_year AND lk_end.to_year
  LEFT JOIN unit_end_names ended ON ended.name = ys_key(b."unit_name__raw")
       AND coalesce(year(${from}), known.first_year) >= ended.end_year
),
checked AS (
  SELECT *,
    CASE WHEN is_blank OR len(errs) > 0 OR unit_id IS NOT NULL THEN errs
         WHEN unit_known THEN [{'col': 'unit_name', 'code': coalesce(end_code, 'unit_not_valid'), 'value': "unit_name__raw"}]
         ELSE [{'col': 'unit_name', 'code': 'unknown_unit', 'value': "unit_name__raw"}] END AS errs1
  FROM keyed
),
overlapping AS (
  SELECT DISTINCT a.source_row FROM checked a JOIN checked b
    ON a.member_key = b.member_key AND a.source_row > b.source_row
   AND len(a.errs1) = 0 AND len(b.errs1) = 0 AND NOT a.is_blank AND NOT b.is_blank
   AND a.span_from <= b.span_to AND b.span_from <= a.span_to
   AND NOT (a.unit_id = b.unit_id AND a.span_from = b.span_from AND a.span_to = b.span_to)
)
SELECT c.*,
  (len(c.errs1) = 0 AND row_number() OVER (PARTITION BY c.member_key, c.unit_id, c.span_from, c.span_to, len(c.errs1) = 0 ORDER BY c.source_row) > 1) AS is_dup,
  CASE WHEN o.source_row IS NOT NULL THEN [{'col': 'from_date', 'code': 'overlapping_membership', 'value': CAST(c.span_from AS VARCHAR)}]
       ELSE c.errs1 END AS all_errs
FROM checked c LEFT JOIN overlapping o USING (source_row)`);
  const counts = await finish(db, ctx, t, 'members', `
INSERT INTO members
SELECT member_key, unit_id, ${col(present, 'role')}, ys_is_leader_role(${col(present, 'role')}), ${from}, ${to},
       ${ctx.keepNames && present.has('person_name') ? '"person_name__raw"' : 'NULL'}, $file, source_row
FROM ${q(t)} WHERE NOT is_blank AND len(all_errs) = 0 AND NOT is_dup`);
  await splitSpansAtMerges(db, ctx.file);
  return counts;
}

/**
 * Spans of this file running across a merge of their unit: cut on 31 December before the
 * effective year, continued in the absorbing unit from 1 January (again if that unit was
 * merged later too). Both days inclusive, as facts are matched to spans and as the overlap
 * check reads them.
 */
async function splitSpansAtMerges(db: Db, file: string): Promise<void> {
  for (let i = 0; i < MAX_CHAIN; i++) {
    await db.run(`
CREATE OR REPLACE TEMP TABLE ys_crossing AS
SELECT m.rowid AS rid, v.successor_id, make_date(v.end_year, 1, 1) AS merge_day
FROM members m JOIN unit_validity v ON v.unit_id = m.unit_id
WHERE m.source_file = $file AND v.successor_id IS NOT NULL
  AND coalesce(m.from_date, DATE '1900-01-01') < make_date(v.end_year, 1, 1)
  AND coalesce(m.to_date, DATE '9999-12-31') >= make_date(v.end_year, 1, 1)`, { file });
    const n = await db.one<{ n: number }>('SELECT count(*) AS n FROM ys_crossing');
    if (!Number(n?.n)) break;
    await db.run(`
INSERT INTO members
SELECT m.member_key, c.successor_id, m.role, m.is_leader, c.merge_day, m.to_date, m.member_label, m.source_file, m.source_row
FROM members m JOIN ys_crossing c ON m.rowid = c.rid`);
    await db.run('UPDATE members SET to_date = c.merge_day - 1 FROM ys_crossing c WHERE members.rowid = c.rid');
  }
  await db.run('DROP TABLE IF EXISTS ys_crossing');
}
