/**
 * Weight-change impact: when year N's tree differs from the base year's, re-score year N with the
 * base tree and the base year with year N's tree, and split each unit's composite change:
 *
 *   total_change       = score_N(tree_N)   − score_B(tree_B)
 *   weights_effect     = score_N(tree_N)   − score_N(tree_B)      (same data, other tree)
 *   performance_effect = score_N(tree_B)   − score_B(tree_B)      (same tree, other data)
 *
 * The rank under each tree is reported too. `attribution` names the larger of the two effects
 * ('none' when both are below 0.005 points).
 *
 * Re-scoring uses the scorer itself (scoreYear: same normalisation, missing rules, bonus, veto),
 * with the parameters recorded in `runs`, as a scenario that leaves the official tables as they
 * were (scenario.ts).
 */
import type { Db } from '../store/db.js';
import { scoreScenario } from './scenario.js';
import { sqlFile } from '../store/sql-file.js';
import type { IndicatorTree } from '../indicators/indicator-schema.js';
import { previousScoredYear, treesDiffer, yearRun, type YearRun } from './trees.js';

export interface WeightImpactRow {
  year: number; base_year: number; unit_id: string; trees_differ: boolean;
  score: number | null; score_base_tree: number | null; base_score: number | null; base_score_this_tree: number | null;
  total_change: number | null; weights_effect: number | null; performance_effect: number | null;
  rank: number | null; rank_base_tree: number | null; base_rank: number | null; base_rank_this_tree: number | null;
  attribution: 'weights' | 'performance' | 'none' | null;
}

/** Build the temp table `analyse_weight_impact` for `year` (composite level) and return its rows. */
export async function weightImpact(db: Db, opts: { year: number; baseYear?: number }): Promise<WeightImpactRow[]> {
  const baseYear = opts.baseYear ?? (await previousScoredYear(db, opts.year));
  await db.run(`create or replace temp table analyse_weight_impact (
      year integer, base_year integer, unit_id varchar, trees_differ boolean,
      score double, score_base_tree double, base_score double, base_score_this_tree double,
      total_change double, weights_effect double, performance_effect double,
      rank integer, rank_base_tree integer, base_rank integer, base_rank_this_tree integer, attribution varchar)`);
  if (baseYear === undefined) return [];
  const cur = await yearRun(db, opts.year);
  const base = await yearRun(db, baseYear);
  const differ = treesDiffer(cur.tree, base.tree);
  // Same tree: the re-score would reproduce the official scores, so take them as they are.
  await rescoreInto(db, 'analyse_cur_base_tree', differ ? { run: cur, tree: base.tree } : { run: cur });
  await rescoreInto(db, 'analyse_base_this_tree', differ ? { run: base, tree: cur.tree } : { run: base });
  await db.run(sqlFile(import.meta.url, './weight_impact.sql'), { year: opts.year, base_year: baseYear, differ });
  return db.all<WeightImpactRow>('select * from analyse_weight_impact order by unit_id');
}

/**
 * Composite scores of `run.year` scored with `tree` into the temp table `into(unit_id, score, rank)`,
 * leaving every official table as it was (scenario.ts). Without `tree`: the official rows.
 */
export async function rescoreInto(db: Db, into: string, s: { run: YearRun; tree?: IndicatorTree }): Promise<void> {
  const year = s.run.year;
  if (!s.tree) {
    await db.run(`create or replace temp table ${into} as select unit_id, score, rank from scores where year = $year and level = 0`, { year });
    return;
  }
  const t = await scoreScenario(db, into, s.run, s.tree);
  await db.run(`create or replace temp table ${into} as select unit_id, score, rank from ${t.scores} where level = 0`);
}
