/**
 * The bulk statement for fact files (attendance, exams, publications, research
 * reports): raw text → typed, resolved rows with their errors, built for 10M rows.
 *
 * Why dictionaries: cleaning and parsing one cell costs ~100 ns and a 10M-row
 * file has 80M cells, but most columns hold few distinct values (a year has 365
 * dates; a file has a few hundred unit names and a few thousand people). So each
 * such column — or group of columns: the person (id + name), the unit — is
 * cleaned, parsed and resolved once per distinct raw value in a small CTE, and
 * every row picks its values up with a hash join on the raw text. Only titles
 * are cleaned row by row. Measured at 1M attendance rows: 1.5 s → 0.35 s for
 * this statement.
 *
 * Output: source_row, is_blank, the staging columns (fact-columns.ts), all_errs
 * (LIST of {col, code, value}), ok (loadable) and h (hash of the staging values,
 * the first test for duplicates). The same per-cell checks as every other kind
 * (build-typed-sql.ts), so a reject reads the same whichever path found it.
 */
import { quotedIdentifier as q } from '../store/db.js';
import { cellChecks, errsExpr } from './build-typed-sql.js';
import { PARSERS, TYPES, type ColumnType } from './column-types.js';
import { factColumns, personExpr, type FactKind } from './fact-columns.js';

/**
 * Free text, nearly every value distinct, so cleaned per row. A topic is not: it
 * repeats for every member at the session (measured: dictionary 0.19 s faster per 1M rows).
 */
const FREE_TEXT = new Set(['title']);

export interface FactSqlContext {
  rawTable: string;
  /** Canonical column → raw column index (c<i>). */
  columns: Map<string, number>;
  keepNames: boolean;
}

/** A dictionary: raw columns cleaned and parsed once per distinct combination, plus derived values. */
interface Dictionary {
  name: string;
  cols: string[];
  /** SQL `expr AS name` over the cleaned (`<c>__raw`) and parsed (`<c>`) columns. */
  derived: [string, string][];
}

/** SQL for the person key: a keyed hash unless names are kept. */
export function memberKeySql(person: string, keepNames: boolean): string {
  return keepNames ? person : `sha256((SELECT value FROM settings WHERE key = 'pseudonym_key') || '|' || ${person})`;
}

function dictionaries(kind: FactKind, present: string[], keepNames: boolean): Dictionary[] {
  const has = (c: string) => present.includes(c);
  const person = ['person_id', 'person_name', 'author'].filter(has);
  const out: Dictionary[] = [{
    name: 'unit',
    cols: ['unit_name'],
    derived: [
      ['ys_key("unit_name__raw")', 'unit_key'],
      ['EXISTS (SELECT 1 FROM unit_lookup k WHERE k.name = ys_key("unit_name__raw"))', 'unit_known'],
    ],
  }];
  if (person.length) out.push({ name: 'person', cols: person, derived: [[memberKeySql(personExpr(kind, has), keepNames), 'member_key']] });
  for (const c of present) {
    if (c === 'unit_name' || person.includes(c) || FREE_TEXT.has(c)) continue;
    out.push({ name: c, cols: [c], derived: [] });
  }
  return out;
}

function parsed(kind: FactKind, c: string): string {
  return PARSERS[TYPES[kind][c] as ColumnType].expr(q(`${c}__raw`));
}

/** One dictionary CTE: distinct raw keys k0…, their cleaned and parsed values, derived values. */
function dictionarySql(kind: FactKind, d: Dictionary, ctx: FactSqlContext): string {
  const keys = d.cols.map((c, i) => `${q(`c${ctx.columns.get(c)}`)} AS k${i}`);
  const cleaned = d.cols.map((c, i) => `ys_clean(k${i}) AS ${q(`${c}__raw`)}`);
  const typed = d.cols.map((c) => `${parsed(kind, c)} AS ${q(c)}`);
  const derived = d.derived.map(([expr, name]) => `${expr} AS ${q(name)}`);
  return `${q(`d_${d.name}`)} AS (
  SELECT *${derived.map((x) => `, ${x}`).join('')} FROM (
    SELECT *${typed.map((x) => `, ${x}`).join('')} FROM (
      SELECT *${cleaned.map((x) => `, ${x}`).join('')} FROM (SELECT DISTINCT ${keys.join(', ')} FROM ${q(ctx.rawTable)}))))`;
}

function dictionaryJoin(d: Dictionary, ctx: FactSqlContext): string {
  const on = d.cols.map((c, i) => `${q(`d_${d.name}`)}.k${i} IS NOT DISTINCT FROM r.${q(`c${ctx.columns.get(c)}`)}`);
  return `LEFT JOIN ${q(`d_${d.name}`)} ON ${on.join(' AND ')}`;
}

export function buildFactSql(kind: FactKind, ctx: FactSqlContext): string {
  const types = TYPES[kind];
  const presentCols = [...ctx.columns.entries()].filter(([c]) => c in types);
  const present = presentCols.map(([c]) => c);
  const has = (c: string) => present.includes(c);
  const dicts = dictionaries(kind, present, ctx.keepNames);
  const inDict = new Set(dicts.flatMap((d) => d.cols));
  const free = present.filter((c) => !inDict.has(c));
  const fromDict = dicts.flatMap((d) => [
    ...d.cols.flatMap((c) => [`${q(`d_${d.name}`)}.${q(`${c}__raw`)}`, `${q(`d_${d.name}`)}.${q(c)}`]),
    ...d.derived.map(([, name]) => `${q(`d_${d.name}`)}.${q(name)}`),
  ]);
  const freeRaw = free.map((c) => `ys_clean(r.${q(`c${ctx.columns.get(c)}`)}) AS ${q(`${c}__raw`)}`);
  if (!dicts.some((d) => d.name === 'person')) freeRaw.push('NULL::VARCHAR AS member_key');
  // Mapped columns this kind does not type still decide whether a row is blank.
  const presentIdx = new Set(presentCols.map(([, i]) => i));
  const others = [...new Set(ctx.columns.values())].filter((i) => !presentIdx.has(i)).map((i) => `ys_clean(r.${q(`c${i}`)}) IS NULL`);
  const blank = [...present.map((c) => `${q(`${c}__raw`)} IS NULL`), 'others_blank'].join(' AND ');
  const firstCell = `coalesce(${present.map((c) => q(`${c}__raw`)).join(', ')})`;
  const cols = factColumns(kind, has);
  const roster = kind === 'attendance' || kind === 'exams';
  return `
WITH ${dicts.map((d) => dictionarySql(kind, d, ctx)).join(',\n')},
typed AS (
  SELECT r.source_row, ${[...fromDict, ...freeRaw].join(', ')}, ${others.length ? others.join(' AND ') : 'true'} AS others_blank
  FROM ${q(ctx.rawTable)} r
  ${dicts.map((d) => dictionaryJoin(d, ctx)).join('\n  ')}
),
parsed AS (
  SELECT *${free.map((c) => `, ${q(`${c}__raw`)} AS ${q(c)}`).join('')}, ${blank} AS is_blank FROM typed
),
checked AS (SELECT *, ${errsExpr(cellChecks(kind, presentCols, has), firstCell)} AS errs FROM parsed),
joined AS (
  SELECT c.*, ${roster ? 'coalesce(r.unit_id, lk.unit_id)' : 'lk.unit_id'} AS unit_id
  FROM checked c
  ${roster ? `LEFT JOIN members r ON r.member_key = c.member_key
     AND c."date" BETWEEN coalesce(r.from_date, DATE '1900-01-01') AND coalesce(r.to_date, DATE '9999-12-31')` : ''}
  LEFT JOIN unit_lookup lk ON lk.name = c.unit_key AND year(c."date") BETWEEN lk.from_year AND lk.to_year
),
resolved AS (
  SELECT source_row, is_blank, ${cols.map(([name, expr]) => `${expr} AS ${q(name)}`).join(', ')},
    -- An unknown name is rejected even when the roster knows the person: a typo must surface.
    CASE
      WHEN is_blank OR len(errs) > 0 THEN errs
      WHEN "unit_name__raw" IS NOT NULL AND NOT unit_known THEN [{'col': 'unit_name', 'code': 'unknown_unit', 'value': "unit_name__raw"}]
      WHEN unit_id IS NULL THEN [{'col': 'unit_name', 'code': 'unit_not_valid', 'value': "unit_name__raw"}]
      ELSE errs
    END AS all_errs
  FROM joined
)
SELECT *, NOT is_blank AND len(all_errs) = 0 AS ok, hash(${cols.map(([name]) => q(name)).join(', ')}) AS h
FROM resolved`;
}
