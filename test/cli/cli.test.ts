/** The CLI contract: exit codes, located messages, --json output, schema files. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBundle } from '../helpers/bundle.js';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('yardstick CLI', () => {
  it('check passes on the sample pipeline and fails with file:line:col on a bad one', () => {
    expect(cli('check', 'pipelines/sample.yaml')).toMatchObject({ code: 0, out: expect.stringContaining('OK') });
    const dir = mkdtempSync(join(tmpdir(), 'ys-cli-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'sources:\n  - kind: attendance\n    files: "*.csv"\n    encodng: gbk\n');
    const r = cli('check', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${bad}:2:5`);
    expect(r.err).toContain('encodng');
  });

  it('ingest --json prints a summary whose counts add up; status agrees', () => {
    const b = writeBundle();
    const r = cli('ingest', b.pipeline, '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.totals.read).toBe(s.totals.loaded + s.totals.rejected + s.totals.duplicate);
    const st = JSON.parse(cli('status', b.pipeline, '--json').out);
    expect(st.reduce((n: number, f: { rows_read: number }) => n + f.rows_read, 0)).toBe(s.totals.read);
    expect(st.every((f: { balanced: boolean }) => f.balanced)).toBe(true);
  });

  it('schema writes JSON Schemas for the pipeline and indicator files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-schema-'));
    const r = cli('schema', '--out', dir);
    expect(r.code).toBe(0);
    const pipeline = JSON.parse(readFileSync(join(dir, 'pipeline.schema.json'), 'utf8'));
    expect(Object.keys(pipeline.properties)).toEqual(expect.arrayContaining(['database', 'sources', 'metrics']));
    const indicators = JSON.parse(readFileSync(join(dir, 'indicators.schema.json'), 'utf8'));
    expect(Object.keys(indicators.properties)).toEqual(expect.arrayContaining(['year', 'dimensions']));
  });

  it('an unexpected error exits with 2 and points to --debug', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-cli-'));
    const p = join(dir, 'p.yaml');
    // A database file that is not a DuckDB database: nothing we can name a remedy for.
    writeFileSync(join(dir, 'y.duckdb'), Buffer.alloc(8192, 7));
    writeFileSync(p, `database: ${join(dir, 'y.duckdb')}\ndata: ${dir}\nsources:\n  - {kind: units, files: none.csv}\n`);
    const r = cli('ingest', p);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--debug');
  });

  it('a database path that is a folder is the user\'s to fix: exit 1 naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-cli-'));
    const p = join(dir, 'p.yaml');
    writeFileSync(p, `database: ${dir}\ndata: ${dir}\nsources:\n  - {kind: units, files: none.csv}\n`);
    const r = cli('ingest', p);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${dir}：这是一个文件夹`);
  });
});

describe('scaffolding', () => {
  it('new-year copies the latest earlier file with the year moved on, and check accepts it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-ny-'));
    writeFileSync(join(dir, '2025.yaml'), readFileSync('indicators/2025.yaml'));
    const r = cli('new-year', '2026', '--indicators', dir);
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, '2026.yaml'), 'utf8');
    expect(text).toMatch(/^year: 2026$/m);
    expect(text).toContain('2026年度学习型党组织建设考核评价指标体系');
    expect(cli('check', join(dir, '2026.yaml')).code).toBe(0);
    expect(cli('new-year', '2026', '--indicators', dir).code).toBe(1); // never overwrites
  });

  it('init lays out a project whose pipeline passes check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-init-'));
    expect(cli('init', dir, '--year', '2026').code).toBe(0);
    const text = readFileSync(join(dir, 'indicators/2026.yaml'), 'utf8');
    expect(text).toMatch(/^year: 2026$/m);
    expect(cli('check', join(dir, 'pipeline.yaml')).err).not.toContain('错误 error');
  });
});
