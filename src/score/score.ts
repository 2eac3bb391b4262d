/**
 * Score one year with one indicator tree. Data stays in DuckDB; only the tree, parameters and
 * a summary cross into JS. One transaction per run: a failure leaves every table as it was.
 *
 *   IndicatorTree ──▶ 1 load tree   tree_nodes (appender), scoring_units        normalise/tree-nodes.ts
 *                     │
 *   unit_year_metrics ▶ 2 normalise  normalised_values: one statement, windows   normalise/normalise.ts
 *                     │              over (year, node_id); constant/target/missing warnings
 *                     ▼
 *                     3 aggregate   node_scores: one statement per level,        aggregate.ts
 *                     │              deepest first; renormalise / missing / floor; TOPSIS
 *                     │   3a data weights: before a level, groups with weights_from   data-weights.ts
 *                     │              entropy / critic / combined get their children's
 *                     │              weights from this year's values (tree_nodes.weight)
 *                     ▼
 *                     4 adjust      bonus / deduction / veto items, root unit    adjustments.ts,
 *                     │              → score_adjustments; composite = weighted   score_adjustments.sql,
 *                     │              + bonus − deduction                         scores.sql
 *                     ▼
 *                     5 rank/grade  ranks among graded units (ties min);         scores.sql,
 *                     │              grades by bands or quota after vetoes       assign-grades.ts
 *                     │              indicator_values (effective weights,        indicator_values.sql
 *                     │              contributions), score_notes                 score_notes.sql
 *                     ▼
 *                     6 record run  runs(tree_json, params_json, input_hash,     run-log.ts
 *                                    warnings_json) → rerunScore() replays 1–6
 *
 * Outputs and their columns are documented in contract.ts. Scoring a year replaces that year's
 * rows of indicator_values, scores, score_adjustments and score_notes; tree_nodes and runs keep
 * every run.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/db.js';
import { YardstickError, error, warning, type Issue } from '../errors.js';
import type { IndicatorTree } from '../indicators/indicator-schema.js';
import { loadIndicatorTree } from '../indicators/load-tree.js';
import { writeTreeNodes, type PooledBound } from '../normalise/tree-nodes.js';
import { writeCoverage, type CoverageSummary } from './coverage.js';
import { normalise, writeScoringUnits } from '../normalise/normalise.js';
import { toIssue, type StageWarning } from '../normalise/warnings.js';
import { sqlFile as readSql } from '../store/sql-file.js';
import { aggregate, DEFAULT_GEOMETRIC_FLOOR } from './aggregate.js';
import type { TopsisReport } from './topsis.js';
import { dataWeighting } from './data-weights.js';
import { SCORE_CONTRACT, addMissingColumnsSql, createTableSql } from './contract.js';
import { writeNoteTexts } from './notes.js';
import { writeAdjustedScores, writeAdjustmentItems, writeGrades, writeRootUnits } from './adjustments.js';
import type { GradeResult, QuotaUsed } from './assign-grades.js';
import { inputHash, readRun, writeRun, type RunParams } from './run-log.js';

export interface ScoreOptions {
  year: number;
  /** Default: `score-<year>-<8 hex>`. */
  runId?: string;
  /** Overrides the tree's `missing.min_share`. */
  minShare?: number;
  /** Floor of children under a geometric mean, on the 0–100 scale (default 1). */
  geometricFloor?: number;
  /** Clock for runs.started_at (tests pin it). */
  now?: () => Date;
  /** Pooled minmax bounds to reuse instead of computing them (a re-run replays its recorded ones). */
  pooledBounds?: PooledBound[];
}

export interface ScoreSummary {
  runId: string;
  year: number;
  /** Units evaluated (with at least one metric row in the year). */
  units: number;
  /** Units with a composite score. */
  scored: number;
  /** Units per grade (composite), e.g. { 优秀: 3, 良好: 10 }. */
  grades: Record<string, number>;
  /** Units per grade_status: graded, root, not_graded, unscored. */
  status: Record<string, number>;
  /** Quota places per grade with a quota (method quota), and how many got it. */
  quotas: QuotaUsed[];
  /** Units with at least one veto item. */
  vetoed: number;
  notes: number;
  inputHash: string;
  warnings: Issue[];
  /** The composite of every unit: its parts, grade and status, best first. */
  results: UnitScore[];
  /** Why units or nodes have no score: data missing per node, present share vs min_share, sources (coverage.ts). */
  coverage: CoverageSummary;
  /** TOPSIS groups: what they compared, with the ideal and anti-ideal (empty when none). */
  topsis: TopsisReport[];
}

/** One unit's composite row (scores, level 0). score = weighted + bonus − deduction. */
export interface UnitScore {
  unit_id: string;
  score: number | null;
  weighted: number | null;
  bonus: number | null;
  deduction: number | null;
  grade: string | null;
  grade_status: 'graded' | 'root' | 'not_graded' | 'unscored';
  /** Ids of the veto items that applied, comma-separated. */
  veto: string | null;
  rank: number | null;
  rank_in_type: number | null;
}

/** Create the output tables of contract.ts when missing; add columns a table written by an older version lacks. */
export async function ensureScoreTables(db: Db): Promise<void> {
  for (const t of SCORE_CONTRACT) {
    await db.run(createTableSql(t));
    for (const sql of addMissingColumnsSql(t)) await db.run(sql);
  }
}

/** Score `opts.year` with `tree` (normally the tree of that year). */
export async function scoreYear(db: Db, tree: IndicatorTree, opts: ScoreOptions): Promise<ScoreSummary> {
  const year = opts.year;
  const runId = opts.runId ?? `score-${year}-${randomUUID().slice(0, 8)}`;
  const startedAt = (opts.now ?? (() => new Date()))();
  const params: RunParams = {
    year,
    minShare: opts.minShare ?? tree.missing.minShare,
    minShareOverride: opts.minShare ?? null,
    geometricFloor: opts.geometricFloor ?? DEFAULT_GEOMETRIC_FLOOR,
    treeFile: tree.file,
  };
  await ensureScoreTables(db);
  await checkInputs(db, year);
  const warnings: Issue[] = [];
  if (tree.year !== year) warnings.push(treeYearDiffers(tree.year, year));

  return db.transaction(async () => {
    // 1 load tree
    params.pooledBounds = await writeTreeNodes(db, tree, { runId, year }, opts.pooledBounds);
    const units = await writeScoringUnits(db, year);
    if (units === 0) warnings.push(noUnits(year));
    // 2 normalise
    const norm = await normalise(db, { runId, year });
    warnings.push(...norm.warnings.map(toIssue));
    // 3 aggregate; 3a weights from the data, level by level as the children's values exist
    const weighting = dataWeighting(db, tree, { runId, year });
    const rolled = await aggregate(db, { runId, minShare: params.minShare, geometricFloor: params.geometricFloor, beforeLevel: weighting.beforeLevel });
    if (rolled.topsis.length) params.topsis = rolled.topsis;
    warnings.push(...weighting.warnings);
    if (weighting.used.length) params.dataWeights = weighting.used;
    // 4–5 adjust, rank, grade; indicator values and notes
    for (const t of ['indicator_values', 'scores', 'score_adjustments', 'score_notes']) {
      await db.run(`delete from ${t} where year = $year`, { year });
    }
    await db.run(readSql(import.meta.url, 'indicator_values.sql'), { run_id: runId });
    await writeAdjustmentItems(db, tree);
    await writeRootUnits(db);
    // after root_units: the root's missing composite is said, but not counted as a unit left unscored
    const coverage = await writeCoverage(db, { runId, year, minShare: params.minShare });
    await writeAdjustedScores(db, runId);
    const graded = await writeGrades(db, tree, runId);
    params.grading = { gradedUnits: graded.gradedUnits, quotas: graded.quotas };
    await writeYearNotes(db, norm.warnings);
    await writeNoteTexts(db);
    await db.run(readSql(import.meta.url, 'score_notes.sql'), { run_id: runId });
    // 6 record run
    const hash = await inputHash(db, year);
    await writeRun(db, { runId, startedAt, stage: 'score', tree: weighting.treeUsed(), params, inputHash: hash, warnings });
    return { ...(await summarise(db, { runId, year, units, hash, warnings, graded, gradeOrder: tree.grades.map((g) => g.grade) })), coverage, topsis: rolled.topsis };
  });
}

/**
 * Load and check every file first (nothing is scored when any has an error), then score each
 * file's own year. Returns one summary per file, in the order given.
 */
export async function scoreYears(
  db: Db,
  files: string[],
  knownMetrics: Iterable<string>,
  opts: Omit<ScoreOptions, 'year' | 'runId'> = {},
): Promise<ScoreSummary[]> {
  const known = [...knownMetrics];
  const loaded = files.map((f) => loadIndicatorTree(f, known));
  YardstickError.throwIfErrors(loaded.flatMap((l) => l.issues));
  const out: ScoreSummary[] = [];
  for (const l of loaded) {
    const summary = await scoreYear(db, l.tree!, { ...opts, year: l.tree!.year });
    summary.warnings.unshift(...l.issues);
    out.push(summary);
  }
  return out;
}

export interface RerunOptions {
  /** Score with this tree instead of the recorded one (a scenario). */
  tree?: IndicatorTree;
  runId?: string;
  now?: () => Date;
}

/** Replay a recorded run from the scoring stage (same year and parameters; optionally another tree). */
export async function rerunScore(db: Db, fromRunId: string, opts: RerunOptions = {}): Promise<ScoreSummary> {
  const run = await readRun(db, fromRunId);
  const before = run.inputHash;
  const summary = await scoreYear(db, opts.tree ?? run.tree, {
    year: run.params.year,
    runId: opts.runId,
    minShare: run.params.minShareOverride ?? undefined,
    geometricFloor: run.params.geometricFloor,
    pooledBounds: run.params.pooledBounds,
    now: opts.now,
  });
  if (summary.inputHash !== before) summary.warnings.push(inputChanged(fromRunId, run.params.year));
  return summary;
}

async function checkInputs(db: Db, year: number): Promise<void> {
  const table = await db.one(`select 1 as x from duckdb_tables() where table_name = 'unit_year_metrics' and not temporary`);
  if (!table) {
    throw new YardstickError('找不到表 unit_year_metrics，请先运行 metrics 阶段 / table unit_year_metrics not found: run the metrics stage first');
  }
  const dups = await db.all<{ unit_id: string; metric_id: string; n: number }>(
    `select unit_id, metric_id, count(*) as n from unit_year_metrics where year = $year
     group by all having count(*) > 1 order by unit_id, metric_id limit 20`,
    { year },
  );
  if (dups.length) {
    throw new YardstickError(
      dups.map((d) =>
        error('duplicate_metric_rows', `unit_year_metrics 中 ${year} 年 ${d.unit_id} 的 ${d.metric_id} 有 ${d.n} 行（应为 1 行） / ${d.unit_id} has ${d.n} rows for ${d.metric_id} in ${year} (expected one)`),
      ),
    );
  }
}

async function writeYearNotes(db: Db, ws: StageWarning[]): Promise<void> {
  await db.run('create or replace temp table year_notes (year integer, node_id varchar, code varchar, value double, zh varchar, en varchar)');
  for (const w of ws) {
    await db.run('insert into year_notes values ($year, $node, $code, $value::double, $zh, $en)', {
      year: w.year,
      node: w.nodeId,
      code: w.code,
      value: w.value,
      zh: w.zh,
      en: w.en,
    });
  }
}

async function summarise(
  db: Db,
  s: { runId: string; year: number; units: number; hash: string; warnings: Issue[]; graded: GradeResult; gradeOrder: string[] },
): Promise<Omit<ScoreSummary, 'coverage' | 'topsis'>> {
  const root = await db.all<{ grade: string | null; n: number; scored: number }>(
    `select grade, count(*) as n, count(score) as scored from scores
     where run_id = $run_id and level = 0 group by grade order by grade`,
    { run_id: s.runId },
  );
  // best grade first, as the tree lists them (优秀 · 良好 · 一般 · 较差)
  const position = (g: string | null) => (g === null ? Infinity : s.gradeOrder.indexOf(g));
  const grades: Record<string, number> = {};
  for (const r of [...root].sort((a, b) => position(a.grade) - position(b.grade))) if (r.grade !== null) grades[r.grade] = r.n;
  const status = await db.all<{ grade_status: string; n: number }>(
    `select grade_status, count(*) as n from scores where run_id = $run_id and level = 0 group by grade_status`,
    { run_id: s.runId },
  );
  const counts = await db.one<{ notes: number; vetoed: number }>(
    `select (select count(*) from score_notes where run_id = $run_id) as notes,
            (select count(distinct unit_id) from score_adjustments where run_id = $run_id and kind = 'veto') as vetoed`,
    { run_id: s.runId },
  );
  const results = await db.all<UnitScore>(
    `select unit_id, score, weighted, bonus, deduction, grade, grade_status, veto, rank, rank_in_type
     from scores where run_id = $run_id and level = 0
     order by rank nulls last, unit_id`,
    { run_id: s.runId },
  );
  return {
    runId: s.runId,
    year: s.year,
    units: s.units,
    scored: root.reduce((a, r) => a + r.scored, 0),
    grades,
    status: Object.fromEntries(status.map((r) => [r.grade_status, r.n])),
    quotas: s.graded.quotas,
    vetoed: counts!.vetoed,
    notes: counts!.notes,
    inputHash: s.hash,
    warnings: s.warnings,
    results,
  };
}

// ---------- named warnings of this module ----------

function treeYearDiffers(treeYear: number, year: number): Issue {
  return warning('tree_year_differs', `用 ${treeYear} 年的指标体系评价 ${year} 年的数据 / scoring ${year} with the ${treeYear} indicator tree`);
}

function noUnits(year: number): Issue {
  return warning('no_units', `${year} 年 unit_year_metrics 中没有任何单位 / no unit has metrics in ${year}; nothing was scored`);
}

function inputChanged(runId: string, year: number): Issue {
  return warning(
    'input_changed',
    `${year} 年的输入数据自运行 ${runId} 以来已变化，结果可能不同 / the ${year} input rows changed since run ${runId}; results may differ`,
  );
}
