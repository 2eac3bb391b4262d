/**
 * The result as an office announces it: the ranking of graded units with the composite's parts
 * (加权得分 + 加分 − 扣分 = 综合得分) and the grade, the units that are not graded with the
 * reason (root unit, veto, too little data), the bonus / deduction / veto items that applied,
 * and the score stage's coverage table. Shared by index.html and the unit pages; results.xlsx
 * uses the same helpers for its cells.
 */
import { escapeHtml } from './escape.js';
import { fmt, htmlTable } from './html-page.js';
import { gradeLabel, valueLabel } from './labels.js';
import { adjustmentLabel, adjustmentsOf, unitName, type ReportModel } from './model.js';
import type { AdjustmentRow, LooseTable, TotalRow } from './read-report-data.js';
import { coverageHeader, sourceKindsText } from './coverage-columns.js';
import { oneLanguage } from './analysis-sections.js';
import { points, signed } from './format-number.js';
import { adjustmentKind, adjustmentNote, entered, signedPoints } from './adjustment-text.js';
import { gradingRuleText, notRankedReason, vetoRuleText, vetoReasons } from './grading-rules.js';
import { ruleLabels } from './rule-labels.js';
import { dataTableHtml } from './page/data-table.js';
import { gradedOf } from './page/first-screen.js';
import { pageLabels } from './page/page-labels.js';

/** Whether the database has the composite's parts (scored after weighted/bonus/deduction existed). */
export function hasParts(m: ReportModel): boolean {
  return m.data.totals.some((t) => t.weighted !== null);
}

/** A part of the composite: bonus and deduction are 0 when the unit had none. */
const part = (v: number | null, composite: number | null) => (v === null && composite !== null ? 0 : v);

/** "加权得分 70.00 + 加分 2.00 − 扣分 1.00 = 综合得分 71.00", or null without parts or composite. */
export function compositeLine(m: ReportModel, t: TotalRow): string | null {
  if (t.score === null || t.weighted === null) return null;
  return m.l.compositeParts(points(t.weighted, 2), points(part(t.bonus, t.score), 2), points(part(t.deduction, t.score), 2), points(t.score, 2));
}

/** Cells for the parts columns (weighted, bonus, deduction) of a total row. */
export function partCells(t: TotalRow): (number | null)[] {
  return [t.weighted, part(t.bonus, t.weighted), part(t.deduction, t.weighted)];
}

/** The grade cell: the grade after a square of its colour (gradeStyle), and a vetoed unit says so. */
function gradeCell(m: ReportModel, t: TotalRow): { html: string } {
  const i = m.grades.indexOf(t.grade ?? '');
  const bracketed = m.lang === 'en' ? `(${m.l.veto})` : `（${m.l.veto}）`;
  const veto = vetoReasons(m, t.unit_id).length ? ` <span class="meta">${escapeHtml(bracketed)}</span>` : '';
  if (t.grade === null) return { html: escapeHtml(m.l.notGraded) + veto };
  return { html: `${i >= 0 ? `<i class="grade g${i}"></i>` : ''}${escapeHtml(gradeLabel(m.l, t.grade))}${veto}` };
}

/** The grade colours as classes g0, g1, … (one rule each, not a style on every row). */
export function gradeStyle(m: ReportModel): string {
  return `<style>${m.gradeColors.map((c, i) => `.grade.g${i}{background:${c}}`).join('')}</style>`;
}

/**
 * Ranking of graded units, what a leader reads first: rank, unit, type, grade, composite, its
 * change and the rank change against last year (positive = up), the parts (加权得分, 加分, 扣分),
 * rank in type, the dimension scores, and the veto or note. Sortable, filterable by type and
 * grade, searchable, 50 rows a page (page/data-table.ts).
 */
export function rankingTableHtml(m: ReportModel, link: (id: string) => string): string {
  const { l, data } = m;
  const p = pageLabels(m.lang);
  const byId = new Map(data.totals.map((t) => [t.unit_id, t]));
  const dimScore = new Map(data.dims.map((d) => [`${d.unit_id}\u0000${d.node_id}`, d.score]));
  const before = gradedOf(m, m.previousYear);
  const parts = hasParts(m);
  const graded = m.graded.map((id) => byId.get(id)!);
  const rows = graded.map((t) => {
    const b = before.get(t.unit_id);
    return [points(t.rank, 0), { html: link(t.unit_id) }, l.types[t.unit_type] ?? t.unit_type, gradeCell(m, t), points(t.score, 2),
      signed(b && t.score !== null && b.score !== null ? t.score - b.score : null, 2),
      signed(b && t.rank !== null && b.rank !== null ? b.rank - t.rank : null, 0),
      ...(parts ? partCells(t).map((v) => points(v, 2)) : []), points(t.rank_in_type, 0),
      ...m.dimensions.map((d) => points(dimScore.get(`${t.unit_id}\u0000${d.node_id}`), 1)), vetoReasons(m, t.unit_id).join('；') || null];
  });
  const partHeaders = parts ? [l.weighted, l.bonus, l.deduction] : [];
  const dimHeaders = m.dimensions.map((d) => m.nodeLabel(d.node_id));
  const headers = [l.rank, l.unit, l.type, l.grade, l.composite, p.scoreChange, p.rankChange, ...partHeaders, l.rankInType, ...dimHeaders, p.vetoNote];
  // right-aligned: rank, composite, changes, parts, rank in type, dimension scores
  const numeric = [0, ...headers.map((_, i) => i).filter((i) => i >= 4 && i < headers.length - 1)];
  return gradeStyle(m) + dataTableHtml({
    id: 'ranking-table', headers, rows, numeric, wrap: [headers.length - 1],
    filters: [
      { col: 2, all: p.allTypes, values: graded.map((t) => l.types[t.unit_type] ?? t.unit_type) },
      { col: 3, all: p.allGrades, values: graded.map((t) => gradeLabel(l, t.grade)) },
    ],
  }, p);
}

/** Units that are not ranked: root, vetoed "not graded", unscored — each with its reason. */
export function notRankedHtml(m: ReportModel, link: (id: string) => string): string {
  const { l, data } = m;
  if (!m.ungraded.length) return '';
  const byId = new Map(data.totals.map((t) => [t.unit_id, t]));
  const rows = m.ungraded.map((id) => {
    const t = byId.get(id)!;
    return [{ html: link(id) }, l.types[t.unit_type] ?? t.unit_type, l.statuses[m.status.get(id)!], points(t.score, 2), notRankedReason(m, id)];
  });
  return `<h3>${escapeHtml(l.unitsNotRanked)}</h3>` + dataTableHtml({ id: 'not-ranked-table', headers: [l.unit, l.type, l.status, l.composite, l.reason], rows, numeric: [3], wrap: [4] }, pageLabels(m.lang));
}

/** The bonus, deduction and veto items of the year (or of one unit), in the order the composite is built. */
export function adjustmentsHtml(m: ReportModel, rows: AdjustmentRow[], link: ((id: string) => string) | null): string {
  const { l } = m;
  const order = new Map(m.unitOrder.map((id, i) => [id, i]));
  const sorted = [...rows].sort((a, b) => (order.get(a.unit_id) ?? 1e9) - (order.get(b.unit_id) ?? 1e9));
  // a negative bonus entry is named a deduction; values entered and points counted with a proper minus sign
  const body = sorted.map((a) => [
    ...(link ? [{ html: link(a.unit_id) }] : []), adjustmentKind(m, a), adjustmentLabel(m, a),
    a.raw === null ? null : entered(a.raw), signedPoints(a),
    a.effect ? l.effects[a.effect] ?? valueLabel(l, a.effect) : null, adjustmentNote(m, a),
  ]);
  const headers = [...(link ? [l.unit] : []), l.type, l.adjustmentItem, l.adjustmentRaw, l.adjustmentPoints, l.effect, l.reason];
  const off = link ? 1 : 0;
  // the year's list (index.html) can be long: sortable and paged; a unit's own items are a few rows
  if (link) return dataTableHtml({ id: 'adjustments-table', headers, rows: body, numeric: [3 + off, 4 + off], wrap: [6 + off] }, pageLabels(m.lang));
  return htmlTable(headers, body, [3 + off, 4 + off]);
}

/** Every adjustment of the year, or a line saying there were none. */
export function yearAdjustmentsHtml(m: ReportModel, link: (id: string) => string): string {
  const rows = m.data.adjustments ?? [];
  const noVeto = rows.length && !rows.some((a) => a.kind === 'veto') ? `<p class="meta">${escapeHtml(ruleLabels(m.lang).noVeto)}</p>` : '';
  const rule = vetoRuleText(m);
  return (rule ? `<p class="meta">${escapeHtml(rule)}</p>` : '') + (rows.length ? adjustmentsHtml(m, rows, link) : `<p>${escapeHtml(m.l.noData)}</p>`) + noVeto;
}

/** The year's grading rule above the ranking (quota places, floors, ties), or nothing without recorded rules. */
export function gradingRulesHtml(m: ReportModel): string {
  const text = gradingRuleText(m);
  return text ? `<p class="paragraph">${escapeHtml(text)}</p>` : '';
}

/** One unit's composite line and items (unit page; the summary paragraph says why a unit is not graded). */
export function unitAdjustmentsHtml(m: ReportModel, t: TotalRow | undefined): string {
  // the root unit is not evaluated: its composite is no result to add up
  if (!t || m.status.get(t.unit_id) === 'root') return '';
  const line = compositeLine(m, t);
  const items = adjustmentsOf(m, t.unit_id);
  return (line ? `<p class="paragraph">${escapeHtml(line)}</p>` : '') + (items.length ? adjustmentsHtml(m, items, null) : '');
}

/**
 * "数据不足": unscored units with the reason, then the score stage's whole-year coverage rows
 * (which indicators lack data for how many units, present share against min_share, which source
 * would supply it), read generically over the table's columns.
 */
export function insufficientHtml(m: ReportModel, link: (id: string) => string): string {
  const { l, data } = m;
  const unscored = m.ungraded.filter((id) => m.status.get(id) === 'unscored');
  let html = '';
  if (unscored.length) html += htmlTable([l.unit, l.reason], unscored.map((id) => [{ html: link(id) }, notRankedReason(m, id)]));
  const yearRows = data.coverage?.rows.filter((r) => r.unit_id === null || r.unit_id === undefined) ?? [];
  if (data.coverage && yearRows.length) html += coverageTableHtml(m, { columns: data.coverage.columns, rows: yearRows });
  return html ? `<p class="meta">${escapeHtml(l.insufficientNote)}</p>${html}` : '';
}

/** Shown through other columns (node_id shows the label) or bookkeeping. */
const COVERAGE_HIDDEN = new Set(['year', 'run_id', 'unit_id', 'level', 'label_zh', 'label_en', 'metric_id']);

function coverageTableHtml(m: ReportModel, t: LooseTable): string {
  const cols = oneLanguage(t.columns, m.lang).filter((c) => !COVERAGE_HIDDEN.has(c));
  const body = t.rows.slice(0, 500).map((r) => cols.map((c) => coverageCell(m, c, r)));
  const numeric = cols.map((c, i) => (t.rows.some((r) => typeof r[c] === 'number') ? i : -1)).filter((i) => i >= 0);
  return `<h3>${escapeHtml(m.l.coverage)}</h3>` + htmlTable(cols.map((c) => coverageHeader(m.lang, c)), body, numeric);
}

/** A coverage cell in the report's language: node labels, shares as percentages, source kinds in words. */
export function coverageCell(m: ReportModel, column: string, r: Record<string, unknown>): string | number | null {
  const v = r[column];
  if (v === null || v === undefined) return null;
  if (column === 'unit_id') return unitName(m, String(v));
  if (column === 'node_id') return String((m.lang === 'en' ? r.label_en ?? r.label_zh : r.label_zh ?? r.label_en) ?? m.nodeLabel(String(v)));
  if (column === 'metric_id' || column === 'indicator_id') return m.nodeLabel(String(v));
  if (column.startsWith('source_kind')) return sourceKindsText(m.lang, String(v));
  if (typeof v === 'number') return /share|pct|ratio/.test(column) ? `${(v * 100).toFixed(0)}%` : Number.isInteger(v) ? v : Number(v.toFixed(2));
  if (typeof v === 'boolean') return v ? m.l.yes : m.l.no;
  return valueLabel(m.l, String(v));
}

/**
 * An analysis table of units (the follow-up list) with the composite's parts beside its `score`:
 * 加权得分, 加分, 扣分 and the veto reason, taken from this year's scores, so a listed unit's
 * composite adds up where it is shown. Tables that already carry the parts, or have no unit and
 * score columns, are returned as they are.
 */
export function withResultParts(m: ReportModel, t: LooseTable): LooseTable {
  const added = ['weighted', 'bonus', 'deduction', 'veto'];
  if (!hasParts(m) || !t.columns.includes('unit_id') || !t.columns.includes('score') || added.some((c) => t.columns.includes(c))) return t;
  const byId = new Map(m.data.totals.map((x) => [x.unit_id, x]));
  const at = t.columns.indexOf('score');
  const columns = [...t.columns.slice(0, at), ...added.slice(0, 3), 'score', 'veto', ...t.columns.slice(at + 1)];
  const rows = t.rows.map((r) => {
    const total = byId.get(String(r.unit_id));
    const [weighted, bonus, deduction] = total ? partCells(total) : [null, null, null];
    const veto = total ? vetoReasons(m, total.unit_id).join(m.lang === 'en' ? '; ' : '；') || null : null;
    return { ...r, weighted, bonus, deduction, veto };
  });
  return { columns, rows };
}
