/**
 * The tree becomes data: one `tree_nodes` row per node, written with the appender. Every later
 * statement joins this table, so a new indicator needs no new SQL.
 *
 * Pooled minmax (`normalise: {method: minmax, pool: [2021, 2025]}`): the bounds are computed here,
 * once per run, from `unit_year_metrics` over every unit of the pooled years (pool_bounds.sql),
 * and written into the leaf's row (p_pool_lo, p_pool_hi, p_pool_years). So the run records the
 * bounds it used, a reader sees them beside the node, and a re-run can pass them back
 * (`recorded`) to reproduce the scores even after another pooled year's data has changed.
 */
import type { Db } from '../store/db.js';
import type { IndicatorTree } from '../indicators/indicator-schema.js';
import { sqlFile as readSql } from '../store/sql-file.js';
import { addMissingColumnsSql, contractOf, createTableSql } from '../score/contract.js';

export interface RunKey {
  runId: string;
  year: number;
}

/** The pooled bounds one run used for one metric and pool (kept in tree_nodes and runs.params_json). */
export interface PooledBound {
  metric: string;
  from: number;
  to: number;
  /** NULL when no year of the pool has a value. */
  lo: number | null;
  hi: number | null;
  /** Years of the pool that had at least one value. */
  years: number[];
}

/**
 * Replace the run's rows of `tree_nodes` with `tree` (year = `key.year`, which may differ from
 * tree.year), then fill the pooled bounds: from `recorded` when it has the same metric and pool
 * (a re-run), else from the data. Returns the bounds used, one per distinct metric × pool.
 */
export async function writeTreeNodes(db: Db, tree: IndicatorTree, key: RunKey, recorded: PooledBound[] = []): Promise<PooledBound[]> {
  const contract = contractOf('tree_nodes');
  await db.run(createTableSql(contract));
  // a database written before the pool columns existed gets them (NULL) at the end, in contract order
  for (const sql of addMissingColumnsSql(contract)) await db.run(sql);
  await db.run('delete from tree_nodes where run_id = $run_id', { run_id: key.runId });
  await appendNodes(db, tree, key);
  if (tree.nodes.some((n) => n.normalise?.pool)) await fillPooledBounds(db, key.runId, recorded);
  return readPooledBounds(db, key.runId);
}

async function appendNodes(db: Db, tree: IndicatorTree, key: RunKey): Promise<void> {
  const app = await db.conn.createAppender('tree_nodes');
  const text = (v: string | null): void => (v === null ? app.appendNull() : app.appendVarchar(v));
  const num = (v: number | null): void => (v === null ? app.appendNull() : app.appendDouble(v));
  const int = (v: number | null): void => (v === null ? app.appendNull() : app.appendInteger(v));
  try {
    for (const n of tree.nodes) {
      app.appendVarchar(key.runId);
      app.appendInteger(key.year);
      app.appendVarchar(n.id);
      text(n.parentId);
      app.appendInteger(n.level);
      app.appendInteger(n.position);
      app.appendDouble(n.weight);
      text(n.direction);
      text(n.normalise?.method ?? null);
      num(n.normalise?.lo ?? null);
      num(n.normalise?.hi ?? null);
      num(n.normalise?.target ?? null);
      num(n.normalise?.cap ?? null);
      text(n.metric);
      text(n.aggregate);
      app.appendVarchar(n.label.zh);
      app.appendVarchar(n.label.en);
      // pool: from, to; the bounds and years are filled by pool_bounds.sql
      int(n.normalise?.pool?.[0] ?? null);
      int(n.normalise?.pool?.[1] ?? null);
      num(null);
      num(null);
      text(null);
      text(n.normalise?.method === 'rank' ? (n.normalise.ties ?? 'max') : null);
      text(n.aggregate === 'topsis' ? (n.topsis?.normalise ?? 'vector') : null);
      app.endRow();
    }
  } finally {
    app.closeSync();
  }
}

async function fillPooledBounds(db: Db, runId: string, recorded: PooledBound[]): Promise<void> {
  await db.run(readSql(import.meta.url, 'pool_bounds.sql'), { run_id: runId });
  for (const b of recorded) {
    await db.run(
      `update tree_nodes set p_pool_lo = $lo::double, p_pool_hi = $hi::double, p_pool_years = $years
       where run_id = $run_id and metric_id = $metric and p_pool_from = $from and p_pool_to = $to`,
      { run_id: runId, metric: b.metric, from: b.from, to: b.to, lo: b.lo, hi: b.hi, years: b.years.join(',') },
    );
  }
}

/** The bounds written for the run, one per metric × pool. */
export async function readPooledBounds(db: Db, runId: string): Promise<PooledBound[]> {
  const rows = await db.all<{ metric: string; from: number; to: number; lo: number | null; hi: number | null; years: string | null }>(
    `select distinct metric_id as metric, p_pool_from as "from", p_pool_to as "to", p_pool_lo as lo, p_pool_hi as hi, p_pool_years as years
     from tree_nodes where run_id = $run_id and p_pool_from is not null order by metric, "from", "to"`,
    { run_id: runId },
  );
  return rows.map((r) => ({ ...r, years: r.years ? r.years.split(',').map(Number) : [] }));
}
