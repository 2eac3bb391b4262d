/**
 * The what-if computation of index.html: every unit's composite, status, rank and grade under
 * other dimension weights, by the scoring engine's rules. It runs in the browser (bundled into
 * the page by bundle.ts together with the engine's own `assignGrades`) and in Node (tests).
 *
 * What it reproduces, from src/score (the sliders change the composite's children's weights only,
 * so every dimension score, adjustment item and veto stays as scored):
 * - node_scores_level.sql: the composite is Σ wᵢ·sᵢ / Σ wᵢ over the present dimensions
 *   (geometric: exp(Σ wᵢ·ln max(sᵢ, floor) / Σ wᵢ)); missing when the present dimensions carry
 *   less than `minShare` of the weight (compared with a 1e-9 margin), or no weight at all;
 * - score_adjustments.sql / scores.sql: composite = weighted + bonus − deduction, points only for a
 *   unit with a weighted composite; status not_graded (veto effect not_graded) / unscored / graded;
 *   ranks among graded units on the score rounded to 9 decimals, ties take the lowest rank;
 *   rank in type likewise within the unit type;
 * - assign-grades.ts: grades by bands or quota after the veto effects, ties by the rule of the file
 *   (the function itself, not a copy).
 * The root unit is never passed in. A TOPSIS composite cannot be recomputed from dimension scores:
 * the report leaves the what-if out for it (what-if-data.ts).
 */
import { assignGrades, type GradeRules, type GradeUnit } from '../../score/assign-grades.js';

export interface WhatIfUnit {
  id: string;
  /** Unit type (rank in type); null when the registry has none. */
  type: string | null;
  /** Dimension scores, in the order of `WhatIfInput.dimensions` (null = missing). */
  dims: (number | null)[];
  /** Bonus and deduction points (capped), added when the unit has a weighted composite. */
  bonus: number;
  deduction: number;
  /** A veto with effect not_graded applied: never graded, whatever the weights. */
  notGraded: boolean;
  /** The other veto effects, as assignGrades takes them. */
  vetoes: GradeUnit['vetoes'];
  /** Scores of the grading's tie-break nodes (they do not depend on the dimension weights). */
  tieScores: (number | null)[];
}

export interface WhatIfInput {
  aggregate: 'arithmetic' | 'geometric';
  minShare: number;
  geometricFloor: number;
  rules: GradeRules;
  /** Dimension ids, in tree order. */
  dimensions: string[];
  units: WhatIfUnit[];
}

export interface WhatIfResult {
  id: string;
  weighted: number | null;
  score: number | null;
  status: 'graded' | 'not_graded' | 'unscored';
  rank: number | null;
  rankInType: number | null;
  grade: string | null;
}

const round9 = (x: number): number => Math.round(x * 1e9) / 1e9;

/** The weighted composite of one unit under `weights` (any scale: only their ratios count). */
export function weightedComposite(input: WhatIfInput, dims: (number | null)[], weights: number[]): number | null {
  const total = weights.reduce((s, w) => s + w, 0);
  if (!(total > 0)) return null;
  const w = weights.map((x) => x / total); // tree_nodes stores the weights as fractions of the group
  let present = 0;
  let sum = 0;
  for (let i = 0; i < w.length; i++) {
    const s = dims[i];
    if (s === null || s === undefined) continue;
    present += w[i];
    sum += input.aggregate === 'geometric' ? w[i] * Math.log(Math.max(s, input.geometricFloor)) : w[i] * s;
  }
  if (present <= 0 || present < input.minShare - 1e-9) return null;
  return input.aggregate === 'geometric' ? Math.exp(sum / present) : sum / present;
}

/** Every unit's result under `weights`, in the order of `input.units`. */
export function computeWhatIf(input: WhatIfInput, weights: number[]): WhatIfResult[] {
  const rows: WhatIfResult[] = input.units.map((u) => {
    const weighted = weightedComposite(input, u.dims, weights);
    const score = weighted === null ? null : weighted + u.bonus - u.deduction;
    const status = u.notGraded ? 'not_graded' : weighted === null ? 'unscored' : 'graded';
    return { id: u.id, weighted, score, status, rank: null, rankInType: null, grade: null };
  });
  const graded = rows.map((r, i) => ({ r, u: input.units[i] })).filter(({ r }) => r.status === 'graded' && r.score !== null);
  rankWithTies(graded.map(({ r }) => r), (r, rank) => (r.rank = rank));
  const types = new Map<string, WhatIfResult[]>();
  for (const { r, u } of graded) if (u.type !== null) types.set(u.type, [...(types.get(u.type) ?? []), r]);
  for (const list of types.values()) rankWithTies(list, (r, rank) => (r.rankInType = rank));
  const grades = assignGrades(graded.map(({ r, u }) => ({ unitId: u.id, score: r.score!, tieScores: u.tieScores, vetoes: u.vetoes })), input.rules);
  for (const { r } of graded) r.grade = grades.grades.get(r.id) ?? null;
  return rows;
}

/** SQL's rank() over round(score, 9) desc: 1 = highest, tied units share the lowest rank. */
function rankWithTies(rows: WhatIfResult[], set: (r: WhatIfResult, rank: number) => void): void {
  const sorted = [...rows].sort((a, b) => round9(b.score!) - round9(a.score!));
  let rank = 0;
  sorted.forEach((r, i) => {
    if (i === 0 || round9(sorted[i - 1].score!) !== round9(r.score!)) rank = i + 1;
    set(r, rank);
  });
}
