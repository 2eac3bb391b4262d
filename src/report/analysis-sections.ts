/**
 * HTML for the analyse stage's tables. Each renders only when its table exists. Columns are read
 * from the table itself: the preferred columns of a view are shown when present, otherwise every
 * column, so a table whose shape changed still shows. Headers come from the analyse contract
 * (zh/en) when it describes the column.
 */
import { ANALYSE_CONTRACT } from '../analyse/contract.js';
import { escapeHtml, safeFileName } from './escape.js';
import { htmlTable, pct } from './html-page.js';
import type { LooseTable } from './read-report-data.js';
import { unitName, type ReportModel } from './model.js';
import { gradeLabel, valueLabel } from './labels.js';
import { shortHeader } from './coverage-columns.js';
import { points } from './format-number.js';
import { dataTableHtml } from './page/data-table.js';
import { pageLabels } from './page/page-labels.js';
import { flagNumber } from './flag-cells.js';
import { COMPARABLE_CELL, COMPARABLE_NOTE } from '../analyse/compare-messages.js';

/** Columns whose text is written by people or by a stage in both languages: shown as is. */
const FREE_TEXT = /(^reason|^reasons|_name$|^name$|^message|^label|^note)/;
const GRADE_COLUMNS = new Set(['grade', 'base_grade', 'nominal_grade']);

/**
 * A cell for display: numbers rounded, booleans as yes/no, grades and stored codes
 * (up/down/same, improved/…, high/…, performance/weights, graded/root/…) in the report's language.
 */
const cell = (v: unknown, m?: ReportModel, column = '') => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return !Number.isFinite(v) ? null : Number.isInteger(v) ? v : Number(v.toFixed(2)); // NaN shows as —
  if (typeof v === 'boolean' && m) return v ? m.l.yes : m.l.no;
  const s = String(v);
  if (!m || FREE_TEXT.test(column)) return s;
  if (GRADE_COLUMNS.has(column)) return gradeLabel(m.l, s);
  return valueLabel(m.l, s);
};

/** Hidden in every analysis table: bookkeeping, and the name (the unit column shows it). */
const HIDDEN = new Set(['run_id', 'year', 'unit_name']);

/** What each analysis table shows: preferred columns (in order) and a row filter. */
const VIEWS: Record<string, { columns: string[]; rows?: (r: Record<string, unknown>) => boolean }> = {
  comparisons: {
    columns: ['unit_id', 'base_year', 'score', 'base_score', 'score_change', 'rank', 'base_rank', 'rank_change', 'grade', 'base_grade', 'grade_change', 'comparable', 'slope', 'declines'],
    // the composite; a unit with no score in either year (the root) has nothing to compare
    rows: (r) => (r.level === undefined || r.level === 0) && (r.score !== null || r.base_score !== null),
  },
  weight_impact: {
    columns: ['unit_id', 'base_year', 'total_change', 'performance_effect', 'weights_effect', 'rank', 'rank_base_tree', 'base_rank', 'attribution'],
    // a unit with no change to split (the root, not scored in one of the years) would be a row of dashes
    rows: (r) => r.total_change !== null,
  },
  sensitivity: {
    columns: ['unit_id', 'score', 'nominal_rank', 'median_rank', 'rank_p05', 'rank_p95', 'mean_abs_shift', 'grade', 'p_grade_change', 'borderline'],
  },
  // every column the analyse stage writes, in its order: its shape may change (one row per unit)
  follow_up: {
    columns: [],
    rows: (r) => r.flagged !== false || r.flagged_last_year === true,
  },
};

/** Headers of columns a contract may not describe (yet): the composite's parts and grading. */
function knownHeader(m: ReportModel, column: string): string | undefined {
  const { l } = m;
  const known: Record<string, string> = {
    unit_id: l.unit, weighted: l.weighted, bonus: l.bonus, deduction: l.deduction, veto: l.veto, grade_status: l.status,
    score: l.score, rank: l.rank, grade: l.grade, severity: l.severity, node_id: l.node, rule_id: l.rule,
  };
  return known[column];
}

/**
 * One language of paired columns: `reason_zh` / `reason_en` keep the report's language; a code
 * column with its words beside it (`status` + `status_zh` / `status_en`) shows the words, and the
 * other language's words of a code (`severity_zh` in the English report) are left out.
 */
export function oneLanguage(cols: string[], lang: 'zh' | 'en'): string[] {
  const own = lang === 'en' ? '_en' : '_zh';
  const other = lang === 'en' ? '_zh' : '_en';
  const otherText = (c: string) => c.endsWith(other) && (cols.includes(c.slice(0, -3) + own) || cols.includes(c.slice(0, -3)));
  return cols.filter((c) => !otherText(c) && !cols.includes(c + own));
}

/** A comma-separated list of rule ids ("lowest_grade,red_line:attendance_rate") in words. */
export function rulesLabel(m: ReportModel, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return String(v).split(',').map((r) => ruleLabel(m, r.trim())).filter(Boolean).join(m.lang === 'en' ? '; ' : '、');
}

/** Short column header in the report's language (the contract's text up to its first bracket). */
export function tableHeader(m: ReportModel, table: string, column: string): string {
  if (column === 'unit_id') return m.l.unit;
  const doc = ANALYSE_CONTRACT.find((t) => t.table === table)?.columns.find((c) => c.name === column);
  if (!doc) return knownHeader(m, column) ?? column;
  return shortHeader(m.lang === 'en' ? doc.en : doc.zh) || column;
}

/** A rule id in the report's language: "red_line:attendance_rate" → "低于红线 · 出勤率"; custom ids as written. */
export function ruleLabel(m: ReportModel, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const [base, ...rest] = String(v).split(':');
  const name = m.l.rules[base];
  if (!name) return String(v);
  return rest.length ? `${name} · ${m.nodeLabel(rest.join(':'))}` : name;
}

/** Columns of free text that wrap in a wide cell; every other column keeps to one line. */
const WRAP = /(^reason|^reasons|^outcome|^event|^note|^message|^drivers)/;

/**
 * An analysis table (`name` is its table name) with unit ids shown as names, in the table's order
 * (the reader sorts follow-up rows worst first) or else in rank order. A sortable, searchable,
 * paged table; at most `max` rows are written into the page, and then the count under it says how
 * many there are and that the workbook has them all (never a silent cut).
 */
export function looseTableHtml(m: ReportModel, name: string, t: LooseTable, max = 500): string {
  const view = VIEWS[name];
  const p = pageLabels(m.lang);
  const preferred = view?.columns.filter((c) => t.columns.includes(c)) ?? [];
  let cols = preferred.length > 1 ? preferred : t.columns.filter((c) => !HIDDEN.has(c));
  cols = oneLanguage(cols, m.lang);
  // the follow-up list reads unit, responsible parent, then why: the reasons before the numbers
  if (name === 'follow_up') cols = [...cols.filter((c) => FOLLOW_UP_FIRST.includes(c)), ...cols.filter((c) => !FOLLOW_UP_FIRST.includes(c))];
  const order = new Map(m.unitOrder.map((id, i) => [id, i]));
  let rows = t.rows.filter((r) => !view?.rows || view.rows(r));
  if (!ORDERED.has(name)) rows = rows.sort((a, b) => (order.get(String(a.unit_id)) ?? 1e9) - (order.get(String(b.unit_id)) ?? 1e9));
  if (!rows.length) return `<p>${escapeHtml(m.l.noData)}</p>`;
  const body = rows.slice(0, max).map((r) => cols.map((c) => (c === 'unit_id' && r[c] !== null && r[c] !== undefined
    ? { html: unitAnchor(m, String(r[c]), 'units/') } : c === 'severity' ? severityLabel(m, r[c])
    : c === 'comparable' && name === 'comparisons' ? comparableCell(m, r)
    : c === 'p_grade_change' ? pct(r[c] as number | null, 0)
    : c === 'rule_id' ? ruleLabel(m, r[c]) : c === 'rules' || c === 'rule_ids' ? rulesLabel(m, r[c]) : c === 'node_id' && r[c] !== null && r[c] !== undefined ? m.nodeLabel(String(r[c])) : cell(r[c], m, c))));
  const numeric = cols.map((c, i) => (rows.some((r) => typeof r[c] === 'number') ? i : -1)).filter((i) => i >= 0);
  const wrap = cols.map((c, i) => (WRAP.test(c) ? i : -1)).filter((i) => i >= 0);
  const more = rows.length > max ? `<p class="meta">${escapeHtml(p.longList(max, rows.length))} <a href="results.xlsx">${escapeHtml(p.results)}</a></p>` : '';
  const notes = name === 'comparisons' ? comparableNotes(m, rows) : '';
  return dataTableHtml({ headers: cols.map((c) => tableHeader(m, name, c)), rows: body, numeric, wrap }, p) + notes + more;
}

const reasonCodes = (r: Record<string, unknown>) => String(r.comparable_reason ?? '').split(',').map((x) => x.trim()).filter(Boolean);

/** Like-for-like in words: a comparable composite whose weights changed is “可比（权重有调整）”, not a plain yes. */
function comparableCell(m: ReportModel, r: Record<string, unknown>): string | null {
  if (typeof r.comparable !== 'boolean') {
    const v = cell(r.comparable, m, 'comparable');
    return v === null ? null : String(v);
  }
  const t = !r.comparable ? COMPARABLE_CELL.no : reasonCodes(r).includes('weights_differ') ? COMPARABLE_CELL.weights : COMPARABLE_CELL.yes;
  return t[m.lang];
}

/**
 * The stage's own explanation of each comparison shown (why not like-for-like, or the weights
 * caution), once under the table: it belongs to the node, not to each unit's row.
 */
function comparableNotes(m: ReportModel, rows: Record<string, unknown>[]): string {
  const texts = [...new Set(rows.map((r) => (m.lang === 'en' ? r.comparable_reason_en ?? r.comparable_reason_zh : r.comparable_reason_zh ?? r.comparable_reason_en))
    .filter((x): x is string => typeof x === 'string' && x.length > 0))];
  const colon = m.lang === 'en' ? ': ' : '：';
  return texts.map((t) => `<p class="meta">${escapeHtml(COMPARABLE_NOTE[m.lang])}${escapeHtml(colon)}${escapeHtml(t)}</p>`).join('');
}

const FOLLOW_UP_FIRST = ['unit_id', 'parent_name', 'status', 'status_zh', 'status_en', 'severity', 'severity_zh', 'reasons', 'reasons_zh', 'reasons_en'];

/** Tables the reader already sorts (worst first): shown in that order. */
const ORDERED = new Set(['follow_up', 'flags']);

function unitAnchor(m: ReportModel, id: string, prefix: string): string {
  return m.unitOrder.includes(id)
    ? `<a href="${prefix}${escapeHtml(safeFileName(id))}.html">${escapeHtml(unitName(m, id))}</a>`
    : escapeHtml(unitName(m, id));
}

/** Flags with their reasons in the report's language, worst units first. */
export function flagsHtml(m: ReportModel, t: LooseTable, linkPrefix = 'units/'): string {
  const { l } = m;
  if (!['unit_id', 'reason_zh'].every((c) => t.columns.includes(c))) return looseTableHtml(m, 'flags', t);
  const order = new Map(m.unitOrder.map((id, i) => [id, i]));
  const rows = [...t.rows].sort((a, b) => (order.get(String(a.unit_id)) ?? 1e9) - (order.get(String(b.unit_id)) ?? 1e9));
  return htmlTable([l.unit, l.node, l.rule, l.severity, l.flagValue, l.reference, l.reason], rows.map((r) => {
    const id = r.unit_id === null || r.unit_id === undefined ? null : String(r.unit_id);
    const reason = m.lang === 'en' ? (r.reason_en ?? r.reason_zh) : (r.reason_zh ?? r.reason_en);
    return [
      id === null ? null : { html: unitAnchor(m, id, linkPrefix) },
      r.node_id === null || r.node_id === undefined ? null : m.nodeLabel(String(r.node_id)),
      ruleLabel(m, r.rule_id), severityLabel(m, r.severity), flagNumber(m.lang, r, 'value'), flagNumber(m.lang, r, 'reference'), cell(reason),
    ];
  }), [4, 5]);
}

/**
 * The warning list of index.html: one row per unit, worst first (the reader's order: highest
 * severity, then from the lowest rank up), with its grade and rank, its highest severity, how many
 * warnings and each warning on its own line. Graded units only (the reader leaves the others out).
 */
export function warningsByUnitHtml(m: ReportModel, t: LooseTable): string {
  const { l } = m;
  const p = pageLabels(m.lang);
  if (!t.columns.includes('unit_id')) return looseTableHtml(m, 'flags', t);
  const units = new Map<string, Record<string, unknown>[]>();
  for (const r of t.rows) {
    const id = String(r.unit_id);
    units.set(id, [...(units.get(id) ?? []), r]);
  }
  const totals = new Map(m.data.totals.map((x) => [x.unit_id, x]));
  const ids = [...units.keys()];
  const rows = ids.map((id) => {
    const fs = units.get(id)!;
    const x = totals.get(id);
    const items = fs.map((r) => {
      const reason = m.lang === 'en' ? (r.reason_en ?? r.reason_zh) : (r.reason_zh ?? r.reason_en);
      return `<li>${escapeHtml(severityLabel(m, r.severity) ?? '')} · ${escapeHtml(ruleLabel(m, r.rule_id) ?? '')}${escapeHtml(p.colon)}${escapeHtml(String(reason ?? ''))}</li>`;
    }).join('');
    return [{ html: unitAnchor(m, id, 'units/') }, x ? l.types[x.unit_type] ?? x.unit_type : null, x ? gradeLabel(l, x.grade) : null,
      points(x?.rank, 0), severityLabel(m, fs[0].severity), fs.length, { html: `<ul class="items">${items}</ul>` }];
  });
  return `<p class="meta">${escapeHtml(p.warningsNote)}</p>` + dataTableHtml({
    id: 'warnings-table', headers: [l.unit, l.type, l.grade, l.rank, p.maxSeverity, p.warningCount, p.warningItems], rows, numeric: [3, 5], wrap: [6],
    filters: [
      { col: 1, all: p.allTypes, values: rows.map((r) => r[1] as string | null) },
      { col: 2, all: p.allGrades, values: rows.map((r) => r[2] as string | null) },
    ],
  }, p);
}

/** A severity in the report's language (the analyse stage writes high / medium / low). */
export function severityLabel(m: ReportModel, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return m.l.severities[String(v)] ?? String(v);
}
