/**
 * compare, weak, sensitivity, analyse, preview: thin wrappers over src/analyse (imported lazily so
 * `--help` stays fast). Each prints aligned tables, or JSON with --json (compare: `{ year, base_year,
 * rows, events }`, the events being the unit changes between the two years).
 */
import type { Command } from 'commander';
import { YardstickError } from '../../errors.js';

const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : s + '\n');
const json = (v: unknown) => out(JSON.stringify(v, null, 2));
const int = (flag: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new YardstickError(`${flag} 应为整数 / ${flag} must be an integer: ${v}`);
  return n;
};

async function open(file: string) {
  const { loadPipeline } = await import('../../config/load-pipeline.js');
  const { openDb } = await import('../../store/db.js');
  const { scoredYears } = await import('../../analyse/trees.js');
  const p = loadPipeline(file);
  const db = await openDb(p.database);
  const years = await scoredYears(db);
  if (!years.length) {
    db.close();
    throw new YardstickError('数据库中没有评分结果，请先运行 yardstick score / no scores in the database: run `yardstick score` first');
  }
  const names = new Map<string, string>();
  const hasUnits = await db.one(`select 1 as x from duckdb_tables() where table_name = 'units' and not temporary`);
  if (hasUnits) for (const r of await db.all<{ unit_id: string; name: string }>('select unit_id, any_value(name) as name from units group by unit_id')) names.set(r.unit_id, r.name);
  return { p, db, years, names, latest: years[years.length - 1] };
}

export function registerAnalyseCommands(program: Command) {
  program
    .command('compare <pipeline>')
    .description('年度对比：得分、名次、等级变化与趋势 / year-over-year comparison of scores, ranks and grades')
    .option('--years <a,b>', 'base year and year, e.g. 2024,2025 (default: the last two scored years)')
    .option('--level <n>', 'deepest level shown: 0 composite, 1 dimensions, 2 indicators', int('--level'), 0)
    .option('--json', 'machine-readable')
    .action(async (file: string, o: { years?: string; level: number; json?: boolean }) => {
      const { db, years, names, latest } = await open(file);
      try {
        const { compareYears, formatComparisons, formatComparableReasons } = await import('../../analyse/index.js');
        const ys = o.years?.split(',').map((y) => int('--years')(y.trim())) ?? [];
        const year = ys.length ? Math.max(...ys) : latest;
        const baseYear = ys.length > 1 ? Math.min(...ys) : years.filter((y) => y < year).pop();
        const rows = await compareYears(db, { year, baseYear });
        // Units merged away, abolished, split or new between the two years: said, never just missing.
        const { compareEvents, formatCompareEvents } = await import('../../analyse/compare-events.js');
        const events = await compareEvents(db, year, baseYear);
        // JSON: the rows and the unit events, each event with the units' names
        if (o.json) json({ year, base_year: baseYear ?? null, rows, events: events.map((e) => ({ ...e, unit_name: names.get(e.unit_id) ?? null, other_name: e.other_id === null ? null : names.get(e.other_id) ?? null })) });
        else out([formatComparisons(rows, names, o.level), formatCompareEvents(events, names), formatComparableReasons(rows, o.level)].filter(Boolean).join('\n'));
      } finally {
        db.close();
      }
    });

  program
    .command('weak <pipeline>')
    .description('薄弱环节：按 analysis.weak 规则标记单位 / weak branches by the analysis.weak rules')
    .option('--year <year>', 'year (default: the latest scored)', int('--year'))
    .option('--json', 'machine-readable')
    .action(async (file: string, o: { year?: number; json?: boolean }) => {
      const { p, db, names, latest } = await open(file);
      try {
        const { weakYear, formatFlags, formatWeak } = await import('../../analyse/index.js');
        const res = await weakYear(db, p, o.year ?? latest);
        if (o.json) json(res);
        else out(`${formatWeak(res.year, res.followUp)}\n\n${formatFlags(res.flags, names)}`);
      } finally {
        db.close();
      }
    });

  program
    .command('sensitivity <pipeline>')
    .description('权重敏感性（蒙特卡洛）/ weight sensitivity (seeded Monte Carlo)')
    .option('--year <year>', 'year (default: the latest scored)', int('--year'))
    .option('--runs <n>', 'Monte Carlo runs (default 1000)', int('--runs'))
    .option('--seed <n>', 'random seed (default 1)', int('--seed'))
    .option('--band <x>', 'weight perturbation band, e.g. 0.2 for ±20%', (v) => Number(v))
    .option('--json', 'machine-readable')
    .action(async (file: string, o: { year?: number; runs?: number; seed?: number; band?: number; json?: boolean }) => {
      const { p, db, names, latest } = await open(file);
      try {
        const { sensitivity, formatSensitivity, resolveAnalysis } = await import('../../analyse/index.js');
        const d = resolveAnalysis(p.analysis).sensitivity;
        const res = await sensitivity(db, { year: o.year ?? latest, runs: o.runs ?? d.runs, seed: o.seed ?? d.seed, band: o.band ?? d.band });
        if (o.json) json(res);
        else out(formatSensitivity(res, names));
      } finally {
        db.close();
      }
    });

  program
    .command('preview <pipeline>')
    .description('用指标体系草案重算已评分年度，与正式结果并列（不写入结果）/ score a scored year with a draft tree, side by side with the official result (nothing is stored)')
    .requiredOption('--tree <file>', 'the draft indicator file, e.g. indicators/2026.yaml')
    .option('--on <year>', 'the scored year whose data is used (default: the latest scored)', int('--on'))
    .option('--json', 'machine-readable')
    .action(async (file: string, o: { tree: string; on?: number; json?: boolean }) => {
      const { p, db, names, latest } = await open(file);
      try {
        const { loadIndicatorTree } = await import('../../indicators/load-tree.js');
        const { knownMetricIds } = await import('../../metrics/catalog.js');
        const { previewTree } = await import('../../analyse/preview.js');
        const { formatPreview } = await import('../../analyse/format-preview.js');
        const { metricIdsInData } = await import('../../metrics/metric-ids-in-data.js');
        const loaded = loadIndicatorTree(o.tree, [...knownMetricIds(p), ...(await metricIdsInData(db))]);
        YardstickError.throwIfErrors(loaded.issues);
        const res = await previewTree(db, { year: o.on ?? latest, draft: loaded.tree! });
        if (o.json) json(res);
        else out(formatPreview(res, names));
      } finally {
        db.close();
      }
    });

  program
    .command('analyse <pipeline>')
    .description('分析阶段：对比、权重影响、敏感性、薄弱环节、整改跟踪 / analyse: compare, weight impact, sensitivity, weak branches, follow-up')
    .option('--year <year>', 'one year (default: every scored year, oldest first)', int('--year'))
    .option('--runs <n>', 'Monte Carlo runs', int('--runs'))
    .option('--seed <n>', 'random seed', int('--seed'))
    .option('--json', 'machine-readable')
    .action(async (file: string, o: { year?: number; runs?: number; seed?: number; json?: boolean }) => {
      const { p, db, names } = await open(file);
      try {
        const { analyse, analyseAll, formatAnalyse } = await import('../../analyse/index.js');
        const opts = { runs: o.runs, seed: o.seed };
        const res = o.year !== undefined ? [await analyse(db, p, { ...opts, year: o.year })] : await analyseAll(db, p, opts);
        if (o.json) json(res);
        else out(res.map((s) => formatAnalyse(s, names)).join('\n\n'));
      } finally {
        db.close();
      }
    });
}
