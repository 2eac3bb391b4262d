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

/**
 * A scored database for the weak-branch rules and the follow-up list, 2024 → 2025, one tree of two
 * goalposts leaves 0–100 (weights 50/50, so a composite is the mean of m1 and m2). All units are
 * departments under ROOT (the root: it has scores but is never graded, flagged or a peer).
 *
 *        2024 m1 m2 → composite   2025 m1 m2 → composite   attendance 24 → 25   study hours 24 → 25
 *   U1        90 90   90               90 90   90            0.95 → 0.95          2.0 → 6     (red line resolved)
 *   U2        80 80   80               80 80   80            0.90 → 0.50          6   → 6     (37.5% short: high)
 *   U3        75 75   75               75 75   75            0.50 → 0.797         6   → 6     (near miss, improved)
 *   U4        80 80   80               70 70   70            0.60 → 0.70          6   → 6     (12.5% short: medium; fell 10)
 *   U5        30 100  65               20 100  60            0.95 → 0.95          6   → 3.9   (d1 far below peers)
 *   U6        40 40   40               50 60   55            0.95 → 0.95          6   → 6     (较差 both years, +15)
 *   ROOT      10 10   10               10 10   10            0.50 → 0.50          1   → 1     (root: never flagged)
 *   UX        —  —    —                —  —    —             0.95 → 0.95          6   → 6     (no composite: 数据不足)
 *   UM        60 60   60 (2024 only; merged into U2 from 2025 by the registry)
 */
export async function seedWeak(db: Db): Promise<void> {
  const m1 = { 2024: { U1: 90, U2: 80, U3: 75, U4: 80, U5: 30, U6: 40, ROOT: 10, UX: null, UM: 60 }, 2025: { U1: 90, U2: 80, U3: 75, U4: 70, U5: 20, U6: 50, ROOT: 10, UX: null } };
  const m2 = { 2024: { U1: 90, U2: 80, U3: 75, U4: 80, U5: 100, U6: 40, ROOT: 10, UX: null, UM: 60 }, 2025: { U1: 90, U2: 80, U3: 75, U4: 70, U5: 100, U6: 60, ROOT: 10, UX: null } };
  const att = { 2024: { U1: 0.95, U2: 0.9, U3: 0.5, U4: 0.6, U5: 0.95, U6: 0.95, ROOT: 0.5, UX: 0.95, UM: 0.95 }, 2025: { U1: 0.95, U2: 0.5, U3: 0.797, U4: 0.7, U5: 0.95, U6: 0.95, ROOT: 0.5, UX: 0.95 } };
  const hours = { 2024: { U1: 2, U2: 6, U3: 6, U4: 6, U5: 6, U6: 6, ROOT: 1, UX: 6, UM: 6 }, 2025: { U1: 6, U2: 6, U3: 6, U4: 6, U5: 3.9, U6: 6, ROOT: 1, UX: 6 } };
  const rows: MetricRow[] = [];
  for (const y of [2024, 2025] as const) {
    rows.push(...metric(y, 'm1', m1[y]), ...metric(y, 'm2', m2[y]), ...metric(y, 'attendance_rate', att[y]), ...metric(y, 'collective_study_hours', hours[y]));
  }
  const units = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'UX', 'UM'].map((u): [string, string] => [u, 'department']);
  await seedInputs(db, rows, [...units, ['ROOT', 'city']]);
  await db.run(`update units set parent_id = 'ROOT' where unit_id <> 'ROOT'`);
  await db.run(`update units set name = '市中心支行' where unit_id = 'ROOT'`);
  await db.run(`update units set name = '外汇管理科', valid_to = 2024 where unit_id = 'UM'`);
  await db.run(`update units set name = '货币信贷科' where unit_id = 'U2'`);
  await db.run('create table unit_aliases (alias varchar, unit_id varchar, event varchar, effective_year integer, source_file varchar, source_row integer)');
  await db.run(`insert into unit_aliases values ('外汇管理科', 'U2', 'merge', 2025, '单位沿革.csv', 2)`);
  const known = ['m1', 'm2', 'attendance_rate', 'collective_study_hours'];
  for (const y of [2024, 2025]) {
    await scoreYear(db, treeFrom(tree(y, 50, 50), known), { year: y, now: () => new Date('2026-01-01T00:00:00Z') });
  }
}

/**
 * Three years whose trees re-weight the two goalposts leaves (0–100, so a dimension score is its
 * metric): 2023 50/50, 2024 70/30, 2025 30/70. All units are departments under ROOT. A composite is
 * w1 × m1 + w2 × m2, so every figure below is worked out by hand (the tests recompute them):
 *
 *         m1 2023 2024 2025   m2 2023 2024 2025   official composites      like-for-like steps
 *   E        90   80   72        50   45   40     70 → 69.5 → 49.6         78 → 69.5, 55.5 → 49.6 (14.4 in all; official 20.4)
 *   F       100   95   90        40   40   35     70 → 78.5 → 51.5         82 → 78.5, 56.5 → 51.5 (8.5 in all; the official series rose first)
 *   G        50   50   58        90   90   90     70 → 62 → 80.4           d1 35 → 23 below the median; hours 3.02 → 2.95 (medium → high)
 *   A1–A5   spread so that in 2025 the d1 median is 81 and 2 × MAD is 25 (G's gap of 23 is under it but not gone)
 *
 * Study hours 6 and attendance 0.95 everywhere, except G: hours 6, 3.02, 2.95 and attendance 0.95, 0.7, 0.85.
 */
export async function seedReweighted(db: Db): Promise<void> {
  const m1 = {
    2023: { A1: 90, A2: 88, A3: 86, A4: 84, A5: 82, E: 90, F: 100, G: 50, ROOT: 10 },
    2024: { A1: 90, A2: 88, A3: 86, A4: 84, A5: 82, E: 80, F: 95, G: 50, ROOT: 10 },
    2025: { A1: 95, A2: 92, A3: 70, A4: 65, A5: 100, E: 72, F: 90, G: 58, ROOT: 10 },
  };
  const m2 = {
    2023: { A1: 80, A2: 80, A3: 80, A4: 80, A5: 80, E: 50, F: 40, G: 90, ROOT: 10 },
    2024: { A1: 80, A2: 80, A3: 80, A4: 80, A5: 80, E: 45, F: 40, G: 90, ROOT: 10 },
    2025: { A1: 80, A2: 80, A3: 80, A4: 80, A5: 80, E: 40, F: 35, G: 90, ROOT: 10 },
  };
  const others = (v: number) => ({ A1: v, A2: v, A3: v, A4: v, A5: v, E: v, F: v, ROOT: v });
  const hours = { 2023: { ...others(6), G: 6 }, 2024: { ...others(6), G: 3.02 }, 2025: { ...others(6), G: 2.95 } };
  const att = { 2023: { ...others(0.95), G: 0.95 }, 2024: { ...others(0.95), G: 0.7 }, 2025: { ...others(0.95), G: 0.85 } };
  const rows: MetricRow[] = [];
  for (const y of [2023, 2024, 2025] as const) {
    rows.push(...metric(y, 'm1', m1[y]), ...metric(y, 'm2', m2[y]), ...metric(y, 'attendance_rate', att[y]), ...metric(y, 'collective_study_hours', hours[y]));
  }
  const units = ['A1', 'A2', 'A3', 'A4', 'A5', 'E', 'F', 'G'].map((u): [string, string] => [u, 'department']);
  await seedInputs(db, rows, [...units, ['ROOT', 'city']]);
  await db.run(`update units set parent_id = 'ROOT' where unit_id <> 'ROOT'`);
  await db.run(`update units set name = '市中心支行' where unit_id = 'ROOT'`);
  const known = ['m1', 'm2', 'attendance_rate', 'collective_study_hours'];
  for (const [y, w1, w2] of [[2023, 50, 50], [2024, 70, 30], [2025, 30, 70]] as const) {
    await scoreYear(db, treeFrom(tree(y, w1, w2), known), { year: y, now: () => new Date('2026-01-01T00:00:00Z') });
  }
}
