/**
 * Normalise stage: every leaf's raw metric → a score on 0–100, in SQL over long tables.
 *
 * The tree is data (`tree_nodes`, written by `writeTreeNodes`); `normalised_values.sql` is ONE
 * set-based statement for every leaf and method, with window functions over (year, node_id).
 * No SQL is generated per indicator. Statistics are taken within the year over the evaluated
 * units (`scoring_units`) that have a value.
 *
 * Methods (x = raw value; min, max, mean, sd over the year's present values; sgn = +1 for
 * higher_is_better, −1 for lower_is_better):
 * | method             | higher_is_better                    | lower_is_better (the flip)            |
 * |--------------------|-------------------------------------|---------------------------------------|
 * | minmax (default)   | 100·(x−min)/(max−min)               | 100·(max−x)/(max−min)                 |
 * | minmax, pool [a,b] | same, min/max over years a..b       | same; clamped 0..100                  |
 * | zscore             | 50 + 10·(x−mean)/sd  (T-score)      | 50 − 10·(x−mean)/sd                   |
 * | rank, ties         | 100·(r−1)/(n−1), r = 1 for the worst| same, r = 1 for the highest value     |
 * | goalposts lo, hi   | 100·(x−lo)/(hi−lo), clamped 0..100  | 100·(hi−x)/(hi−lo), clamped 0..100    |
 * | distance_to_target | 100·(x−min)/(target−min)            | 100·(max−x)/(max−target)              |
 * | percent_of_target  | 100·x/target, clamped 0..100        | 100·target/x (x ≤ 0 → 100), clamped   |
 *
 * Scales and choices:
 * - pooled minmax (`pool: [2021, 2025]`): min and max over every unit of the pooled years (not only
 *   this year), computed once per run in tree-nodes.ts and recorded in tree_nodes.p_pool_lo/hi, so
 *   the same raw value scores the same in every pooled year and composites compare across years.
 *   Years of the pool without data are left out (`pool_years_missing`); a year scored outside its
 *   pool is clamped to 0..100 (`year_outside_pool`). See docs/normalisation.md.
 * - zscore: sample sd (n−1, as stddev_samp); reported as the T-score 50 + 10z, NOT clamped, so a
 *   unit 5 sd from the mean can leave 0..100. Raw z would put half the units below 0 on a 0–100
 *   report; 50 + 10z keeps z's information with the same midpoint as the other methods. Mean and
 *   sd are taken of x / 2^k (2^k ≤ max |x|, an exact division) so 1e200 does not overflow the
 *   squares; only zscore leaves compute them (no statistic for a leaf that does not use it).
 * - rank: places counted from the worst (r = 1), as R's rank() and COINr's n_rank; `ties`: min
 *   (default; tied units share the lower place, COINr / OECD-JRC Handbook, so tied bottom units
 *   score 0), max (the higher place; the convention before ties existed, kept for recorded runs
 *   without it) or average. Scaled so the best is 100 and the worst 0 (when places are distinct).
 * - distance_to_target: COINr's n_dist2targ (the year's worst value scores 0, the target 100);
 *   uncapped by default (beyond the target scores above 100); `cap: true` caps at 100, a number
 *   caps there.
 * - goalposts: "meeting the standard earns full points" (score sheets): no credit beyond hi.
 *
 * Edge cases (each is a named warning in warnings.ts, kept in runs.warnings_json and score_notes):
 * - Constant column (one distinct value, or one unit) under minmax/zscore/rank: everybody scores
 *   50, `constant_indicator`. Why 50: the column carries no information, so it should neither
 *   reward (100 would lift every composite and its grade) nor punish (0 would sink them, and
 *   zero a geometric mean); 50 is where zscore (z = 0) and rank put an average unit. Ranks are
 *   unaffected whichever constant is chosen.
 * - distance_to_target with the target equal to (or worse than) the worst observed value (e.g.
 *   target = the minimum): the formula divides by zero or turns negative; every unit has met
 *   the target, so everyone scores 100 (then the cap), `target_at_worst`.
 * - Missing values (NULL value or no row): normalised is NULL; they are left out of min, max,
 *   mean, sd and ranks. The aggregate stage renormalises weights over present siblings and
 *   records it. `some_missing` per leaf, `no_values` when no unit has a value.
 * - Zeros under a geometric mean are handled in the aggregate stage (floored at 1 point).
 */
import type { Db } from '../store/db.js';
import { sqlFile as readSql } from '../store/sql-file.js';
import {
  constantIndicator,
  noValues,
  poolYearsMissing,
  someMissing,
  targetAtWorst,
  yearOutsidePool,
  type StageWarning,
} from './warnings.js';

export interface NormaliseResult {
  /** Temp table holding (year, unit_id, node_id, metric_id, method, direction, raw, normalised). */
  table: 'normalised_values';
  rows: number;
  warnings: StageWarning[];
}

/** Which units are evaluated in `year` (units with any metric row), with their unit_type. */
export async function writeScoringUnits(db: Db, year: number): Promise<number> {
  const hasRegistry = await db.one(`select 1 as x from duckdb_tables() where table_name = 'units' and not temporary`);
  await db.run(readSql(import.meta.url, hasRegistry ? 'scoring_units.sql' : 'scoring_units_no_registry.sql'), { year });
  return (await db.one<{ n: number }>('select count(*) as n from scoring_units'))!.n;
}

/** Run the normalisation statement for the run's leaves (needs tree_nodes and scoring_units). */
export async function normalise(db: Db, key: { runId: string; year: number }): Promise<NormaliseResult> {
  await db.run(readSql(import.meta.url, 'normalised_values.sql'), { run_id: key.runId });
  const rows = (await db.one<{ n: number }>('select count(*) as n from normalised_values'))!.n;
  return { table: 'normalised_values', rows, warnings: await checkNormalised(db, key) };
}

interface LeafStats {
  year: number;
  node_id: string;
  label_zh: string;
  metric_id: string;
  method: string;
  direction: string;
  p_target: number | null;
  n: number;
  total: number;
  lo_obs: number | null;
  hi_obs: number | null;
  p_pool_from: number | null;
  p_pool_to: number | null;
  p_pool_lo: number | null;
  p_pool_hi: number | null;
  p_pool_years: string | null;
}

async function checkNormalised(db: Db, key: { runId: string }): Promise<StageWarning[]> {
  const stats = await db.all<LeafStats>(
    `select t.year, t.node_id, t.label_zh, t.metric_id, t.method, t.direction, t.p_target,
            t.p_pool_from, t.p_pool_to, t.p_pool_lo, t.p_pool_hi, t.p_pool_years,
            count(v.raw) as n, count(v.unit_id) as total, min(v.raw) as lo_obs, max(v.raw) as hi_obs
     from tree_nodes t
     join normalised_values v on v.year = t.year and v.node_id = t.node_id
     where t.run_id = $run_id and t.metric_id is not null
     group by all
     order by t.year, min(t.level), t.node_id`,
    { run_id: key.runId },
  );
  const out: StageWarning[] = [];
  for (const s of stats) {
    if (s.p_pool_from !== null) out.push(...poolWarnings(s));
    if (s.n === 0) {
      out.push(noValues(s.year, s.node_id, s.label_zh, s.metric_id));
      continue;
    }
    if (s.n < s.total) out.push(someMissing(s.year, s.node_id, s.label_zh, s.total - s.n, s.total));
    const pooled = s.p_pool_from !== null;
    if (['minmax', 'zscore', 'rank'].includes(s.method) && !pooled && s.lo_obs === s.hi_obs) {
      out.push(constantIndicator(s.year, s.node_id, s.label_zh, s.method, s.lo_obs!));
    }
    if (pooled && s.p_pool_lo !== null && s.p_pool_lo === s.p_pool_hi) {
      out.push(constantIndicator(s.year, s.node_id, s.label_zh, `minmax pool ${s.p_pool_from}–${s.p_pool_to}`, s.p_pool_lo));
    }
    if (s.method === 'distance_to_target' && s.p_target !== null) {
      const worst = s.direction === 'lower_is_better' ? s.hi_obs! : s.lo_obs!;
      const atWorst = s.direction === 'lower_is_better' ? s.p_target >= worst : s.p_target <= worst;
      if (atWorst) out.push(targetAtWorst(s.year, s.node_id, s.label_zh, s.p_target, worst));
    }
  }
  return out;
}

/** A pooled leaf: pooled years without data, and a year scored outside its pool. */
function poolWarnings(s: LeafStats): StageWarning[] {
  const from = s.p_pool_from!;
  const to = s.p_pool_to!;
  const used = new Set((s.p_pool_years ?? '').split(',').filter(Boolean).map(Number));
  const missing: number[] = [];
  for (let y = from; y <= to; y++) if (!used.has(y)) missing.push(y);
  const out: StageWarning[] = [];
  if (missing.length) out.push(poolYearsMissing(s.year, s.node_id, s.label_zh, from, to, missing, [...used].sort()));
  if (s.year < from || s.year > to) out.push(yearOutsidePool(s.year, s.node_id, s.label_zh, from, to));
  return out;
}
