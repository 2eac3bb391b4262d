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
import { ignoredColumns, profileAliasIndex } from '../map-headers.js';
import { countRows, insertRejects, type StageCounts } from './finish.js';
import { typedOnlySql } from './model.js';
import { createSourceView, type StageInput } from './source.js';

interface ProfileCol { idx: number; metric: string; scale: number; flag: boolean; known: boolean; header: string }

/** Every column but the unit and the year, and those left unread on purpose (序号, 备注, `ignore:`). */
function profileColumns(i: StageInput, extra: Record<string, string[]>, ignore: string[] = []): ProfileCol[] {
  const index = profileAliasIndex(extra);
  const ignored = ignoredColumns(i.headers, ignore);
  const taken = new Set([i.map.columns.get('unit_name'), i.map.columns.get('year')]);
  const out: ProfileCol[] = [];
  i.headers.forEach((h, idx) => {
    if (taken.has(idx) || ignored.has(idx) || !h || !h.trim()) return;
    const known = index.get(normaliseHeader(h));
    out.push(known ? { idx, ...known, known: true, header: h } : { idx, metric: h.trim(), scale: 1, flag: false, known: false, header: h });
  });
  return out;
}

export async function stageProfile(db: Db, i: StageInput, o: { extra: Record<string, string[]>; ignore?: string[] }): Promise<{ counts: Map<string, StageCounts>; issues: Issue[] }> {
  await createSourceView(db, 'unit_profile', [i]);
  const cols = profileColumns(i, o.extra, o.ignore);
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
  issues.push(...(await mergedRowNotes(db, i)));
  await insertRejects(db, 'unit_profile', 'stage_resolved');
  // Loaded = rows, not metric values: counted from the resolved rows.
  const counts = await countRows(db, 'unit_profile', 'stage_resolved', `(SELECT f.source_file FROM stage_resolved r JOIN stage_files f USING (file_no) WHERE NOT r.is_blank AND len(r.errs) = 0)`);
  await db.run('DROP TABLE stage_resolved; DROP TABLE stage_profile_cells; DROP TABLE stage_profile_columns;');
  return { counts, issues };
}

/** A profile row: its year (the column, else the declared year), unit, and errors (cells first, then year, then unit). */
const PROFILE_ROWS = `,
rows AS (SELECT *, coalesce("year", nullif(declared_year, 0)) AS yr FROM typed),
cell_errs AS (
  SELECT source_row, list(ys_err(metric, CASE WHEN value IS NULL THEN 'bad_number' ELSE 'negative_number' END, written)) AS errs
  FROM stage_profile_cells
  WHERE known AND (value IS NULL OR (value < 0 AND NOT list_contains(string_split($signed, ','), metric))) GROUP BY source_row
),
resolved AS (
  SELECT r.*, lk.unit_id, lk.via,
    CASE WHEN len(r.cell_errs) > 0 THEN r.cell_errs
         WHEN r.yr IS NULL THEN [ys_err('year', 'no_year', NULL)]
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
