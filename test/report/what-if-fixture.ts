/**
 * A database scored by the real engine for the what-if tests: a root unit over 24 units of two
 * types, three dimensions of one goalposts leaf each (a dimension's score is its raw value), a
 * unit missing one dimension and one missing two (whether they are scored depends on the
 * weights: min_share 0.5), bonus and deduction items with caps (one unit enters its deduction
 * in the bonus column), veto items of every effect, quota grading with next_node ties, and
 * tied composites. Values come from a seeded PRNG so the test is reproducible.
 */
import { writeFileSync } from 'node:fs';
import type { Db } from '../../src/store/db.js';
import { scoreYear } from '../../src/score/score.js';
import { metric, prng, seedInputs, treeFrom } from '../score/helpers.js';

export const DIMS = ['d1', 'd2', 'd3'] as const;
const METRICS = ['x1', 'x2', 'x3', 'bonus_points', 'deduction_points', 'veto_ng', 'veto_bar', 'veto_cap', 'veto_force'];

/** The tree with the given dimension weights (written as given: they must sum to 100). */
export function whatIfTreeYaml(weights: number[]): string {
  const dim = (i: number) => `  - id: ${DIMS[i]}
    label: {zh: 维度${'一二三'[i]}, en: Dimension ${i + 1}}
    weight: ${weights[i]}
    indicators:
      - {id: i${i + 1}, label: {zh: 指标${'一二三'[i]}, en: Indicator ${i + 1}}, weight: 100, metric: x${i + 1}, normalise: {method: goalposts, lo: 0, hi: 100}}`;
  return `year: 2025
label: {zh: 假设测试, en: what-if test}
dimensions:
${DIMS.map((_, i) => dim(i)).join('\n')}
bonus: [{id: honours, label: {zh: 表彰, en: Honours}, metric: bonus_points, cap: 5}]
deductions: [{id: penalties, label: {zh: 通报批评, en: Criticism}, metric: deduction_points, cap: 4}]
veto:
  - {id: discipline, metric: veto_ng, effect: not_graded, reason: {zh: 严重违纪, en: serious discipline}}
  - {id: late, metric: veto_bar, effect: bar_excellent, reason: {zh: 材料迟报, en: late report}}
  - {id: audit, metric: veto_cap, effect: cap, grade: 一般, reason: {zh: 审计问题, en: audit finding}}
  - {id: safety, metric: veto_force, effect: force, grade: 较差, reason: {zh: 安全事故, en: safety incident}}
grading:
  method: quota
  ties: next_node
  grades:
    - {grade: 优秀, en: excellent, max_share: 0.2, min: 80}
    - {grade: 良好, en: good, min: 70}
    - {grade: 一般, en: fair, min: 55}
    - {grade: 较差, en: poor, max_share: 0.1}
`;
}

export const whatIfTree = (weights: number[]) => treeFrom(whatIfTreeYaml(weights), METRICS);

export const UNITS = Array.from({ length: 24 }, (_, i) => `u${String(i + 1).padStart(2, '0')}`);

/** Units, metrics and the 2025 scores under weights 30/45/25. */
export async function createWhatIfDb(db: Db, treeFile?: string): Promise<void> {
  await db.run(`create table units (unit_id varchar, name varchar, parent_id varchar, unit_type varchar,
    valid_from integer, valid_to integer, source_file varchar, source_row integer)`);
  await db.run(`insert into units values ('R0', '全辖', null, 'city', null, null, 'units.csv', 2)`);
  for (const [i, u] of UNITS.entries()) {
    await db.run(`insert into units values ($u, $name, 'R0', $t, null, null, 'units.csv', $r)`,
      { u, name: `第${i + 1}支部`, t: i % 3 === 0 ? 'department' : 'county', r: i + 3 });
  }
  const rnd = prng(20251);
  const value = () => Math.round(40 + rnd() * 60);
  const x: Record<string, Record<string, number | null>> = { x1: {}, x2: {}, x3: {} };
  for (const u of ['R0', ...UNITS]) for (const m of ['x1', 'x2', 'x3']) x[m][u] = value();
  x.x3.u05 = null; // one dimension missing: scored while d3 carries under half the weight
  x.x2.u09 = null;
  x.x3.u09 = null; // two missing: scored only while d1 carries half the weight
  for (const m of ['x1', 'x2', 'x3']) x[m].u12 = x[m].u11; // a tie
  await seedInputs(db, [
    ...['x1', 'x2', 'x3'].flatMap((m) => metric(2025, m, x[m])),
    ...metric(2025, 'bonus_points', { u01: 3, u04: 8, u07: -2, u09: 2 }),
    ...metric(2025, 'deduction_points', { u02: -1.5, u06: 6, u09: 1 }),
    ...metric(2025, 'veto_ng', { u03: 1 }),
    ...metric(2025, 'veto_bar', { u08: 1 }),
    ...metric(2025, 'veto_cap', { u10: 1 }),
    ...metric(2025, 'veto_force', { u13: 1 }),
  ]);
  if (treeFile) writeFileSync(treeFile, whatIfTreeYaml([30, 45, 25]));
  await scoreYear(db, whatIfTree([30, 45, 25]), { year: 2025, now: () => new Date('2026-01-01T00:00:00Z') });
}

/** Every non-root unit's composite row. */
export async function officialResults(db: Db) {
  return db.all<{ unit_id: string; score: number | null; weighted: number | null; grade: string | null; grade_status: string; rank: number | null; rank_in_type: number | null }>(
    `select unit_id, score, weighted, grade, grade_status, rank, rank_in_type from scores
     where year = 2025 and level = 0 and grade_status <> 'root' order by unit_id`);
}

/** Slider values (0–100) as tree weights summing to 100: each as a share of their total. */
export function normalisedPercent(values: number[]): number[] {
  const total = values.reduce((s, v) => s + v, 0);
  return values.map((v) => (v / total) * 100);
}
