/**
 * The units a form offers in its dropdown, for the form's year: from the pipeline's database
 * when it has a unit list, else from the pipeline's unit-list files (loaded by the real ingest
 * into a scratch database, so the names are exactly those ingest accepts), else none (the
 * office fills the list sheet in).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import { databaseExists, openDb, type Db } from '../store/db.js';
import { ingest } from '../ingest/ingest.js';
import type { UnitSource } from './messages.js';

export interface UnitList { names: string[]; source: UnitSource }

export async function unitList(p: LoadedPipeline | undefined, year: number): Promise<UnitList> {
  if (!p) return { names: [], source: 'none' };
  if (databaseExists(p.database)) {
    const names = await withDatabase(p.database, (db) => unitNames(db, year));
    if (names.length) return { names, source: 'database' };
  }
  const sources = p.sources.filter((s) => s.kind === 'units' || s.kind === 'unit_registry');
  if (!sources.some((s) => s.kind === 'units')) return { names: [], source: 'none' };
  const scratch = mkdtempSync(join(tmpdir(), 'yardstick-units-'));
  try {
    const database = join(scratch, 'units.duckdb');
    await ingest({ ...p, database, reports: scratch, sources });
    return { names: await withDatabase(database, (db) => unitNames(db, year)), source: 'files' };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function withDatabase<T>(path: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb(path, { readOnly: true }); // the pipeline's database is only read
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

/** Units that exist in `year`, in the unit list's own order; none when the table is missing. */
async function unitNames(db: Db, year: number): Promise<string[]> {
  const has = await db.one(`select 1 from information_schema.tables where table_name = 'units'`);
  if (!has) return [];
  const rows = await db.all<{ name: string }>(
    `select name from units
     where coalesce(valid_from, $year) <= $year and coalesce(valid_to, $year) >= $year
     order by source_file, source_row`, { year });
  return rows.map((r) => r.name);
}
