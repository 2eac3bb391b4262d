/**
 * Builds the one set-based statement that turns a raw all-text table into typed
 * columns plus a list of per-cell errors. Names are generated from code
 * (canonical column names, `c<i>` raw columns) and quoted; values from files
 * never enter SQL text, and the declared year is a bound parameter ($declared_year).
 *
 * Output columns: source_row, <col>__raw (cleaned text), <col> (parsed value),
 * errs (LIST of {col, code, value}) and is_blank.
 */
import { quotedIdentifier as q } from '../store/db.js';
import { PARSERS, TYPES, type ColumnType } from './column-types.js';
import { COLUMNS, type Kind } from '../domain/kinds.js';

const FOOTER = `'^(合计|总计|小计|制表|填表|审核|说明|备注[:：]|注[:：])'`;

/**
 * A check: the condition under which a cell fails, the error entry it produces,
 * and the canonical columns the condition reads (`uses`, so the fact path can test
 * it once per distinct value when they all come from one dictionary).
 */
export interface Check { cond: string; entry: string; uses: string[] }

function errIf(cond: string, col: string, code: string, value: string, uses: string[] = [col]): Check {
  return { cond, entry: `CASE WHEN ${cond} THEN {'col': '${col}', 'code': '${code}', 'value': ${value}} END`, uses };
}

/** Kind-specific range rules on parsed values (beyond "could it be parsed"). */
function rangeChecks(kind: Kind, has: (c: string) => boolean): Check[] {
  const raw = (c: string) => q(`${c}__raw`);
  const checks: Check[] = [];
  if (has('date')) {
    checks.push(errIf(`$declared_year > 0 AND year("date") <> $declared_year`, 'date', 'date_outside_year', raw('date')));
  }
  if (kind === 'attendance') {
    for (const c of ['hours', 'minutes']) {
      if (has(c)) checks.push(errIf(`"${c}" < 0 OR "${c}" > 24`, c, 'hours_out_of_range', raw(c)));
    }
  }
  if (kind === 'exams') {
    checks.push(errIf(`"full_mark" <= 0`, 'full_mark', 'bad_full_mark', raw('full_mark')));
    checks.push(errIf(`"full_mark" > 0 AND ("score" < 0 OR "score" > "full_mark")`, 'score', 'score_out_of_range', raw('score'), ['score', 'full_mark']));
  }
  if (kind === 'attendance' || kind === 'exams' || kind === 'members') {
    // A person is identified by id or name; one of them is required.
    const cond = [has('person_id') ? `"person_id__raw" IS NULL` : 'true', has('person_name') ? `"person_name__raw" IS NULL` : 'true'].join(' AND ');
    const uses = ['person_id', 'person_name'].filter(has);
    checks.push(errIf(cond, has('person_name') ? 'person_name' : 'person_id', 'missing_value', 'NULL::VARCHAR', uses));
  }
  return checks;
}

/** Every per-cell check of a kind for the columns present. */
export function cellChecks(kind: Kind, present: [string, number][], has: (c: string) => boolean): Check[] {
  const types = TYPES[kind];
  const required = new Set(COLUMNS[kind].filter((c) => c.required).map((c) => c.name));
  const checks: Check[] = [];
  for (const [c] of present) {
    const t = types[c] as ColumnType;
    if (required.has(c)) checks.push(errIf(`${q(`${c}__raw`)} IS NULL`, c, 'missing_value', 'NULL::VARCHAR'));
    if (t !== 'text') {
      checks.push(errIf(`${q(`${c}__raw`)} IS NOT NULL AND ${q(c)} IS NULL`, c, PARSERS[t].code, q(`${c}__raw`)));
    }
  }
  return [...checks, ...rangeChecks(kind, has)];
}

/** SQL that is true when none of `checks` fails. */
export function passesAll(checks: Check[]): string {
  return checks.length ? checks.map((c) => `NOT coalesce(${c.cond}, false)`).join(' AND ') : 'true';
}

/**
 * The errors of a row, built only for rows that fail: the list of structs is
 * costly, the boolean test is not. `ok` replaces the test of all checks when the
 * caller has a cheaper equivalent (the fact path tests most checks per value).
 */
export function errsExpr(checks: Check[], firstCell: string, ok = passesAll(checks)): string {
  return `CASE
    WHEN is_blank OR (${ok}) THEN []
    WHEN regexp_matches(${firstCell}, ${FOOTER}) THEN [{'col': '', 'code': 'footer_row', 'value': ${firstCell}}]
    ELSE list_filter([${checks.map((c) => c.entry).join(',\n    ')}], e -> e IS NOT NULL)
  END`;
}

export function buildTypedSql(kind: Kind, rawTable: string, columns: Map<string, number>): string {
  const types = TYPES[kind];
  const present = [...columns.entries()].filter(([c]) => c in types);
  const has = (c: string) => columns.has(c) && c in types;
  // Full-width characters are rare: test the whole row once, convert only rows that have them.
  const cleaned = present.map(([c, i]) => `ys_trim(CASE WHEN fw THEN ys_halfwidth(${q(`c${i}`)}) ELSE ${q(`c${i}`)} END) AS ${q(`${c}__raw`)}`);
  const rowText = present.length ? `concat_ws('|', ${present.map(([, i]) => q(`c${i}`)).join(', ')})` : `''`;
  const parsed = present.map(([c]) => `${PARSERS[types[c] as ColumnType].expr(q(`${c}__raw`))} AS ${q(c)}`);
  const firstCell = present.length ? `coalesce(${present.map(([c]) => q(`${c}__raw`)).join(', ')})` : 'NULL';
  const presentIdx = new Set(present.map(([, i]) => i));
  const blank = [
    ...present.map(([c]) => `${q(`${c}__raw`)} IS NULL`),
    ...[...new Set(columns.values())].filter((i) => !presentIdx.has(i)).map((i) => `ys_clean(${q(`c${i}`)}) IS NULL`),
  ];
  return `
WITH flagged AS (
  SELECT *, ys_has_fullwidth(${rowText}) AS fw FROM ${q(rawTable)}
),
cleaned AS (
  SELECT source_row, ${cleaned.join(',\n    ')}
  FROM flagged
),
parsed AS (
  SELECT *, ${parsed.join(',\n    ')}, ${blank.length ? blank.join(' AND ') : 'true'} AS is_blank
  FROM cleaned
)
SELECT *, ${errsExpr(cellChecks(kind, present, has), firstCell)} AS errs
FROM parsed`;
}
