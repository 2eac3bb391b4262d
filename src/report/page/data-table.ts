/**
 * The markup of a sortable, filterable, searchable, paged table (the browser side is tables.js).
 * Rows past the first page are written `hidden` so a 2,000-row table paints as one page; the
 * count under the table says how many rows there are, and "show all" shows them. Without
 * scripts the first page and the count still show.
 */
import { escapeHtml } from '../escape.js';
import type { PageLabels } from './page-labels.js';

export type Cell = string | number | null | { html: string };

export interface TableFilter {
  /** Attribute name on each row (data-f-<col>). */
  col: string;
  /** The "all" option's text. */
  all: string;
  /** Each row's value for this filter, in row order. */
  values: (string | null)[];
}

export interface DataTable {
  headers: string[];
  rows: Cell[][];
  /** Right-aligned columns. */
  numeric?: number[];
  /** Free-text columns that wrap in a wide cell (reasons); the others do not wrap. */
  wrap?: number[];
  filters?: TableFilter[];
  search?: boolean;
  /** Rows per page; default 50. */
  pageSize?: number;
  id?: string;
}

const cellHtml = (c: Cell) => (c !== null && typeof c === 'object' ? c.html : escapeHtml(c ?? '—'));

export function dataTableHtml(t: DataTable, p: PageLabels): string {
  const pageSize = t.pageSize ?? 50;
  const numeric = new Set(t.numeric ?? []);
  const wrap = new Set(t.wrap ?? []);
  const cls = (i: number) => (numeric.has(i) ? ' class="n"' : wrap.has(i) ? ' class="wrap"' : '');
  const th = t.headers.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('');
  const body = t.rows.map((r, ri) => {
    const attrs = (t.filters ?? []).map((f) => (f.values[ri] === null ? '' : ` data-f-${f.col}="${escapeHtml(f.values[ri]!)}"`)).join('');
    return `<tr${attrs}${ri >= pageSize ? ' hidden' : ''}>${r.map((c, i) => `<td${cls(i)}>${cellHtml(c)}</td>`).join('')}</tr>`;
  }).join('\n');
  const tools = toolsHtml(t, p);
  const n = t.rows.length;
  // with one page the count is enough; the buttons appear only when there is more than a page
  const buttons = n > pageSize;
  const pager = `<div class="dt-pager no-print" data-shown="${escapeHtml(p.rowsShown)}" data-none="${escapeHtml(p.rowsNone)}">`
    + (buttons ? `<button type="button" data-dt="prev" disabled>${escapeHtml(p.prev)}</button> ` : '')
    + `<span data-dt="count">${escapeHtml(shownText(p, n, pageSize))}</span>`
    + (buttons ? ` <button type="button" data-dt="next">${escapeHtml(p.next)}</button> <button type="button" data-dt="all">${escapeHtml(p.showAll)}</button>` : '')
    + '</div>';
  const id = t.id ? ` id="${escapeHtml(t.id)}"` : '';
  return `<div class="dt"${id} data-page-size="${pageSize}">${tools}<div class="dt-scroll"><table class="data"><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table></div>${pager}</div>`;
}

function shownText(p: PageLabels, n: number, pageSize: number): string {
  if (!n) return p.rowsNone.replace('{n}', '0');
  return p.rowsShown.replace('{from}', '1').replace('{to}', String(Math.min(n, pageSize))).replace('{n}', String(n));
}

function toolsHtml(t: DataTable, p: PageLabels): string {
  const parts: string[] = [];
  if (t.search !== false) parts.push(`<input type="search" data-dt="search" placeholder="${escapeHtml(p.search)}" aria-label="${escapeHtml(p.search)}">`);
  for (const f of t.filters ?? []) {
    const values = [...new Set(f.values.filter((v): v is string => v !== null))];
    if (values.length < 2) continue;
    parts.push(`<select data-dt="filter" data-col="${escapeHtml(f.col)}" aria-label="${escapeHtml(f.all)}"><option value="">${escapeHtml(f.all)}</option>${values.map((v) => `<option>${escapeHtml(v)}</option>`).join('')}</select>`);
  }
  return parts.length ? `<div class="dt-tools no-print">${parts.join(' ')} <span class="meta">${escapeHtml(p.sortHint)}</span></div>` : '';
}
