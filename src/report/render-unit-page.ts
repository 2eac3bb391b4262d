/**
 * One page per unit, `<reports>/<year>/units/<safe id>.html`: the generated paragraph, scores
 * against the peer median, rank history, strongest and weakest indicators, and flags. Charts are
 * inlined as SVG rendered in Node (Vega escapes their text), so unit pages carry no script at all.
 */
import { escapeHtml } from './escape.js';
import { fmt, htmlTable, renderPage } from './html-page.js';
import { gradeLabel } from './labels.js';
import { unitName, type ReportModel } from './model.js';
import { unitParagraph } from './unit-paragraph.js';
import { peerScores } from './specs/unit-scores.js';
import { flagsHtml } from './analysis-sections.js';
import { unitAdjustmentsHtml } from './result-sections.js';
import { rawValue } from '../analyse/messages.js';

export interface UnitSvg { id: string; title: string; svg: string }

export function renderUnitPage(m: ReportModel, unitId: string, svgs: UnitSvg[]): string {
  const { l, data } = m;
  const t = data.totals.find((x) => x.unit_id === unitId);
  const name = unitName(m, unitId);
  const title = l.unitTitle(name, data.year);
  const values = data.indicators.filter((v) => v.unit_id === unitId && v.normalised !== null && m.dimensionOf.has(v.indicator_id))
    .sort((a, b) => b.normalised! - a.normalised! || a.indicator_id.localeCompare(b.indicator_id));
  // a raw value in its unit: rates as percentages (93.3%), hours with 小时/人·月 …
  const metricOf = new Map(m.data.tree.map((n) => [n.node_id, n.metric_id ?? null]));
  const rawText = (id: string, v: number | null) => (v === null ? null : rawValue(metricOf.get(id) ?? null, v)[m.lang]);
  const indicatorRows = (rows: typeof values) => htmlTable([l.dimension, l.indicator, l.value, l.raw],
    rows.map((v) => [m.nodeLabel(m.dimensionOf.get(v.indicator_id) ?? ''), m.nodeLabel(v.indicator_id), fmt(v.normalised), rawText(v.indicator_id, v.raw)]), [2, 3]);
  const n = Math.min(3, Math.floor(values.length / 2));
  const scores = htmlTable([l.node, l.thisUnit, l.peerMedian], peerScores(m, unitId).map((p) => [p.label, fmt(p.score), fmt(p.peer)]), [1, 2]);
  const flags = data.flags ? { ...data.flags, rows: data.flags.rows.filter((r) => String(r.unit_id) === unitId) } : null;
  // the root unit (全辖汇总) is not evaluated: its sums of nothing would read as scores of 0.0 (issue 14)
  const root = m.status.get(unitId) === 'root';
  const chart = (id: string) => {
    const c = svgs.find((s) => s.id === id);
    return c ? `<h3>${escapeHtml(c.title)}</h3><div class="chart">${c.svg}</div>` : '';
  };
  const body = `<header><h1>${escapeHtml(title)}</h1>
<p class="meta"><a href="../index.html">${escapeHtml(l.back)}</a> · ${escapeHtml(l.unitId)}${l.colon}${escapeHtml(unitId)} · ${escapeHtml(l.type)}${l.colon}${escapeHtml(l.types[t?.unit_type ?? 'other'] ?? t?.unit_type ?? '')}
 · ${escapeHtml(l.grade)}${l.colon}${escapeHtml(gradeText(m, unitId))}</p></header>
<section><h2>${escapeHtml(l.summary)}</h2><p class="paragraph">${escapeHtml(unitParagraph(m, unitId))}</p>
${unitAdjustmentsHtml(m, t)}</section>
${root ? '' : `<section><h2>${escapeHtml(l.score)}</h2>${chart('unit-scores')}${scores}${chart('unit-rank')}</section>
<section><h2>${escapeHtml(l.strongest)}</h2>${n ? indicatorRows(values.slice(0, n)) : `<p>${escapeHtml(l.noData)}</p>`}
<h2>${escapeHtml(l.weakest)}</h2>${n ? indicatorRows(values.slice(-n).reverse()) : `<p>${escapeHtml(l.noData)}</p>`}</section>`}
${flags ? `<section><h2>${escapeHtml(l.flags)}</h2>${flags.rows.length ? flagsHtml(m, flags, '') : `<p>${escapeHtml(l.noFlags)}</p>`}</section>` : ''}`;
  return renderPage({ lang: m.lang, title, body });
}

/** The grade in the page header; a unit that is not graded says why in the status words. */
function gradeText(m: ReportModel, unitId: string): string {
  const t = m.data.totals.find((x) => x.unit_id === unitId);
  const status = m.status.get(unitId) ?? 'unscored';
  if (!t) return '—';
  return status === 'graded' ? gradeLabel(m.l, t.grade) : m.l.statuses[status];
}
