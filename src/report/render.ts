/**
 * `renderReports`: one year's report from the database, in these phases —
 *
 *   read        readReportData   scores, indicator_values, tree_nodes, units, manifest, rejects,
 *                                and the analysis tables when they exist (small, final, zod-parsed)
 *               readDraftPreview next year's draft tree scored on this year's data, when a draft exists
 *   model       buildModel       labels, orders (rank, then Intl.Collator), tree, grades
 *   specs       buildReportSpecs one Vega-Lite spec per chart (src/report/specs/*)
 *   compile     compileSpec      Vega-Lite → Vega in Node (warnings collected)
 *   render      renderSvg/Png    SVG (CJK-aware text width) and PNG (resvg, CJK font loaded)
 *               renderIndexHtml  self-contained index.html (vega + vega-embed inlined)
 *               renderUnitPage   units/<id>.html with inline SVG
 *               writeWorkbook    results.xlsx
 *               announcementDocx 考核结果通报.docx (announcement.docx in English)
 *   write       writeDirAtomic   all into a temp folder, renamed to <reports>/<year>/
 *
 * It reads only; the database is not changed (a draft preview is scored as a scenario, whose
 * rows are restored to the official ones in the same transaction).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from '../store/db.js';
import { YardstickError } from '../errors.js';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import type { Lang } from './labels.js';
import { readReportData, scoredYears } from './read-report-data.js';
import { buildModel } from './model.js';
import { buildReportSpecs, buildUnitSpecs } from './specs/index.js';
import { compileSpec, renderSvg, SameShapeCharts } from './render-svg.js';
import { renderPng } from './render-png.js';
import { resolveReportFont } from './report-font.js';
import { renderIndexHtml } from './render-html.js';
import { renderUnitPage } from './render-unit-page.js';
import { writeWorkbook } from './write-xlsx.js';
import { announcementDocx, announcementFile } from './announcement/index.js';
import { safeFileName } from './escape.js';
import { noScores } from './messages.js';
import { unchangedYear } from './render-messages.js';
import { FINGERPRINT_FILE, listReportFiles, reportFingerprint, storedFingerprint } from './report-fingerprint.js';
import { writeDirAtomic } from './write-atomic.js';
import { PDF_FILE } from './write-pdf.js';
import { readDraftPreview, type DraftOption } from './draft-preview.js';

export interface RenderOptions {
  year: number;
  lang?: Lang;
  /** Chinese font (TTF/OTF/TTC) for the charts' layout and PNG; default $YARDSTICK_CJK_FONT, else the shipped one. */
  fontFile?: string;
  /** Render even when the year's inputs match the stored fingerprint (report-fingerprint.ts). */
  force?: boolean;
  /** Write PNG files (default true). */
  png?: boolean;
  /** PNG zoom (default 1.5). */
  pngScale?: number;
  /** Output folder instead of the pipeline's `reports`. */
  outDir?: string;
  /** Clock for the "generated" line (tests pin it). */
  now?: Date;
  /**
   * Draft tree previewed on this year's data (draft-preview.ts): a file, `false` for none, or
   * undefined to use `<indicators>/<year + 1>.yaml` when it exists and that year is not scored.
   */
  draft?: DraftOption;
}

export interface RenderResult {
  /** `<reports>/<year>` (`<year>-en` in English), absolute. */
  dir: string;
  /** Files written, relative to `dir`. */
  files: string[];
  /** Vega-Lite warnings by chart id (empty when all is well). */
  warnings: Record<string, string[]>;
  ms: number;
  /** True when the year's inputs were unchanged and the folder was left as it was; `note` says so. */
  skipped?: boolean;
  note?: string;
}

/** The pipeline's `indicators` folder and `metrics` are needed only to find and load a draft tree. */
export type ReportPipelineFields = Pick<LoadedPipeline, 'reports'> & Partial<Pick<LoadedPipeline, 'indicators' | 'metrics'>>;

export async function renderReports(db: Db, p: ReportPipelineFields, opts: RenderOptions): Promise<RenderResult> {
  const t0 = performance.now();
  const lang = opts.lang ?? 'zh';
  const years = await scoredYears(db);
  if (!years.includes(opts.year)) throw new YardstickError(noScores(opts.year, years));
  const font = resolveReportFont(opts.fontFile);
  const warnings: Record<string, string[]> = {};
  const data = await readReportData(db, opts.year);
  // a scenario: scored in a transaction that restores the official rows, so the database is unchanged
  data.preview = await readDraftPreview(db, p, opts.year, opts.draft, (w) => (warnings.draft = [...(warnings.draft ?? []), w]));
  // English beside Chinese, never over it: the office hands both to leaders.
  const dir = resolve(opts.outDir ?? p.reports, lang === 'zh' ? String(opts.year) : `${opts.year}-${lang}`);
  const fingerprint = reportFingerprint(data, { lang, png: opts.png !== false, pngScale: opts.pngScale, font });
  if (!opts.force && storedFingerprint(dir) === fingerprint) {
    return { dir, files: listReportFiles(dir), warnings, ms: Math.round(performance.now() - t0), skipped: true, note: unchangedYear(opts.year, dir) };
  }
  const model = buildModel(data, lang);
  const charts = buildReportSpecs(model);
  const generatedAt = (opts.now ?? new Date()).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

  const files = await writeDirAtomic(dir, async (tmp) => {
    const files: string[] = [];
    const write = (rel: string, content: string | Buffer) => {
      writeFileSync(join(tmp, rel), content);
      files.push(rel);
    };
    mkdirSync(join(tmp, 'charts'));
    mkdirSync(join(tmp, 'units'));
    const compiled = [];
    for (const c of charts) {
      const { vega, warnings: w } = compileSpec(c.spec);
      if (w.length) warnings[c.id] = w;
      compiled.push({ id: c.id, title: c.title, vega });
      const svg = await renderSvg(vega, font);
      write(`charts/${c.id}.vl.json`, JSON.stringify(c.spec, null, 1));
      write(`charts/${c.id}.svg`, svg);
      if (opts.png !== false) write(`charts/${c.id}.png`, renderPng(svg, { font, scale: opts.pngScale }));
    }
    write('index.html', renderIndexHtml(model, compiled, generatedAt));
    const unitCharts = new SameShapeCharts(font);
    for (const id of model.unitOrder) {
      const svgs = [];
      for (const c of buildUnitSpecs(model, id)) {
        const { svg, warnings: w } = await unitCharts.render(c.spec);
        if (w.length) warnings[`${id}/${c.id}`] = w;
        svgs.push({ id: c.id, title: c.title, svg });
      }
      write(`units/${safeFileName(id)}.html`, renderUnitPage(model, id, svgs));
    }
    unitCharts.finalize();
    await writeWorkbook(model, join(tmp, 'results.xlsx'));
    files.push('results.xlsx');
    write(announcementFile(lang), await announcementDocx(model));
    // last: a folder is only ever skipped when everything above was written
    writeFileSync(join(tmp, FINGERPRINT_FILE), fingerprint + '\n');
    return files;
  }, [PDF_FILE]);
  return { dir, files, warnings, ms: Math.round(performance.now() - t0) };
}

/** Every year with scores (what `yardstick report` renders by default). */
export { scoredYears };
