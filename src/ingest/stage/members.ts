/**
 * The member roster (members.sql), then spans that run across a merge of their unit are
 * cut there and continued in the absorbing unit, so its headcount and member-months include
 * the merged unit's members from then on.
 */
import { rmSync } from 'node:fs';
import type { Db } from '../../store/db.js';
import { countRows, insertRejects } from './finish.js';
import { modelSql } from './model.js';
import { stageNotes } from './notes.js';
import { createSourceView, type StageInput } from './source.js';
import type { StageResult } from './units.js';

/** Chains can loop only through a registry that contradicts itself; this many steps end them. */
export const MAX_CHAIN = 20;

export async function stageMembers(db: Db, inputs: StageInput[], o: { keepNames: boolean; spool: string }): Promise<StageResult> {
  const sourceFiles = await createSourceView(db, 'members', inputs, o.spool);
  await db.run(`CREATE OR REPLACE TEMP TABLE stage_resolved AS ${modelSql('members', inputs)}`, { keep_names: o.keepNames });
  await insertRejects(db, 'members', 'stage_resolved');
  await db.run(`
INSERT INTO members BY NAME
SELECT r.member_key, r.unit_id, r.role, r.is_leader, r.from_date, r.to_date, r.member_label, r.name_key, f.source_file, r.source_row
FROM stage_resolved r JOIN stage_files f USING (file_no)
WHERE NOT r.is_blank AND len(r.errs) = 0 AND r.copy_no = 1`);
  const counts = await countRows(db, 'members', 'stage_resolved');
  const issues = await stageNotes(db, 'stage_resolved');
  await db.run('DROP TABLE stage_resolved; DROP VIEW stage_source;');
  for (const f of sourceFiles) rmSync(f, { force: true });
  await splitSpansAtMerges(db);
  return { counts, issues };
}

/**
 * Spans of this run's files running across a merge of their unit: cut on 31 December before
 * the effective year, continued in the absorbing unit from 1 January (again if that unit was
 * merged later too). Both days inclusive, as facts are matched to spans and as the overlap
 * check reads them.
 */
async function splitSpansAtMerges(db: Db): Promise<void> {
  for (let i = 0; i < MAX_CHAIN; i++) {
    await db.run(`
CREATE OR REPLACE TEMP TABLE ys_crossing AS
SELECT m.rowid AS rid, v.successor_id, make_date(v.end_year, 1, 1) AS merge_day
FROM members m JOIN unit_validity v ON v.unit_id = m.unit_id
WHERE m.source_file IN (SELECT source_file FROM stage_files) AND v.successor_id IS NOT NULL
  AND coalesce(m.from_date, DATE '1900-01-01') < make_date(v.end_year, 1, 1)
  AND coalesce(m.to_date, DATE '9999-12-31') >= make_date(v.end_year, 1, 1)`);
    const n = await db.one<{ n: number }>('SELECT count(*) AS n FROM ys_crossing');
    if (!Number(n?.n)) break;
    await db.run(`
INSERT INTO members BY NAME
SELECT m.member_key, c.successor_id AS unit_id, m.role, m.is_leader, c.merge_day AS from_date, m.to_date, m.member_label, m.name_key, m.source_file, m.source_row
FROM members m JOIN ys_crossing c ON m.rowid = c.rid`);
    await db.run('UPDATE members SET to_date = c.merge_day - 1 FROM ys_crossing c WHERE members.rowid = c.rid');
  }
  await db.run('DROP TABLE IF EXISTS ys_crossing');
}
