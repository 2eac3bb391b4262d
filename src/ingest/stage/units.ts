/**
 * The reference kinds the facts depend on: the unit list (units.sql) and the unit registry
 * (renames, merges, abolitions, creations, splits). Both are small: their resolved rows are
 * a temp table, read for rejects, the insert and the counts.
 */
import { warning, type Issue } from '../../errors.js';
import type { Db } from '../../store/db.js';
import { countRows, insertRejects, type StageCounts } from './finish.js';
import { modelSql, typedOnlySql } from './model.js';
import { createSourceView, type StageInput } from './source.js';

export interface StageResult { counts: Map<string, StageCounts>; issues: Issue[] }

export async function stageUnits(db: Db, inputs: StageInput[]): Promise<StageResult> {
  await createSourceView(db, 'units', inputs);
  await db.run(`CREATE OR REPLACE TEMP TABLE stage_resolved AS ${modelSql('units', inputs)}`);
  await insertRejects(db, 'units', 'stage_resolved');
  await db.run(`
INSERT INTO units BY NAME
SELECT r.unit_id, r.name, r.parent_id, r.unit_type, r.type_label, r.valid_from, r.valid_to, f.source_file, r.source_row
FROM stage_resolved r JOIN stage_files f USING (file_no)
WHERE NOT r.is_blank AND len(r.errs) = 0 AND r.copy_no = 1`);
  const unknown = await db.all<{ name: string; parent: string; file: string; sheet: string; row: number }>(`
SELECT r.name, r.parent_written AS parent, f.source_file AS file, f.sheet, r.source_row AS row
FROM stage_resolved r JOIN stage_files f USING (file_no)
WHERE r.parent_unknown AND NOT r.is_blank AND len(r.errs) = 0 AND r.copy_no = 1 ORDER BY file, row`);
  const counts = await countRows(db, 'units', 'stage_resolved');
  await db.run('DROP TABLE stage_resolved');
  return {
    counts,
    issues: unknown.map((u) => warning('unknown_parent', `上级单位“${u.parent}”未在单位名录中 / parent unit “${u.parent}” of ${u.name} is not in the unit list`,
      { file: u.sheet ? `${u.file}[${u.sheet}]` : u.file, row: Number(u.row) })),
  };
}

/**
 * Registry lines → unit_aliases (old name → unit id, with the event and its year). A merge,
 * split or abolition ends the old unit's own series; a creation or a split starts the new
 * unit's one (docs/unit-changes.md): both are written onto `units`.
 */
export async function stageRegistry(db: Db, inputs: StageInput[]): Promise<StageResult> {
  await createSourceView(db, 'unit_registry', inputs);
  // The unit a line is about: the new name (a rename, a merge, a split), or the old one (an abolition, a creation).
  await db.run(`CREATE OR REPLACE TEMP TABLE stage_resolved AS ${typedOnlySql('unit_registry', inputs, `,
target AS (SELECT *, coalesce("new_name__raw", "old_name__raw") AS target_name FROM typed),
matched AS (
  SELECT t.*, coalesce(oi.unit_id, okey.unit_id) AS old_id, coalesce(ni.unit_id, nkey.unit_id) AS new_id
  FROM target t
  LEFT JOIN units oi ON oi.unit_id = t."old_name__raw"
  LEFT JOIN (SELECT ys_key(name) AS key, min(unit_id) AS unit_id FROM units GROUP BY 1) okey ON okey.key = ys_key(t."old_name__raw")
  LEFT JOIN units ni ON ni.unit_id = t.target_name
  LEFT JOIN (SELECT ys_key(name) AS key, min(unit_id) AS unit_id FROM units GROUP BY 1) nkey ON nkey.key = ys_key(t.target_name)
),
resolved AS (
  SELECT *, CASE WHEN event IN ('abolish', 'create') THEN coalesce(old_id, new_id) ELSE new_id END AS target_id FROM matched
)
SELECT *, ys_row_errors(is_blank, extra, ys_footer_cell([{{cells}}]), choice_error,
  CASE WHEN len(cell_errs) > 0 OR target_id IS NOT NULL THEN cell_errs
       WHEN event IN ('abolish', 'create') THEN [ys_err('old_name', 'unknown_unit', "old_name__as_written")]
       ELSE [ys_err('new_name', 'unknown_unit', coalesce("new_name__as_written", "old_name__as_written"))] END) AS errs
FROM resolved`)}`);
  const ok = `NOT r.is_blank AND len(r.errs) = 0`;
  await db.run(`UPDATE units SET valid_to = least(coalesce(units.valid_to, 9999), r.effective_year - 1)
    FROM stage_resolved r WHERE ${ok} AND r.event IN ('abolish', 'merge', 'split') AND units.unit_id = r.old_id`);
  await db.run(`UPDATE units SET valid_from = greatest(coalesce(units.valid_from, 0), r.effective_year)
    FROM stage_resolved r WHERE ${ok} AND r.event IN ('create', 'split') AND units.unit_id = r.target_id`);
  await insertRejects(db, 'unit_registry', 'stage_resolved');
  await db.run(`
INSERT INTO unit_aliases BY NAME
SELECT r."old_name__raw" AS alias, r.target_id AS unit_id, r.event, r.effective_year, f.source_file, r.source_row
FROM stage_resolved r JOIN stage_files f USING (file_no) WHERE ${ok}`);
  const counts = await countRows(db, 'unit_registry', 'stage_resolved', 'unit_aliases');
  await db.run('DROP TABLE stage_resolved');
  return { counts, issues: [] };
}
