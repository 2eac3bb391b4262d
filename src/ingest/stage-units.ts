/**
 * Reference kinds that the facts depend on: the unit list, the unit registry
 * (renames, merges, abolitions, creations) and the member roster. After they are
 * staged, `buildUnitLookup` derives `unit_lookup(name, unit_id, from_year, to_year)`,
 * the one place unit names are resolved, so a renamed unit keeps one id across years.
 */
import type { Db } from '../store/db.js';
import { quotedIdentifier as q } from '../store/db.js';
import { memberKeySql } from './build-fact-sql.js';
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
  // A merge or abolition ends the old unit's own series; a creation starts one.
  await db.run(`UPDATE units SET valid_to = least(coalesce(units.valid_to, 9999), r.effective_year - 1)
    FROM ${q(t)} r WHERE ${ok} AND r.event IN ('abolish', 'merge') AND units.unit_id = r.old_id`);
  await db.run(`UPDATE units SET valid_from = greatest(coalesce(units.valid_from, 0), r.effective_year)
    FROM ${q(t)} r WHERE ${ok} AND r.event = 'create' AND units.unit_id = r.target_id`);
  return finish(db, ctx, t, 'unit_registry', `
INSERT INTO unit_aliases
SELECT "old_name__raw", target_id, event, effective_year, $file, source_row FROM ${q(t)} WHERE ${ok}`);
}

/**
 * Names → unit ids by year. A rename maps the old name to the unit for every year
 * (one id across years); a merge maps it to the absorbing unit from the effective
 * year on, while the old unit keeps its own rows before. Codes resolve too.
 */
export async function buildUnitLookup(db: Db): Promise<void> {
  await db.run(`
CREATE OR REPLACE TEMP TABLE unit_lookup AS
WITH own AS (
  SELECT ys_key(name) AS name, unit_id, coalesce(valid_from, 0) AS from_year, coalesce(valid_to, 9999) AS to_year FROM units
  UNION ALL
  SELECT ys_key(unit_id), unit_id, coalesce(valid_from, 0), coalesce(valid_to, 9999) FROM units WHERE ys_key(unit_id) <> ys_key(name)
),
aliases AS (
  SELECT ys_key(alias) AS name, unit_id,
         CASE WHEN event = 'rename' THEN 0 ELSE effective_year END AS from_year, 9999 AS to_year
  FROM unit_aliases WHERE event IN ('rename', 'merge', 'split')
)
SELECT * FROM own WHERE name NOT IN (SELECT name FROM aliases WHERE from_year = 0)
UNION ALL SELECT * FROM aliases`);
}

/** Member roster: one row per membership span; overlapping spans of one person are rejected. */
export async function stageMembers(ctx: StageContext): Promise<StageCounts> {
  const { db, present } = ctx;
  const t = `${ctx.typedTable}_m`;
  const person = `coalesce(${present.has('person_id') ? `'id:' || "person_id__raw"` : 'NULL'}, ${present.has('person_name') ? `'name:' || "person_name__raw"` : 'NULL'})`;
  const from = parsed(present, 'from_date', 'DATE');
  const to = parsed(present, 'to_date', 'DATE');
  await db.run(`
CREATE OR REPLACE TEMP TABLE ${q(t)} AS
WITH keyed AS (
  SELECT b.*, ${memberKeySql(person, ctx.keepNames)} AS member_key, lk.unit_id,
         known.name IS NOT NULL AS unit_known,
         coalesce(${from}, DATE '1900-01-01') AS span_from, coalesce(${to}, DATE '9999-12-31') AS span_to
  FROM ${q(ctx.typedTable)} b
  LEFT JOIN unit_lookup lk ON lk.name = ys_key(b."unit_name__raw")
       AND year(coalesce(${to}, ${from}, current_date)) BETWEEN lk.from_year AND lk.to_year
  LEFT JOIN (SELECT DISTINCT name FROM unit_lookup) known ON known.name = ys_key(b."unit_name__raw")
),
checked AS (
  SELECT *,
    CASE WHEN is_blank OR len(errs) > 0 OR unit_id IS NOT NULL THEN errs
         WHEN unit_known THEN [{'col': 'unit_name', 'code': 'unit_not_valid', 'value': "unit_name__raw"}]
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
  return finish(db, ctx, t, 'members', `
INSERT INTO members
SELECT member_key, unit_id, ${col(present, 'role')}, ys_is_leader_role(${col(present, 'role')}), ${from}, ${to},
       ${ctx.keepNames && present.has('person_name') ? '"person_name__raw"' : 'NULL'}, $file, source_row
FROM ${q(t)} WHERE NOT is_blank AND len(all_errs) = 0 AND NOT is_dup`);
}
