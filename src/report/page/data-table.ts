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
  /** The column filtered: a row passes when that cell's text starts with the chosen value. */
  col: number;
  /** The "all" option's text. */
  all: string;
  /** Each row's value for this filter, in row order (the options, in first-seen order). */
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
  /** The table's id (needed for the column styles); default a number in page order. */
  id?: string;
}

let tables = 0;

const cellHtml = (c: Cell) => (c !== null && typeof c === 'object' ? c.html : escapeHtml(c ?? '—'));

export function dataTableHtml(t: DataTable, p: PageLabels): string {
  const pageSize = t.pageSize ?? 50;
  const id = t.id ?? `table-${++tables}`;
  const th = t.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = t.rows.map((r, ri) => `<tr${ri >= pageSize ? ' hidden' : ''}>${r.map((c) => `<td>${cellHtml(c)}</td>`).join('')}</tr>`).join('\n');
  const tools = toolsHtml(t, p);
  const n = t.rows.length;
  // with one page the count is enough; the buttons appear only when there is more than a page
  const buttons = n > pageSize;
  const pager = `<div class="dt-pager no-print" data-shown="${escapeHtml(p.rowsShown)}" data-none="${escapeHtml(p.rowsNone)}">`
    + (buttons ? `<button type="button" data-dt="prev" disabled>${escapeHtml(p.prev)}</button> ` : '')
    + `<span data-dt="count">${escapeHtml(shownText(p, n, pageSize))}</span>`
    + (buttons ? ` <button type="button" data-dt="next">${escapeHtml(p.next)}</button> <button type="button" data-dt="all">${escapeHtml(p.showAll)}</button>` : '')
    + '</div>';
  return `<div class="dt" id="${escapeHtml(id)}" data-page-size="${pageSize}">${columnStyle(id, t)}${tools}<div class="dt-scroll"><table class="data"><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table></div>${pager}</div>`;
}

/** Right-aligned numbers and wide free-text columns, by position. */
function columnStyle(id: string, t: DataTable): string {
  const sel = (cols: number[]) => cols.map((i) => `#${id} td:nth-child(${i + 1}),#${id} th:nth-child(${i + 1})`).join(',');
  const rules = [
    ...(t.numeric?.length ? [`${sel(t.numeric)}{text-align:right;font-variant-numeric:tabular-nums}`] : []),
    ...(t.wrap?.length ? [`${sel(t.wrap)}{white-space:normal;min-width:26em;max-width:44em}`] : []),
  ];
  return rules.length ? `<style>${rules.join('')}</style>` : '';
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
    parts.push(`<select data-dt="filter" data-col="${f.col}" aria-label="${escapeHtml(f.all)}"><option value="">${escapeHtml(f.all)}</option>${values.map((v) => `<option>${escapeHtml(v)}</option>`).join('')}</select>`);
  }
  return parts.length ? `<div class="dt-tools no-print">${parts.join(' ')} <span class="meta">${escapeHtml(p.sortHint)}</span></div>` : '';
}
