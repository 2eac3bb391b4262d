/**
 * Analyse stage: scores → findings, for one year (or every scored year).
 *
 *   scores, tree_nodes ──▶ 1 compare       comparisons: Δscore, Δrank, Δgrade, comparable,    compare.ts
 *                     │                    slope, consecutive declines (one SQL statement)
 *   runs.tree_json    ──▶ 2 weight impact  weight_impact: re-score with the other year's tree  weight-impact.ts
 *                     │                    (official rows snapshotted and restored)
 *   indicator_values  ──▶ 3 sensitivity    sensitivity: seeded Monte Carlo over the weights,   sensitivity.ts
 *                     │                    typed arrays, rank interval, P(grade), borderline
 *   unit_year_metrics ──▶ 4 weak branches  flags: analysis.weak rules on graded units, reasons  weak.ts
 *                     │                    zh/en with numbers and the indicators that pulled
 *                     │                    units down
 *   unit_aliases      ▼
 *   (unit_events) ──▶ 5 follow-up          follow_up: one row per unit — flagged, near miss,   follow-up.ts
 *                                          last year's outcome, 数据不足, unit changes          unit-events.ts
 *                     ▼
 *                     6 write              the year's rows of the five tables replaced in one  contract.ts
 *                                          transaction; <reports>/<year>/follow_up.csv|.xlsx
 *
 * Steps 1–5 build temp tables `analyse_<table>` (each step is callable alone: compareYears,
 * weightImpact, sensitivity, findWeakUnits); step 6 replaces the year's rows of the output
 * tables from them. The official score tables are never changed (weight-impact.ts restores them).
 * Last year's flags come from the `flags` table when that year was analysed, else are recomputed.
 */
import type { Db } from '../store/db.js';
import type { Pipeline } from '../config/pipeline-schema.js';
import { resolveAnalysis } from './analysis-schema.js';
import { buildComparisons } from './compare.js';
import { ensureAnalyseTables, replaceYear } from './contract.js';
import { buildFollowUp, exportFollowUp, type FollowUpRow } from './follow-up.js';
import { unitEvents } from './unit-events.js';
import { sensitivity, type SensitivityResult } from './sensitivity.js';
import { previousScoredYear, scoredYears } from './trees.js';
import { evaluateWeak, type FlagRow } from './weak.js';
import { weightImpact, type WeightImpactRow } from './weight-impact.js';

export interface AnalyseOptions {
  year: number;
  runs?: number;
  seed?: number;
  band?: number;
  /** Write follow_up.csv/.xlsx under the pipeline's reports dir (default true). */
  export?: boolean;
}

export interface AnalyseSummary {
  year: number;
  baseYear: number | null;
  rows: Record<'comparisons' | 'weight_impact' | 'sensitivity' | 'flags' | 'follow_up', number>;
  treesDiffer: boolean;
  /** Units whose composite change is attributed mainly to the new weights. */
  weightDriven: number;
  sensitivity: { runs: number; band: number; seed: number; meanAbsShift: number; borderline: number; notes: string[] };
  /** Units flagged for follow-up (worst flag at analysis.follow_up.min_severity or above). */
  flaggedUnits: number;
  /** Units with only low-severity flags (near misses), and units not scored (数据不足). */
  nearMiss: number;
  insufficient: number;
  flags: FlagRow[];
  followUp: FollowUpRow[];
  lastYear: { improved: number; unchanged: number; worse: number };
  files: string[];
}

type PipelineLike = Pick<Pipeline, 'reports'> & { analysis?: unknown };

export async function analyse(db: Db, pipeline: PipelineLike, opts: AnalyseOptions): Promise<AnalyseSummary> {
  const cfg = resolveAnalysis(pipeline.analysis);
  const year = opts.year;
  const baseYear = (await previousScoredYear(db, year)) ?? null;
  await ensureAnalyseTables(db);

  // 1 compare
  await buildComparisons(db, { year, baseYear: baseYear ?? undefined });
  // 2 weight impact
  const impact: WeightImpactRow[] = await weightImpact(db, { year, baseYear: baseYear ?? undefined });
  // 3 sensitivity
  const sens: SensitivityResult = await sensitivity(db, {
    year,
    runs: opts.runs ?? cfg.sensitivity.runs,
    seed: opts.seed ?? cfg.sensitivity.seed,
    band: opts.band ?? cfg.sensitivity.band,
  });
  // 4 weak branches (last year's first: from the flags table, else recomputed)
  let previous: { year: number; flags: FlagRow[] } | undefined;
  if (baseYear !== null) {
    const stored = await db.all<FlagRow>('select * from flags where year = $year', { year: baseYear });
    previous = { year: baseYear, flags: stored.length ? stored : (await evaluateWeak(db, { year: baseYear, rules: cfg.weak })).flags };
  }
  const weak = await evaluateWeak(db, { year, rules: cfg.weak });
  const flags = weak.flags;
  // 5 follow-up
  const followUp = await buildFollowUp(db, {
    year, weak, previous, events: await unitEvents(db),
    unchangedPoints: cfg.followUp.unchangedPoints, minSeverity: cfg.followUp.minSeverity,
  });

  // 6 write the year's rows
  const rows = await db.transaction(async () => ({
    comparisons: await replaceYear(db, 'comparisons', 'analyse_comparisons', year),
    weight_impact: await replaceYear(db, 'weight_impact', 'analyse_weight_impact', year),
    sensitivity: await replaceYear(db, 'sensitivity', 'analyse_sensitivity', year),
    flags: await replaceYear(db, 'flags', 'analyse_flags', year),
    follow_up: await replaceYear(db, 'follow_up', 'analyse_follow_up', year),
  }));
  const files = opts.export === false ? [] : await exportFollowUp(followUp, pipeline.reports, year);
  const last = followUp.filter((r) => r.flagged_last_year);
  return {
    year,
    baseYear,
    rows,
    treesDiffer: impact.some((r) => r.trees_differ),
    weightDriven: impact.filter((r) => r.attribution === 'weights').length,
    sensitivity: { runs: sens.runs, band: sens.band, seed: sens.seed, meanAbsShift: sens.meanAbsShift, borderline: sens.borderline, notes: sens.notes },
    flaggedUnits: followUp.filter((r) => r.flagged).length,
    nearMiss: followUp.filter((r) => r.status === 'near_miss').length,
    insufficient: followUp.filter((r) => r.status === 'insufficient_data').length,
    flags,
    followUp,
    lastYear: {
      improved: last.filter((r) => r.outcome === 'improved').length,
      unchanged: last.filter((r) => r.outcome === 'unchanged').length,
      worse: last.filter((r) => r.outcome === 'worse').length,
    },
    files,
  };
}

/** Analyse every scored year, oldest first (so each year sees last year's flags). */
export async function analyseAll(db: Db, pipeline: PipelineLike, opts: Omit<AnalyseOptions, 'year'> = {}): Promise<AnalyseSummary[]> {
  const out: AnalyseSummary[] = [];
  for (const year of await scoredYears(db)) out.push(await analyse(db, pipeline, { ...opts, year }));
  return out;
}

/**
 * The weak-branch view of one year without writing any table (the `weak` command): the flags and
 * the follow-up rows (flagged, near misses, last year's outcome, 数据不足, unit changes).
 */
export async function weakYear(db: Db, pipeline: { analysis?: unknown }, year: number): Promise<{ year: number; flags: FlagRow[]; followUp: FollowUpRow[] }> {
  const cfg = resolveAnalysis(pipeline.analysis);
  const baseYear = (await previousScoredYear(db, year)) ?? null;
  const previous = baseYear === null ? undefined : { year: baseYear, flags: (await evaluateWeak(db, { year: baseYear, rules: cfg.weak })).flags };
  const weak = await evaluateWeak(db, { year, rules: cfg.weak });
  const followUp = await buildFollowUp(db, {
    year, weak, previous, events: await unitEvents(db),
    unchangedPoints: cfg.followUp.unchangedPoints, minSeverity: cfg.followUp.minSeverity,
  });
  return { year, flags: weak.flags, followUp };
}
