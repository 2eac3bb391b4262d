/**
 * Environment errors are the user's to fix: exit 1 with the path and what to do, not
 * exit 2 "unexpected". `status` only reads the database.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentError, isYardstickError, YardstickError } from '../../src/errors.js';
import { findFiles } from '../../src/ingest/find-files.js';
import { openDb } from '../../src/store/db.js';
import { ensureSchema } from '../../src/store/schema.js';
import { ingest, loadPipeline } from '../../src/index.js';
import { writeBundle } from '../helpers/bundle.js';
import { generateAttendanceCsv } from '../../src/generate/attendance-file.js';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const errno = (code: string, path: string, syscall = 'open') =>
  Object.assign(new Error(`${code}: failed, ${syscall} '${path}'`), { code, path, syscall });

describe('environmentError', () => {
  it.each([
    ['ENOSPC', '磁盘空间不足', 'free some disk space'],
    ['EROFS', '只读文件系统', 'writable folder'],
    ['EACCES', '没有访问权限', 'permission'],
    ['ELOOP', '符号链接循环', 'remove or fix the link'],
    ['ENOTDIR', '是文件而不是文件夹', 'check the paths'],
  ])('%s from Node names the path and the remedy in zh and en, exit 1', (code, zh, en) => {
    const e = environmentError(errno(code, '/data/reports/rejects.csv'));
    expect(e).toBeInstanceOf(YardstickError);
    expect(e!.exitCode).toBe(1);
    expect(e!.issues[0].code).toBe(code.toLowerCase());
    expect(e!.message).toContain('/data/reports/rejects.csv');
    expect(e!.message).toContain(zh);
    expect(e!.message).toContain(en);
  });

  it('reads DuckDB IO errors by their text (they carry no errno code)', () => {
    const e = environmentError(new Error('IO Error: Could not write file "/mnt/db/y.duckdb.wal": No space left on device'));
    expect(e?.issues[0].code).toBe('enospc');
    expect(e!.message).toContain('/mnt/db/y.duckdb.wal');
    expect(environmentError(new Error('IO Error: Cannot open file "/ro/y.duckdb": Read-only file system'))?.issues[0].code).toBe('erofs');
  });

  it('reads DuckDB\'s out-of-memory error as the memory limit to raise, naming no path', () => {
    const e = environmentError(new Error("Out of Memory Error: failed to allocate data of size 1.0 MiB (285.1 MiB/286.1 MiB used) 'x'"));
    expect(e?.issues[0].code).toBe('out_of_memory');
    expect(e!.message).toMatch(/^数据库引擎用尽了允许的内存（OUT_OF_MEMORY）。请在流水线文件中调高 memory_limit/);
    expect(e!.message).toContain('raise memory_limit in the pipeline file');
  });

  it('a memory limit reached while landing a CSV is that, not a malformed CSV (exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-oom-'));
    await generateAttendanceCsv({ out: join(dir, 'att.csv'), rows: 200_000, units: 20, seed: 1, year: 2025 });
    writeFileSync(join(dir, 'p.yaml'), `database: ${join(dir, 'y.duckdb')}\ndata: ${dir}\nmemory_limit: 32MB\nsources:\n  - {kind: attendance, files: att.csv, year: 2025}\n`);
    const e = await ingest(loadPipeline(join(dir, 'p.yaml'))).catch((x: unknown) => x);
    expect(isYardstickError(e) && e.issues.map((i) => i.code)).toEqual(['out_of_memory']);
  });

  it('leaves other errors alone (they stay unexpected)', () => {
    expect(environmentError(new Error('Binder Error: column x not found'))).toBeUndefined();
    expect(environmentError(errno('ECONNRESET', '/x'))).toBeUndefined();
    expect(environmentError(new YardstickError('already a user error'))).toBeUndefined();
  });
});

describe('environment errors through the CLI', () => {
  it('a symbolic-link loop in the data folder exits 1 naming the link (was an unexpected error, exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-loop-'));
    mkdirSync(join(dir, 'data'));
    symlinkSync(join(dir, 'data/b'), join(dir, 'data/a'));
    symlinkSync(join(dir, 'data/a'), join(dir, 'data/b'));
    const p = join(dir, 'p.yaml');
    writeFileSync(p, `database: ${join(dir, 'db/y.duckdb')}\ndata: ${join(dir, 'data')}\nsources:\n  - {kind: units, files: "*.csv"}\n`);
    expect(() => findFiles(join(dir, 'data'), '*.csv')).toThrow(/ELOOP/);
    const r = cli('ingest', p);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`${join(dir, 'data')}/[ab]：符号链接循环`));
    expect(r.err).toContain('remove or fix the link');
    expect(r.err).not.toContain('--debug');
  });

  it('a database path under a file (ENOTDIR) exits 1 naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-notdir-'));
    writeFileSync(join(dir, 'file'), 'x');
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data/u.csv'), '单位编码,单位名称\nA,甲\n');
    const p = join(dir, 'p.yaml');
    writeFileSync(p, `database: ${join(dir, 'file/sub/y.duckdb')}\ndata: ${join(dir, 'data')}\nsources:\n  - {kind: units, files: u.csv}\n`);
    const r = cli('ingest', p);
    expect(r.code).toBe(1);
    expect(r.err).toContain(join(dir, 'file'));
    expect(r.err).toContain('ENOTDIR');
  });
});

/**
 * A real "disk full" without root: /dev/full fails every write with ENOSPC. The rejects.csv
 * writer's temp files are named `<target>.<pid>.tmp` (Node writes it) and `….tmp.body`
 * (DuckDB's COPY writes it); a link from either name to /dev/full makes that write fail.
 */
describe.skipIf(!existsSync('/dev/full'))('disk full while writing rejects.csv', () => {
  it.each([['Node', ''], ['DuckDB', '.body']])('ENOSPC from %s: named with its path, the database committed and consistent', async (_who, suffix) => {
    const b = writeBundle();
    const p = loadPipeline(b.pipeline);
    const tmp = `${join(p.reports, 'rejects.csv')}.${process.pid}.tmp`;
    mkdirSync(p.reports, { recursive: true });
    symlinkSync('/dev/full', tmp + suffix);
    const e = await ingest(p).catch((x: unknown) => x);
    const env = environmentError(e);
    expect(env?.issues[0].code).toBe('enospc');
    expect(env!.message).toContain(p.reports);
    expect(env!.message).toContain('磁盘空间不足');
    expect(existsSync(join(p.reports, 'rejects.csv'))).toBe(false);
    // The load itself committed before the file was written: a rerun has nothing to load and writes the file.
    rmSync(tmp + suffix, { force: true });
    const again = await ingest(p);
    expect(again.files).toEqual([]);
    expect(again.unchanged).toHaveLength(8);
    expect(readFileSync(join(p.reports, 'rejects.csv'), 'utf8')).toContain('bad_date');
  });
});

describe('status is read-only', () => {
  const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

  it('with no database it says nothing is loaded and creates nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-status-'));
    const p = join(dir, 'p.yaml');
    writeFileSync(p, `database: ${join(dir, 'db/y.duckdb')}\ndata: ${dir}\nsources:\n  - {kind: units, files: u.csv}\n`);
    const r = cli('status', p);
    expect(r.code).toBe(0);
    expect(r.out).toContain('尚未载入任何文件');
    expect(existsSync(join(dir, 'db'))).toBe(false);
  });

  it('reads the manifest without changing a byte of the file, while another process holds it open read-only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-status-'));
    const path = join(dir, 'y.duckdb');
    const db = await openDb(path);
    await ensureSchema(db);
    await db.run(`INSERT INTO manifest (source_file, sha256, kind, rows_read, rows_loaded, rows_rejected, rows_duplicate, rows_blank)
                  VALUES ('a.csv', 'x', 'units', 5, 3, 1, 1, 0)`);
    db.close();
    const before = sha(path);
    const p = join(dir, 'p.yaml');
    writeFileSync(p, `database: ${path}\ndata: ${dir}\nsources:\n  - {kind: units, files: a.csv}\n`);
    const reader = await openDb(path, { readOnly: true }); // a second reader: a writer would be refused the lock
    try {
      const r = cli('status', p, '--json');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject([{ source_file: 'a.csv', rows_read: 5, rows_loaded: 3, rows_rejected: 1, rows_duplicate: 1, balanced: true }]);
    } finally {
      reader.close();
    }
    expect(sha(path)).toBe(before);
    expect(existsSync(`${path}.wal`)).toBe(false);
  });
});
