/**
 * The main report page, `<reports>/<year>/index.html`: one self-contained file. The charts are
 * compiled to Vega in Node; vega and vega-embed are inlined from node_modules, and the specs sit
 * in a `<script type="application/json">` block (escaped, trap 4), so the page opens by
 * double-click and makes no network request. vega-embed's source/editor actions are off (trap 3).
 * The page's own scripts (page/: charts with unit links, sortable/filterable tables, the what-if
 * with the scoring engine's functions) are inlined after them (page/bundle.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as vega from 'vega';
import { escapeHtml, jsonForScript, safeFileName } from './escape.js';
import { htmlTable, pct, renderPage } from './html-page.js';
import { unitName, type ReportModel } from './model.js';
import { looseTableHtml, warningsByUnitHtml } from './analysis-sections.js';
import { gradingRulesHtml, insufficientHtml, notRankedHtml, rankingTableHtml, withResultParts, yearAdjustmentsHtml } from './result-sections.js';
import { effectiveWeights } from './specs/weights.js';
import { previewHtml, unitEventsHtml } from './preview-section.js';
import { firstScreenHtml, linksHtml } from './page/first-screen.js';
import { whatIfSectionHtml } from './page/what-if-section.js';
import { pageScript, whatIfEngineScript } from './page/bundle.js';

const require = createRequire(import.meta.url);

/** A browser build from node_modules, made safe to inline in a `<script>` element. */
function browserBuild(pkg: string, file: string): string {
  const dir = packageDir(pkg);
  return readFileSync(join(dir, 'build', file), 'utf8').replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n').replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
}

/** The folder of an installed package (its `exports` may hide package.json). */
function packageDir(pkg: string): string {
  let dir = dirname(require.resolve(pkg));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === pkg) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of package ${pkg}`);
    dir = up;
  }
}

let bundles: string | null = null;
function inlineBundles(): string {
  bundles ??= `<script>${browserBuild('vega', 'vega.min.js')}</script>\n<script>${browserBuild('vega-embed', 'vega-embed.min.js')}</script>`;
  return bundles;
}

export interface HtmlChart { id: string; title: string; vega: vega.Spec }

export function renderIndexHtml(m: ReportModel, charts: HtmlChart[], generatedAt: string): string {
  const { l, data } = m;
  const chart = (id: string) => (charts.some((c) => c.id === id) ? `<div class="chart" id="chart-${escapeHtml(id)}"></div>` : '');
  const sections: { id: string; title: string; html: string }[] = [];
  const add = (id: string, title: string, html: string) => sections.push({ id, title, html });
  const link = (id: string) => unitLink(m, id);

  // the leaders' three questions first (page/first-screen.ts), then the ranking and who needs follow-up
  add('headline', l.headline, firstScreenHtml(m));
  add('ranking', l.ranking, gradingRulesHtml(m) + chart('ranking') + rankingTableHtml(m, link) + notRankedHtml(m, link));
  if (data.followUp) add('follow-up', l.followUp, looseTableHtml(m, 'follow_up', withResultParts(m, data.followUp)));
  if (data.flags) add('flags', l.flags, chart('flags') + (data.flags.rows.length ? warningsByUnitHtml(m, data.flags) : `<p>${escapeHtml(l.noFlags)}</p>`));
  const events = unitEventsHtml(m);
  if (data.comparisons || events) add('comparisons', l.comparisons, (data.comparisons ? looseTableHtml(m, 'comparisons', data.comparisons) : '') + events);
  if (charts.some((c) => c.id === 'slope')) add('slope', charts.find((c) => c.id === 'slope')!.title, chart('slope'));
  if (data.adjustments) add('adjustments', l.adjustments, yearAdjustmentsHtml(m, link));
  const insufficient = insufficientHtml(m, link);
  if (insufficient) add('insufficient', l.insufficient, insufficient);
  if (data.whatIf) add('whatif', l.whatIf, whatIfSectionHtml(m, data.whatIf));
  add('dimensions', l.dimensions, chart('dimensions'));
  add('heatmap', l.heatmap, chart('heatmap'));
  add('trends', l.trends, chart('trends'));
  if (data.sensitivity) add('sensitivity', l.sensitivity, chart('sensitivity') + looseTableHtml(m, 'sensitivity', data.sensitivity));
  if (data.weightImpact) add('weight-impact', l.weightImpact, chart('weight-impact') + looseTableHtml(m, 'weight_impact', data.weightImpact));
  if (data.preview) add('draft-preview', l.preview(data.preview.draftYear, data.year), previewHtml(m, data.preview, chart('preview'), link));
  if (data.manifest || data.rejects) add('quality', l.quality, chart('quality') + qualityHtml(m));
  add('tree', l.tree(data.year), chart('weights') + treeHtml(m));
  add('units', l.units, `<p class="units">${m.unitOrder.map(link).join(' ')}</p>`);

  const specs = Object.fromEntries(charts.map((c) => [c.id, c.vega]));
  // chart marks name units by their display label: the label → page map lets a click open the unit's page
  const pages = Object.fromEntries(m.unitOrder.map((id) => [unitName(m, id), `units/${safeFileName(id)}.html`]));
  const body = `<header><h1>${escapeHtml(l.title(data.year))}</h1>
<p class="meta">${escapeHtml(l.generated)}: ${escapeHtml(generatedAt)} · ${escapeHtml(l.printNote)}</p>
${linksHtml(m)}</header>
<nav>${sections.map((s) => `<a href="#${s.id}">${escapeHtml(s.title)}</a>`).join('')}</nav>
${sections.map((s) => `<section id="${s.id}"><h2>${escapeHtml(s.title)}</h2>\n${s.html}\n</section>`).join('\n')}`;
  const script = (js: string) => `<script>${js}</script>`;
  const tail = [
    `<script type="application/json" id="yardstick-specs">${jsonForScript(specs)}</script>`,
    `<script type="application/json" id="yardstick-unit-pages">${jsonForScript(pages)}</script>`,
    inlineBundles(),
    script(pageScript('charts.js')),
    script(pageScript('tables.js')),
    ...(data.whatIf && !('unavailable' in data.whatIf) ? [script(whatIfEngineScript()), script(pageScript('what-if-ui.js'))] : []),
  ].join('\n');
  return renderPage({ lang: m.lang, title: l.title(data.year), body, tail });
}

export function unitLink(m: ReportModel, id: string, prefix = 'units/'): string {
  return `<a href="${prefix}${escapeHtml(safeFileName(id))}.html">${escapeHtml(unitName(m, id))}</a>`;
}

function qualityHtml(m: ReportModel): string {
  const { l, data } = m;
  let html = '';
  if (data.manifest) html += htmlTable([l.file, l.rowsRead, l.rowsLoaded, l.rowsRejectedCol, l.rowsDuplicate],
    data.manifest.map((r) => [r.source_file, r.rows_read, r.rows_loaded, r.rows_rejected, r.rows_duplicate]), [1, 2, 3, 4]);
  // reject codes are English ids: the Chinese report gives the reason only
  const code = m.lang === 'en';
  if (data.rejects?.length) html += `<h3>${escapeHtml(l.reason)}</h3>` + htmlTable([l.file, ...(code ? [l.code] : []), l.reason, l.count],
    data.rejects.map((r) => [r.source_file, ...(code ? [r.code] : []), m.lang === 'en' ? r.reason_en : r.reason_zh, r.rows]), [code ? 3 : 2]);
  return html;
}

function treeHtml(m: ReportModel): string {
  const { l, data } = m;
  const eff = effectiveWeights(m);
  const kids = new Map<string | null, typeof data.tree>();
  for (const n of data.tree) kids.set(n.parent_id, [...(kids.get(n.parent_id) ?? []), n]);
  const rows: (string | null | { html: string })[][] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const n of (kids.get(parent) ?? []).sort((a, b) => a.position - b.position)) {
      rows.push([{ html: `${'&emsp;'.repeat(depth)}${escapeHtml(m.nodeLabel(n.node_id))}` }, n.level === 0 ? null : pct(n.weight, 0), pct(eff.get(n.node_id), 1)]);
      if (depth < 20) walk(n.node_id, depth + 1);
    }
  };
  walk(null, 0);
  return htmlTable([l.indicator, l.weight, l.effectiveWeight], rows, [1, 2]);
}
