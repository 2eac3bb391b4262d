/**
 * Many files in one run: the same rows as one file and as `parts` files, each run
 * in its own process. Guards against per-file costs that grow with what the run
 * has already staged (and, before, memory: 40 files of 25k rows ran out of it).
 */
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateAttendanceCsv } from '../src/generate/attendance-file.js';
import { child, type Timed } from './child.js';

export async function benchManyFiles(rowsPerPart = 25_000, parts = 40): Promise<string[]> {
  const dir = join(tmpdir(), 'yardstick-bench', 'many');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'parts'), { recursive: true });
  // A seed per part (one seed would write the same rows 40 times); one.csv is the parts end to end.
  const units = new Set<string>();
  const one = join(dir, 'one.csv');
  for (let i = 0; i < parts; i++) {
    const part = join(dir, 'parts', `att${String(i).padStart(3, '0')}.csv`);
    const r = await generateAttendanceCsv({ out: part, rows: rowsPerPart, units: 400, seed: i + 1, year: 2025 });
    r.units.forEach((u) => units.add(u));
    const lines = readFileSync(part, 'utf8');
    appendFileSync(one, i === 0 ? lines : lines.slice(lines.indexOf('\n') + 1));
  }
  writeFileSync(join(dir, 'units.csv'), ['单位名称,单位类型', ...[...units].map((u) => `${u},县支行`)].join('\n') + '\n');
  const pipeline = (name: string, files: string) => {
    const p = join(dir, `${name}.yaml`);
    writeFileSync(p, [`database: ${join(dir, `${name}.duckdb`)}`, `data: ${dir}`, `reports: ${join(dir, 'out')}`, 'sources:',
      '  - {kind: units, files: units.csv}', `  - {kind: attendance, files: "${files}", year: 2025}`, ''].join('\n'));
    return p;
  };
  const single = child('bench/ingest-child.ts', [pipeline('single', 'one.csv')]);
  const many = child('bench/ingest-child.ts', [pipeline('many', 'parts/*.csv')]);
  rmSync(dir, { recursive: true, force: true });
  const line = (name: string, r: Timed) => `  ${name.padEnd(30)} ${String(r.rows).padStart(9)} rows ${r.seconds.toFixed(2).padStart(6)} s  peak RSS ${Math.round(r.maxRssMb)} MB`;
  return [line('one file', single), line(`${parts} files of ${rowsPerPart.toLocaleString()} rows`, many), `  ${parts} files / one file: ${(many.seconds / single.seconds).toFixed(1)}× the time`];
}
