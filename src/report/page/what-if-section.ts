/**
 * The what-if section of index.html: a note, the container what-if-ui.js fills (sliders, the
 * weights as entered and normalised with their total, the recomputed results with grades), and
 * its data as JSON — the engine's input (what-if-data.ts) plus names, page links, the official
 * results and the words the script shows, all in the report's language.
 */
import { escapeHtml, jsonForScript } from '../escape.js';
import { gradeLabel } from '../labels.js';
import { unitName, type ReportModel } from '../model.js';
import { pageLabels } from './page-labels.js';
import type { NoWhatIf, WhatIfData } from './what-if-data.js';

/** Units shown before "show all". */
const PAGE_SIZE = 20;

export function whatIfSectionHtml(m: ReportModel, w: WhatIfData | NoWhatIf | null | undefined): string {
  const p = pageLabels(m.lang);
  if (!w) return '';
  if ('unavailable' in w) return `<p class="meta">${escapeHtml(w.unavailable === 'topsis' ? p.whatIfUnavailable : p.whatIfNoRun)}</p>`;
  const percent = w.weights.map((x) => x * 100);
  const whole = percent.every((x) => Math.abs(x - Math.round(x)) < 1e-9);
  const totals = new Map(m.data.totals.map((t) => [t.unit_id, t]));
  const order = new Map(m.unitOrder.map((id, i) => [id, i]));
  // in the report's unit order, as arrays (2,000 units: keys repeated per unit would double the size)
  const units = [...w.units].sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9));
  const sameAsDims = (u: (typeof units)[number]) => u.tieScores.length === u.dims.length && u.tieScores.every((x, i) => x === u.dims[i]);
  const json = {
    aggregate: w.aggregate, minShare: w.minShare, geometricFloor: w.geometricFloor, rules: w.rules,
    weights: whole ? percent.map((x) => Math.round(x)) : percent,
    step: whole ? '1' : 'any',
    digits: whole ? 0 : 1,
    pageSize: PAGE_SIZE,
    dimensions: w.dimensions.map((id) => m.nodeLabel(id)),
    // [id, name, type, dimension scores, bonus, deduction, not graded (1/0), veto effects, tie-break scores (1: the dimension scores)]
    units: units.map((u) => [u.id, unitName(m, u.id), u.type, u.dims, u.bonus, u.deduction, u.notGraded ? 1 : 0, u.vetoes,
      sameAsDims(u) ? 1 : u.tieScores]),
    // the official result of each unit, same order: [composite, rank, grade or status]
    official: units.map((u) => {
      const t = totals.get(u.id);
      const status = m.status.get(u.id) ?? 'unscored';
      return [t?.score ?? null, t?.rank ?? null, status === 'graded' ? t?.grade ?? null : status];
    }),
    grades: Object.fromEntries(w.rules.grades.map((g) => [g.grade, gradeLabel(m.l, g.grade)])),
    words: {
      dimension: p.dimension, weightEntered: p.weightEntered, weightNormalised: p.weightNormalised, total: p.total,
      allZero: p.allZero, whatIfChanges: p.whatIfChanges, whatIfRank: p.whatIfRank, unit: m.l.unit, whatIfScore: p.whatIfScore,
      whatIfGrade: p.whatIfGrade, officialScore: p.officialScore, officialRank: p.officialRank, rankChange: p.rankChange,
      officialGrade: p.officialGrade, notGradedNow: p.notGradedNow, unscoredNow: p.unscoredNow, reset: p.reset, showAll: p.showAll,
    },
  };
  return `<p class="meta">${escapeHtml(p.whatIfNote)}</p>
<div id="whatif-app" class="whatif"></div>
<script type="application/json" id="yardstick-whatif">${jsonForScript(json)}</script>`;
}
