/**
 * Weight sensitivity: a seeded Monte Carlo over the weights of one year's tree.
 *
 *   indicator_values.normalised ─▶ leaf matrix (Float64Array, leaves × units, NaN = missing)   once
 *   runs.tree_json              ─▶ node arrays (parent, weight, aggregate), post-order         once
 *   for each run: every weight × U(1 − band, 1 + band), renormalised among siblings,
 *                 groups rolled up in typed arrays (present-weight renormalisation and
 *                 missing.min_share exactly as the scorer), composite + offset, ranked (ties min),
 *                 graded by the scorer's own `assignGrades` (bands or quota, veto effects)
 *   per unit: nominal rank, median, 5–95 % interval, mean |shift|, P(grade), borderline
 *
 * Approximations: TOPSIS groups are rolled up as weighted arithmetic means (recorded in
 * `notes`); geometric groups are exact (children floored at the run's geometric floor). The
 * composite's `offset` (official − recomputed nominal score) carries the bonus and deduction, so
 * the nominal scores and ranks are the official ones.
 *
 * Units: only the graded ones (scores.grade_status = 'graded'); the root unit, units a veto leaves
 * not graded and unscored units are left out, as the scorer leaves them out of ranks and quotas.
 * Grades: every run calls `assignGrades` (src/score) with the run's scores, the units' veto
 * effects (bar_excellent / cap / force, from score_adjustments) and the tie-break node scores of
 * that run, so a quota is applied to the run's order (a unit that missed a quota place in the
 * official result can win it in a run, and the quota is never exceeded except by ties) and a veto
 * keeps its effect. A unit whose composite is missing in a run (present weight share below
 * min_share under that run's weights) is not graded in that run. Same seed → identical output;
 * band 0 → every run is the nominal one. Cost: assignGrades sorts the graded units once per run
 * (bench/sensitivity.ts measures it).
 */
import type { Db } from '../store/db.js';
import { Rng } from '../generate/random.js';
import type { IndicatorTree } from '../indicators/indicator-schema.js';
import { assignGrades, type GradeUnit } from '../score/assign-grades.js';
import { analyseContractOf } from './contract.js';
import { writeTempRows } from './rows.js';
import { yearRun } from './trees.js';

export interface SensitivityOptions {
  runs?: number;
  band?: number;
  seed?: number;
}

export interface SensitivityInput {
  units: string[];
  tree: IndicatorTree;
  /** Leaf-major: values[leafIndex × units + unitIndex]; NaN = missing. Leaf order = `leafIds`. */
  leafIds: string[];
  values: Float64Array;
  minShare: number;
  geometricFloor: number;
  /** Added to the recomputed composite (bonus − deduction); default 0. */
  offset?: Float64Array;
  /** Veto effects of each unit (by unit index; bar_excellent / cap / force), as assignGrades takes them. */
  vetoes?: GradeUnit['vetoes'][];
}

export interface UnitSensitivity {
  unit_id: string;
  score: number | null;
  nominal_rank: number | null;
  median_rank: number | null;
  rank_p05: number | null;
  rank_p95: number | null;
  mean_abs_shift: number | null;
  grade: string | null;
  grade_probs: Record<string, number>;
  p_grade_change: number;
  borderline: boolean;
}

export interface SensitivityResult {
  runs: number;
  band: number;
  seed: number;
  /** Mean over units of the mean absolute rank shift: the headline figure. */
  meanAbsShift: number;
  borderline: number;
  units: UnitSensitivity[];
  notes: string[];
}

interface Compiled {
  n: number;
  parent: Int32Array;
  baseWeight: Float64Array;
  geometric: Uint8Array;
  leafOf: Int32Array; // node → leaf column, −1 for groups
  children: Int32Array[];
  postOrder: Int32Array; // groups only, deepest first
}

function compile(input: SensitivityInput, notes: string[]): Compiled {
  const nodes = input.tree.nodes;
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const leafCol = new Map(input.leafIds.map((id, i) => [id, i]));
  const n = nodes.length;
  const parent = new Int32Array(n).fill(-1);
  const baseWeight = new Float64Array(n);
  const geometric = new Uint8Array(n);
  const leafOf = new Int32Array(n).fill(-1);
  const kids: number[][] = nodes.map(() => []);
  nodes.forEach((node, i) => {
    baseWeight[i] = node.weight;
    if (node.parentId !== null) {
      parent[i] = index.get(node.parentId)!;
      kids[parent[i]].push(i);
    }
    if (node.metric !== null) leafOf[i] = leafCol.get(node.id) ?? -2; // −2: leaf without values
    if (node.aggregate === 'geometric') geometric[i] = 1;
    if (node.aggregate === 'topsis') notes.push(`${node.id}: TOPSIS 按加权算术平均近似 / TOPSIS approximated by a weighted arithmetic mean`);
  });
  // Pre-order list → reversed groups = children before parents.
  const groups = nodes.map((_, i) => i).filter((i) => nodes[i].metric === null).reverse();
  return { n, parent, baseWeight, geometric, leafOf, children: kids.map((k) => Int32Array.from(k)), postOrder: Int32Array.from(groups) };
}

/** Composite of every unit for one set of weights (sibling fractions); column-wise loops over units. */
function composite(c: Compiled, input: SensitivityInput, w: Float64Array, scratch: Float64Array[], out: Float64Array, num: Float64Array, den: Float64Array): void {
  const U = input.units.length;
  const NaNcol = scratch[c.n];
  for (let i = 0; i < c.n; i++) {
    const l = c.leafOf[i];
    if (l >= 0) scratch[i] = input.values.subarray(l * U, (l + 1) * U);
    else if (l === -2) scratch[i] = NaNcol;
  }
  const floor = input.geometricFloor;
  const minShare = input.minShare - 1e-9;
  for (let g = 0; g < c.postOrder.length; g++) {
    const i = c.postOrder[g];
    const kids = c.children[i];
    const geo = c.geometric[i] === 1;
    let total = 0;
    num.fill(0);
    den.fill(0);
    for (let k = 0; k < kids.length; k++) {
      const wk = w[kids[k]];
      total += wk;
      const col = scratch[kids[k]];
      if (geo) {
        for (let u = 0; u < U; u++) {
          const s = col[u];
          if (s === s) {
            num[u] += wk * Math.log(s > floor ? s : floor);
            den[u] += wk;
          }
        }
      } else {
        for (let u = 0; u < U; u++) {
          const s = col[u];
          if (s === s) {
            num[u] += wk * s;
            den[u] += wk;
          }
        }
      }
    }
    const dst = scratch[i];
    for (let u = 0; u < U; u++) {
      const d = den[u];
      dst[u] = d <= 0 || d / total < minShare ? NaN : geo ? Math.exp(num[u] / d) : num[u] / d;
    }
  }
  out.set(scratch[0]);
}

/**
 * Ranks (1 = best, ties take the minimum rank), 0 for NaN scores. rank = 1 + #units scoring
 * strictly more: negated scores sorted natively, then a lower-bound search per unit.
 */
function rankInto(scores: Float64Array, neg: Float64Array, out: Int32Array): void {
  let m = 0;
  for (let u = 0; u < scores.length; u++) if (scores[u] === scores[u]) neg[m++] = -scores[u];
  const sorted = neg.subarray(0, m).sort();
  for (let u = 0; u < scores.length; u++) {
    const x = -scores[u];
    if (x !== x) {
      out[u] = 0;
      continue;
    }
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    out[u] = lo + 1;
  }
}

/**
 * Grades of one run by the scorer's rules: the units with a composite in this run, their veto
 * effects and tie-break node scores → assignGrades → a grade index per unit (`none` = no grade).
 */
function gradeRun(
  input: SensitivityInput,
  score: Float64Array,
  scratch: Float64Array[],
  tieNodes: number[],
  gradeIndex: Map<string, number>,
  out: Int32Array,
): void {
  const none = input.tree.grades.length;
  const units: GradeUnit[] = [];
  for (let u = 0; u < score.length; u++) {
    if (score[u] !== score[u]) continue;
    const tieScores = tieNodes.map((i) => {
      const s = i < 0 ? NaN : scratch[i][u];
      return s === s ? s : null;
    });
    units.push({ unitId: input.units[u], score: score[u], tieScores, vetoes: input.vetoes?.[u] ?? [] });
  }
  const { grades } = assignGrades(units, { grades: input.tree.grades, grading: input.tree.grading });
  for (let u = 0; u < score.length; u++) {
    const g = grades.get(input.units[u]);
    out[u] = g === undefined ? none : (gradeIndex.get(g) ?? none);
  }
}

/** The Monte Carlo itself: pure, no database. */
export function simulateWeights(input: SensitivityInput, opts: SensitivityOptions = {}): SensitivityResult {
  const runs = opts.runs ?? 1000;
  const band = opts.band ?? 0.2;
  const seed = opts.seed ?? 1;
  const notes: string[] = [];
  const c = compile(input, notes);
  const U = input.units.length;
  const scratch: Float64Array[] = [];
  for (let i = 0; i <= c.n; i++) scratch.push(new Float64Array(U).fill(NaN));
  const offset = input.offset ?? new Float64Array(U);
  const score = new Float64Array(U);
  const order = new Float64Array(U);
  const num = new Float64Array(U);
  const den = new Float64Array(U);

  // nominal
  composite(c, input, c.baseWeight, scratch, score, num, den);
  for (let u = 0; u < U; u++) score[u] += offset[u];
  const nominal = new Float64Array(score);
  const nominalRank = new Int32Array(U);
  rankInto(nominal, order, nominalRank);
  const gradeNames = input.tree.grades.map((g) => g.grade);
  const gradeIndex = new Map(gradeNames.map((g, i) => [g, i]));
  const nodeIndex = new Map(input.tree.nodes.map((n, i) => [n.id, i]));
  const grading = input.tree.grading;
  const tieNodes = grading.ties.rule === 'all_in' ? [] : grading.ties.nodes.map((id) => nodeIndex.get(id) ?? -1);
  const gradeOfRun = new Int32Array(U);
  gradeRun(input, nominal, scratch, tieNodes, gradeIndex, gradeOfRun);
  const nominalGrade = Array.from(gradeOfRun, (g) => gradeNames[g] ?? null);

  const ranks = new Int32Array(runs * U);
  const G1 = gradeNames.length + 1;
  const gradeCounts = new Int32Array(U * G1);
  const w = new Float64Array(c.n);
  const rng = new Rng(seed);
  const rank = new Int32Array(U);
  for (let r = 0; r < runs; r++) {
    for (let i = 1; i < c.n; i++) w[i] = c.baseWeight[i] * (1 + band * (2 * rng.next() - 1));
    w[0] = 1;
    // renormalise among siblings
    for (let i = 0; i < c.n; i++) {
      const kids = c.children[i];
      if (!kids.length) continue;
      let s = 0;
      for (let k = 0; k < kids.length; k++) s += w[kids[k]];
      if (s > 0) for (let k = 0; k < kids.length; k++) w[kids[k]] /= s;
    }
    composite(c, input, w, scratch, score, num, den);
    for (let u = 0; u < U; u++) score[u] += offset[u];
    rankInto(score, order, rank);
    ranks.set(rank, r * U);
    gradeRun(input, score, scratch, tieNodes, gradeIndex, gradeOfRun);
    for (let u = 0; u < U; u++) gradeCounts[u * G1 + gradeOfRun[u]]++;
  }

  const col = new Int32Array(runs);
  const units: UnitSensitivity[] = [];
  let shiftSum = 0;
  let shiftN = 0;
  for (let u = 0; u < U; u++) {
    const nr = nominalRank[u];
    let m = 0;
    let shift = 0;
    for (let r = 0; r < runs; r++) {
      const v = ranks[r * U + u];
      if (v > 0) {
        col[m++] = v;
        shift += Math.abs(v - nr);
      }
    }
    const sorted = col.subarray(0, m).sort();
    const q = (p: number) => sorted[Math.min(m - 1, Math.max(0, Math.ceil(p * m) - 1))];
    const probs: Record<string, number> = {};
    gradeNames.forEach((g, gi) => {
      const k = gradeCounts[u * (gradeNames.length + 1) + gi];
      if (k) probs[g] = k / runs;
    });
    const ng = nominalGrade[u];
    const pSame = ng === null ? 1 : (probs[ng] ?? 0);
    const has = nr > 0 && m > 0;
    const meanShift = has ? shift / m : null;
    if (meanShift !== null) {
      shiftSum += meanShift;
      shiftN++;
    }
    units.push({
      unit_id: input.units[u],
      score: nominal[u] === nominal[u] ? nominal[u] : null,
      nominal_rank: nr > 0 ? nr : null,
      median_rank: has ? (m % 2 ? sorted[(m - 1) / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2) : null,
      rank_p05: has ? q(0.05) : null,
      rank_p95: has ? q(0.95) : null,
      mean_abs_shift: meanShift,
      grade: ng,
      grade_probs: probs,
      p_grade_change: ng === null ? 0 : 1 - pSame,
      borderline: ng !== null && pSame < 1,
    });
  }
  return {
    runs,
    band,
    seed,
    meanAbsShift: shiftN ? shiftSum / shiftN : 0,
    borderline: units.filter((x) => x.borderline).length,
    units,
    notes,
  };
}

/** Read one scored year from the database into a SensitivityInput (official run's tree and values). */
export async function loadSensitivityInput(db: Db, year: number): Promise<SensitivityInput> {
  const run = await yearRun(db, year);
  const tree = run.tree;
  // graded units only: the root, not_graded and unscored units are neither ranked nor graded
  const composite = await db.all<{ unit_id: string; score: number | null; grade: string | null }>(
    `select unit_id, score, grade from scores where year = $year and level = 0 and grade_status = 'graded' order by unit_id`,
    { year },
  );
  const units = composite.map((r) => r.unit_id);
  const ui = new Map(units.map((u, i) => [u, i]));
  const leafIds = tree.nodes.filter((n) => n.metric !== null).map((n) => n.id);
  const li = new Map(leafIds.map((l, i) => [l, i]));
  const values = new Float64Array(leafIds.length * units.length).fill(NaN);
  const rows = await db.all<{ unit_id: string; indicator_id: string; normalised: number | null }>(
    'select unit_id, indicator_id, normalised from indicator_values where year = $year',
    { year },
  );
  for (const r of rows) {
    const u = ui.get(r.unit_id);
    const l = li.get(r.indicator_id);
    if (u !== undefined && l !== undefined && r.normalised !== null) values[l * units.length + u] = r.normalised;
  }
  const input: SensitivityInput = {
    units, tree, leafIds, values,
    minShare: run.params.minShare ?? tree.missing.minShare,
    geometricFloor: run.params.geometricFloor ?? 1,
  };
  // Calibrate: offset = official − recomputed nominal (bonus − deduction); the veto effects.
  const nominal = simulateWeights(input, { runs: 0 });
  const offset = new Float64Array(units.length);
  composite.forEach((r, u) => {
    const s = nominal.units[u].score;
    offset[u] = r.score !== null && s !== null ? r.score - s : r.score === null ? NaN : 0;
  });
  return { ...input, offset, vetoes: await vetoEffects(db, year, tree, ui) };
}

/** Each graded unit's veto effects that bear on its grade (score_adjustments × the tree's items). */
async function vetoEffects(db: Db, year: number, tree: IndicatorTree, unitIndex: Map<string, number>): Promise<GradeUnit['vetoes'][]> {
  const out: GradeUnit['vetoes'][] = Array.from({ length: unitIndex.size }, () => []);
  const rows = await db.all<{ unit_id: string; item_id: string; effect: string }>(
    `select unit_id, item_id, effect from score_adjustments where year = $year and kind = 'veto' order by unit_id, item_id`,
    { year },
  );
  for (const r of rows) {
    const u = unitIndex.get(r.unit_id);
    if (u === undefined || !['bar_excellent', 'cap', 'force'].includes(r.effect)) continue;
    const grade = tree.veto.find((v) => v.id === r.item_id)?.grade ?? null;
    out[u].push({ effect: r.effect as GradeUnit['vetoes'][number]['effect'], grade });
  }
  return out;
}

/** Load, simulate and write the temp table `analyse_sensitivity` (contract columns). */
export async function sensitivity(db: Db, opts: SensitivityOptions & { year: number }): Promise<SensitivityResult> {
  const input = await loadSensitivityInput(db, opts.year);
  const res = simulateWeights(input, opts);
  await writeTempRows(
    db,
    'analyse_sensitivity',
    analyseContractOf('sensitivity').columns,
    res.units.map((u) => ({ ...u, year: opts.year, grade_probs: JSON.stringify(u.grade_probs), runs: res.runs, band: res.band, seed: res.seed })),
  );
  return res;
}
