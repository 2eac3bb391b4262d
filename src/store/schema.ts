/** Create the staging tables (idempotent) and the per-connection cleaning macros. */
import type { Db } from './db.js';
import { sqlFile } from './sql-file.js';

export async function ensureSchema(db: Db): Promise<void> {
  await db.run(sqlFile(import.meta.url, './staging.sql'));
}

export async function installMacros(db: Db): Promise<void> {
  await db.run(sqlFile(import.meta.url, '../ingest/sql/macros.sql'));
}
