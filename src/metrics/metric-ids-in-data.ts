/**
 * Metric ids the data already holds. Every numeric unit-profile column is a metric under its
 * header text (民主测评满意度（%）), known only once loaded, so a leaf may name it: `score`,
 * `preview`, the report's draft section and `check --pipeline` all accept these ids beside the
 * catalogue's. Staged profile columns count after ingest, computed metrics after score.
 */
import type { Db } from '../store/db.js';

const SOURCES = [['unit_profile', 'metric'], ['unit_year_metrics', 'metric_id']] as const;

export async function metricIdsInData(db: Db): Promise<string[]> {
  const ids = new Set<string>();
  for (const [table, column] of SOURCES) {
    const has = await db.one('select 1 as x from duckdb_tables() where table_name = $t and not temporary', { t: table });
    if (!has) continue;
    for (const r of await db.all<{ id: string }>(`select distinct ${column} as id from ${table}`)) ids.add(r.id);
  }
  return [...ids];
}
