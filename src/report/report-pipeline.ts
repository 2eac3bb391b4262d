/**
 * Library entry points behind `yardstick report` and `yardstick export`: open the pipeline's
 * database (or use the one given), then render the requested years (default: every scored year)
 * or export one year's tables.
 */
import { join, resolve } from 'node:path';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import { openDb, type Db } from '../store/db.js';
import { YardstickError } from '../errors.js';
import type { Lang } from './labels.js';
import { renderReports, type RenderOptions, type RenderResult } from './render.js';
import { collectGarbage } from './collect-garbage.js';
import { scoredYears } from './read-report-data.js';
import { noScoredYears } from './messages.js';
import { unchangedYears } from './render-messages.js';
import { chromiumForPdf, hasPdf, PdfWriter, PDF_FILE } from './write-pdf.js';
import { exportTables, type ExportFormat, type ExportResult } from './export-tables.js';

export interface ReportPipelineOptions extends Omit<RenderOptions, 'year'> {
  year?: number;
  db?: Db;
  /** Also print each year's index.html to report.pdf with headless Chromium (write-pdf.ts). */
  pdf?: boolean;
}

async function withPipelineDb<T>(p: LoadedPipeline, db: Db | undefined, fn: (db: Db) => Promise<T>): Promise<T> {
  const own = db ?? (await openDb(p.database));
  try {
    return await fn(own);
  } finally {
    if (!db) own.close();
  }
}

/** Render the report of one year, or of every scored year. */
export async function reportPipeline(p: LoadedPipeline, opts: ReportPipelineOptions = {}): Promise<RenderResult[]> {
  return withPipelineDb(p, opts.db, async (db) => {
    const years = opts.year !== undefined ? [opts.year] : await scoredYears(db);
    if (!years.length) throw new YardstickError(noScoredYears());
    // no Chromium for --pdf: say so before rendering anything
    const pdf = opts.pdf ? new PdfWriter(chromiumForPdf()) : null;
    const out: RenderResult[] = [];
    // a draft named with --draft is previewed on the year asked for, else on the latest scored year only
    const latest = years[years.length - 1];
    try {
      for (const year of years) {
        const draft = typeof opts.draft === 'string' && year !== latest ? undefined : opts.draft;
        const r = await renderReports(db, p, { ...opts, year, draft });
        if (pdf && !(r.skipped && hasPdf(r.dir))) {
          await pdf.write(r.dir);
          if (!r.files.includes(PDF_FILE)) r.files.push(PDF_FILE);
        }
        out.push(r);
        // what one report allocated, collected before the next one starts (collect-garbage.ts)
        collectGarbage();
      }
    } finally {
      await pdf?.close();
    }
    return out;
  });
}

export interface ExportPipelineOptions { year: number; format: ExportFormat; outDir?: string; db?: Db }

/** Export one year's tables; default folder `<reports>/export/<year>`. */
export async function exportPipeline(p: LoadedPipeline, opts: ExportPipelineOptions): Promise<ExportResult> {
  return withPipelineDb(p, opts.db, (db) =>
    exportTables(db, { year: opts.year, format: opts.format, outDir: opts.outDir ?? join(resolve(p.reports), 'export', String(opts.year)) }));
}

export function formatRenderResults(results: RenderResult[]): string {
  const skipped = results.filter((r) => r.skipped);
  const lines = results.filter((r) => !r.skipped).map((r) => {
    // the announcement draft (.docx) and report.pdf by their names
    const pdf = r.files.filter((f) => /\.(docx|pdf)$/.test(f)).map((f) => `, ${f}`).join('');
    const warn = Object.entries(r.warnings).map(([id, w]) => `\n  警告 warning ${id}: ${w.join('; ')}`).join('');
    return `${r.dir}: ${r.files.length} 个文件 files (index.html, ${r.files.filter((f) => f.startsWith('units/')).length} 个单位页面 unit pages, ${r.files.filter((f) => f.endsWith('.svg')).length} 个图表 charts, results.xlsx${pdf}) · ${(r.ms / 1000).toFixed(1)} s${warn}`;
  });
  // Unchanged years in one line: a re-run of five years in two languages would print ten alike.
  if (skipped.length === 1) lines.push(skipped[0].note ?? skipped[0].dir);
  if (skipped.length > 1) lines.push(unchangedYears(skipped.map((r) => r.dir)));
  return lines.join('\n');
}

export type { Lang };
