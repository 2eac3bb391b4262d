/**
 * Year-over-year comparison: every unit × node (composite, dimensions, indicators) of one year
 * against a base year, in one SQL statement (comparisons.sql). Scores are like-for-like only where
 * normalisation and weights allow it. `comparable` is true when, under the node, both years' trees
 * (tree_nodes of the runs that wrote the scores) have
 * - the same leaves, each reading the same metric with the same direction, method and parameters;
 * - on an absolute scale: goalposts or percent_of_target, or minmax pooled over the same years with
 *   the same recorded bounds (p_pool_lo/hi). minmax within the year, zscore, rank and
 *   distance_to_target (its 0 is the year's worst unit) are relative to the year's units: their
 *   change says how a unit moved among its peers, not how it did;
 * - the same aggregation below the node.
 * Weights that differ below the node leave it like-for-like (every score is on the same fixed
 * scale, and offices move weights most years) but are stated as a caution: the change mixes
 * performance and re-weighting, which weight-impact.ts splits. A node's own weight among its
 * siblings does not enter its score and is not compared.
 * `comparable_reason` gives the codes and `comparable_reason_zh/en` the words (compare-messages.ts)
 * wherever the node is not like-for-like, e.g. "学习成效: 刊物发表 按当年单位间比较 (minmax)", and the
 * weights caution where it is.
 * Trends use every scored year up to `year`: `slope` is regr_slope(score, year) and `declines` the
 * consecutive score declines ending in `year`.
 */
import type { Db } from '../store/db.js';
import { sqlFile } from '../store/sql-file.js';
import { notScored, previousScoredYear, scoredYears, yearRun } from './trees.js';
import { MAX_REASONS, MORE_TEXT, writeCompareTexts } from './compare-messages.js';

export interface ComparisonRow {
  year: number; base_year: number; unit_id: string; node_id: string; level: number;
  score: number | null; base_score: number | null; score_change: number | null;
  rank: number | null; base_rank: number | null; rank_change: number | null;
  grade: string | null; base_grade: string | null; grade_change: 'up' | 'down' | 'same' | null;
  comparable: boolean; comparable_reason: string | null; comparable_reason_zh: string | null; comparable_reason_en: string | null;
  slope: number | null; trend_years: number; declines: number;
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
  await writeCompareTexts(db);
  await db.run(sqlFile(import.meta.url, './comparisons.sql'), {
    year: opts.year,
    base_year: baseYear,
    max_reasons: MAX_REASONS,
    more_zh: MORE_TEXT.zh,
    more_en: MORE_TEXT.en,
  });
  return baseYear;
}

/**
 * One line per node shown that is not like-for-like, with its reason (the reason belongs to the
 * node, not the unit, so it is printed once under the table rather than on every unit's row).
 */
export function formatComparableReasons(rows: ComparisonRow[], level = 0): string {
  const seen = new Map<string, ComparisonRow>();
  for (const r of rows) if (r.level <= level && r.comparable_reason && !seen.has(r.node_id)) seen.set(r.node_id, r);
  if (!seen.size) return rows.length ? '可直接比较 like-for-like: 是 yes（各节点两年标准一致 / same scales and weights in both years）' : '';
  const lines = ['可比性说明 / like-for-like, and why not:'];
  for (const [node, r] of [...seen].sort((a, b) => a[1].level - b[1].level || a[0].localeCompare(b[0]))) {
    lines.push(`  ${node}: ${r.comparable_reason_zh ?? '—'}`, `  ${' '.repeat(node.length)}  ${r.comparable_reason_en ?? ''}`);
  }
  return lines.join('\n');
}
