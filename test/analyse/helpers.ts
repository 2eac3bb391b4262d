/**
 * A hand-made scored database with known answers (4 units, 2 dimensions of one goalposts leaf
 * each, so a leaf's normalised score equals its raw value and composites are easy to check):
 *
 *          2023          2024          2025 (weights 80/20 instead of 50/50)
 *   A   m1 90 m2 40   m1 90 m2 40   m1 90 m2 40   65 → 65 → 80     rank 4 → 4 → 1  (weights alone)
 *   B   m1 50 m2 85   m1 50 m2 85   m1 50 m2 85   67.5 → 67.5 → 57  rank 3 → 3 → 4
 *   C   m1 75 m2 75   m1 75 m2 75   m1 75 m2 75   75 every year; attendance 0.95, 0.95, 0.70
 *   D   m1 m2 = 80    70            60            declines two years running
 */
import type { Db } from '../../src/store/db.js';
import { scoreYear } from '../../src/score/score.js';
import { metric, seedInputs, treeFrom, type MetricRow } from '../score/helpers.js';

export function tree(year: number, w1: number, w2: number, method = '{method: goalposts, lo: 0, hi: 100}', aggregate = 'arithmetic'): string {
  return `year: ${year}
label: {zh: 测试, en: test}
composite: {aggregate: ${aggregate}}
dimensions:
  - id: d1
    label: {zh: 学习条件, en: Conditions}
    weight: ${w1}
    indicators:
      - {id: i1, label: {zh: 指标一, en: Indicator one}, weight: 100, metric: m1, normalise: ${method}}
  - id: d2
    label: {zh: 学习过程, en: Process}
    weight: ${w2}
    indicators:
      - {id: i2, label: {zh: 指标二, en: Indicator two}, weight: 100, metric: m2, normalise: ${method}}
`;
}

export async function seedScored(db: Db, opts: { method?: string; aggregate?: string } = {}): Promise<void> {
  const rows: MetricRow[] = [];
  const d = { 2023: 80, 2024: 70, 2025: 60 } as const;
  for (const y of [2023, 2024, 2025] as const) {
    rows.push(...metric(y, 'm1', { A: 90, B: 50, C: 75, D: d[y] }));
    rows.push(...metric(y, 'm2', { A: 40, B: 85, C: 75, D: d[y] }));
    rows.push(...metric(y, 'attendance_rate', { A: 0.95, B: 0.95, C: y === 2025 ? 0.7 : 0.95, D: 0.95 }));
  }
  await seedInputs(db, rows, [['A', 'county'], ['B', 'county'], ['C', 'department'], ['D', 'department']]);
  await db.run(`update units set parent_id = 'P' where unit_id in ('A', 'B', 'C', 'D')`);
  await db.run(`insert into units (unit_id, name, unit_type) values ('P', '市中心支行', 'city')`);
  const known = ['m1', 'm2', 'attendance_rate'];
  for (const [y, w1, w2] of [[2023, 50, 50], [2024, 50, 50], [2025, 80, 20]] as const) {
    await scoreYear(db, treeFrom(tree(y, w1, w2, opts.method, opts.aggregate), known), { year: y, now: () => new Date('2026-01-01T00:00:00Z') });
  }
}

/** A stable fingerprint of every official score table. */
export async function officialSnapshot(db: Db): Promise<string> {
  const parts: unknown[] = [];
  for (const t of ['scores', 'indicator_values', 'score_notes', 'tree_nodes', 'runs']) {
    parts.push(await db.all(`select * from ${t} order by all`));
  }
  return JSON.stringify(parts, (_k, v) => (v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? String(v) : v));
}
