/**
 * `npm run bench [-- --rows 1000000,10000000] [--units 400] [--rescorings 20] [--run-rows 10000000] [--big-rows 10000000]`
 *   [--old-report <worktree of an older commit>] (its report timed in the same run)
 *   (`--no-many`, `--no-big`, `--no-score`, `--no-run`, `--no-report` skip parts)
 *
 * Ingest: generates clean attendance CSVs (UTF-8 and GBK) and, in the same run,
 * times Yardstick's ingest against DuckDB's native read_csv into a fresh file
 * (DuckDB defaults; and again with the storage format Yardstick writes).
 * Each measurement runs in its own child process so peak RSS is the process's own.
 * Figures are ratios against the baseline measured in this run (the machine is noisy).
 * Scoring: bench/score.ts (the real engine on 2000 units × 5 years × 20 indicators).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateAttendanceCsv } from '../src/generate/attendance-file.js';
import { child } from './child.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const sizes = arg('rows', '1000000,10000000').split(',').map(Number);
const unitCount = Number(arg('units', '400'));
const root = join(tmpdir(), 'yardstick-bench');

async function benchSize(rows: number) {
  const dir = join(root, String(rows));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const utf8 = await generateAttendanceCsv({ out: join(dir, 'att-utf8.csv'), rows, units: unitCount, seed: 1, year: 2025 });
  await generateAttendanceCsv({ out: join(dir, 'att-gbk.csv'), rows, units: unitCount, seed: 1, year: 2025, encoding: 'gbk' });
  writeFileSync(join(dir, 'units.csv'), ['单位名称,单位类型', ...utf8.units.map((u) => `${u},县支行`)].join('\n') + '\n');
  const pipeline = (file: string) => {
    const p = join(dir, `pipeline-${file}.yaml`);
    writeFileSync(p, [`database: ${join(dir, `ys-${file}.duckdb`)}`, `data: ${dir}`, `reports: ${join(dir, 'out')}`, 'sources:',
      '  - {kind: units, files: units.csv}', `  - {kind: attendance, files: ${file}, year: 2025}`, ''].join('\n'));
    return p;
  };
  const native = child('bench/native-child.ts', [join(dir, 'native.duckdb'), '-', utf8.file]);
  const native13 = child('bench/native-child.ts', [join(dir, 'native13.duckdb'), 'v1.3.0', utf8.file]);
  const ys = child('bench/ingest-child.ts', [pipeline('att-utf8.csv')]);
  const gbk = child('bench/ingest-child.ts', [pipeline('att-gbk.csv')]);
  const rate = (r: { rows: number; seconds: number }) => Math.round(r.rows / r.seconds);
  const line = (name: string, r: { rows: number; seconds: number; maxRssMb: number }) =>
    `  ${name.padEnd(28)} ${String(r.rows).padStart(10)} rows ${r.seconds.toFixed(2).padStart(7)} s ${String(rate(r)).padStart(10)} rows/s  ${(rate(r) / rate(native)).toFixed(2)}× native  peak RSS ${Math.round(r.maxRssMb)} MB`;
  console.log(`\n== ingest ${rows.toLocaleString()} attendance rows, ${unitCount} units ==`);
  console.log(line('DuckDB read_csv (baseline)', native));
  console.log(line('  same, storage v1.3.0', native13));
  console.log(line('yardstick ingest UTF-8', ys));
  console.log(line('yardstick ingest GBK', gbk));
  console.log(`  against the v1.3.0-storage baseline (Yardstick's own format): UTF-8 ${(native13.seconds / ys.seconds).toFixed(2)}×, GBK ${(native13.seconds / gbk.seconds).toFixed(2)}×`);
  rmSync(dir, { recursive: true, force: true });
}

for (const n of sizes) await benchSize(n);
if (!process.argv.includes('--no-many')) {
  const { benchManyFiles } = await import('./many-files.js');
  console.log('\n== ingest 1M rows as one file and as 40 files ==');
  for (const line of await benchManyFiles()) console.log(line);
}
if (!process.argv.includes('--no-big')) {
  const { benchBigCase } = await import('./big-case.js');
  const big = Number(arg('big-rows', '10000000'));
  console.log(`\n== issue 13 case: 2,000 units with parents, 40,000 members, ${big.toLocaleString()} attendance rows, 760k exams ==`);
  for (const line of await benchBigCase(big)) console.log(line);
}
if (!process.argv.includes('--no-score')) {
  const { benchScore } = await import('./score.js');
  console.log('\n== scoring (issue #3) ==');
  for (const line of await benchScore(Number(arg('rescorings', '20')))) console.log(line);
  const { benchSensitivity } = await import('./sensitivity.js');
  console.log('\n== sensitivity (issue #4) ==');
  console.log(await benchSensitivity());
}
if (!process.argv.includes('--no-run')) {
  const { benchWholeRun } = await import('./whole-run.js');
  console.log('\n== whole run (issue #5) ==');
  for (const line of await benchWholeRun(Number(arg('run-rows', '10000000')))) console.log(line);
}
if (!process.argv.includes('--no-report')) {
  const { benchReport } = await import('./report.js');
  console.log('\n== report (issue #5) ==');
  for (const line of await benchReport(process.argv.includes('--old-report') ? arg('old-report', '') : undefined)) console.log(line);
}
