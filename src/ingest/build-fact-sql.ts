/**
 * SQL for fact files (attendance, exams, publications, research reports), built
 * for 10M-row exports. Three statements, each set-based:
 *
 *   dictionaries  one small temp table per group of columns (`who`: the unit name
 *                 and the person; `combined`: the value columns but the date) or
 *                 per column: distinct raw text → cleaned, parsed, resolved,
 *                 numbered (`rid`); keyed by the packed text when the CSV landed
 *                 the group packed (raw-table.ts)
 *   resolve       raw rows joined to the dictionaries → per row: the dictionary rids,
 *                 unit_id, errors, `ok`, `h` (candidate hash of the staging values)
 *   staged        resolved rows joined back to the dictionaries → staging values
 *
 * Why dictionaries: cleaning and parsing a cell costs ~100 ns and a 10M-row file
 * has 80M cells, but most columns hold few distinct values (a year has 365 dates;
 * a file has a few hundred unit names, a few thousand people, one topic per
 * session). Why rids between resolve and staged: the resolved rows are spooled
 * (stage-facts.ts), and integers cost a third of what strings cost to write
 * (measured: 0.57 s vs 1.5 s per 10M rows). Only titles are carried as text.
 *
 * The per-cell checks are those of every other kind (build-typed-sql.ts), so a
 * reject reads the same whichever path found it.
 */
import { quotedIdentifier as q } from '../store/db.js';
import { cellChecks, errsExpr, passesAll, type Check } from './build-typed-sql.js';
import { PARSERS, TYPES, type ColumnType } from './column-types.js';
import { factColumns, personExpr, type FactKind } from './fact-columns.js';
import { decodeVia } from './read-csv-gbk.js';
import { unpackSql, type Pack } from './raw-table.js';

/** Free text, nearly every value distinct: carried per row, not through a dictionary. */
const FREE_TEXT = new Set(['title']);

export interface FactSqlContext {
  /** The raw relation; with `lookup`, its text as landed (GBK read as latin-1); with `packs`, some columns packed. */
  rawTable: string;
  /** Temp table enc → txt that decodes landed text (read-csv-gbk.ts), when there is one. */
  lookup?: string;
  /** Columns landed packed (raw-table.ts): a dictionary over exactly a pack's columns is keyed by the pack. */
  packs?: Pack[];
  /** Canonical column → raw column index (c<i>). */
  columns: Map<string, number>;
  keepNames: boolean;
  /** Prefix of this file's temp tables. */
  prefix: string;
}

/** Raw columns cleaned and parsed once per distinct combination, plus derived values. */
export interface Dictionary {
  name: string;
  table: string;
  cols: string[];
  /** The pack holding exactly these columns: then the one key k0 is the packed text. */
  pack?: Pack;
  /** [SQL over the cleaned (`<c>__raw`) and parsed (`<c>`) columns, name]. */
  derived: [string, string][];
}

/** SQL for the person key: a keyed hash unless names are kept. */
export function memberKeySql(person: string, keepNames: boolean): string {
  return keepNames ? person : `sha256((SELECT value FROM settings WHERE key = 'pseudonym_key') || '|' || ${person})`;
}

/** What the statements of one file share, worked out once (planFact). */
export interface FactPlan {
  kind: FactKind;
  ctx: FactSqlContext;
  present: [string, number][];
  has: (c: string) => boolean;
  dicts: Dictionary[];
  free: string[];
  checks: Check[];
  /** SQL selected when no person column is mapped (publications without an author). */
  noPerson: string[];
  /** The dictionary shared by several value columns, if there is one. */
  combined?: Dictionary;
}

/** The dictionary whose columns cover everything a check reads, if one does. */
function owner(check: Check, dicts: Dictionary[]): Dictionary | undefined {
  return dicts.find((d) => check.uses.every((c) => d.cols.includes(c)));
}

/**
 * The value columns (all but unit, person, free text and date) share one dictionary:
 * one join per row instead of one per column, in the resolve and again in the load
 * (measured: −0.5 s per 10M rows with 4 columns). Their combinations are few in an
 * export (a session's type, topic and hours, times a handful of statuses). The date
 * stays apart: with it, combinations multiply into a dictionary large enough to cost
 * more than the joins it saves (measured). Over COMBINED_MAX entries the caller
 * plans again with `combine: false`.
 */
export const COMBINED_MAX = 20_000;
const COMBINED = 'combined';

/**
 * How a kind's typed columns group into dictionaries: `who` (the unit name, with the
 * person's id and name when there are any: a person works in one or two units, so
 * the pairs are hardly more than the people), the combined value columns, and the
 * rest one each.
 */
export function factGroups(kind: FactKind, names: string[], combine = true): { who: string[]; person: string[]; combined: string[]; single: string[] } {
  const person = ['person_id', 'person_name', 'author'].filter((c) => names.includes(c));
  const values = names.filter((c) => c in TYPES[kind] && c !== 'unit_name' && !person.includes(c) && !FREE_TEXT.has(c));
  const wanted = combine ? values.filter((c) => c !== 'date') : [];
  const combined = wanted.length > 1 ? wanted : [];
  return { who: ['unit_name', ...person], person, combined, single: values.filter((c) => !combined.includes(c)) };
}

/**
 * Raw columns worth landing packed for a fact file (read-csv.ts): those read through
 * one dictionary of several columns, `who` and the combined value columns.
 */
export function factPacks(kind: FactKind, columns: Map<string, number>): number[][] {
  const names = [...columns.keys()].filter((c) => c in TYPES[kind]);
  const { who, combined } = factGroups(kind, names);
  return [who, combined].filter((g) => g.length > 1 && g.every((c) => columns.has(c))).map((g) => g.map((c) => columns.get(c)!));
}

export function planFact(kind: FactKind, ctx: FactSqlContext, opts: { combine?: boolean } = {}): FactPlan {
  const types = TYPES[kind];
  const present = [...ctx.columns.entries()].filter(([c]) => c in types);
  const names = present.map(([c]) => c);
  const has = (c: string) => names.includes(c);
  const { who, person, combined, single } = factGroups(kind, names, opts.combine !== false);
  const dict = (name: string, cols: string[], derived: [string, string][] = []): Dictionary => {
    const idx = cols.map((c) => ctx.columns.get(c)!);
    const pack = ctx.packs?.find((p) => p.cols.length === idx.length && p.cols.every((i, j) => i === idx[j]));
    return { name, table: `${ctx.prefix}_d_${name}`, cols, derived, ...(pack && { pack }) };
  };
  const dicts = [dict('who', who, [
    ['ys_key("unit_name__raw")', 'unit_key'],
    ['EXISTS (SELECT 1 FROM unit_lookup k WHERE k.name = ys_key("unit_name__raw"))', 'unit_known'],
    ...(person.length ? [[memberKeySql(personExpr(kind, has), ctx.keepNames), 'member_key'] as [string, string]] : []),
  ])];
  if (combined.length) dicts.push(dict(COMBINED, combined));
  for (const c of single) dicts.push(dict(c, [c]));
  return {
    kind, ctx, present, has, dicts,
    free: names.filter((c) => FREE_TEXT.has(c)),
    checks: cellChecks(kind, present, has),
    noPerson: person.length ? [] : ['NULL::VARCHAR AS member_key'],
    combined: dicts.find((d) => d.name === COMBINED),
  };
}

function parsed(kind: FactKind, c: string): string {
  return PARSERS[TYPES[kind][c] as ColumnType].expr(q(`${c}__raw`));
}

/** CREATE TEMP TABLE for one dictionary: rid, distinct raw keys k0…, cleaned, parsed and derived values. */
export function dictionarySql(plan: FactPlan, d: Dictionary): string {
  const { kind, ctx, dicts, checks } = plan;
  const keys = keyColumns(plan, d).map((k, i) => `${q(k)} AS k${i}`);
  const text = decodeVia(ctx.lookup, keys.map((_, i) => [`d.k${i}`, `t${i}`]));
  // A packed key is decoded whole, then split (read-csv-gbk.ts: the separator survives decoding).
  const cellText = d.pack ? d.cols.map((c) => unpackSql(d.pack!, ctx.columns.get(c)!, text.exprs[0])) : text.exprs;
  const cleaned = d.cols.map((c, i) => `ys_clean(${cellText[i]}) AS ${q(`${c}__raw`)}`);
  const typed = d.cols.map((c) => `${parsed(kind, c)} AS ${q(c)}`);
  // The checks this dictionary answers alone, tested once per value (uses $declared_year).
  const own = checks.filter((c) => owner(c, dicts)?.name === d.name);
  const derived = [...d.derived, [passesAll(own), 'passes'] as [string, string]].map(([expr, name]) => `${expr} AS ${q(name)}`);
  return `CREATE OR REPLACE TEMP TABLE ${q(d.table)} AS
SELECT row_number() OVER () AS rid, *${derived.map((x) => `, ${x}`).join('')} FROM (
  SELECT *${typed.map((x) => `, ${x}`).join('')} FROM (
    SELECT d.*${cleaned.map((x) => `, ${x}`).join('')}
    FROM (SELECT DISTINCT ${keys.join(', ')} FROM ${q(ctx.rawTable)}) d ${text.joins}))`;
}

/** Whether every pack of the relation is the key of one of the plan's dictionaries (else its columns cannot be read). */
export function packsFit(plan: FactPlan): boolean {
  return (plan.ctx.packs ?? []).every((p) => plan.dicts.some((d) => d.pack === p));
}

/** The raw relation's columns a dictionary is keyed by: its pack, or one c<i> per column. */
export function keyColumns(plan: FactPlan, d: Dictionary): string[] {
  return d.pack ? [d.pack.name] : d.cols.map((c) => `c${plan.ctx.columns.get(c)}`);
}

const rid = (d: Dictionary) => q(`rid_${d.name}`);

/**
 * Dictionaries whose values reach staging, so only they are spooled and joined back:
 * `who` only for its member_key (staging takes the unit_id resolved per row).
 */
const staged = (dicts: Dictionary[]) => dicts.filter((d) => d.name !== 'who' || d.derived.some(([, name]) => name === 'member_key'));

/** The columns a dictionary gives a row: parsed and derived values, and the cleaned text when errors need it. */
function dictValues(d: Dictionary, withCleaned: boolean): string[] {
  const cols = [...d.cols.flatMap((c) => (withCleaned ? [`${c}__raw`, c] : [c])), ...d.derived.map(([, name]) => name)];
  return cols.map((c) => `${q(d.table)}.${q(c)}`);
}

/**
 * The resolve statement: every raw row with its dictionary rids, unit_id, is_blank,
 * all_errs (JSON text, NULL when the row is loadable: see ERRS_FROM_JSON), ok and h.
 * Needs the dictionary tables.
 */
/**
 * A row's duplicate-candidate hash: the top `bits` bits of DuckDB's hash of its staging
 * values (`values`: SQL, typed as staged, so a staged row hashes the same). Rows sharing
 * it are only candidates, confirmed on the full values (stage-facts.ts); 32 bits, because
 * finding repeated 4-byte keys is faster (0.4 s vs 0.6 s per 10M rows) for ~12k more
 * candidates. Tests use 1 bit to send every row through the exact comparison.
 */
export function candidateHashSql(values: string[], bits = 32): string {
  return `(hash(${values.join(', ')}) >> ${64 - Math.min(32, Math.max(1, Math.trunc(bits)))})::UINTEGER`;
}

export function buildResolveSql(plan: FactPlan, hashBits = 32, stagedTypes = new Map<string, string>()): string {
  const { kind, ctx, present, has, dicts, free, checks } = plan;
  const raw = (i: number) => `r.${q(`c${i}`)}`;
  // A row passes when each dictionary's value passed its own checks and the rest pass here.
  const rowLevel = checks.filter((c) => !owner(c, dicts));
  const joins = dicts.map((d) => `LEFT JOIN ${q(d.table)} ON ${keyColumns(plan, d).map((k, i) => `${q(d.table)}.k${i} IS NOT DISTINCT FROM r.${q(k)}`).join(' AND ')}`);
  // Free text and untyped columns are read per row (decoded per row too, for GBK).
  const typedIdx = new Set(present.map(([, i]) => i));
  const otherIdx = [...new Set(ctx.columns.values())].filter((i) => !typedIdx.has(i));
  const perRow = [...free.map((c) => ctx.columns.get(c)!), ...otherIdx];
  const text = decodeVia(ctx.lookup, perRow.map((i) => [raw(i), `f${i}`]));
  const rowText = (i: number) => text.exprs[perRow.indexOf(i)];
  const freeRaw = [...free.map((c) => `ys_clean(${rowText(ctx.columns.get(c)!)}) AS ${q(`${c}__raw`)}`), ...plan.noPerson];
  // Mapped columns this kind does not type still decide whether a row is blank.
  const others = otherIdx.map((i) => `ys_clean(${rowText(i)}) IS NULL`);
  const blank = [...present.map(([c]) => `${q(`${c}__raw`)} IS NULL`), 'others_blank'].join(' AND ');
  const firstCell = `coalesce(${present.map(([c]) => q(`${c}__raw`)).join(', ')})`;
  const cols = factColumns(kind, has);
  const roster = kind === 'attendance' || kind === 'exams';
  const unitId = roster ? 'coalesce(r.unit_id, lk.unit_id)' : 'lk.unit_id';
  return `
WITH typed AS (
  SELECT r.source_row, ${[...staged(dicts).map((d) => `${q(d.table)}.rid AS ${rid(d)}`), ...dicts.flatMap((d) => dictValues(d, true)), ...freeRaw].join(', ')},
    ${others.length ? others.join(' AND ') : 'true'} AS others_blank,
    ${dicts.map((d) => `${q(d.table)}.passes`).join(' AND ') || 'true'} AS dicts_pass
  FROM ${q(ctx.rawTable)} r
  ${joins.join('\n  ')}
  ${text.joins}
),
parsed AS (
  SELECT *${free.map((c) => `, ${q(`${c}__raw`)} AS ${q(c)}`).join('')}, ${blank} AS is_blank FROM typed
),
checked AS (SELECT *, ${errsExpr(checks, firstCell, `dicts_pass AND ${passesAll(rowLevel)}`)} AS errs FROM parsed),
joined AS (
  SELECT c.*, ${unitId} AS unit_id, v.from_year AS unit_from, v.to_year AS unit_to, v.end_code, en.end_code AS name_end_code
  FROM checked c
  ${roster ? `LEFT JOIN members r ON r.member_key = c.member_key
     AND c."date" BETWEEN coalesce(r.from_date, DATE '1900-01-01') AND coalesce(r.to_date, DATE '9999-12-31')` : ''}
  LEFT JOIN unit_lookup lk ON lk.name = c.unit_key AND year(c."date") BETWEEN lk.from_year AND lk.to_year
  -- Whether the unit exists in the row's year (the roster may name one abolished since),
  -- and why not: a registry line ended it (stage-units.ts, unit_validity / unit_end_names).
  LEFT JOIN unit_validity v ON v.unit_id = ${unitId}
  LEFT JOIN unit_end_names en ON en.name = c.unit_key AND year(c."date") >= en.end_year
),
resolved AS (
  SELECT *,
    -- An unknown name is rejected even when the roster knows the person: a typo must surface.
    CASE
      WHEN is_blank OR len(errs) > 0 THEN errs
      WHEN "unit_name__raw" IS NOT NULL AND NOT unit_known THEN [{'col': 'unit_name', 'code': 'unknown_unit', 'value': "unit_name__raw"}]
      WHEN unit_id IS NULL THEN [{'col': 'unit_name', 'code': coalesce(name_end_code, 'unit_not_valid'), 'value': "unit_name__raw"}]
      WHEN year("date") > unit_to THEN [{'col': 'unit_name', 'code': coalesce(end_code, 'unit_not_valid'), 'value': coalesce("unit_name__raw", unit_id)}]
      WHEN year("date") < unit_from THEN [{'col': 'unit_name', 'code': 'unit_not_valid', 'value': coalesce("unit_name__raw", unit_id)}]
      ELSE errs
    END AS all_errs
  FROM joined
)
SELECT source_row, is_blank, ${[...staged(dicts).map(rid), ...free.map((c) => q(c))].join(', ')}, unit_id,
  NOT is_blank AND len(all_errs) = 0 AS ok,
  -- JSON text, NULL when loadable: a list-of-struct column costs ~0.2 s per 10M rows to spool even when NULL.
  CASE WHEN len(all_errs) > 0 THEN to_json(all_errs)::VARCHAR END AS all_errs,
  ${candidateHashSql(cols.map(([name, expr]) => (stagedTypes.has(name) ? `CAST(${expr} AS ${stagedTypes.get(name)})` : expr)), hashBits)} AS h
FROM resolved`;
}

/** Reads the resolve statement's all_errs back as the list insertRejects expects. */
export const ERRS_FROM_JSON = `from_json(all_errs, '[{"col": "VARCHAR", "code": "VARCHAR", "value": "VARCHAR"}]')`;

/**
 * Resolved rows (`from`: SQL for a relation with buildResolveSql's columns) joined
 * back to the dictionaries: source_row, ok, h and the staging columns.
 */
export function buildStagedSql(plan: FactPlan, from: string): string {
  const { kind, has, dicts, free } = plan;
  const values = staged(dicts).flatMap((d) => dictValues(d, false));
  const joins = staged(dicts).map((d) => `LEFT JOIN ${q(d.table)} ON ${q(d.table)}.rid = s.${rid(d)}`);
  const cols = factColumns(kind, has);
  return `
SELECT source_row, ok, h, ${cols.map(([name, expr]) => `${expr} AS ${q(name)}`).join(', ')}
FROM (
  SELECT s.source_row, s.ok, s.h, s.unit_id, ${[...free.map((c) => `s.${q(c)}`), ...values, ...plan.noPerson].join(', ')}
  FROM ${from} s
  ${joins.join('\n  ')}
)`;
}
