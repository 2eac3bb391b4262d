/** The terminal progress printer: a live line redrawn in place, permanent lines per loaded file. */
import { describe, expect, it } from 'vitest';
import { createProgressPrinter } from '../../src/cli/progress.js';
import type { FileEvent } from '../../src/index.js';

const CLEAR = '\r\x1b[2K';
const counts = (read: number) => ({ read, loaded: read, rejected: 0, duplicate: 0, blank: 0 });
const file = (e: Partial<FileEvent>): FileEvent => ({
  path: 'a.csv', kind: 'attendance', index: 1, total: 2, bytesDone: 0, bytesTotal: 1000, counts: counts(0), seconds: 1, ...e,
});

describe('progress printer', () => {
  it('redraws one live line: a bar for a CSV read, seconds while loading', () => {
    const out: string[] = [];
    const p = createProgressPrinter((s) => out.push(s));
    p.onProgress({ phase: 'read', path: 'big.csv', index: 2, total: 3, seconds: 1.2, percent: 50 });
    p.onProgress({ phase: 'load', path: 'big.csv', index: 2, total: 3, seconds: 3.25, percent: 80 });
    expect(out[0]).toBe(`${CLEAR}读取 reading 2/3 big.csv  ${'█'.repeat(12)}${'░'.repeat(12)} 50%`);
    expect(out[1]).toMatch(/^\r\x1b\[2K载入 loading 2\/3 big\.csv {2}\S 3\.3s$/);
    expect(out.join('')).not.toContain('\n'); // nothing scrolls until a file is done
  });

  it('clears the live line before a file line; gives an ETA only once a twentieth is loaded', () => {
    const out: string[] = [];
    const p = createProgressPrinter((s) => out.push(s));
    p.onProgress({ phase: 'load', path: 'units.csv', index: 1, total: 2, seconds: 0.3 });
    p.onFile(file({ path: 'units.csv', index: 1, bytesDone: 10, bytesTotal: 1000, counts: counts(40), seconds: 0.5 }));
    expect(out[1]).toBe(CLEAR);
    expect(out[2]).toContain('1/2 units.csv  40 行 rows  80 行/秒 rows/s  剩余 ETA —\n');
    // 0.5 + 2 s of loading for 110 of 1000 bytes → 890 × 2.5 / 110 s to go.
    p.onFile(file({ path: 'att.csv', index: 2, bytesDone: 110, bytesTotal: 1000, counts: counts(1000), seconds: 2 }));
    expect(out[3]).toContain(`att.csv  1,000 行 rows  500 行/秒 rows/s  剩余 ETA ${((890 * 2.5) / 110).toFixed(1)}s\n`);
    p.done();
    expect(out).toHaveLength(4); // no live line left to clear
  });
});
