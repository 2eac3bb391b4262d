/**
 * Unit profile (单位概况): one row per unit-year, every numeric column a metric, stored long
 * as unit_profile(unit_id, year, metric, value). Staged file by file: each has its own columns.
 * Known columns (PROFILE_METRICS, or `columns:` in the pipeline) must be numbers or yes/no
 * flags; a bad cell rejects its row. An unknown column is loaded under its header text when
 * all its cells are numeric, else skipped with a warning.
 */
import { warning, type Issue } from '../../errors.js';
import { quotedIdentifier as q, type Db } from '../../store/db.js';
import { SIGNED_PROFILE_METRICS, normaliseHeader } from '../../domain/kinds.js';
import { profileAliasIndex } from '../map-headers.js';
import { addCounts, countRows, insertRejects, type StageCounts } from './finish.js';
import { typedOnlySql } from './model.js';
import { createSourceView, createStageTables, registerInputs, type StageInput } from './source.js';

interface ProfileCol { idx: number; metric: string; scale: number; flag: boolean; known: boolean; header: string }

/**
 * The columns the header map made metrics (HeaderUse.metric): every column but the unit and the
 * year, those left unread on purpose (序号, 备注, `ignore:`) and a built-in alias the source's
 * `columns:` passed over for another header of the same metric.
 */
function profileColumns(i: StageInput, extra: Record<string, string[]>): ProfileCol[] {
  const index = profileAliasIndex(extra);
  const out: ProfileCol[] = [];
  i.headers.forEach((h, idx) => {
    const metric = i.map.uses[idx]?.metric;
    if (metric === undefined || !h || !h.trim()) return;
    const known = index.get(normaliseHeader(h));
    out.push(known ? { idx, ...known, known: true, header: h } : { idx, metric, scale: 1, flag: false, known: false, header: h });
  });
  return out;
}

/**
 * Every profile input, file by file (each has its own metric columns), then the check across
 * them all (rejectConflicts). Counts are per source file, sheets summed.
 */
export async function stageProfiles(db: Db, inputs: StageInput[], sourceOf: (i: StageInput) => { columns: Record<string, string[]>; ignore?: string[] }): Promise<{ counts: Map<string, StageCounts>; issues: Issue[] }> {
  const counts = new Map<string, StageCounts>();
  const issues: Issue[] = [];
  const add = (more: Map<string, StageCounts>) => {
    for (const [file, c] of more) counts.set(file, addCounts(counts.get(file), c));
  };
  await db.run(`CREATE OR REPLACE TEMP TABLE stage_profile_loaded (source_file VARCHAR, sheet VARCHAR, source_row INTEGER, unit_id VARCHAR, year INTEGER, metric VARCHAR, header VARCHAR, written VARCHAR)`);
  for (const input of inputs) {
    await createStageTables(db);
    await registerInputs(db, [input]);
    const r = await stageProfile(db, input, { extra: sourceOf(input).columns });
    add(r.counts);
    issues.push(...r.issues);
  }
  const conflicts = await rejectConflicts(db);
  add(conflicts.counts);
  issues.push(...conflicts.issues);
  await db.run('DROP TABLE stage_profile_loaded');
  return { counts, issues };
}

async function stageProfile(db: Db, i: StageInput, o: { extra: Record<string, string[]> }): Promise<{ counts: Map<string, StageCounts>; issues: Issue[] }> {
  await createSourceView(db, 'unit_profile', [i]);
  const cols = profileColumns(i, o.extra);
  await db.run(`CREATE OR REPLACE TEMP TABLE stage_profile_columns (col VARCHAR, metric VARCHAR, scale DOUBLE, flag BOOLEAN, known BOOLEAN, header VARCHAR)`);
  for (const c of cols) {
    await db.run(`INSERT INTO stage_profile_columns VALUES ($col, $metric, $scale, $flag, $known, $header)`,
      { col: `c${c.idx}`, metric: c.metric, scale: c.scale, flag: c.flag, known: c.known, header: c.header });
    await db.run('INSERT INTO stage_headers VALUES ($n, $col, $header)', { n: i.fileNo, col: c.metric, header: c.header });
  }
  // The metric cells, long: one row per (row, column) with a value.
  const cells = cols.map((c) => q(`c${c.idx}`)).join(', ');
  const unpivot = cols.length
    ? `SELECT source_row, col, val AS written, ys_clean(val) AS val FROM (UNPIVOT (SELECT source_row, ${cells} FROM ${q(i.table)}) ON ${cells} INTO NAME col VALUE val)`
    : `SELECT NULL::INTEGER AS source_row, NULL::VARCHAR AS col, NULL::VARCHAR AS written, NULL::VARCHAR AS val WHERE false`;
  await db.run(`
CREATE OR REPLACE TEMP TABLE stage_profile_cells AS
SELECT l.source_row, p.*, l.written, l.val,
  CASE WHEN p.flag THEN coalesce(ys_parse_flag(l.val), ys_parse_number(l.val))
       ELSE coalesce(ys_parse_number(l.val), ys_parse_flag(l.val)) END * p.scale AS value
FROM (${unpivot}) l JOIN stage_profile_columns p USING (col)
WHERE l.val IS NOT NULL`);
  const issues = await skipTextColumns(db, i);
  await db.run(`CREATE OR REPLACE TEMP TABLE stage_resolved AS ${typedOnlySql('unit_profile', [i], PROFILE_ROWS)}`,
    { signed: SIGNED_PROFILE_METRICS.join(',') });
  await db.run(`
INSERT INTO unit_profile BY NAME
WITH cells AS (
  SELECT t.unit_id, t.yr, l.metric, l.value, l.known AND NOT l.flag AS additive, t.via = 'merge' AS merged_in, t.source_row
  FROM stage_resolved t JOIN stage_profile_cells l USING (source_row)
  WHERE NOT t.is_blank AND len(t.errs) = 0 AND l.value IS NOT NULL
),
grouped AS (SELECT *, bool_or(merged_in) OVER (PARTITION BY unit_id, yr, metric) AS has_merged FROM cells)
${MERGED_PROFILE_SQL}`, { file: i.file });
  // What each loaded cell was, as written: rejectConflicts names it.
  await db.run(`
INSERT INTO stage_profile_loaded
SELECT f.source_file, f.sheet, t.source_row, t.unit_id, t.yr, l.metric, l.header, l.written
FROM stage_resolved t JOIN stage_profile_cells l USING (source_row) JOIN stage_files f USING (file_no)
WHERE NOT t.is_blank AND len(t.errs) = 0 AND l.value IS NOT NULL`);
  issues.push(...(await mergedRowNotes(db, i)));
  await insertRejects(db, 'unit_profile', 'stage_resolved');
  // Loaded = rows, not metric values: counted from the resolved rows.
  const counts = await countRows(db, 'unit_profile', 'stage_resolved', `(SELECT f.source_file FROM stage_resolved r JOIN stage_files f USING (file_no) WHERE NOT r.is_blank AND len(r.errs) = 0)`);
  await db.run('DROP TABLE stage_resolved; DROP TABLE stage_profile_cells; DROP TABLE stage_profile_columns;');
  return { counts, issues };
}

/**
 * A profile row: its year, unit, and errors (cells first, then year, then unit). The year is the
 * declared one (the source's `year:` or its `{year}` folder) when there is one: a 年度 cell that
 * says otherwise (last year's form reused, one row not updated) is `year_not_declared`, as a date
 * outside the declared year is `date_outside_year`, never a row of the other year. A file with
 * no declared year takes each row's 年度.
 */
const PROFILE_ROWS = `,
rows AS (SELECT *, CASE WHEN declared_year > 0 THEN declared_year ELSE "year" END AS yr FROM typed),
cell_errs AS (
  SELECT source_row, list(ys_err(metric, CASE WHEN value IS NULL THEN 'bad_number' ELSE 'negative_number' END, written)) AS errs
  FROM stage_profile_cells
  WHERE known AND (value IS NULL OR (value < 0 AND NOT list_contains(string_split($signed, ','), metric))) GROUP BY source_row
),
resolved AS (
  SELECT r.*, lk.unit_id, lk.via,
    CASE WHEN len(r.cell_errs) > 0 THEN r.cell_errs
         WHEN r.yr IS NULL THEN [ys_err('year', 'no_year', NULL)]
         WHEN r."year" IS NOT NULL AND r."year" <> r.yr THEN [ys_err('year', 'year_not_declared', r."year__as_written")]
         WHEN ce.errs IS NOT NULL THEN ce.errs
         WHEN lk.unit_id IS NULL AND known.name IS NOT NULL THEN [ys_err('unit_name', coalesce(ended.end_code, 'unit_not_valid'), r."unit_name__as_written")]
         WHEN lk.unit_id IS NULL THEN [ys_err('unit_name', 'unknown_unit', r."unit_name__as_written")]
         ELSE [] END AS errs1
  FROM rows r
  LEFT JOIN cell_errs ce USING (source_row)
  LEFT JOIN unit_lookup lk ON lk.name = r.unit_key AND r.yr BETWEEN lk.from_year AND lk.to_year
  LEFT JOIN (SELECT DISTINCT name FROM unit_lookup) known ON known.name = r.unit_key
  LEFT JOIN unit_end_names ended ON ended.name = r.unit_key AND r.yr >= ended.end_year
)
SELECT *, ys_row_errors(is_blank, extra, ys_footer_cell([{{cells}}]), choice_error, errs1) AS errs FROM resolved`;

/**
 * Rows of a unit merged into another (its old name resolved through a merge) are folded into
 * the absorbing unit's row of the same year: numbers of known metrics are summed; yes/no flags
 * and columns of unknown meaning are the absorbing unit's own (docs/unit-changes.md).
 */
const MERGED_PROFILE_SQL = `
SELECT unit_id, yr AS year, metric, value, $file AS source_file, source_row FROM grouped WHERE NOT has_merged
UNION ALL
SELECT unit_id, yr, metric, sum(value), $file, coalesce(min(source_row) FILTER (WHERE NOT merged_in), min(source_row))
FROM grouped WHERE has_merged AND additive GROUP BY unit_id, yr, metric
UNION ALL
SELECT unit_id, yr, metric, value, $file, source_row FROM grouped WHERE has_merged AND NOT additive AND NOT merged_in`;

const where = (i: StageInput) => (i.sheet ? `${i.file}[${i.sheet}]` : i.file);

/**
 * One unit, year and item given different values (two files: 单位概况.xlsx and
 * 单位概况(更正).xlsx; or two rows of one file): which is right is the office's call, and
 * picking one (the last file name, say) would be a silent misread. So EVERY row giving a
 * conflicting value is rejected (`conflicting_profile`, one reject per conflicting cell, with
 * its file, sheet, row, header and the cell as written), all of its items with it, as any
 * bad cell rejects its profile row. The unit then has no profile for that year until one file
 * is fixed, and the score stage's coverage note says the values are missing; a warning names
 * the rows side by side. Equal values (however written: 1.2 万元 = 12000 元) are no conflict:
 * they stay plain duplicates. Values are compared on 6 decimals (万元 × 10000 is inexact).
 *
 * It needs every profile file of the database in the run: a change to one reloads them all
 * (plan.ts). Rows already staged by an earlier run are still compared with, but only the
 * rows of this run can be rejected.
 */
async function rejectConflicts(db: Db): Promise<{ counts: Map<string, StageCounts>; issues: Issue[] }> {
  await db.run(`
CREATE OR REPLACE TEMP TABLE stage_profile_conflicts AS
WITH conflicts AS (
  SELECT unit_id, year, metric FROM unit_profile
  WHERE value IS NOT NULL GROUP BY ALL HAVING count(DISTINCT round(value, 6)) > 1
)
SELECT l.* FROM stage_profile_loaded l JOIN conflicts c USING (unit_id, year, metric)`);
  await db.run(`
INSERT INTO rejects
SELECT c.source_file, c.sheet, c.source_row, 'unit_profile', c.header, c.written, 'conflicting_profile', r.zh, r.en
FROM stage_profile_conflicts c LEFT JOIN reject_reasons r ON r.code = 'conflicting_profile'
ORDER BY c.source_file, c.sheet, c.source_row, c.header`);
  await db.run(`
DELETE FROM unit_profile u WHERE EXISTS (
  SELECT 1 FROM stage_profile_conflicts c
  WHERE c.source_file = u.source_file AND c.source_row = u.source_row AND c.unit_id = u.unit_id AND c.year = u.year)`);
  const rows = await db.all<{ source_file: string; n: number }>(`
SELECT source_file, count(DISTINCT (sheet, source_row))::INTEGER AS n FROM stage_profile_conflicts GROUP BY source_file`);
  const counts = new Map(rows.map((r) => [r.source_file, { read: 0, loaded: -r.n, rejected: r.n, duplicate: 0, blank: 0 }]));
  const groups = await db.all<{ unit: string; year: number; header: string; cells: { file: string; sheet: string; row: number; written: string }[] }>(`
SELECT coalesce(u.name, c.unit_id) AS unit, c.year, min(c.header) AS header,
       list({'file': c.source_file, 'sheet': c.sheet, 'row': c.source_row, 'written': c.written} ORDER BY c.source_file, c.sheet, c.source_row) AS cells
FROM stage_profile_conflicts c LEFT JOIN units u USING (unit_id)
GROUP BY c.unit_id, u.name, c.year, c.metric ORDER BY unit, c.year, header`);
  await db.run('DROP TABLE stage_profile_conflicts');
  // One warning per unit-year, its items side by side.
  const byUnitYear = new Map<string, typeof groups>();
  for (const g of groups) byUnitYear.set(`${g.unit}|${g.year}`, [...(byUnitYear.get(`${g.unit}|${g.year}`) ?? []), g]);
  const place = (c: { file: string; sheet: string; row: number }) => `${c.sheet ? `${c.file}[${c.sheet}]` : c.file}:${c.row}`;
  const issues = [...byUnitYear.values()].map((items) => {
    const zh = items.map((g) => `“${g.header}”${g.cells.map((c) => `${place(c)} 为“${c.written}”`).join('、')}`).join('；');
    const en = items.map((g) => `“${g.header}” ${g.cells.map((c) => `“${c.written}” at ${place(c)}`).join(', ')}`).join('; ');
    const [{ unit, year, cells: [first] }] = items;
    return warning('profile_conflict',
      `${unit} ${year} 年概况数值不一致：${zh}。这些行均未载入，请更正或删除其中一行 / ` +
      `${unit} ${year} profile values differ: ${en}. None of these rows is loaded: correct or remove one of them`,
      { file: first.sheet ? `${first.file}[${first.sheet}]` : first.file, row: first.row });
  });
  return { counts, issues };
}

/** One note per folded row, so the sum is never silent. */
async function mergedRowNotes(db: Db, i: StageInput): Promise<Issue[]> {
  const rows = await db.all<{ row: number; name: string; unit: string; year: number }>(`
    SELECT t.source_row AS row, t."unit_name__raw" AS name, u.name AS unit, t.yr AS year
    FROM stage_resolved t JOIN units u USING (unit_id)
    WHERE t.via = 'merge' AND NOT t.is_blank AND len(t.errs) = 0 ORDER BY t.source_row`);
  return rows.map((r) => warning('profile_merged_unit',
    `${r.name} 已并入${r.unit}：其 ${r.year} 年概况的人数、经费等数值计入${r.unit}，是/否项取${r.unit}本行 / ` +
    `${r.name} was merged into ${r.unit}: its ${r.year} profile numbers (members, budget, …) are added to ${r.unit}; yes/no items are ${r.unit}'s own`,
    { file: where(i), row: r.row }));
}

/** Unknown columns with any non-numeric cell are not metrics: drop them and say so. */
async function skipTextColumns(db: Db, i: StageInput): Promise<Issue[]> {
  const text = await db.all<{ header: string; example: string }>(`
    SELECT header, min(val) AS example FROM stage_profile_cells WHERE NOT known AND value IS NULL GROUP BY header ORDER BY header`);
  await db.run(`DELETE FROM stage_profile_cells WHERE NOT known AND metric IN (SELECT metric FROM stage_profile_cells WHERE NOT known AND value IS NULL)`);
  return text.map((c) => warning('profile_text_column',
    `列“${c.header}”不是数值（如“${c.example}”），未作为指标载入 / column “${c.header}” is not numeric (e.g. “${c.example}”), not loaded as a metric`,
    { file: where(i), row: i.headerRow, column: c.header }));
}
