/**
 * The last step of every model, the same for each kind: from ONE resolved relation
 * (file_no, source_row, is_blank, errs, the staging columns …)
 *
 *   rejects     one row per error, with the header the user sees and the reason in zh/en
 *   insert      the first of each group of equal staging values (the earliest file, then
 *               row), minus rows equal to rows staged by an earlier run: ONE insert per kind
 *   counts      per file: read, loaded, rejected, duplicate, blank
 */
import { quotedIdentifier as q, type Db } from '../../store/db.js';

export interface StageCounts {
  read: number;
  loaded: number;
  rejected: number;
  duplicate: number;
  blank: number;
}

/** Two files' (or two sheets') counts as one. */
export function addCounts(a: StageCounts | undefined, b: StageCounts): StageCounts {
  if (!a) return b;
  return { read: a.read + b.read, loaded: a.loaded + b.loaded, rejected: a.rejected + b.rejected, duplicate: a.duplicate + b.duplicate, blank: a.blank + b.blank };
}

/** One reject row per error of `from` (SQL: a relation with file_no, source_row, errs). */
export async function insertRejects(db: Db, kind: string, from: string): Promise<void> {
  await db.run(`
INSERT INTO rejects
SELECT f.source_file, f.sheet, e.source_row, $kind, coalesce(h.header, e.err.col), e.err.value, e.err.code, r.zh, r.en
FROM (SELECT file_no, source_row, unnest(errs) AS err FROM ${from} WHERE len(errs) > 0) e
JOIN stage_files f USING (file_no)
LEFT JOIN stage_headers h ON h.file_no = e.file_no AND h.col = e.err.col
LEFT JOIN reject_reasons r ON r.code = e.err.code`, { kind });
}

/**
 * A model's rows with `h`: the 64-bit hash of the staging values `columns` of a row that loads
 * (NULL for a blank or rejected row), computed as the rows are written so that the
 * duplicate search below reads one column instead of hashing every row again.
 */
export function withValuesHash(model: string, columns: string[]): string {
  return `SELECT *, CASE WHEN NOT is_blank AND len(errs) = 0 THEN hash(${columns.map((c) => q(c)).join(', ')}) END AS h FROM (${model})`;
}

/**
 * Insert the loadable rows of `from` (rows with `h`: withValuesHash) into the staging table
 * `kind`: `columns` are its columns but lineage. Rows with equal values (however written)
 * load once, as the first of them (the earliest file, then row); rows equal to a row
 * already staged (an unchanged file of an earlier run) not at all: both are duplicates.
 *
 * Grouping every row on all its values is a 10M-group aggregate; rows whose 64-bit hash
 * of the values no other row has are unique without it, so only the few rows sharing a
 * hash are grouped on their values (measured at 1M rows: 11.7 s → see bench/RESULTS.md).
 */
export async function insertFirstOfEach(db: Db, kind: string, from: string, columns: string[]): Promise<void> {
  const cols = columns.map((c) => q(c));
  const staged = await db.one<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${q(kind)}) AS any`);
  // An explicit anti join: DuckDB plans NOT EXISTS over many columns as a distinct of every row.
  const notStaged = staged?.any ? `ANTI JOIN ${q(kind)} s ON ${cols.map((c) => `s.${c} IS NOT DISTINCT FROM g.${c}`).join(' AND ')}` : '';
  const loadable = `(SELECT * FROM ${from} WHERE h IS NOT NULL)`;
  await db.run(`CREATE OR REPLACE TEMP TABLE stage_repeated AS SELECT h FROM ${loadable} GROUP BY h HAVING count(*) > 1`);
  await db.run(`
INSERT INTO ${q(kind)} BY NAME
WITH firsts AS (
  SELECT ${cols.join(', ')}, {'file_no': file_no, 'source_row': source_row} AS first
  FROM ${loadable} WHERE h NOT IN (SELECT h FROM stage_repeated)
  UNION ALL
  SELECT ${cols.join(', ')}, min({'file_no': file_no, 'source_row': source_row})
  FROM ${loadable} WHERE h IN (SELECT h FROM stage_repeated) GROUP BY ALL
)
SELECT ${cols.map((c) => `g.${c}`).join(', ')}, f.source_file, g.first.source_row AS source_row
FROM firsts g
${notStaged}
JOIN stage_files f ON f.file_no = g.first.file_no`);
  await db.run('DROP TABLE stage_repeated');
}

/** Per source file (its sheets together): the row accounting; `loaded` from the staging table (each file's old rows were removed first). */
export async function countRows(db: Db, kind: string, from: string, loadedFrom = q(kind)): Promise<Map<string, StageCounts>> {
  const rows = await db.all<StageCounts & { source_file: string; ok: number }>(`
WITH counted AS (
  SELECT f.source_file, count(*) FILTER (WHERE NOT is_blank) AS read,
         count(*) FILTER (WHERE NOT is_blank AND len(errs) > 0) AS rejected,
         count(*) FILTER (WHERE NOT is_blank AND len(errs) = 0) AS ok,
         count(*) FILTER (WHERE is_blank) AS blank
  FROM ${from} r JOIN stage_files f USING (file_no) GROUP BY f.source_file
),
loaded AS (SELECT source_file, count(*) AS loaded FROM ${loadedFrom} WHERE source_file IN (SELECT source_file FROM stage_files) GROUP BY source_file)
SELECT f.source_file, coalesce(c.read, 0) AS read, coalesce(c.rejected, 0) AS rejected, coalesce(c.ok, 0) AS ok,
       coalesce(c.blank, 0) AS blank, coalesce(l.loaded, 0) AS loaded
FROM (SELECT DISTINCT source_file FROM stage_files) f LEFT JOIN counted c USING (source_file) LEFT JOIN loaded l USING (source_file)`);
  return new Map(rows.map((r) => [r.source_file, {
    read: Number(r.read), loaded: Number(r.loaded), rejected: Number(r.rejected),
    duplicate: Number(r.ok) - Number(r.loaded), blank: Number(r.blank),
  }]));
}
