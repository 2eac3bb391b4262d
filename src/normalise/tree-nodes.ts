/**
 * The tree becomes data: one `tree_nodes` row per node, written with the appender. Every later
 * statement joins this table, so a new indicator needs no new SQL.
 */
import type { Db } from '../store/db.js';
import type { IndicatorTree } from '../indicators/indicator-schema.js';
import { contractOf, createTableSql } from '../score/contract.js';

export interface RunKey {
  runId: string;
  year: number;
}

/** Replace the run's rows of `tree_nodes` with `tree` (year = `key.year`, which may differ from tree.year). */
export async function writeTreeNodes(db: Db, tree: IndicatorTree, key: RunKey): Promise<number> {
  await db.run(createTableSql(contractOf('tree_nodes')));
  await db.run('delete from tree_nodes where run_id = $run_id', { run_id: key.runId });
  const app = await db.conn.createAppender('tree_nodes');
  const text = (v: string | null): void => (v === null ? app.appendNull() : app.appendVarchar(v));
  const num = (v: number | null): void => (v === null ? app.appendNull() : app.appendDouble(v));
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
      app.endRow();
    }
  } finally {
    app.closeSync();
  }
  return tree.nodes.length;
}
