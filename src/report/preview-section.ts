/**
 * The draft-tree preview in index.html and results.xlsx (draft-preview.ts): for the graded units,
 * official and draft composite, rank and grade, the change, and the dimension that moved each
 * unit; the counts "名次变化 N 个单位、等级变化 M 个"; the dimension weights of both trees. And the
 * unit changes of the year (并入 / 撤销 / 新设) under the comparison with the previous year.
 */
import { escapeHtml } from './escape.js';
import { fmt, htmlTable, pct } from './html-page.js';
import { gradeLabel } from './labels.js';
import { unitName, type ReportModel } from './model.js';
import type { PreviewUnit } from '../analyse/preview.js';
import type { DraftPreview } from './draft-preview.js';

/** Units graded under the official tree or the draft, in the draft's rank order (as previewTree sorts them). */
export function previewUnits(p: DraftPreview): PreviewUnit[] {
  return p.result.units.filter((u) => u.official.grade_status === 'graded' || u.draft.grade_status === 'graded');
}

/** "+1.5" / "−2.0" / "0.0"; null as —. */
export function signed(v: number | null, digits = 1): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const r = Number(v.toFixed(digits));
  return r > 0 ? `+${r.toFixed(digits)}` : r < 0 ? `−${Math.abs(r).toFixed(digits)}` : (0).toFixed(digits);
}

/** The driver dimension of a unit in the report's language, with its contribution change and that change against the average: "学习条件 −4.5（较平均 −1.2）". */
export function driverText(m: ReportModel, u: PreviewUnit): string | null {
  const d = u.dimensions.find((x) => x.node_id === u.driver);
  if (!d) return null;
  const label = m.lang === 'en' ? d.label_en || d.label_zh : d.label_zh || d.label_en;
  return m.lang === 'en' ? `${label} ${signed(d.change)} (${signed(d.relative)} against the average)` : `${label} ${signed(d.change)}（较平均 ${signed(d.relative)}）`;
}

const grade = (m: ReportModel, g: string | null) => (g === null ? m.l.notGraded : gradeLabel(m.l, g));

export function previewHtml(m: ReportModel, p: DraftPreview, chart: string, link: (id: string) => string): string {
  const { l } = m;
  const units = previewUnits(p);
  const rows = units.map((u) => [
    { html: link(u.unit_id) },
    fmt(u.official.score, 2), u.official.rank, grade(m, u.official.grade),
    fmt(u.draft.score, 2), u.draft.rank, grade(m, u.draft.grade),
    signed(u.score_change, 2), u.rank_change === null ? null : signed(u.rank_change, 0),
    u.grade_changed ? { html: `<strong>${escapeHtml(grade(m, u.official.grade))} → ${escapeHtml(grade(m, u.draft.grade))}</strong>` } : null,
    driverText(m, u),
  ]);
  const table = htmlTable([l.unit, l.officialComposite, l.officialRank, l.officialGrade, l.draftComposite, l.draftRank, l.draftGrade,
    l.scoreChange, l.rankChange, l.gradeChange, l.driver], rows, [1, 2, 4, 5, 7, 8]);
  const weights = htmlTable([l.dimension, l.officialWeight, l.draftWeight, l.weightChange], p.weights.map((w) => [
    m.lang === 'en' ? w.label_en || w.label_zh : w.label_zh || w.label_en, pct(w.official, 1), pct(w.draft, 1),
    w.official !== null && w.draft !== null ? signed((w.draft - w.official) * 100, 1) : null,
  ]), [1, 2, 3]);
  return `<p>${escapeHtml(l.previewNote(p.draftYear, p.result.year))}</p>
<p class="paragraph"><strong>${escapeHtml(l.previewCounts(p.result.moved, p.result.gradeChanged))}</strong></p>
<p class="meta">${escapeHtml(l.previewFile)}${m.lang === 'en' ? ': ' : '：'}${escapeHtml(p.file)}</p>
<h3>${escapeHtml(l.previewWeights)}</h3>${weights}${chart}${table}
<p class="meta">${escapeHtml(l.driverNote)}</p>`;
}

/** Rows of the results.xlsx preview sheet: the same columns as the HTML table, unit id first. */
export function previewSheet(m: ReportModel, p: DraftPreview): { headers: string[]; rows: (string | number | null)[][] } {
  const { l } = m;
  return {
    headers: [l.unitId, l.unit, l.officialComposite, l.officialRank, l.officialGrade, l.draftComposite, l.draftRank, l.draftGrade, l.scoreChange, l.rankChange, l.driver],
    rows: previewUnits(p).map((u) => [u.unit_id, unitName(m, u.unit_id), u.official.score, u.official.rank, grade(m, u.official.grade),
      u.draft.score, u.draft.rank, grade(m, u.draft.grade), u.score_change, u.rank_change, driverText(m, u)]),
  };
}

/** The unit changes of the year (合并 / 撤销 / 拆分 / 新设), one line each with the unit's name; '' without any. */
export function unitEventsHtml(m: ReportModel): string {
  const events = m.data.unitEvents ?? [];
  if (!events.length) return '';
  const sorted = [...events].sort((a, b) => a.year - b.year || unitName(m, a.unit_id).localeCompare(unitName(m, b.unit_id), 'zh-CN'));
  const items = sorted.map((e) => `<li>${escapeHtml(unitName(m, e.unit_id))}${m.lang === 'en' ? ': ' : '：'}${escapeHtml(m.lang === 'en' ? e.text.en : e.text.zh)}</li>`);
  return `<h3>${escapeHtml(m.l.unitEvents)}</h3><ul class="unit-events">${items.join('')}</ul>`;
}
