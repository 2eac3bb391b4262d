/**
 * Helpers for the indicator/normalise/score tests: a fresh in-memory DuckDB with the input
 * contract tables, trees from inline YAML, a seeded PRNG, and table snapshots.
 */
import { formatIssue } from '../../src/errors.js';
import type { Db } from '../../src/store/db.js';
import { parseIndicatorTree } from '../../src/indicators/load-tree.js';
import type { IndicatorTree } from '../../src/indicators/indicator-schema.js';

export type MetricRow = [year: number, unit: string, metric: string, value: number | null];

/** Create unit_year_metrics (and units when given) and fill them. */
export async function seedInputs(db: Db, rows: MetricRow[], units?: [unit: string, type: string][]): Promise<void> {
  await db.run('create table if not exists unit_year_metrics (year integer, unit_id varchar, metric_id varchar, value double)');
  const app = await db.conn.createAppender('unit_year_metrics');
  for (const [y, u, m, v] of rows) {
    app.appendInteger(y);
    app.appendVarchar(u);
    app.appendVarchar(m);
    if (v === null) app.appendNull();
    else app.appendDouble(v);
    app.endRow();
  }
  app.closeSync();
  if (units) {
    await db.run(`create table if not exists units (unit_id varchar, name varchar, parent_id varchar, unit_type varchar,
      valid_from integer, valid_to integer, source_file varchar, source_row integer)`);
    for (const [i, [u, t]] of units.entries()) {
      await db.run(`insert into units values ($u, $u, null, $t, null, null, 'units.csv', $r)`, { u, t, r: i + 2 });
    }
  }
}

/** Rows for one metric: { unit: value }. */
export function metric(year: number, id: string, values: Record<string, number | null>): MetricRow[] {
  return Object.entries(values).map(([u, v]) => [year, u, id, v]);
}

/** An IndicatorTree from YAML text; fails the test with the located issues when it does not load. */
export function treeFrom(yaml: string, known?: string[], file = 'test.yaml'): IndicatorTree {
  const metrics = known ?? [...yaml.matchAll(/metric:\s*([A-Za-z0-9_\u4e00-\u9fff]+)/g)].map((m) => m[1]);
  const { tree, issues } = parseIndicatorTree(file, yaml, metrics);
  if (!tree) throw new Error(issues.map(formatIssue).join('\n'));
  return tree;
}

/** A one-dimension tree of leaves over metrics named after them. */
export function flatTree(leaves: string[], extra = ''): string {
  const w = 100 / leaves.length;
  return `year: 2025
label: {zh: 测试, en: test}
dimensions:
  - id: d
    label: {zh: 维度, en: dim}
    weight: 100
    indicators:
${leaves.map((l) => `      - {id: ${l.split(' ')[0]}, label: {zh: ${l.split(' ')[0]}, en: ${l.split(' ')[0]}}, weight: ${w}, metric: ${l.split(' ')[0]}${l.includes(' ') ? ', ' + l.split(' ').slice(1).join(' ') : ''}}`).join('\n')}
${extra}`;
}

/** Seeded PRNG (mulberry32), so property tests are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Normalised values of one leaf by unit. */
export async function normalisedOf(db: Db, leaf: string): Promise<Record<string, number | null>> {
  const rows = await db.all<{ unit_id: string; normalised: number | null }>(
    'select unit_id, normalised from indicator_values where indicator_id = $leaf order by unit_id',
    { leaf },
  );
  return Object.fromEntries(rows.map((r) => [r.unit_id, r.normalised]));
}

/** Scores of one node by unit. */
export async function scoresOf(db: Db, node: string): Promise<Record<string, number | null>> {
  const rows = await db.all<{ unit_id: string; score: number | null }>(
    'select unit_id, score from scores where node_id = $node order by unit_id',
    { node },
  );
  return Object.fromEntries(rows.map((r) => [r.unit_id, r.score]));
}

/** A table's rows without run_id, in a stable order, for equality across runs. */
export async function snapshot(db: Db, table: string): Promise<Record<string, unknown>[]> {
  const rows = await db.all(`select * exclude (run_id) from ${table} order by all`);
  return rows;
}

/** Compare numbers to 1e-9 in `toEqual`-style checks. */
export function rounded<T extends Record<string, number | null>>(r: T, digits = 6): Record<string, number | null> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : Number(v.toFixed(digits))]));
}
