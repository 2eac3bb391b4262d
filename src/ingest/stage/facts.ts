/**
 * Staging a fact kind (attendance, exams, publications, research reports): every file of
 * the kind through its model (<kind>.sql) in one statement, the resolved rows written once
 * to a Parquet file in the spool, and rejects, the one insert, the counts and the notes all
 * read from it.
 *
 * Why a Parquet file and not a temp table: this runs inside the ingest transaction, where
 * DuckDB scans a table created in the same transaction with one thread (measured: inserting
 * from it ~2× slower); a Parquet file is read in parallel and keeps 10M rows out of memory.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Issue } from '../../errors.js';
import { quotedString, type Db } from '../../store/db.js';
import { sqlFile } from '../../store/sql-file.js';
import { countRows, insertFirstOfEach, insertRejects, withValuesHash, type StageCounts } from './finish.js';
import { modelSql } from './model.js';
import { stageNotes } from './notes.js';
import { createSourceView, type StageInput } from './source.js';

export type FactKind = 'attendance' | 'exams' | 'publications' | 'research_reports';
export const FACT_KINDS: FactKind[] = ['attendance', 'exams', 'publications', 'research_reports'];

/** The staging columns each model gives, lineage aside (also the duplicate key). */
export const FACT_COLUMNS: Record<FactKind, string[]> = {
  attendance: ['unit_id', 'member_key', 'date', 'year', 'session_type', 'hours', 'status', 'topic', 'presenter', 'partner_unit'],
  exams: ['unit_id', 'member_key', 'exam', 'date', 'year', 'score', 'full_mark', 'pass_mark', 'attempt'],
  publications: ['unit_id', 'author_key', 'title', 'venue', 'level', 'date', 'year', 'kind'],
  research_reports: ['unit_id', 'author_key', 'is_leader', 'title', 'date', 'year', 'adoption_level', 'adoption_extent', 'kind'],
};

export async function stageFacts(db: Db, kind: FactKind, inputs: StageInput[], o: { spool: string; keepNames: boolean }): Promise<{ counts: Map<string, StageCounts>; issues: Issue[] }> {
  const sourceFiles = await createSourceView(db, kind, inputs, o.spool);
  const spoolFile = join(o.spool, `${kind}.parquet`);
  const resolved = `read_parquet(${quotedString(spoolFile)})`;
  try {
    // Attendance and exams match rows without an id to the roster by name (name-matches.sql).
    if (kind === 'attendance' || kind === 'exams') await db.run(sqlFile(import.meta.url, './name-matches.sql'), { keep_names: o.keepNames });
    // Rows carry file_no and source_row: the spool need not keep their order, and an ordered write
    // buffers every batch that finishes early (measured at 1M rows: peak RSS 2.4 GB, most of the time).
    // Row groups of 30,720 rows, a quarter of DuckDB's default: cheaper for this unordered write of wide rows (bench/RESULTS.md).
    await db.run('SET preserve_insertion_order = false');
    await db.run(`COPY (${withValuesHash(modelSql(kind, inputs), FACT_COLUMNS[kind])}) TO ${quotedString(spoolFile)} (FORMAT parquet, COMPRESSION uncompressed, ROW_GROUP_SIZE 30720)`, { keep_names: o.keepNames })
      .finally(() => db.run('SET preserve_insertion_order = true').catch(() => {}));
    await insertRejects(db, kind, resolved);
    await insertFirstOfEach(db, kind, resolved, FACT_COLUMNS[kind]);
    return { counts: await countRows(db, kind, resolved), issues: await stageNotes(db, resolved) };
  } finally {
    for (const f of [spoolFile, ...sourceFiles]) rmSync(f, { force: true });
    // After a failed statement the transaction is aborted and these fail too: the first error is the one to report.
    await db.run('DROP VIEW IF EXISTS stage_source').catch(() => {});
    await db.run('DROP TABLE IF EXISTS stage_name_matches').catch(() => {});
  }
}
