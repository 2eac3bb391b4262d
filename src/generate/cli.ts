/**
 * `npm run gen -- …`: write the sample bundle, a synthetic bundle, or big clean
 * attendance registers. Argument parsing only; the work is in the library.
 *
 *   npm run gen -- --sample                                   data-samples/ (fixed seed)
 *   npm run gen -- --units 200 --years 2021-2025 --out /tmp/b  a synthetic bundle (format mix)
 *   npm run gen -- --units 1000 --years 2025 --rows-per-unit-year 10000 --only attendance --format gbk --out /tmp/big
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { YardstickError } from '../errors.js';

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

function years(v: string): [number, number] {
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(v.trim());
  if (!m) throw new InvalidArgumentError('expected a year or a range like 2021-2025');
  const a = Number(m[1]);
  const b = Number(m[2] ?? m[1]);
  if (b < a) throw new InvalidArgumentError('the range must not run backwards');
  return [a, b];
}

interface Options {
  sample?: boolean;
  units?: number;
  years?: [number, number];
  out?: string;
  seed: number;
  rowsPerUnitYear?: number;
  format: 'csv' | 'gbk' | 'xlsx' | 'mix';
  only?: 'attendance';
}

const program = new Command('gen')
  .description('Generate synthetic evaluation exports (学习型党组织建设考核评价) for tests and benchmarks')
  .option('--sample', 'write the committed sample bundle (江海市, 2021–2025, fixed seed) to --out or data-samples/')
  .option('--units <n>', 'number of units', positiveInt)
  .option('--years <a-b>', 'year or year range, e.g. 2021-2025', years)
  .option('--out <dir>', 'output folder')
  .option('--seed <s>', 'random seed', positiveInt, 1)
  .option('--rows-per-unit-year <k>', 'attendance rows per unit and year', positiveInt)
  .addOption(new Option('--format <f>', 'file formats').choices(['csv', 'gbk', 'xlsx', 'mix']).default('mix'))
  .addOption(new Option('--only <what>', 'write only this family (one clean register per year)').choices(['attendance']))
  .action(async (opts: Options) => {
    const t0 = performance.now();
    if (opts.sample) {
      const { generateSample } = await import('./sample.js');
      const r = await generateSample(opts.out ?? 'data-samples');
      console.log(`sample: ${r.files.length} files, ${r.dirt.length} dirt entries → ${opts.out ?? 'data-samples'}/`);
      return;
    }
    if (!opts.units || !opts.years || !opts.out) throw new YardstickError('需要 --units、--years 和 --out / --units, --years and --out are required (or use --sample)');
    if (opts.only === 'attendance') {
      const { generateAttendanceCsv, generateAttendanceXlsx } = await import('./attendance-file.js');
      const start = performance.now();
      const perUnit = opts.rowsPerUnitYear ?? 500;
      let total = 0;
      for (let year = opts.years[0]; year <= opts.years[1]; year++) {
        const common = { out: opts.out, rows: opts.units * perUnit, units: opts.units, seed: opts.seed, year };
        const r =
          opts.format === 'xlsx'
            ? await generateAttendanceXlsx(common)
            : await generateAttendanceCsv({ ...common, encoding: opts.format === 'gbk' ? 'gbk' : 'utf-8' });
        total += r.rows;
        console.log(`${r.file}: ${r.rows} rows`);
      }
      const s = (performance.now() - start) / 1000;
      console.log(`${total} rows in ${s.toFixed(2)} s (${Math.round(total / s)} rows/s)`);
      return;
    }
    const { generateBundle } = await import('./bundle.js');
    const r = await generateBundle({ out: opts.out, units: opts.units, years: opts.years, seed: opts.seed, format: opts.format, rowsPerUnitYear: opts.rowsPerUnitYear });
    const rows = Object.values(r.rows).reduce((a, b) => a + b, 0);
    console.log(`${r.files.length} files, ${rows} rows in ${((performance.now() - t0) / 1000).toFixed(2)} s → ${opts.out}/`);
  });

program.parseAsync().catch((e: unknown) => {
  if (e instanceof YardstickError) {
    console.error(e.message);
    process.exit(e.exitCode);
  }
  console.error('Unexpected error:', e);
  process.exit(2);
});
