/**
 * `yardstick run <pipeline>`: the one command an evaluation office runs a year.
 *
 *   ingest ─► metrics ─► score (every year with data) ─► analyse ─┬─► reports ─► rejects.csv
 *   (each stage its own transaction on one database handle;         └ files: only after all three
 *    the reports read the finished file through a fresh one)
 *
 * The guarantee: nothing is written outside the database (reports, rejects.csv)
 * until ingest, score and analyse have all committed. Each stage is atomic: a
 * failing stage rolls back its own work and leaves the earlier stages committed
 * (run again after fixing the cause: unchanged files are not reloaded), and no
 * file has been touched. A failure writing the files (disk full, read-only
 * folder) comes after the database is complete: it is an error (exit 1) naming
 * the path, and `yardstick report` writes them again. Each report folder is
 * written to a temporary folder and renamed into place, rejects.csv to a
 * temporary file, so no half-written file is ever left in place.
 */
import type { LoadedPipeline } from '../config/load-pipeline.js';
import { openDb } from '../store/db.js';
import { ingest, type FileEvent, type IngestSummary } from '../ingest/ingest.js';
import type { ProgressEvent } from '../ingest/progress-ticker.js';
import { scorePipeline, type ScoreRunSummary } from './score-run.js';
import { analyseAll, type AnalyseSummary } from '../analyse/analyse.js';
import { exportFollowUp } from '../analyse/follow-up.js';
import { renderReports, type RenderResult } from '../report/render.js';
import { collectGarbage } from '../report/collect-garbage.js';
import { writeRejectsCsv } from '../ingest/write-rejects.js';
import { environmentError, error, YardstickError } from '../errors.js';
import type { Db } from '../store/db.js';

export interface RunOptions {
  keepNames?: boolean;
  lang?: 'zh' | 'en';
  /** Monte Carlo runs for the sensitivity analysis (default from the pipeline, else 1000). */
  runs?: number;
  seed?: number;
  /** PNG copies of the charts (default true; `report --no-png` alike). */
  png?: boolean;
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
  let db = await openDb(p.database, { memoryLimit: p.memory_limit });
  try {
    opts.onStage?.('ingest');
    const ingested = await ingest(p, { db, keepNames: opts.keepNames, onFile: opts.onFile, onProgress: opts.onProgress, writeRejects: false });
    opts.onStage?.('score');
    const score = await scorePipeline(p, { db });
    opts.onStage?.('analyse');
    const analysed = await analyseAll(db, p, { runs: opts.runs, seed: opts.seed, export: false });
    // The reports only read the finished database. A fresh handle starts without what the data
    // stages left in DuckDB's memory (cached blocks, the ingest's temporary tables: ~150 MB at
    // 2,000 units), which the reports' own peak would otherwise come on top of.
    if (p.database !== ':memory:') {
      db.close();
      db = await openDb(p.database, { memoryLimit: p.memory_limit });
    }
    opts.onStage?.('report');
    const reports = await writeOutputs(db, p, { years: score.years.map((y) => y.year), analysed, rejectsCsv: ingested.rejectsCsv, lang: opts.lang, png: opts.png });
    return { ingest: ingested, score, analyse: analysed, reports };
  } finally {
    db.close();
  }
}

interface Outputs { years: number[]; analysed: AnalyseSummary[]; rejectsCsv: string; lang?: 'zh' | 'en'; png?: boolean }

/**
 * The files of a run, once the database is complete: each year's reports, the
 * follow-up lists beside them (analyse's export, held back until now), then rejects.csv.
 */
async function writeOutputs(db: Db, p: LoadedPipeline, o: Outputs): Promise<RenderResult[]> {
  try {
    const reports: RenderResult[] = [];
    // Both languages, so the report's link to the other language is never dead; the chosen one first.
    const langs: ('zh' | 'en')[] = o.lang === 'en' ? ['en', 'zh'] : ['zh', 'en'];
    for (const year of o.years) {
      for (const lang of langs) {
        reports.push(await renderReports(db, p, { year, lang, png: o.png }));
        // what one report allocated, collected before the next one starts (collect-garbage.ts)
        collectGarbage();
      }
    }
    for (const a of o.analysed) a.files = await exportFollowUp(a.followUp, p.reports, a.year);
    await writeRejectsCsv(db, o.rejectsCsv);
    return reports;
  } catch (e) {
    // A failed write(2) names no file: the reports folder is where the run was writing.
    if (e && typeof e === 'object' && !('path' in e)) Object.assign(e, { path: p.reports });
    const env = environmentError(e);
    if (!env) throw e;
    throw new YardstickError([...env.issues, error('outputs_not_written',
      `数据库已完整更新（载入、评分、分析均已完成），但报告或 rejects.csv 未能写出；排除上述问题后运行 yardstick report ${p.file} 重新生成报告 / ` +
      `the database is complete (ingest, score and analyse committed) but the reports or rejects.csv could not be written; ` +
      `fix the cause above, then run \`yardstick report ${p.file}\` to write them`)]);
  }
}
