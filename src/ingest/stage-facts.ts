/**
 * Fact rows (attendance, exams, publications, research reports): typed → resolved
 * (unit by name and year, person by roster on the row's date, pseudonymised key)
 * → split into loaded, duplicate and rejected rows. All set-based in DuckDB.
 *
 * Duplicates: a valid row whose staging values (lineage aside) equal an earlier row
 * of the same file or a row already staged from another file is counted, not loaded.
 */
import type { Db } from '../store/db.js';
import { quotedIdentifier as q } from '../store/db.js';
import { factColumns, personExpr, type FactKind } from './fact-columns.js';
import type { RawTable } from './raw-table.js';

export interface StageCounts {
  read: number;
  loaded: number;
  rejected: number;
  duplicate: number;
  blank: number;
}

export interface StageContext {
  db: Db;
  declaredYear: number;
  file: string;
  raw: RawTable;
  typedTable: string;
  present: Set<string>;
  keepNames: boolean;
}

/** SQL for the person key: a keyed hash unless names are kept. */
export function memberKeySql(person: string, keepNames: boolean): string {
  return keepNames ? person : `sha256((SELECT value FROM settings WHERE key = 'pseudonym_key') || '|' || ${person})`;
}

/**
 * Type, resolve and project a fact file in one statement. Person keys and unit
 * names are resolved once per distinct value, not once per row: a file has a few
 * thousand people and a few dozen unit names but may have millions of rows.
 */
export function buildResolvedSql(
  kind: FactKind,
  ctx: { typedSql: string; present: Set<string>; keepNames: boolean; rawTable: string; columns: Map<string, number> },
): string {
  const has = (c: string) => ctx.present.has(c);
  const cols = factColumns(kind, has);
  const roster = kind === 'attendance' || kind === 'exams';
  // Distinct people and unit names come straight from the raw table, so the typed
  // rows are computed once (a CTE used twice would be materialised).
  const rawCol = (c: string) => `ys_clean(${q(`c${ctx.columns.get(c)}`)}) AS ${q(`${c}__raw`)}`;
  const personCols = ['person_id', 'person_name', 'author'].filter(has);
  return `
WITH typed AS (${ctx.typedSql}),
people AS (
  SELECT person, ${memberKeySql('person', ctx.keepNames)} AS member_key
  FROM (SELECT DISTINCT ${personExpr(kind, has)} AS person
        FROM (SELECT ${personCols.length ? personCols.map(rawCol).join(', ') : '1 AS none'} FROM ${q(ctx.rawTable)}))
  WHERE person IS NOT NULL
),
names AS (
  SELECT n."unit_name__raw", ys_key(n."unit_name__raw") AS unit_key,
         EXISTS (SELECT 1 FROM unit_lookup k WHERE k.name = ys_key(n."unit_name__raw")) AS unit_known
  FROM (SELECT DISTINCT ${rawCol('unit_name')} FROM ${q(ctx.rawTable)}) n
  WHERE n."unit_name__raw" IS NOT NULL
),
with_person AS (SELECT t.*, ${personExpr(kind, has)} AS person FROM typed t),
joined AS (
  SELECT w.*, p.member_key, coalesce(nm.unit_known, false) AS unit_known,
         ${roster ? 'coalesce(r.unit_id, lk.unit_id)' : 'lk.unit_id'} AS unit_id
  FROM with_person w
  LEFT JOIN people p USING (person)
  LEFT JOIN names nm ON nm."unit_name__raw" = w."unit_name__raw"
  ${roster ? `LEFT JOIN members r ON r.member_key = p.member_key
     AND w."date" BETWEEN coalesce(r.from_date, DATE '1900-01-01') AND coalesce(r.to_date, DATE '9999-12-31')` : ''}
  LEFT JOIN unit_lookup lk ON lk.name = nm.unit_key AND year(w."date") BETWEEN lk.from_year AND lk.to_year
)
SELECT source_row, is_blank, ${cols.map(([name, expr]) => `${expr} AS ${q(name)}`).join(', ')},
  -- An unknown name is rejected even when the roster knows the person: a typo must surface.
  CASE
    WHEN is_blank OR len(errs) > 0 THEN errs
    WHEN "unit_name__raw" IS NOT NULL AND NOT unit_known THEN [{'col': 'unit_name', 'code': 'unknown_unit', 'value': "unit_name__raw"}]
    WHEN unit_id IS NULL THEN [{'col': 'unit_name', 'code': 'unit_not_valid', 'value': "unit_name__raw"}]
    ELSE errs
  END AS all_errs
FROM joined`;
}

export async function stageFacts(kind: FactKind, ctx: StageContext & { typedSql: string; columns: Map<string, number> }): Promise<StageCounts> {
  const { db, present } = ctx;
  const has = (c: string) => present.has(c);
  const resolved = `${ctx.typedTable}_resolved`;
  const cols = factColumns(kind, has);
  const keyCols = cols.map(([name]) => name);

  // One pass: type, resolve unit and person, and keep only what the later steps need.
  await db.run(`CREATE OR REPLACE TEMP TABLE ${q(resolved)} AS ${buildResolvedSql(kind, { ...ctx, rawTable: ctx.raw.table })}`, { declared_year: ctx.declaredYear });

  // Insert the first of each set of identical rows that is not already staged (from another file).
  const staged = await db.one<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${q(kind)}) AS any`);
  const notStaged = staged?.any
    ? `AND NOT EXISTS (SELECT 1 FROM ${q(kind)} s WHERE ${keyCols.map((c) => `s.${q(c)} IS NOT DISTINCT FROM r.${q(c)}`).join(' AND ')})`
    : '';
  const inserted = await db.one<{ Count: number }>(`
INSERT INTO ${q(kind)} (${[...keyCols, 'source_file', 'source_row'].map(q).join(', ')})
SELECT ${keyCols.map(q).join(', ')}, $file, min(source_row)
FROM ${q(resolved)} r
WHERE NOT is_blank AND len(all_errs) = 0 ${notStaged}
GROUP BY ${keyCols.map(q).join(', ')}`, { file: ctx.file });
  await insertRejects(db, kind, ctx, resolved);
  const counts = await db.one<StageCounts>(`
    SELECT count(*) FILTER (WHERE NOT is_blank) AS read,
           count(*) FILTER (WHERE NOT is_blank AND len(all_errs) > 0) AS rejected,
           count(*) FILTER (WHERE NOT is_blank AND len(all_errs) = 0) AS ok,
           count(*) FILTER (WHERE is_blank) AS blank
    FROM ${q(resolved)}`) as StageCounts & { ok: number };
  await db.run(`DROP TABLE ${q(resolved)}`);
  const loaded = Number(inserted?.Count ?? 0);
  return { read: counts.read, loaded, duplicate: counts.ok - loaded, rejected: counts.rejected, blank: counts.blank };
}

/** One reject row per failed cell, with the header the user sees and the reason in zh/en. */
export async function insertRejects(db: Db, kind: string, ctx: { file: string; raw: RawTable; typedTable: string }, from: string, errsCol = 'all_errs') {
  await db.run(`
INSERT INTO rejects
SELECT $file, $sheet, e.source_row, $kind, coalesce(h.header, e.err.col), e.err.value, e.err.code, r.zh, r.en
FROM (SELECT source_row, unnest(${q(errsCol)}) AS err FROM ${q(from)} WHERE len(${q(errsCol)}) > 0) e
LEFT JOIN ${q(`${ctx.typedTable}_hdr`)} h ON h.col = e.err.col
LEFT JOIN reject_reasons r ON r.code = e.err.code`,
  { file: ctx.file, sheet: ctx.raw.sheet ?? '', kind });
}
