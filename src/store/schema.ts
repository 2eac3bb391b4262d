/**
 * Create the ingest stage's tables from their contract (src/contract/staging-tables.ts), and
 * the per-connection cleaning macros. Idempotent: a table that exists keeps its rows; a
 * database from an older version gets the columns added since (NULL in its old rows).
 */
import { quotedString, type Db } from './db.js';
import { COUNTED_SESSION_TYPES, SESSION_SYNONYMS } from '../domain/session-types.js';
import { sqlFile } from './sql-file.js';
import { addMissingColumnsSql, createTableSql, INGEST_TABLES } from '../contract/index.js';

export async function ensureSchema(db: Db): Promise<void> {
  const have = await db.all<{ table_name: string; n: number }>(
    `select table_name, count(*)::INTEGER as n from duckdb_columns()
     where not internal and database_name = current_database() and schema_name = current_schema() group by table_name`);
  const width = new Map(have.map((h) => [h.table_name, h.n]));
  for (const t of INGEST_TABLES) {
    const n = width.get(t.table);
    if (n === undefined) await db.run(createTableSql(t));
    // Only an older, narrower table needs the ALTERs (they are catalog writes: skip them on every other run).
    else if (n < t.columns.length) for (const sql of addMissingColumnsSql(t)) await db.run(sql);
  }
}

export async function installMacros(db: Db): Promise<void> {
  await db.run(sqlFile(import.meta.url, '../ingest/sql/macros.sql'));
  await db.run(sessionTypeMacros());
}

/** ys_session_type (a synonym → its counted name) and ys_session_counted, from domain/session-types.ts (constants, not data). */
function sessionTypeMacros(): string {
  const synonyms = Object.entries(SESSION_SYNONYMS).map(([w, c]) => `WHEN ${quotedString(w)} THEN ${quotedString(c)}`).join(' ');
  return `CREATE OR REPLACE TEMP MACRO ys_session_type(s) AS CASE s ${synonyms} ELSE s END;
CREATE OR REPLACE TEMP MACRO ys_session_counted(s) AS s IN (${COUNTED_SESSION_TYPES.map(quotedString).join(', ')});`;
}
