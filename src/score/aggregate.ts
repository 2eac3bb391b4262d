/**
 * Aggregate stage: roll leaf scores up the tree, one SQL statement per level (deepest groups
 * first), as a join of `tree_nodes` with the working table `node_scores` + group by.
 *
 * - arithmetic (default): Σ wᵢ·sᵢ / Σ wᵢ over present children.
 * - geometric: exp(Σ wᵢ·ln max(sᵢ, floor) / Σ wᵢ) over present children. Zeros (and negative
 *   z T-scores) are FLOORED at `geometricFloor` (default 1 point on the 0–100 scale), not shifted:
 *   ln 0 is undefined; a floor changes only the values below it, keeps the mean monotone and
 *   still punishes a zero hard (one zero among four equal children at 100 gives 31.6, where
 *   a floor of 0.01 would give 10). Every floored child is recorded (`geometric_floor`).
 * - topsis: 100 × closeness to the ideal unit (topsis.ts, using src/weights' rankByTopsis);
 *   meant for the composite; by default on the leaves' raw values, vector-normalised.
 *
 * Missing children: weights are renormalised over the present children (`renormalised` note);
 * a group whose present children carry less than `minShare` of its weight (default 0.5, from
 * the file's `missing.min_share`) is missing itself (`node_missing` note), and so on upwards.
 */
import type { Db } from '../store/db.js';
import { sqlFile as readSql } from '../store/sql-file.js';
import { aggregateTopsis, type TopsisReport } from './topsis.js';

export const DEFAULT_GEOMETRIC_FLOOR = 1;

export interface AggregateOptions {
  runId: string;
  minShare: number;
  geometricFloor: number;
  /** Called before each level of groups is rolled up (step 3a: weights from the data, data-weights.ts). */
  beforeLevel?: (level: number) => Promise<void>;
}

export async function aggregate(db: Db, opts: AggregateOptions): Promise<{ levels: number; topsis: TopsisReport[] }> {
  const run_id = opts.runId;
  await db.run(readSql(import.meta.url, 'node_scores_leaves.sql'), { run_id });
  const levels = await db.all<{ level: number; topsis: boolean }>(
    `select level, bool_or(aggregate = 'topsis') as topsis
     from tree_nodes where run_id = $run_id and metric_id is null
     group by level order by level desc`,
    { run_id },
  );
  const reports: TopsisReport[] = [];
  for (const { level, topsis } of levels) {
    await opts.beforeLevel?.(level);
    await db.run(readSql(import.meta.url, 'node_scores_level.sql'), {
      run_id,
      level,
      min_share: opts.minShare,
      floor: opts.geometricFloor,
    });
    if (topsis) {
      reports.push(...(await aggregateTopsis(db, { runId: run_id, level, minShare: opts.minShare })));
    }
  }
  return { levels: levels.length, topsis: reports };
}
