/**
 * Year-over-year comparison: every unit × node (composite, dimensions, indicators) of one year
 * against a base year, in one SQL statement (comparisons.sql). Scores are like-for-like only where
 * normalisation allows it: `comparable` is true when every leaf under the node uses an absolute
 * method (goalposts, percent_of_target, distance_to_target) with the same parameters in both
 * years' tree_nodes. minmax/zscore/rank scores are relative to the year's units, so their change
 * says how a unit moved among its peers, not how it did in absolute terms; weight changes are
 * separated in weight-impact.ts. Trends use every scored year up to `year`: `slope` is
 * regr_slope(score, year) and `declines` the consecutive score declines ending in `year`.
 */
import type { Db } from '../store/db.js';
import { sqlFile } from '../store/sql-file.js';
import { notScored, previousScoredYear, scoredYears, yearRun } from './trees.js';

export interface ComparisonRow {
  year: number; base_year: number; unit_id: string; node_id: string; level: number;
  score: number | null; base_score: number | null; score_change: number | null;
  rank: number | null; base_rank: number | null; rank_change: number | null;
  grade: string | null; base_grade: string | null; grade_change: 'up' | 'down' | 'same' | null;
  comparable: boolean; slope: number | null; trend_years: number; declines: number;
}

export interface CompareOptions {
  year: number;
  /** Default: the latest scored year before `year`. */
  baseYear?: number;
}

/**
 * Build the temp table `analyse_comparisons` for `year` against `baseYear` and return its rows.
 * With no earlier year the base columns are NULL (trends still computed).
 */
export async function compareYears(db: Db, opts: CompareOptions): Promise<ComparisonRow[]> {
  await buildComparisons(db, opts);
  return db.all<ComparisonRow>('select * from analyse_comparisons order by level, node_id, unit_id');
}

/** Same as compareYears, without reading the rows into JS (large trees). Returns the base year used. */
export async function buildComparisons(db: Db, opts: CompareOptions): Promise<number> {
  const years = await scoredYears(db);
  if (!years.includes(opts.year)) throw notScored(opts.year);
  const baseYear = opts.baseYear ?? (await previousScoredYear(db, opts.year)) ?? opts.year - 1;
  if (opts.baseYear !== undefined && !years.includes(opts.baseYear)) throw notScored(opts.baseYear);
  const { tree } = await yearRun(db, opts.year);
  await db.run('create or replace temp table analyse_grade_order (grade varchar, position integer)');
  for (const [position, g] of tree.grades.entries()) {
    await db.run('insert into analyse_grade_order values ($grade, $position)', { grade: g.grade, position });
  }
  await db.run(sqlFile(import.meta.url, './comparisons.sql'), { year: opts.year, base_year: baseYear });
  return baseYear;
}
