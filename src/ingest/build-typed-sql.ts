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
import { COLUMNS, type Kind } from './kinds.js';

const FOOTER = `'^(合计|总计|小计|制表|填表|审核|说明|备注[:：]|注[:：])'`;

/** One error entry, NULL when the condition does not hold. */
function errIf(cond: string, col: string, code: string, value: string): string {
  return `CASE WHEN ${cond} THEN {'col': '${col}', 'code': '${code}', 'value': ${value}} END`;
}

/** Kind-specific range rules on parsed values (beyond "could it be parsed"). */
function rangeChecks(kind: Kind, has: (c: string) => boolean): string[] {
  const raw = (c: string) => q(`${c}__raw`);
  const checks: string[] = [];
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
    checks.push(errIf(`"full_mark" > 0 AND ("score" < 0 OR "score" > "full_mark")`, 'score', 'score_out_of_range', raw('score')));
  }
  if (kind === 'attendance' || kind === 'exams' || kind === 'members') {
    // A person is identified by id or name; one of them is required.
    const cond = [has('person_id') ? `"person_id__raw" IS NULL` : 'true', has('person_name') ? `"person_name__raw" IS NULL` : 'true'].join(' AND ');
    checks.push(errIf(cond, has('person_name') ? 'person_name' : 'person_id', 'missing_value', 'NULL::VARCHAR'));
  }
  return checks;
}

export function buildTypedSql(kind: Kind, rawTable: string, columns: Map<string, number>): string {
  const types = TYPES[kind];
  const present = [...columns.entries()].filter(([c]) => c in types);
  const has = (c: string) => columns.has(c) && c in types;
  const required = new Set(COLUMNS[kind].filter((c) => c.required).map((c) => c.name));

  const cleaned = present.map(([c, i]) => `ys_clean(${q(`c${i}`)}) AS ${q(`${c}__raw`)}`);
  const parsed = present.map(([c]) => `${PARSERS[types[c] as ColumnType].expr(q(`${c}__raw`))} AS ${q(c)}`);

  const checks: string[] = [];
  for (const [c] of present) {
    const t = types[c] as ColumnType;
    if (required.has(c)) checks.push(errIf(`${q(`${c}__raw`)} IS NULL`, c, 'missing_value', 'NULL::VARCHAR'));
    if (t !== 'text') {
      checks.push(errIf(`${q(`${c}__raw`)} IS NOT NULL AND ${q(c)} IS NULL`, c, PARSERS[t].code, q(`${c}__raw`)));
    }
  }
  checks.push(...rangeChecks(kind, has));

  const firstCell = present.length ? `coalesce(${present.map(([c]) => q(`${c}__raw`)).join(', ')})` : 'NULL';
  const allCells = [...new Set([...columns.values()])].map((i) => `ys_clean(${q(`c${i}`)}) IS NULL`);
  return `
WITH cleaned AS (
  SELECT source_row, ${cleaned.join(',\n    ')},
    ${allCells.length ? allCells.join(' AND ') : 'true'} AS is_blank
  FROM ${q(rawTable)}
),
parsed AS (
  SELECT *, ${parsed.join(',\n    ')}
  FROM cleaned
)
SELECT *,
  CASE
    WHEN is_blank THEN []
    WHEN regexp_matches(${firstCell}, ${FOOTER}) THEN [{'col': '', 'code': 'footer_row', 'value': ${firstCell}}]
    ELSE list_filter([${checks.join(',\n    ')}], e -> e IS NOT NULL)
  END AS errs
FROM parsed`;
}
