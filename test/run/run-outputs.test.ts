/**
 * `run` writes nothing outside the database (reports, rejects.csv) until ingest,
 * score and analyse have all committed; a failure writing them is a clear error
 * after a complete database.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
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

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

describe('run: the reports read the finished database through a fresh handle', () => {
  it('writes the same files as when one handle serves every stage (an in-memory database)', async () => {
    // one bundle, two pipelines: a database file (reopened for the reports) and an in-memory one
    const b = writeBundle();
    const pipeline = readFileSync(b.pipeline, 'utf8');
    writeFileSync(b.pipeline, pipeline.replace(/^reports: .*$/m, `reports: ${join(b.dir, 'out-a')}`));
    const inMemory = join(b.dir, 'in-memory.yaml');
    writeFileSync(inMemory, pipeline.replace(/^reports: .*$/m, `reports: ${join(b.dir, 'out-b')}`).replace(/^database: .*$/m, 'database: ":memory:"'));
    // PNG copies read nothing from the database: left out (png: false), which halves the reports' time
    const a = await runAll(loadPipeline(b.pipeline), { runs: 5, seed: 1, png: false });
    await runAll(loadPipeline(inMemory), { runs: 5, seed: 1, png: false });
    const outA = join(b.dir, 'out-a');
    const outB = join(b.dir, 'out-b');
    // every year in both languages, each rendered (none left as it was)
    expect(a.score.years.length).toBeGreaterThan(0);
    expect(a.reports.map((r) => relative(outA, r.dir))).toEqual(a.score.years.flatMap((y) => [`${y.year}`, `${y.year}-en`]));
    expect(a.reports.every((r) => !r.skipped && r.files.length > 0)).toBe(true);
    const files = filesUnder(outA);
    expect(files).toEqual(filesUnder(outB));
    expect(files.filter((f) => f.endsWith('.svg')).length).toBeGreaterThan(0);
    expect(files.filter((f) => f.endsWith('.png'))).toEqual([]);
    // rejects.csv needs the cleaning macros on the reports' connection: all the ingest's rejects are in it
    const rejects = readFileSync(join(outA, 'rejects.csv'), 'utf8').trim().split('\n');
    expect(rejects.length - 1).toBe(await count(loadPipeline(b.pipeline).database, 'rejects'));
    expect(rejects.length).toBeGreaterThan(5);
    // Text files byte for byte, except the reports folder, the time a report was generated and the
    // ids numbered per process (tables, Vega's gradients), which went on counting in the second run;
    // the zip-based results.xlsx and .docx carry their creation time and are left out.
    const text = (out: string, f: string) => readFileSync(join(out, f), 'utf8').replaceAll(out, '<out>')
      .replace(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/g, '<generated>').replace(/\b(table-|gradient_)\d+/g, '$1<n>');
    for (const f of files.filter((x) => /\.(html|csv|svg|json)$/.test(x))) expect({ f, text: text(outA, f) }).toEqual({ f, text: text(outB, f) });
    for (const f of files.filter((x) => x.endsWith('.png'))) expect(readFileSync(join(outA, f)).equals(readFileSync(join(outB, f))), f).toBe(true);
  }, 120_000);
});
