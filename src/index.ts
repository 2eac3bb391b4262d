/**
 * Yardstick's library API: what the CLI calls, and what scripts may call.
 * Stages: ingest → metrics → normalise/score → analyse → report.
 */
export { loadPipeline, type LoadedPipeline } from './config/load-pipeline.js';
export { ingest, type IngestSummary, type IngestOptions, type FileEvent } from './ingest/ingest.js';
export type { ProgressEvent } from './ingest/progress-ticker.js';
export { status, formatStatus, formatIngestSummary, type StatusRow } from './ingest/status.js';
export { check } from './check.js';
export { YardstickError, formatIssue, type Issue } from './errors.js';
export { openDb, withDb, type Db } from './store/db.js';

export { computeMetrics } from './metrics/compute-metrics.js';
export { scoreYear, scoreYears, rerunScore, type ScoreSummary } from './score/score.js';
export { scoreTable } from './score/score-table.js';
export { scorePipeline, formatScoreRun, type ScoreRunSummary } from './run/score-run.js';
export { runAll, type RunSummary, type RunOptions } from './run/run.js';
export { initProject, newYear } from './run/scaffold.js';
export { analyse, analyseAll } from './analyse/analyse.js';
export { renderReports } from './report/render.js';

import { writeSchemas as writeConfigSchemas } from './config/write-schemas.js';
import { IndicatorFileSchema } from './indicators/indicator-schema.js';
/** Write JSON Schemas for the pipeline and indicator files. */
export function writeSchemas(dir: string): string[] {
  return writeConfigSchemas(dir, { indicators: IndicatorFileSchema });
}
