/**
 * `yardstick run <pipeline>`: the one command an evaluation office runs a year.
 *
 *   ingest ─► metrics ─► score (every year with data) ─► analyse ─► report
 *   (each stage its own transaction on one database handle)
 *
 * Ingest is atomic on its own; scoring and analysis replace whole years; report
 * files are written to a temporary folder and renamed into place. A failure in a
 * later stage leaves the earlier stages' results committed and consistent.
 */
import type { LoadedPipeline } from '../config/load-pipeline.js';
import { openDb } from '../store/db.js';
import { ingest, type FileEvent, type IngestSummary } from '../ingest/ingest.js';
import type { ProgressEvent } from '../ingest/progress-ticker.js';
import { scorePipeline, type ScoreRunSummary } from './score-run.js';
import { analyseAll, type AnalyseSummary } from '../analyse/analyse.js';
import { renderReports, type RenderResult } from '../report/render.js';

export interface RunOptions {
  keepNames?: boolean;
  lang?: 'zh' | 'en';
  /** Monte Carlo runs for the sensitivity analysis (default from the pipeline, else 1000). */
  runs?: number;
  seed?: number;
  onFile?: (e: FileEvent) => void;
  onProgress?: (e: ProgressEvent) => void;
  onStage?: (stage: string) => void;
}

export interface RunSummary {
  ingest: IngestSummary;
  score: ScoreRunSummary;
  analyse: AnalyseSummary[];
  reports: RenderResult[];
}

export async function runAll(p: LoadedPipeline, opts: RunOptions = {}): Promise<RunSummary> {
  const db = await openDb(p.database, { memoryLimit: p.memory_limit });
  try {
    opts.onStage?.('ingest');
    const ingested = await ingest(p, { db, keepNames: opts.keepNames, onFile: opts.onFile, onProgress: opts.onProgress });
    opts.onStage?.('score');
    const score = await scorePipeline(p, { db });
    opts.onStage?.('analyse');
    const analysed = await analyseAll(db, p, { runs: opts.runs, seed: opts.seed });
    opts.onStage?.('report');
    const reports: RenderResult[] = [];
    for (const y of score.years) reports.push(await renderReports(db, p, { year: y.year, lang: opts.lang }));
    return { ingest: ingested, score, analyse: analysed, reports };
  } finally {
    db.close();
  }
}
