/**
 * Staging tables for metrics tests, created from the one table contract (src/contract/) so
 * they have exactly the columns the ingest stage produces, and a small row inserter (values
 * bound as parameters).
 */
import type { Db, Params } from '../../src/store/db.js';
import { quotedIdentifier } from '../../src/store/db.js';
import { createTableSql, ingestTable } from '../../src/contract/index.js';
import { STAGING_COLUMNS, STAGING_TABLES, type StagingTable } from '../../src/metrics/staging-columns.js';

/** `create table` for every table the metrics read, generated from the contract. */
export const STAGING_DDL = STAGING_TABLES.map((t) => `${createTableSql(ingestTable(t))};`).join('\n');

export async function createStaging(db: Db): Promise<void> {
  await db.run(STAGING_DDL);
}

type Row = Record<string, string | number | boolean | null>;

/** Insert rows (objects keyed by column); `year` is filled from `date` when absent; lineage is filled in. */
export async function insert(db: Db, table: StagingTable, rows: Row[]): Promise<void> {
  const columns = STAGING_COLUMNS[table];
  const hasYear = columns.some((c) => c.name === 'year');
  for (const [i, row] of rows.entries()) {
    const full: Row = { source_file: `${table}.csv`, source_row: i + 2, ...row };
    if (hasYear && full.year === undefined && typeof full.date === 'string') {
      full.year = Number(full.date.slice(0, 4));
    }
    const unknown = Object.keys(full).filter((k) => !columns.some((c) => c.name === k));
    if (unknown.length) throw new Error(`${table}: unknown columns ${unknown.join(', ')}`);
    const params: Params = {};
    const values = columns.map((c, j) => {
      params[`p${j}`] = full[c.name] ?? null;
      return `$p${j}::${c.type}`;
    });
    await db.run(`insert into ${quotedIdentifier(table)} values (${values.join(', ')})`, params);
  }
}

/** Profile rows from `{ unit: { metric: value } }` for one year. */
export function profileRows(year: number, byUnit: Record<string, Record<string, number>>): Row[] {
  return Object.entries(byUnit).flatMap(([unit_id, metrics]) =>
    Object.entries(metrics).map(([metric, value]) => ({ unit_id, year, metric, value })),
  );
}
