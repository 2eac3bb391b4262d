/**
 * Small lookup tables (requested years, metric labels, note texts) go from JS into
 * DuckDB as temp tables filled through bound parameters: the SQL text only ever
 * holds placeholder names, so no value from config or data becomes SQL.
 * For a few hundred rows at most; staging data never passes through here.
 */
import { quotedIdentifier, type Db, type Params } from '../store/db.js';

export interface ValueColumn {
  name: string;
  type: 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN';
}

const BATCH = 200;

/** `create or replace temp table <table>(columns)` and insert `rows` (each row in column order). */
export async function loadValues(
  db: Db,
  table: string,
  columns: ValueColumn[],
  rows: (string | number | boolean | null)[][],
): Promise<void> {
  const cols = columns.map((c) => `${quotedIdentifier(c.name)} ${c.type}`).join(', ');
  await db.run(`create or replace temp table ${quotedIdentifier(table)} (${cols})`);
  for (let start = 0; start < rows.length; start += BATCH) {
    const params: Params = {};
    const tuples = rows.slice(start, start + BATCH).map((row, i) => {
      if (row.length !== columns.length) throw new Error(`${table}: row ${start + i} has ${row.length} values`);
      const names = row.map((value, j) => {
        const name = `v${i}_${j}`;
        params[name] = value;
        return `$${name}::${columns[j].type}`;
      });
      return `(${names.join(', ')})`;
    });
    await db.run(`insert into ${quotedIdentifier(table)} values ${tuples.join(', ')}`, params);
  }
}
