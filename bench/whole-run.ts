/**
 * Whole-run benchmark (issues #5, #14): `yardstick run` (ingest → metrics → score →
 * analyse → report) on N generated attendance rows over 2,000 units and 5 years, in its
 * own process (peak RSS), against DuckDB's native load + aggregate of the same files
 * (read_csv, then attendance rate and hours per unit) into a fresh database, measured in
 * the same run; then the same run again, whose unchanged years are not re-rendered. A
 * two-indicator tree is used because the generated files hold attendance only.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateAttendanceCsv } from '../src/generate/attendance-file.js';
import { child, type Timed } from './child.js';
import { DuckDBInstance } from '@duckdb/node-api';
import { quotedString } from '../src/store/db.js';

const TREE = `year: 2025
label: {zh: 基准, en: bench}
dimensions:
  - id: process
    label: {zh: 学习过程, en: Process}
    weight: 100
    indicators:
      - {id: attendance_rate, label: {zh: 出勤率, en: Attendance}, weight: 50, metric: attendance_rate, normalise: {method: goalposts, lo: 0.5, hi: 0.9}}
      - {id: attended_hours, label: {zh: 出勤学时, en: Hours}, weight: 50, metric: attended_hours}
`;

/**
 * `rows` attendance rows over `units` units and `years` years (one file per year), each year with
 * the two-indicator tree. The run is timed in a child process (peak RSS is its own), then run again
 * on unchanged files: every year's report is then left as it was (not rendered again).
 */
export async function benchWholeRun(rows: number, units = 2000, years = 5): Promise<string[]> {
  const dir = join(tmpdir(), 'yardstick-bench-run');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'indicators'), { recursive: true });
  try {
    const ys = Array.from({ length: years }, (_, i) => 2025 - years + 1 + i);
    const files: string[] = [];
    let names: string[] = [];
    for (const [i, year] of ys.entries()) {
      const per = Math.floor(rows / years) + (i < rows % years ? 1 : 0);
      const att = await generateAttendanceCsv({ out: join(dir, `att-${year}.csv`), rows: per, units, seed: 1, year });
      files.push(att.file);
      names = att.units;
      writeFileSync(join(dir, 'indicators', `${year}.yaml`), TREE.replace('year: 2025', `year: ${year}`));
    }
    writeFileSync(join(dir, 'units.csv'), ['单位名称,单位类型', ...names.map((u) => `${u},县支行`)].join('\n') + '\n');
    writeFileSync(join(dir, 'p.yaml'), [`database: ${join(dir, 'ys.duckdb')}`, `data: ${dir}`, `indicators: ${join(dir, 'indicators')}`,
      `reports: ${join(dir, 'out')}`, 'sources:', '  - {kind: units, files: units.csv}',
      ...ys.map((y) => `  - {kind: attendance, files: att-${y}.csv, year: ${y}}`), ''].join('\n'));
    const native = await nativeLoadAggregate(files, join(dir, 'native.duckdb'));
    const first = child('bench/whole-run-child.ts', [join(dir, 'p.yaml')]) as Timed & { reports: number; skipped: number };
    const again = child('bench/whole-run-child.ts', [join(dir, 'p.yaml')]) as Timed & { reports: number; skipped: number };
    return [
      `  yardstick run on ${rows.toLocaleString()} rows, ${units} units × ${years} years: ${first.seconds.toFixed(1)} s, peak RSS ${Math.round(first.maxRssMb)} MB · native read_csv + aggregate: ${native.toFixed(1)} s · ratio ${(native / first.seconds).toFixed(2)}×`,
      `  the same run again on unchanged files: ${again.seconds.toFixed(1)} s, ${again.skipped} of ${again.reports} reports not re-rendered (unchanged), peak RSS ${Math.round(again.maxRssMb)} MB`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** DuckDB with its defaults (no Yardstick settings): the baseline. */
async function nativeLoadAggregate(files: string[], dbPath: string): Promise<number> {
  const instance = await DuckDBInstance.create(dbPath);
  const db = await instance.connect();
  try {
    const t0 = performance.now();
    await db.run(`CREATE TABLE attendance AS SELECT * FROM read_csv([${files.map(quotedString).join(', ')}], header = true)`);
    await db.run(`CREATE TABLE unit_metrics AS SELECT "单位名称" AS unit, avg(("出勤情况" = '出席')::INT) AS attendance_rate,
      sum(CASE WHEN "出勤情况" = '出席' THEN "时长（小时）" END) AS attended_hours FROM attendance GROUP BY 1`);
    await db.run('CHECKPOINT');
    return (performance.now() - t0) / 1000;
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('\n== whole run (issue #5) ==');
  for (const line of await benchWholeRun(Number(process.argv[2] ?? 1_000_000))) console.log(line);
}
