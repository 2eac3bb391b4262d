/**
 * Grades of the graded units of one year: bands or quota, after the veto effects. A pure
 * function over the handful of composite rows (20–2,000), so every rule can be tested by hand.
 *
 * Rules (docs/grading.md):
 * 1. Veto effects: `force` sets the grade outright (several: the lowest wins); `cap` (at most
 *    that grade) and `bar_excellent` (at most the second grade) bar the grades above; the
 *    strictest bar wins, and a forced grade is lowered to it. Forced units count among the
 *    graded units (the quota base) but take no quota place.
 * 2. Grades from the top: a grade goes to the remaining units whose score reaches its floor
 *    (`min`, compared rounded to 1e-9) and that no veto bars from it. With a quota (`maxShare`,
 *    method quota) only the best `quotaCount(share, graded units)` of them get it; units that
 *    miss the quota or the floor fall to the next grade whose conditions they meet.
 * 3. The last grade takes everyone left. With a quota on it (较差 at most N%) only the lowest
 *    `quota` of those left get it; the others go up to the grade above (its floor aside).
 * 4. Ties at a quota boundary: `all_in` gives the grade to every unit tied with the last one in
 *    (even over the quota); `next_node` compares the tie-break nodes' scores in turn (a missing
 *    node score counts below any score) and units still tied are all in. Never row order.
 */
import { quotaCount } from '../indicators/grading-spec.js';
import type { GradeT, GradingT } from '../indicators/indicator-schema.js';

export interface GradeUnit {
  unitId: string;
  /** Composite score (weighted + bonus − deduction). */
  score: number;
  /** Scores of the tie-break nodes, in the order of `grading.ties.nodes` (null = missing). */
  tieScores: (number | null)[];
  /** Veto items that applied (not_graded units are not passed in). */
  vetoes: { effect: 'bar_excellent' | 'cap' | 'force'; grade: string | null }[];
}

export interface GradeRules {
  grades: GradeT[];
  grading: GradingT;
}

export interface QuotaUsed {
  grade: string;
  share: number;
  /** Places allowed: share × graded units, rounded as stated. */
  places: number;
  /** Units that got the grade through the quota (more than places when ties were all in). */
  given: number;
}

export interface GradeResult {
  /** Grade by unit id, for every unit passed in. */
  grades: Map<string, string>;
  /** Graded units (the quota base). */
  gradedUnits: number;
  quotas: QuotaUsed[];
}

const round9 = (x: number): number => Math.round(x * 1e9) / 1e9;

export function assignGrades(units: GradeUnit[], rules: GradeRules): GradeResult {
  const { grades } = rules;
  const n = units.length;
  const out = new Map<string, string>();
  const quotas: QuotaUsed[] = [];
  if (grades.length === 0) return { grades: out, gradedUnits: n, quotas };
  const last = grades.length - 1;
  const index = new Map(grades.map((g, i) => [g.grade, i]));
  const quotaOf = (g: GradeT): number | null =>
    rules.grading.method === 'quota' && g.maxShare !== null ? quotaCount(g.maxShare, n, rules.grading.rounding) : null;

  // 1 veto effects
  const highest = new Map<string, number>(); // best grade index a unit may get
  let remaining: GradeUnit[] = [];
  for (const u of units) {
    const bar = Math.max(0, ...u.vetoes.map((v) => barIndex(v, index, last)));
    const forced = u.vetoes.filter((v) => v.effect === 'force').map((v) => index.get(v.grade ?? '') ?? last);
    if (forced.length) out.set(u.unitId, grades[Math.max(bar, ...forced)].grade);
    else {
      highest.set(u.unitId, bar);
      remaining.push(u);
    }
  }
  const key = tieKey(rules.grading);
  // keys computed once per unit, not per comparison (sensitivity grades 1000 runs × 2000 units)
  const keyOf = new Map(remaining.map((u) => [u, key(u)]));
  // equal keys are ordered by id only for a stable order (grades never depend on it): code-unit
  // order, not localeCompare, which costs ICU collation per comparison
  remaining.sort((a, b) => compareKeys(keyOf.get(b)!, keyOf.get(a)!) || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));

  // 2 from the top grade down to the one above the last
  for (let i = 0; i < last; i++) {
    const g = grades[i];
    const eligible = remaining.filter((u) => highest.get(u.unitId)! <= i && round9(u.score) >= (g.min ?? -Infinity));
    const places = quotaOf(g);
    const taken = places === null ? eligible : takeWithTies(eligible, places, key);
    if (places !== null) quotas.push({ grade: g.grade, share: g.maxShare!, places, given: taken.length });
    for (const u of taken) out.set(u.unitId, g.grade);
    const took = new Set(taken);
    remaining = remaining.filter((u) => !took.has(u));
  }

  // 3 the last grade: everyone left, or only the lowest `places` with a quota on it
  const g = grades[last];
  const places = quotaOf(g);
  const worstFirst = [...remaining].reverse();
  const taken = places === null ? worstFirst : takeWithTies(worstFirst, places, (u) => key(u).map((x) => -x));
  if (places !== null) quotas.push({ grade: g.grade, share: g.maxShare!, places, given: taken.length });
  const took = new Set(taken);
  for (const u of remaining) out.set(u.unitId, took.has(u) || last === 0 ? g.grade : grades[last - 1].grade);
  return { grades: out, gradedUnits: n, quotas };
}

/** The best grade index a veto allows: bar_excellent → the second grade, cap → its grade. */
function barIndex(v: GradeUnit['vetoes'][number], index: Map<string, number>, last: number): number {
  if (v.effect === 'bar_excellent') return Math.min(1, last);
  if (v.effect === 'cap') return index.get(v.grade ?? '') ?? last;
  return 0;
}

/** What two units are compared on: the score, then (next_node) the tie-break nodes in turn. */
function tieKey(grading: GradingT): (u: GradeUnit) => number[] {
  if (grading.ties.rule === 'all_in') return (u) => [round9(u.score)];
  return (u) => [round9(u.score), ...u.tieScores.map((s) => (s === null ? -Infinity : round9(s)))];
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -Infinity) - (b[i] ?? -Infinity);
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  return 0;
}

/** The first `places` of `sorted` (best first), plus every unit tied with the last one in. */
function takeWithTies(sorted: GradeUnit[], places: number, key: (u: GradeUnit) => number[]): GradeUnit[] {
  if (places <= 0) return [];
  if (places >= sorted.length) return sorted;
  const boundary = key(sorted[places - 1]);
  let end = places;
  while (end < sorted.length && compareKeys(key(sorted[end]), boundary) === 0) end++;
  return sorted.slice(0, end);
}
