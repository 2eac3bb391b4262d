/**
 * Scenario scoring: score a year's data with another tree without changing the official result.
 *
 * The scorer writes the official tables (scores, indicator_values, score_notes), so a scenario runs
 * inside one transaction that snapshots the year's official rows, scores under a scratch run id,
 * copies the scratch rows into temp tables, and restores the snapshot (deleting the scratch run's
 * tree_nodes and runs rows). Net effect on the official tables: none; a failure rolls everything
 * back. Used by the weight-change impact and by `preview` (a draft tree on a scored year).
 */
import type { Db } from '../store/db.js';
import { quotedIdentifier as q } from '../store/db.js';
import { ensureScoreTables, scoreYear } from '../score/score.js';
import type { IndicatorTree } from '../indicators/indicator-schema.js';
import type { YearRun } from './trees.js';

// every table scoreYear replaces per year (src/score/contract.ts), so a scenario leaves none of them changed
const OFFICIAL = ['scores', 'indicator_values', 'score_notes', 'score_adjustments', 'score_coverage'] as const;

/** Temp tables a scenario leaves behind: `<prefix>_scores` and `<prefix>_indicator_values` (every level, every column). */
export interface ScenarioTables {
  scores: string;
  indicatorValues: string;
}

/** Score `run.year` with `tree` (the recorded run's parameters) into temp tables named from `prefix`. */
export async function scoreScenario(db: Db, prefix: string, run: YearRun, tree: IndicatorTree): Promise<ScenarioTables> {
  const year = run.year;
  const out = { scores: `${prefix}_scores`, indicatorValues: `${prefix}_indicator_values` };
  const scratch = `scenario-${year}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  await ensureScoreTables(db); // a database scored before a table existed gets it (empty) to snapshot
  await db.transaction(async () => {
    for (const t of OFFICIAL) await db.run(`create or replace temp table ${q(`snap_${t}`)} as select * from ${t} where year = $year`, { year });
    await scoreYear(db, tree, {
      year,
      runId: scratch,
      minShare: run.params.minShareOverride ?? undefined,
      geometricFloor: run.params.geometricFloor,
      // the official run's pooled minmax bounds: a scenario changes the tree, not the scale
      pooledBounds: run.params.pooledBounds,
    });
    await db.run(`create or replace temp table ${q(out.scores)} as select * from scores where run_id = $run_id`, { run_id: scratch });
    await db.run(`create or replace temp table ${q(out.indicatorValues)} as select * from indicator_values where run_id = $run_id`, { run_id: scratch });
    for (const t of OFFICIAL) {
      await db.run(`delete from ${t} where year = $year`, { year });
      await db.run(`insert into ${t} select * from ${q(`snap_${t}`)}`);
      await db.run(`drop table ${q(`snap_${t}`)}`);
    }
    await db.run('delete from tree_nodes where run_id = $run_id', { run_id: scratch });
    await db.run('delete from runs where run_id = $run_id', { run_id: scratch });
  });
  return out;
}
