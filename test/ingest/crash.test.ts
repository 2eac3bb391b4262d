/**
 * Atomicity under a real crash: a child process is killed with SIGKILL in the
 * middle of its transaction; the database must be exactly as before. And a second
 * process on the same database gets a clear "in use" error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, loadPipeline, openDb } from '../../src/index.js';
import { csv, writeBundle } from '../helpers/bundle.js';

const cli = (args: string[], env: Record<string, string> = {}) =>
  spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });

function waitFor(child: ChildProcess, marker: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const on = (d: Buffer) => { text += d; if (text.includes(marker)) resolve(text); };
    child.stderr!.on('data', on);
    child.stdout!.on('data', on);
    child.on('exit', (code) => reject(new Error(`exited ${code} before "${marker}": ${text}`)));
  });
}

async function snapshot(dbPath: string) {
  const db = await openDb(dbPath);
  try {
    return {
      manifest: await db.all('SELECT * EXCLUDE (loaded_at, run_id) FROM manifest ORDER BY source_file'),
      attendance: await db.all('SELECT * FROM attendance ORDER BY source_file, source_row'),
      publications: await db.all('SELECT * FROM publications ORDER BY source_file, source_row'),
      units: await db.all('SELECT * FROM units ORDER BY unit_id'),
    };
  } finally {
    db.close();
  }
}

describe('crash safety', () => {
  it('kill -9 in the middle of a run leaves the database unchanged', async () => {
    const b = writeBundle();
    const p = loadPipeline(b.pipeline);
    await ingest(p);
    const before = await snapshot(p.database);
    // Change a reference file so the next run reloads everything, then kill it after 3 files.
    appendFileSync(join(b.data, 'ref/units.csv'), csv([['D3', '纪检组', 'C0', '内设部门', '', '']]));
    const child = cli(['ingest', b.pipeline], { YARDSTICK_TEST_PAUSE_AFTER_FILES: '3' });
    await waitFor(child, 'YARDSTICK_PAUSED');
    const signal = new Promise((r) => child.on('exit', (_code, sig) => r(sig)));
    child.kill('SIGKILL');
    expect(await signal).toBe('SIGKILL'); // it was alive, mid-transaction, when killed
    expect(await snapshot(p.database)).toEqual(before);
  });

  it('a second process on the same database gets a clear "in use" error', async () => {
    const b = writeBundle();
    const holder = cli(['ingest', b.pipeline], { YARDSTICK_TEST_PAUSE_AFTER_FILES: '1' });
    await waitFor(holder, 'YARDSTICK_PAUSED');
    const second = cli(['ingest', b.pipeline]);
    let err = '';
    second.stderr!.on('data', (d) => (err += d));
    const code = await new Promise((r) => second.on('exit', r));
    holder.kill('SIGKILL');
    expect(code).toBe(1);
    expect(err).toContain('database is in use');
  });
});
