/**
 * `run` writes nothing outside the database (reports, rejects.csv) until ingest,
 * score and analyse have all committed; a failure writing them is a clear error
 * after a complete database.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPipeline } from '../../src/config/load-pipeline.js';
import { isYardstickError } from '../../src/errors.js';
import { runAll } from '../../src/run/run.js';
import { openDb } from '../../src/store/db.js';
import { writeBundle } from '../helpers/bundle.js';

async function count(database: string, table: string): Promise<number> {
  const db = await openDb(database, { readOnly: true });
  try {
    return (await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;
  } finally {
    db.close();
  }
}

describe('run: outputs only after every stage', () => {
  it('a failing score stage leaves no rejects.csv and no report (ingest wrote rejects.csv before)', async () => {
    const b = writeBundle();
    mkdirSync(join(b.dir, 'no-indicators'));
    writeFileSync(b.pipeline, `indicators: ${join(b.dir, 'no-indicators')}\n${readFileSync(b.pipeline, 'utf8')}`);
    const p = loadPipeline(b.pipeline);
    const e = await runAll(p, { runs: 5, seed: 1 }).catch((x: unknown) => x);
    expect(isYardstickError(e) && e.issues[0].code).toBe('no_indicator_file');
    expect(existsSync(p.reports)).toBe(false);
    // The ingest stage committed on its own (a rerun after the fix skips the unchanged files).
    expect(await count(p.database, 'manifest')).toBe(8);
  });

  it('a reports folder that cannot be written is an exit-1 error after a complete database', async () => {
    const b = writeBundle();
    writeFileSync(join(b.dir, 'blocker'), 'a file where the reports folder should go');
    writeFileSync(b.pipeline, readFileSync(b.pipeline, 'utf8').replace(/^reports: .*$/m, `reports: ${join(b.dir, 'blocker/out')}`));
    const p = loadPipeline(b.pipeline);
    const e = await runAll(p, { runs: 5, seed: 1 }).catch((x: unknown) => x);
    expect(isYardstickError(e)).toBe(true);
    if (!isYardstickError(e)) return;
    expect(e.exitCode).toBe(1);
    expect(e.issues.map((i) => i.code)).toEqual(['enotdir', 'outputs_not_written']);
    expect(e.message).toContain(join(b.dir, 'blocker'));
    expect(e.message).toContain(`yardstick report ${b.pipeline}`);
    // Ingest, score and analyse are all in: scores for 2024 exist.
    expect(await count(p.database, 'scores WHERE year = 2024')).toBeGreaterThan(0);
  });
});
