/**
 * The first steps of every staging model, the same for each kind: `source → cleaned → typed`.
 *
 *   stage_source      (source.ts) the kind's files as one relation, cells as written
 *   v_<column>        one dictionary per column: each DISTINCT written value once, with its
 *                     cleaned text (trimmed, full-width → half-width, '' → NULL), its parsed value
 *                     and its error (missing / unreadable), plus what matching needs (a unit name's
 *                     key, a person's key). A year has 365 dates and a file a few hundred unit
 *                     names, so a 10M-row file costs a few thousand parses, not 80M.
 *   typed             every row joined to its dictionaries:
 *                       <c>__as_written  the cell as written (rejects show it)
 *                       <c>__raw         cleaned text
 *                       <c>              parsed value
 *                     cell_errs (the cells' errors: in every column, first an Excel error or a
 *                     formula without a value, see cellValueErrors), is_blank, and the source's file_no,
 *                     source_row, declared_year, extra, choice_error and cell_<i>.
 *
 * The per-kind model (<kind>.sql) continues with `checked` and `resolved`. Free text
 * (titles: nearly every value distinct) is cleaned per row instead of through a dictionary.
 */
import { COLUMNS, type Kind } from '../../domain/kinds.js';
import { quotedIdentifier as q, quotedString as s } from '../../store/db.js';
import { PARSERS, TYPES, type ColumnType } from './column-types.js';
import { ERROR_TYPE } from './source.js';
import { cellValueErrors } from './cell-value-errors.js';

const FREE_TEXT = new Set(['title']);

/** The key pseudonymising a person (settings.pseudonym_key), read once per dictionary. */
const SALT = `(SELECT value FROM settings WHERE key = 'pseudonym_key')`;

/** What a dictionary adds for matching, by column: [SQL over `cleaned`, name]. */
const MATCHING: Record<string, [string, string][]> = {
  unit_name: [['ys_key(cleaned)', 'key']],
  // 200092.0 is 200092 (an id column Excel saved as numbers); in_roster: NULL when no roster is loaded.
  person_id: [[`ys_person_key('id', ys_person_id(cleaned), $keep_names, ${SALT})`, 'key'],
    [`CASE WHEN EXISTS (SELECT 1 FROM members) THEN ys_person_key('id', ys_person_id(cleaned), $keep_names, ${SALT}) IN (SELECT member_key FROM members) END`, 'in_roster']],
  person_name: [['ys_name(cleaned)', 'name'], [`ys_person_key('name', ys_name(cleaned), $keep_names, ${SALT})`, 'key']],
  author: [['ys_name(cleaned)', 'name'], [`ys_person_key('name', ys_name(cleaned), $keep_names, ${SALT})`, 'key']],
  status: [['ys_status_note(cleaned)', 'note']],
  session_type: [['ys_session_counted(ys_session_type(cleaned))', 'counted']],
};

/** The dictionaries' extra columns as they appear in `typed`: [dictionary column, typed name]. */
const IN_TYPED: Record<string, [string, string][]> = {
  unit_name: [['key', 'unit_key']],
  person_id: [['key', 'id_key'], ['in_roster', 'id_in_roster']],
  person_name: [['name', 'person_name__name'], ['key', 'name_key']],
  author: [['name', 'author__name'], ['key', 'name_key']],
  status: [['note', 'status_note']],
  session_type: [['counted', 'session_counted']],
};

/** `source AS (…), v_<c> AS MATERIALIZED (…), …, typed AS (…)`: the CTEs a model starts with (uses $keep_names). */
export function typedCtes(kind: Kind, cells: string, present: Set<string>): string {
  const all = COLUMNS[kind].map((c) => ({ name: c.name, required: !!c.required, type: TYPES[kind][c.name] as ColumnType }));
  // A column no file of the kind has is a constant: no dictionary, no join.
  const columns = all.filter((c) => present.has(c.name));
  const absent = all.filter((c) => !present.has(c.name)).map((c) => [
    `NULL::VARCHAR AS ${q(`${c.name}__as_written`)}`, `NULL::VARCHAR AS ${q(`${c.name}__raw`)}`,
    `${PARSERS[c.type].expr('NULL::VARCHAR')} AS ${q(c.name)}`,
    ...(IN_TYPED[c.name] ?? []).map(([, as]) => `NULL::VARCHAR AS ${q(as)}`),
  ].join(', '));
  const dictionaries = columns.filter((c) => !FREE_TEXT.has(c.name));
  const free = columns.filter((c) => FREE_TEXT.has(c.name));
  const v = (c: string) => q(`v_${c}`);
  const errs = dictionaries.map((c) => `${v(c.name)}.err`);
  const perRow = free.map((c) => [
    `s.${q(c.name)} AS ${q(`${c.name}__as_written`)}`,
    `ys_clean(s.${q(c.name)}) AS ${q(`${c.name}__raw`)}`,
    `ys_clean(s.${q(c.name)}) AS ${q(c.name)}`,
  ].join(', '));
  const freeErrs = free.map((c) => `CASE ${cellValueErrors(s(c.name), `s.${q(c.name)}`)}${c.required ? `WHEN ys_clean(s.${q(c.name)}) IS NULL THEN ys_err(${s(c.name)}, 'missing_value', NULL) ` : ''}END`);
  const allNull = [...dictionaries.map((c) => `${v(c.name)}.cleaned IS NULL`), ...free.map((c) => `ys_clean(s.${q(c.name)}) IS NULL`), 'true'].join(' AND ');
  const allErrs = [...errs, ...freeErrs];
  // stage_source is named in each step, not through a `source` CTE: a CTE read several times is
  // materialised by DuckDB, every cell of every row held in memory.
  return `${dictionaries.map((c) => dictionarySql(c.name, c.type, c.required)).join(',\n')},
typed AS (
  SELECT s.file_no, s.source_row, s.declared_year, s.extra, s.choice_error, ${cells.split(', ').map((c) => `s.${c}`).join(', ')},
    ${dictionaries.map((c) => [
      `s.${q(c.name)} AS ${q(`${c.name}__as_written`)}`,
      `${v(c.name)}.cleaned AS ${q(`${c.name}__raw`)}`,
      `${v(c.name)}.value AS ${q(c.name)}`,
      ...(IN_TYPED[c.name] ?? []).map(([col, as]) => `${v(c.name)}.${q(col)} AS ${q(as)}`),
    ].join(', ')).join(',\n    ')}${[...perRow, ...absent].map((x) => `,\n    ${x}`).join('')},
    -- A row is blank when every column read is empty, nothing lies beyond the header and no
    -- cell is a footer (a 合计 under a numbered template's 序号 column is reported, not skipped).
    CASE WHEN ${allNull} THEN s.extra IS NULL AND ys_footer_cell([${cells}]) IS NULL ELSE false END AS is_blank,
    CASE WHEN ${allErrs.length ? `coalesce(${allErrs.join(', ')}) IS NULL` : 'true'} THEN []::${ERROR_TYPE}[]
         ELSE list_filter([${allErrs.join(', ')}], e -> e IS NOT NULL) END AS cell_errs
  FROM stage_source s
  ${dictionaries.map((c) => `LEFT JOIN ${v(c.name)} ON ${v(c.name)}.written IS NOT DISTINCT FROM s.${q(c.name)}`).join('\n  ')}
)`;
}

/** One column's dictionary: each distinct written value, cleaned, parsed, its error, and what matching needs. */
function dictionarySql(col: string, type: ColumnType, required: boolean): string {
  const parsed = PARSERS[type].expr('cleaned');
  const code = PARSERS[type].code;
  const unreadable = type === 'text' ? '' : `WHEN (${parsed}) IS NULL THEN ys_err(${s(col)}, ${typeof code === 'function' ? code('cleaned') : s(code)}, written) `;
  const missing = required ? `WHEN cleaned IS NULL THEN ys_err(${s(col)}, 'missing_value', NULL) ` : 'WHEN cleaned IS NULL THEN NULL ';
  const matching = (MATCHING[col] ?? []).map(([expr, name]) => `, ${expr} AS ${q(name)}`).join('');
  return `${q(`v_${col}`)} AS MATERIALIZED (
  SELECT written, cleaned, ${parsed} AS value${matching},
    CAST(CASE ${cellValueErrors(s(col), 'written')}${missing}${unreadable}END AS ${ERROR_TYPE}) AS err
  FROM (SELECT written, ys_clean(written) AS cleaned FROM (SELECT DISTINCT ${q(col)} AS written FROM stage_source))
)`;
}
