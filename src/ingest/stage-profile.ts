/**
 * Unit profile (单位概况): one row per unit-year in the file, every numeric column
 * a metric, stored long as unit_profile(unit_id, year, metric, value).
 * Known columns (PROFILE_METRICS, or `columns:` in the pipeline) must be numbers or
 * yes/no flags; a bad cell rejects its row. An unknown column is loaded under its
 * header text when all its cells are numeric, else skipped with a warning.
 */
import { warning, type Issue } from '../errors.js';
import type { Db } from '../store/db.js';
import { quotedIdentifier as q } from '../store/db.js';
import { SIGNED_PROFILE_METRICS, normaliseHeader } from '../domain/kinds.js';
import type { HeaderMap } from './map-headers.js';
import { profileAliasIndex } from './map-headers.js';
import { insertRejects, type StageContext, type StageCounts } from './stage-facts.js';

interface ProfileCol { idx: number; metric: string; scale: number; flag: boolean; known: boolean; header: string }

function profileColumns(map: HeaderMap, headers: string[], extra: Record<string, string[]>): ProfileCol[] {
  const index = profileAliasIndex(extra);
  const out: ProfileCol[] = [];
  const taken = new Set([map.columns.get('unit_name'), map.columns.get('year')]);
  headers.forEach((h, idx) => {
    if (taken.has(idx) || !h || !h.trim()) return;
    const known = index.get(normaliseHeader(h));
    out.push(known ? { idx, ...known, known: true, header: h } : { idx, metric: h.trim(), scale: 1, flag: false, known: false, header: h });
  });
  return out;
}

export async function stageProfile(
  ctx: StageContext & { map: HeaderMap; extra: Record<string, string[]>; declaredYear: number },
): Promise<{ counts: StageCounts; issues: Issue[] }> {
  const { db } = ctx;
  const cols = profileColumns(ctx.map, ctx.raw.headers, ctx.extra);
  const colTable = `${ctx.typedTable}_pc`;
  await db.run(`CREATE OR REPLACE TEMP TABLE ${q(colTable)} (col VARCHAR, metric VARCHAR, scale DOUBLE, flag BOOLEAN, known BOOLEAN, header VARCHAR)`);
  for (const c of cols) {
    await db.run(`INSERT INTO ${q(colTable)} VALUES ($col, $metric, $scale, $flag, $known, $header)`,
      { col: `c${c.idx}`, metric: c.metric, scale: c.scale, flag: c.flag, known: c.known, header: c.header });
  }
  const long = `${ctx.typedTable}_long`;
  const unpivot = cols.length
    ? `SELECT source_row, col, ys_clean(val) AS val FROM (UNPIVOT (SELECT source_row, ${cols.map((c) => q(`c${c.idx}`)).join(', ')} FROM ${q(ctx.raw.table)})
         ON ${cols.map((c) => q(`c${c.idx}`)).join(', ')} INTO NAME col VALUE val)`
    : `SELECT NULL::INTEGER AS source_row, NULL::VARCHAR AS col, NULL::VARCHAR AS val WHERE false`;
  await db.run(`
CREATE OR REPLACE TEMP TABLE ${q(long)} AS
SELECT l.source_row, p.*, l.val,
  CASE WHEN p.flag THEN coalesce(ys_parse_flag(l.val), ys_parse_number(l.val))
       ELSE coalesce(ys_parse_number(l.val), ys_parse_flag(l.val)) END * p.scale AS value
FROM (${unpivot}) l JOIN ${q(colTable)} p USING (col)
WHERE l.val IS NOT NULL`);
  const issues = await skipTextColumns(db, long, ctx);
  const t = `${ctx.typedTable}_p`;
  await db.run(`
CREATE OR REPLACE TEMP TABLE ${q(t)} AS
WITH rows AS (
  SELECT b.*, coalesce(${ctx.map.columns.has('year') ? 'b."year"' : 'NULL::INTEGER'}, nullif($declared_year, 0)) AS yr
  FROM ${q(ctx.typedTable)} b
),
cell_errs AS (
  SELECT source_row, list({'col': metric, 'code': CASE WHEN value IS NULL THEN 'bad_number' ELSE 'negative_number' END, 'value': val}) AS errs
  FROM ${q(long)} WHERE known AND (value IS NULL OR (value < 0 AND NOT list_contains(string_split($signed, ','), metric))) GROUP BY source_row
)
SELECT r.*, lk.unit_id, lk.via, false AS is_dup,
  CASE WHEN r.is_blank THEN []
       WHEN len(r.errs) > 0 THEN r.errs
       WHEN r.yr IS NULL THEN [{'col': 'year', 'code': 'no_year', 'value': NULL::VARCHAR}]
       WHEN ce.errs IS NOT NULL THEN ce.errs
       WHEN lk.unit_id IS NULL AND known.name IS NOT NULL THEN [{'col': 'unit_name', 'code': coalesce(ended.end_code, 'unit_not_valid'), 'value': r."unit_name__raw"}]
       WHEN lk.unit_id IS NULL THEN [{'col': 'unit_name', 'code': 'unknown_unit', 'value': r."unit_name__raw"}]
       ELSE [] END AS all_errs
FROM rows r
LEFT JOIN cell_errs ce USING (source_row)
LEFT JOIN unit_lookup lk ON lk.name = ys_key(r."unit_name__raw") AND r.yr BETWEEN lk.from_year AND lk.to_year
LEFT JOIN (SELECT DISTINCT name FROM unit_lookup) known ON known.name = ys_key(r."unit_name__raw")
LEFT JOIN unit_end_names ended ON ended.name = ys_key(r."unit_name__raw") AND r.yr >= ended.end_year`,
  { declared_year: ctx.declaredYear, signed: SIGNED_PROFILE_METRICS.join(',') });
  // Cell errors name the metric; show the header instead.
  await db.run(`INSERT INTO ${q(`${ctx.typedTable}_hdr`)} SELECT metric, header FROM ${q(colTable)}`);
  await db.run(`
INSERT INTO unit_profile
WITH cells AS (
  SELECT t.unit_id, t.yr, l.metric, l.value, l.known AND NOT l.flag AS additive, t.via = 'merge' AS merged_in, t.source_row
  FROM ${q(t)} t JOIN ${q(long)} l USING (source_row)
  WHERE NOT t.is_blank AND len(t.all_errs) = 0 AND l.value IS NOT NULL
),
grouped AS (
  SELECT *, bool_or(merged_in) OVER (PARTITION BY unit_id, yr, metric) AS has_merged FROM cells
)
${MERGED_PROFILE_SQL}`, { file: ctx.file });
  issues.push(...(await mergedRowNotes(db, t, ctx)));
  await insertRejects(db, 'unit_profile', ctx, q(t), 'all_errs');
  const counts = await db.one<StageCounts>(`
    SELECT count(*) FILTER (WHERE NOT is_blank) AS read,
           count(*) FILTER (WHERE NOT is_blank AND len(all_errs) = 0) AS loaded,
           0 AS duplicate,
           count(*) FILTER (WHERE NOT is_blank AND len(all_errs) > 0) AS rejected,
           count(*) FILTER (WHERE is_blank) AS blank
    FROM ${q(t)}`);
  await db.run(`DROP TABLE ${q(t)}; DROP TABLE ${q(long)}; DROP TABLE ${q(colTable)};`);
  return { counts: counts!, issues };
}

/**
 * Rows of a unit merged into another (its old name resolved through a merge, stage-units.ts)
 * are folded into the absorbing unit's row of the same year: numbers of known metrics
 * (members, budget, rooms, research days, leaders, bonus/deduction points) are summed;
 * yes/no flags (veto included) and columns of unknown meaning are the absorbing unit's own
 * (docs/unit-changes.md). Without a merged row, rows load as they are.
 */
const MERGED_PROFILE_SQL = `
SELECT unit_id, yr, metric, value, $file, source_row FROM grouped WHERE NOT has_merged
UNION ALL
SELECT unit_id, yr, metric, sum(value), $file, coalesce(min(source_row) FILTER (WHERE NOT merged_in), min(source_row))
FROM grouped WHERE has_merged AND additive GROUP BY unit_id, yr, metric
UNION ALL
SELECT unit_id, yr, metric, value, $file, source_row FROM grouped WHERE has_merged AND NOT additive AND NOT merged_in`;

/** One note per folded row, so the sum is never silent. */
async function mergedRowNotes(db: Db, t: string, ctx: StageContext): Promise<Issue[]> {
  const rows = await db.all<{ row: number; name: string; unit: string; year: number }>(`
    SELECT t.source_row AS row, t."unit_name__raw" AS name, u.name AS unit, t.yr AS year
    FROM ${q(t)} t JOIN units u USING (unit_id)
    WHERE t.via = 'merge' AND NOT t.is_blank AND len(t.all_errs) = 0 ORDER BY t.source_row`);
  const where = ctx.raw.sheet ? `${ctx.file}[${ctx.raw.sheet}]` : ctx.file;
  return rows.map((r) => warning('profile_merged_unit',
    `${r.name} 已并入${r.unit}：其 ${r.year} 年概况的人数、经费等数值计入${r.unit}，是/否项取${r.unit}本行 / ` +
    `${r.name} was merged into ${r.unit}: its ${r.year} profile numbers (members, budget, …) are added to ${r.unit}; yes/no items are ${r.unit}'s own`,
    { file: where, row: r.row }));
}

/** Unknown columns with any non-numeric cell are not metrics: drop them and say so. */
async function skipTextColumns(db: Db, long: string, ctx: StageContext): Promise<Issue[]> {
  const text = await db.all<{ header: string; example: string }>(`
    SELECT header, min(val) AS example FROM ${q(long)} WHERE NOT known AND value IS NULL GROUP BY header ORDER BY header`);
  await db.run(`DELETE FROM ${q(long)} WHERE NOT known AND metric IN (SELECT metric FROM ${q(long)} WHERE NOT known AND value IS NULL)`);
  const where = ctx.raw.sheet ? `${ctx.file}[${ctx.raw.sheet}]` : ctx.file;
  return text.map((c) => warning('profile_text_column',
    `列“${c.header}”不是数值（如“${c.example}”），未作为指标载入 / column “${c.header}” is not numeric (e.g. “${c.example}”), not loaded as a metric`,
    { file: where, row: ctx.raw.headerRow, column: c.header }));
}
