/**
 * DDL generated from a table contract: the only place `CREATE TABLE` text for a documented
 * table is written. Identifiers are quoted; types come from the closed `ColumnType` list.
 */
import type { TableContract } from './types.js';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function createTableSql(t: TableContract): string {
  const lines = t.columns.map((c) => `    ${quote(c.name)} ${c.type}`);
  if (t.primaryKey?.length) lines.push(`    primary key (${t.primaryKey.map(quote).join(', ')})`);
  const cols = lines.join(',\n');
  return `create table if not exists ${quote(t.table)} (\n${cols}\n)`;
}

/**
 * `alter table … add column if not exists` for every column: a database written before a
 * column was added gets it (NULL in its old rows). New columns go at the END of a contract, so
 * an upgraded table and a new one have the same column order.
 */
export function addMissingColumnsSql(t: TableContract): string[] {
  return t.columns.map((c) => `alter table ${quote(t.table)} add column if not exists ${quote(c.name)} ${c.type}`);
}
