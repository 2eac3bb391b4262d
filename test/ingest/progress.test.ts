/**
 * Live progress (progress-ticker.ts): while a big file is read and loaded, the run
 * is polled and reports which file, which phase, and how far a CSV read is.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, loadPipeline, type ProgressEvent } from '../../src/index.js';
import { generateAttendanceCsv } from '../../src/generate/attendance-file.js';

describe('live progress', () => {
  it('reports the read (with the share of the CSV read) and the load of each file, in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-progress-'));
    const att = await generateAttendanceCsv({ out: join(dir, 'att.csv'), rows: 300_000, units: 20, seed: 3, year: 2025 });
    writeFileSync(join(dir, 'units.csv'), ['单位名称,单位类型', ...att.units.map((u) => `${u},县支行`)].join('\n') + '\n');
    writeFileSync(join(dir, 'p.yaml'), [`database: ${join(dir, 'db.duckdb')}`, `data: ${dir}`, `reports: ${join(dir, 'out')}`, 'sources:',
      '  - {kind: units, files: units.csv}', '  - {kind: attendance, files: att.csv, year: 2025}', ''].join('\n'));
    const seen: ProgressEvent[] = [];
    const s = await ingest(loadPipeline(join(dir, 'p.yaml')), { onProgress: (e) => seen.push(e), progressEveryMs: 5 });
    expect(s.totals.read).toBe(300_000 + 20);

    const big = seen.filter((e) => e.path === att.file);
    const reads = big.filter((e) => e.phase === 'read');
    const loads = big.filter((e) => e.phase === 'load');
    expect(reads.length).toBeGreaterThan(0);
    expect(loads.length).toBeGreaterThan(0);
    expect(big.every((e) => e.index === 2 && e.total === 2)).toBe(true);
    // Every read event comes before every load event: files land first, then load in one transaction.
    expect(seen.indexOf(reads.at(-1)!)).toBeLessThan(seen.indexOf(loads[0]));
    // DuckDB's share of the CSV read: some value strictly inside, all within 0–100.
    const shares = reads.map((e) => e.percent).filter((p): p is number => p !== undefined);
    expect(shares.every((p) => p >= 0 && p <= 100)).toBe(true);
    expect(shares.some((p) => p > 0 && p < 100)).toBe(true);
    // Seconds count up within a phase.
    expect(loads.at(-1)!.seconds).toBeGreaterThanOrEqual(loads[0].seconds);
  }, 60_000);
});
