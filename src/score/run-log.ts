/**
 * The run log (COINr's write_log): one `runs` row per scoring run with the tree, the
 * parameters, a hash of the input rows and the warnings, so that any run can be re-scored
 * from the scoring stage (`rerunScore` in score.ts), with the same or another tree, without
 * re-ingesting.
 */
import type { Db } from '../store/db.js';
import type { Issue } from '../errors.js';
import { YardstickError } from '../errors.js';
import { IndicatorTreeSchema, type IndicatorTree } from '../indicators/indicator-schema.js';
import { sqlFile as readSql } from '../store/sql-file.js';
import type { QuotaUsed } from './assign-grades.js';
import type { PooledBound } from '../normalise/tree-nodes.js';
import type { DataWeightsUsed } from './data-weights.js';
import type { TopsisReport } from './topsis.js';

export interface RunParams {
  year: number;
  /** The threshold used, and whether it overrode the tree's `missing.min_share`. */
  minShare: number;
  minShareOverride: number | null;
  geometricFloor: number;
  treeFile: string | null;
  /** Pooled minmax bounds used (tree_nodes.p_pool_*), replayed by a re-run. */
  pooledBounds?: PooledBound[];
  /** Grading outcome: units graded (the quota base) and the places each quota gave (rules: tree.grading). */
  grading?: { gradedUnits: number; quotas: QuotaUsed[] };
  /** Weights computed from the year's data (weights_from entropy / critic / combined), per group. */
  dataWeights?: DataWeightsUsed[];
  /** TOPSIS groups: criteria, weights, ideal and anti-ideal of the complete units (topsis.ts). */
  topsis?: TopsisReport[];
}

export interface RunRecord {
  runId: string;
  startedAt: Date;
  stage: 'score';
  tree: IndicatorTree;
  params: RunParams;
  inputHash: string;
  warnings: Issue[];
}

/** md5 of the year's unit_year_metrics rows and of the unit registry (when there is one). */
export async function inputHash(db: Db, year: number): Promise<string> {
  const hasUnits = await db.one(`select 1 as x from duckdb_tables() where table_name = 'units' and not temporary`);
  let unitsText: string | null = null;
  if (hasUnits) {
    const row = await db.one<{ t: string | null }>(
      `select string_agg(concat_ws('|', unit_id, name, parent_id, unit_type, valid_from, valid_to), chr(10)
                         order by unit_id, valid_from) as t from units`,
    );
    unitsText = row?.t ?? null;
  }
  const row = await db.one<{ input_hash: string }>(readSql(import.meta.url, 'input_hash.sql'), { year, units_text: unitsText });
  return row!.input_hash;
}

export async function writeRun(db: Db, r: RunRecord): Promise<void> {
  await db.run('delete from runs where run_id = $run_id', { run_id: r.runId });
  await db.run(
    `insert into runs values ($run_id, $started_at::timestamp, $stage, $tree_json, $params_json, $input_hash, $warnings_json)`,
    {
      run_id: r.runId,
      started_at: r.startedAt.toISOString().replace('T', ' ').replace('Z', ''),
      stage: r.stage,
      tree_json: JSON.stringify(r.tree),
      params_json: JSON.stringify(r.params),
      input_hash: r.inputHash,
      warnings_json: JSON.stringify(r.warnings),
    },
  );
}

export async function readRun(db: Db, runId: string): Promise<RunRecord> {
  const row = await db.one<Record<string, string>>(
    `select run_id, strftime(started_at, '%Y-%m-%dT%H:%M:%S.%gZ') as started_at, stage, tree_json, params_json, input_hash, warnings_json
     from runs where run_id = $run_id`,
    { run_id: runId },
  );
  if (!row) throw new YardstickError(`找不到运行记录 ${runId} / no run ${runId} in the runs table`);
  return {
    runId: row.run_id,
    startedAt: new Date(row.started_at),
    stage: 'score',
    tree: IndicatorTreeSchema.parse(JSON.parse(row.tree_json)),
    params: JSON.parse(row.params_json) as RunParams,
    inputHash: row.input_hash,
    warnings: JSON.parse(row.warnings_json) as Issue[],
  };
}
