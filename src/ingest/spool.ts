/**
 * A scratch folder for one ingest run, beside the database (the disk the office
 * chose for its data, not a small /tmp): resolved fact rows are spooled there as
 * Parquet (see stage-facts.ts). Removed when the run ends; a folder left by a
 * killed run is removed by the next run, which holds the database lock.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, basename, join } from 'node:path';

export interface Spool {
  dir: string;
  remove(): void;
}

export function openSpool(database: string): Spool {
  const dir = database === ':memory:' || database === ''
    ? join(tmpdir(), `yardstick-spool-${process.pid}`)
    : join(dirname(database), `.${basename(database)}.spool`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
