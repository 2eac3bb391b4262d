/**
 * Fact rows (attendance, exams, publications, research reports): typed → resolved
 * (unit by name and year, person by roster on the row's date, pseudonymised key)
 * → split into loaded, duplicate and rejected rows. All set-based in DuckDB.
 *
 * Duplicates: a valid row whose staging values (lineage aside) equal an earlier row
 * of the same file or a row already staged from another file is counted, not loaded.
 */
import type { Db } from '../store/db.js';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { quotedIdentifier as q, quotedString } from '../store/db.js';
import { buildResolveSql, buildStagedSql, candidateHashSql, ERRS_FROM_JSON, packsFit, planFact, type FactSqlContext } from './build-fact-sql.js';
import { buildDictionaries } from './fact-dictionaries.js';
import { factColumns, type FactKind } from './fact-columns.js';
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

/**
 * Staged rows held back in Parquet, per kind, and inserted in one statement at the
 * end of the run (insertHeld). Why: each INSERT inside the run's transaction leaves
 * its last, partial row group in memory, uncompressed (~550 bytes a row): 40 files
 * of 25k rows exhausted the 300 MB memory limit. And a later file finds its
 * duplicates among held rows by their hash (an integer join over Parquet), where
 * rows inserted in the transaction would have to be hashed again, on one thread.
 */
export type HeldRows = Map<FactKind, string[]>;

export interface FactOptions {
  columns: Map<string, number>;
  spool: string;
  hashBits?: number;
  /** Hold this file's staged rows in `held` instead of inserting them now. */
  hold?: boolean;
  held?: HeldRows;
}

/**
 * Type and resolve a fact file (build-fact-sql.ts), then load it.
 *
 * The resolved rows are spooled to an uncompressed Parquet file, not a temp table:
 * this runs inside the ingest transaction, where DuckDB scans a table created in
 * the same transaction with one thread, so the insert into staging ran ~2× slower
 * (measured: 0.59 s vs 0.32 s per 1M rows). A Parquet file is read in parallel,
 * and keeps a 10M-row file out of memory.
 *
 * Duplicates: rows are first compared by a hash of their staging values; only
 * rows whose hash occurs more than once (a few, normally) are grouped on the full
 * values, so a clean 10M-row file is inserted without a 10M-group aggregate.
 */
export async function stageFacts(kind: FactKind, ctx: StageContext & FactOptions): Promise<StageCounts> {
  const { db } = ctx;
  const base = { columns: ctx.columns, keepNames: ctx.keepNames, prefix: ctx.typedTable };
  // The landing as landed: packed columns keyed by their pack, GBK text decoded per distinct value (read-csv-gbk.ts).
  const landed = ctx.raw.landed;
  const asLanded: FactSqlContext = landed ? { ...base, rawTable: landed.table, lookup: landed.lookup, packs: landed.packs } : { ...base, rawTable: ctx.raw.table };
  // The raw view unpacks and decodes per row: for a plan whose dictionaries do not match the packs.
  const asViewed: FactSqlContext = { ...base, rawTable: ctx.raw.table };
  let plan = planFact(kind, asLanded);
  if (!packsFit(plan)) plan = planFact(kind, asViewed);
  const spoolFile = join(ctx.spool, `${ctx.typedTable}.parquet`);
  const resolved = `read_parquet(${quotedString(spoolFile)})`;
  const dupHashes = q(`${ctx.typedTable}_dup`);
  const seen = q(`${ctx.typedTable}_seen`);
  const keyCols = factColumns(kind, plan.has).map(([name]) => q(name));
  // Every dictionary either plan may create (the fallback of buildDictionaries), for the clean-up.
  const dictionaries = () => [...new Set([...plan.dicts, ...planFact(kind, asViewed, { combine: false }).dicts].map((d) => q(d.table)))];
  try {
    plan = await buildDictionaries(db, plan, { declaredYear: ctx.declaredYear, fallback: asViewed, file: ctx.file, headers: ctx.raw.headers });
    // Rows carry source_row, so the spool need not keep file order, and DuckDB writes it faster unordered.
    await db.run('SET preserve_insertion_order = false');
    const stagedTypes = new Map((await db.all<{ name: string; type: string }>(
      `SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE table_name = $kind AND NOT internal`, { kind })).map((c) => [c.name, c.type]));
    await db.run(`COPY (${buildResolveSql(plan, ctx.hashBits, stagedTypes)}) TO ${quotedString(spoolFile)} (FORMAT parquet, COMPRESSION uncompressed, WRITE_BLOOM_FILTER false)`,
      { declared_year: ctx.declaredYear }).finally(() => db.run('SET preserve_insertion_order = true').catch(() => {}));
    const counts = (await db.one<StageCounts & { ok: number }>(`
      SELECT count(*) FILTER (WHERE NOT is_blank) AS read,
             count(*) FILTER (WHERE NOT is_blank AND NOT ok) AS rejected,
             count(*) FILTER (WHERE ok) AS ok,
             count(*) FILTER (WHERE is_blank) AS blank
      FROM ${resolved}`))!;
    await findDuplicateHashes(db, resolved, dupHashes, counts.ok);
    const notStaged = await earlierRows(db, kind, { keyCols, resolved, seen, held: ctx.held?.get(kind) ?? [], hashBits: ctx.hashBits });
    let part = 0;
    const insert = (where: string, row: string, groupBy = '') => insertOrHold(db, kind, ctx, {
      rows: `SELECT ${keyCols.join(', ')}, $file AS source_file, ${row} AS source_row, ${groupBy ? 'any_value(h)' : 'h'} AS h
FROM (${buildStagedSql(plan, `(SELECT * FROM ${resolved} WHERE ok AND ${where})`)}) r
${notStaged} ${groupBy}`,
      part: part++,
    });
    const single = await insert(`h NOT IN (SELECT h FROM ${dupHashes})`, 'source_row');
    const repeated = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${dupHashes}`);
    const grouped = repeated?.n ? await insert(`h IN (SELECT h FROM ${dupHashes})`, 'min(source_row)', `GROUP BY ${keyCols.join(', ')}`) : undefined;
    await insertRejects(db, kind, ctx, `(SELECT source_row, ${ERRS_FROM_JSON} AS all_errs FROM ${resolved} WHERE all_errs IS NOT NULL)`);
    const loaded = Number(single?.Count ?? 0) + Number(grouped?.Count ?? 0);
    return { read: counts.read, loaded, duplicate: counts.ok - loaded, rejected: counts.rejected, blank: counts.blank };
  } finally {
    for (const t of [dupHashes, seen, ...dictionaries()]) await db.run(`DROP TABLE IF EXISTS ${t}`).catch(() => {});
    rmSync(spoolFile, { force: true });
  }
}

/**
 * A row equal to one staged (or held) from another file is a duplicate too. Only rows
 * whose hash some row of this file has can be one: those are copied to `seen` and
 * compared in full. (Comparing with the whole staging table cost 1–2.4 s per 1M-row
 * file as it grew.) Returns the join that keeps a row `r` out of them.
 */
async function earlierRows(db: Db, kind: FactKind, o: { keyCols: string[]; resolved: string; seen: string; held: string[]; hashBits?: number }): Promise<string> {
  const cols = o.keyCols.join(', ');
  const mine = `(SELECT h FROM ${o.resolved} WHERE ok)`;
  const staged = (await db.one<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${q(kind)}) AS any`))?.any;
  const earlier = [
    ...(staged ? [`SELECT ${cols} FROM ${q(kind)} s WHERE ${candidateHashSql(o.keyCols.map((c) => `s.${c}`), o.hashBits)} IN ${mine}`] : []),
    ...(o.held.length ? [`SELECT ${cols} FROM read_parquet([${o.held.map(quotedString).join(', ')}]) WHERE h IN ${mine}`] : []),
  ];
  if (!earlier.length) return '';
  await db.run(`CREATE OR REPLACE TEMP TABLE ${o.seen} AS ${earlier.join(' UNION ALL ')}`);
  // An explicit anti join, not NOT EXISTS: DuckDB decorrelates that through a distinct of
  // every row of this file (measured: 8.8 s instead of 2.2 s to insert 10M rows).
  return `ANTI JOIN ${o.seen} s ON ${o.keyCols.map((c) => `s.${c} IS NOT DISTINCT FROM r.${c}`).join(' AND ')}`;
}

/** Insert `rows` (SQL: the staging columns and h, with $file) into staging, or hold them (see HeldRows). Returns the count. */
async function insertOrHold(db: Db, kind: FactKind, ctx: { file: string; spool: string; typedTable: string; hold?: boolean; held?: HeldRows }, o: { rows: string; part: number }) {
  if (!ctx.hold || !ctx.held) return db.one<{ Count: number }>(`INSERT INTO ${q(kind)} BY NAME SELECT * EXCLUDE (h) FROM (${o.rows})`, { file: ctx.file });
  const file = join(ctx.spool, `${ctx.typedTable}_held${o.part}.parquet`);
  const r = await db.one<{ Count: number }>(`COPY (${o.rows}) TO ${quotedString(file)} (FORMAT parquet, COMPRESSION uncompressed)`, { file: ctx.file });
  ctx.held.set(kind, [...(ctx.held.get(kind) ?? []), file]);
  return r;
}

/** Insert every kind's held rows, one statement per kind (see HeldRows). */
export async function insertHeld(db: Db, held: HeldRows, onKind?: (kind: FactKind, parts: number) => void): Promise<void> {
  for (const [kind, files] of held) {
    onKind?.(kind, files.length);
    if (files.length) await db.run(`INSERT INTO ${q(kind)} BY NAME SELECT * EXCLUDE (h) FROM read_parquet([${files.map(quotedString).join(', ')}])`);
  }
  held.clear();
}

/**
 * Hashes that occur more than once among loadable rows: candidates, confirmed on
 * the full values when inserted. The aggregate over ~10M distinct 4-byte hashes
 * takes 0.44 s (four slices of 2.5M rows took 0.56 s) and ~150 MB more peak
 * memory (peak RSS 650 MB at 10M rows); bigger files go in slices by hash value
 * so the peak does not grow with them.
 */
export async function findDuplicateHashes(db: Db, resolved: string, into: string, rows: number, sliceRows = 10_000_000): Promise<void> {
  const slices = Math.max(1, Math.ceil(rows / sliceRows));
  await db.run(`CREATE OR REPLACE TEMP TABLE ${into} (h UINTEGER)`);
  for (let i = 0; i < slices; i++) {
    await db.run(`INSERT INTO ${into} SELECT h FROM ${resolved} WHERE ok AND h % ${slices} = ${i} GROUP BY h HAVING count(*) > 1`);
  }
}

/** One reject row per failed cell, with the header the user sees and the reason in zh/en. `from` is SQL: a quoted table name or a table function. */
export async function insertRejects(db: Db, kind: string, ctx: { file: string; raw: RawTable; typedTable: string }, from: string, errsCol = 'all_errs') {
  await db.run(`
INSERT INTO rejects
SELECT $file, $sheet, e.source_row, $kind, coalesce(h.header, e.err.col), e.err.value, e.err.code, r.zh, r.en
FROM (SELECT source_row, unnest(${q(errsCol)}) AS err FROM ${from} WHERE len(${q(errsCol)}) > 0) e
LEFT JOIN ${q(`${ctx.typedTable}_hdr`)} h ON h.col = e.err.col
LEFT JOIN reject_reasons r ON r.code = e.err.code`,
  { file: ctx.file, sheet: ctx.raw.sheet ?? '', kind });
}
