/**
 * The first screen of index.html answers the leaders' three questions before anything else:
 * how did we do (graded units, mean, the grade distribution, each against last year), who needs
 * attention and why (the follow-up list's first units, worst first, one line each with the
 * responsible parent unit), and what changed since last year (the biggest rank rises and falls).
 * Above it, the links: the other years, the other language, the workbook, the follow-up list
 * and the announcement draft. Only graded units are counted, listed or compared.
 */
import { escapeHtml, safeFileName } from '../escape.js';
import { gradeLabel } from '../labels.js';
import { median, unitName, type ReportModel } from '../model.js';
import { points, signed } from '../format-number.js';
import { pageLabels, type PageLabels } from './page-labels.js';
import { announcementFile } from '../announcement/index.js';

/** Units on the attention list: 2–5 on the first screen, the rest in the follow-up section. */
const ATTENTION = 5;
const MOVERS = 3;

export function linksHtml(m: ReportModel): string {
  const p = pageLabels(m.lang);
  const { data } = m;
  const folder = (y: number, lang = m.lang) => (lang === 'zh' ? String(y) : `${y}-${lang}`);
  const years = data.years.map((y) => (y === data.year
    ? `<strong aria-current="page">${y}</strong>`
    : `<a href="../${folder(y)}/index.html">${y}</a>`)).join(' ');
  const other = m.lang === 'zh' ? 'en' : 'zh';
  const files = [
    `<a href="../${folder(data.year, other)}/index.html" hreflang="${other === 'zh' ? 'zh-CN' : 'en'}">${escapeHtml(p.otherLanguage)}</a>`,
    `<a href="results.xlsx">${escapeHtml(p.results)}</a>`,
    // the analyse stage writes the follow-up list into each language's folder
    ...(data.followUp ? [`<a href="follow_up.xlsx">${escapeHtml(p.followUpList)}</a>`] : []),
    `<a href="${escapeHtml(announcementFile(m.lang))}">${escapeHtml(p.announcement)}</a>`,
  ];
  return `<div class="links no-print"><span class="k">${escapeHtml(p.year)}</span> ${years} <span class="sep">|</span> ${files.join(' ')}</div>`;
}

export function firstScreenHtml(m: ReportModel): string {
  const p = pageLabels(m.lang);
  return `<div class="first-screen">
<div class="q"><h3>${escapeHtml(p.howDidWeDo)}</h3>${howHtml(m, p)}</div>
<div class="q"><h3>${escapeHtml(p.needAttention)}</h3>${attentionHtml(m, p)}</div>
<div class="q"><h3>${escapeHtml(p.whatChanged)}</h3>${moversHtml(m, p)}</div>
</div>`;
}

/** Graded composites of a year: unit → score, rank, grade (from the report's history). */
export function gradedOf(m: ReportModel, year: number | null): Map<string, { score: number | null; rank: number | null; grade: string | null }> {
  const out = new Map<string, { score: number | null; rank: number | null; grade: string | null }>();
  if (year === null) return out;
  for (const h of m.data.history) {
    if (h.year === year && h.level === 0 && (h.grade_status ?? (h.rank === null ? 'not_graded' : 'graded')) === 'graded') {
      out.set(h.unit_id, { score: h.score, rank: h.rank, grade: h.grade });
    }
  }
  return out;
}

function howHtml(m: ReportModel, p: PageLabels): string {
  const { l, data } = m;
  const now = gradedOf(m, data.year);
  const before = gradedOf(m, m.previousYear);
  const mean = (g: typeof now) => {
    const v = [...g.values()].map((x) => x.score).filter((x): x is number => x !== null);
    return v.length ? v.reduce((s, x) => s + x, 0) / v.length : null;
  };
  const vs = m.previousYear === null ? '' : ` <span class="change">(${escapeHtml(signed(diff(mean(now), mean(before))))})</span>`;
  const countOf = (g: typeof now, grade: string) => [...g.values()].filter((x) => x.grade === grade).length;
  const grades = m.grades.map((g, i) => {
    const change = m.previousYear === null ? '' : ` <span class="change">(${escapeHtml(signedCount(countOf(now, g) - countOf(before, g)))})</span>`;
    return `<li><span class="grade" style="background:${m.gradeColors[i]}"></span>${escapeHtml(gradeLabel(l, g))} <b>${countOf(now, g)}</b>${change}</li>`;
  }).join('');
  const top = m.graded[0];
  return `<p class="big">${escapeHtml(p.graded(String(now.size), String(data.totals.length)))}</p>
<p>${escapeHtml(l.meanScore)} <b>${escapeHtml(points(mean(now)))}</b>${vs} · ${escapeHtml(l.medianScore)} <b>${escapeHtml(points(median([...now.values()].map((x) => x.score))))}</b></p>
<ul class="grades">${grades}</ul>
<p class="meta">${escapeHtml(m.previousYear === null ? p.noPreviousYear : p.changeNote(m.previousYear))}</p>
${top ? `<p>${escapeHtml(l.topUnit)}${escapeHtml(p.colon)}${unitLink(m, top)} ${escapeHtml(points(now.get(top)?.score))}</p>` : ''}`;
}

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
const signedCount = (d: number) => (d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '±0');

function unitLink(m: ReportModel, id: string): string {
  return `<a href="units/${escapeHtml(safeFileName(id))}.html">${escapeHtml(unitName(m, id))}</a>`;
}

/** One line per unit: the follow-up list's flagged units (graded only), worst first; else the flags. */
function attentionHtml(m: ReportModel, p: PageLabels): string {
  const lines = attentionLines(m);
  if (!lines.length) return `<p>${escapeHtml(p.noAttention)}</p>`;
  const shown = lines.slice(0, ATTENTION);
  const more = lines.length > ATTENTION ? `<p class="meta"><a href="#follow-up">${escapeHtml(p.attentionMore(lines.length - ATTENTION))}</a></p>` : '';
  const graded = m.graded.length;
  const byId = new Map(m.data.totals.map((t) => [t.unit_id, t]));
  return `<ol class="attention">${shown.map((x) => {
    const t = byId.get(x.id);
    const where = t ? ` <span class="meta">${escapeHtml(p.gradeOf(gradeLabel(m.l, t.grade), points(t.score)))} · ${escapeHtml(p.rankOf(t.rank ?? 0, graded))}</span>` : '';
    const parent = x.parent ? ` <span class="meta">${escapeHtml(p.parentUnit(x.parent))}</span>` : '';
    return `<li>${unitLink(m, x.id)}${where}${escapeHtml(p.colon)}${escapeHtml(x.reason)}${parent}</li>`;
  }).join('')}</ol>${more}`;
}

interface Attention { id: string; reason: string; parent: string | null }

export function attentionLines(m: ReportModel): Attention[] {
  const graded = new Set(m.graded);
  const own = m.lang === 'en' ? '_en' : '_zh';
  // the first of the reasons, without its list number (the analyse stage writes ①…；②…)
  const first = (v: unknown) => String(v ?? '').split(m.lang === 'en' ? /;\s*/ : /[；;]/)[0].trim().replace(/^[\u2460-\u2473]\s*|^\(\d+\)\s*/, '');
  const f = m.data.followUp;
  if (f && f.columns.includes('unit_id')) {
    return f.rows.filter((r) => r.flagged === true && graded.has(String(r.unit_id)))
      .map((r) => ({ id: String(r.unit_id), reason: first(r[`reasons${own}`] ?? r.reasons_zh), parent: r.parent_name ? String(r.parent_name) : null }));
  }
  const out: Attention[] = [];
  for (const r of m.data.flags?.rows ?? []) {
    const id = String(r.unit_id);
    if (graded.has(id) && !out.some((x) => x.id === id)) out.push({ id, reason: first(r[`reason${own}`] ?? r.reason_zh), parent: null });
  }
  return out;
}

/** The biggest rank rises and falls among units graded both years (positive = moved up). */
export function movers(m: ReportModel): { id: string; from: number; to: number; change: number }[] {
  const before = gradedOf(m, m.previousYear);
  const now = gradedOf(m, m.data.year);
  const out = [];
  for (const [id, x] of now) {
    const b = before.get(id);
    if (x.rank !== null && b?.rank !== null && b?.rank !== undefined) out.push({ id, from: b.rank, to: x.rank, change: b.rank - x.rank });
  }
  return out;
}

function moversHtml(m: ReportModel, p: PageLabels): string {
  if (m.previousYear === null) return `<p>${escapeHtml(p.noPreviousYear)}</p>`;
  const all = movers(m);
  const up = all.filter((x) => x.change > 0).sort((a, b) => b.change - a.change || a.to - b.to).slice(0, MOVERS);
  const down = all.filter((x) => x.change < 0).sort((a, b) => a.change - b.change || b.to - a.to).slice(0, MOVERS);
  if (!up.length && !down.length) return `<p>${escapeHtml(p.noMovers)}</p>`;
  const list = (title: string, xs: typeof up) => (xs.length
    ? `<p class="k">${escapeHtml(title)}</p><ul class="movers">${xs.map((x) => `<li>${moverLine(m, p, x)}</li>`).join('')}</ul>` : '');
  return `<p class="meta">${escapeHtml(p.vsLastYear(m.previousYear))}</p>${list(p.moversUp, up)}${list(p.moversDown, down)}`;
}

function moverLine(m: ReportModel, p: PageLabels, x: { id: string; from: number; to: number; change: number }): string {
  const change = x.change > 0 ? `↑${x.change}` : `↓${-x.change}`;
  const text = p.mover('\u0000', x.from, x.to, change);
  const [before, after] = text.split('\u0000');
  return `${escapeHtml(before)}${unitLink(m, x.id)}${escapeHtml(after)}`;
}
