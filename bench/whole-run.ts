/**
 * Whole-run benchmark (issue #5): `yardstick run` (ingest → metrics → score →
 * analyse → report) on N generated attendance rows, against DuckDB's native
 * load + aggregate of the same file (read_csv, then attendance rate and hours per
 * unit) into a fresh database, measured in the same run. A two-indicator tree is
 * used because the generated file holds attendance only.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateAttendanceCsv } from '../src/generate/attendance-file.js';
import { loadPipeline } from '../src/config/load-pipeline.js';
import { runAll } from '../src/run/run.js';
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

export async function benchWholeRun(rows: number): Promise<string[]> {
  const dir = join(tmpdir(), 'yardstick-bench-run');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'indicators'), { recursive: true });
  try {
    const att = await generateAttendanceCsv({ out: join(dir, 'att.csv'), rows, units: 400, seed: 1, year: 2025 });
    writeFileSync(join(dir, 'units.csv'), ['单位名称,单位类型', ...att.units.map((u) => `${u},县支行`)].join('\n') + '\n');
    writeFileSync(join(dir, 'indicators', '2025.yaml'), TREE);
    writeFileSync(join(dir, 'p.yaml'), [`database: ${join(dir, 'ys.duckdb')}`, `data: ${dir}`, `indicators: ${join(dir, 'indicators')}`,
      `reports: ${join(dir, 'out')}`, 'sources:', '  - {kind: units, files: units.csv}', '  - {kind: attendance, files: att.csv, year: 2025}', ''].join('\n'));
    const native = await nativeLoadAggregate(att.file, join(dir, 'native.duckdb'));
    const t0 = performance.now();
    await runAll(loadPipeline(join(dir, 'p.yaml')), { runs: 1000, seed: 1 });
    const run = (performance.now() - t0) / 1000;
    return [`  yardstick run on ${rows.toLocaleString()} rows: ${run.toFixed(1)} s · native read_csv + aggregate: ${native.toFixed(1)} s · ratio ${(native / run).toFixed(2)}×`];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** DuckDB with its defaults (no Yardstick settings): the baseline. */
async function nativeLoadAggregate(file: string, dbPath: string): Promise<number> {
  const instance = await DuckDBInstance.create(dbPath);
  const db = await instance.connect();
  try {
    const t0 = performance.now();
    await db.run(`CREATE TABLE attendance AS SELECT * FROM read_csv(${quotedString(file)}, header = true)`);
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
