/** ingest, check, status, schema, score: thin wrappers over src/index.ts. */
import type { Command } from 'commander';
import { progressPrinter } from '../progress.js';

// Loaded when a command runs, and only what it needs, as the other command files do: all of it is 2.5 s
// of imports (DuckDB, exceljs, Vega …), which `--help`, `check`, `init` and `new-year` do without.
const loadApi = () => import('../../index.js');

const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : s + '\n');
const json = (v: unknown) => out(JSON.stringify(v, null, 2));

export function registerCoreCommands(program: Command) {
  program
    .command('ingest <pipeline>')
    .description('载入导出文件到 DuckDB / load export files into the database')
    .option('--keep-names', 'keep member names instead of pseudonymising them')
    .option('--force', 'reload every file even when unchanged')
    .option('--json', 'print a machine-readable summary')
    .action(async (file: string, o: { keepNames?: boolean; force?: boolean; json?: boolean }) => {
      const api = await loadApi();
      const p = api.loadPipeline(file);
      const progress = progressPrinter(!o.json && Boolean(process.stderr.isTTY));
      const s = await api.ingest(p, {
        keepNames: o.keepNames, force: o.force, onFile: progress?.onFile, onProgress: progress?.onProgress,
      }).finally(() => progress?.done());
      if (o.json) {
        json(s);
        return;
      }
      out(api.formatIngestSummary(s)); // warnings included
    });

  program
    .command('run <pipeline>')
    .description('一条命令：载入、计算、评分、分析、出报告 / the whole job: ingest → metrics → score → analyse → report')
    .option('--keep-names', 'keep member names instead of pseudonymising them')
    .option('--lang <lang>', 'report language: zh or en', 'zh')
    .option('--runs <n>', 'Monte Carlo runs for the sensitivity analysis', (v) => Number(v))
    .option('--seed <n>', 'seed for the sensitivity analysis', (v) => Number(v))
    .option('--no-png', 'skip PNG charts')
    .option('--json', 'print a machine-readable summary')
    .action(async (file: string, o: { keepNames?: boolean; lang: 'zh' | 'en'; runs?: number; seed?: number; png: boolean; json?: boolean }) => {
      const api = await loadApi();
      const progress = progressPrinter(!o.json && Boolean(process.stderr.isTTY));
      const s = await api.runAll(api.loadPipeline(file), {
        keepNames: o.keepNames, lang: o.lang, runs: o.runs, seed: o.seed, png: o.png,
        onFile: progress?.onFile, onProgress: progress?.onProgress,
        onStage: (stage) => {
          progress?.done();
          if (!o.json) process.stderr.write(`▶ ${stage}\n`);
        },
      }).finally(() => progress?.done());
      if (o.json) {
        json({ ingest: s.ingest, score: s.score.years, analyse: s.analyse.map(({ flags: _f, followUp: _u, ...a }) => a), reports: s.reports });
        return;
      }
      out(api.formatIngestSummary(s.ingest));
      for (const y of s.score.years) {
        const a = s.analyse.find((x) => x.year === y.year);
        const grades = Object.entries(y.grades).map(([g, n]) => `${g} ${n}`).join(' · ');
        out(`${y.year}: ${y.scored} 个单位评分 units scored · ${grades}` + (a ? ` · 关注单位 flagged ${a.flaggedUnits}` : ''));
        if (y.coverage?.line) out(`  ${y.coverage.line.zh}\n  ${y.coverage.line.en}`);
      }
      const { formatRenderResults } = await import('../../report/index.js');
      out(formatRenderResults(s.reports));
    });

  program
    .command('check <file>')
    .description('检查流水线或指标文件，不触碰数据 / validate a pipeline or indicator file without touching data')
    .option('--pipeline <file>', 'pipeline whose metrics (and loaded profile columns) an indicator file may use; without it, the built-in metrics')
    .action(async (file: string, o: { pipeline?: string }) => {
      const { check } = await import('../../check.js');
      out(await check(file, { pipeline: o.pipeline }));
    });

  program
    .command('status <pipeline>')
    .description('每个文件的读取/载入/拒绝/重复行数 / rows read, loaded, rejected, duplicate per file')
    .option('--json', 'machine-readable')
    .action(async (file: string, o: { json?: boolean }) => {
      const api = await loadApi();
      const rows = await api.status(api.loadPipeline(file));
      if (o.json) json(rows);
      else out(api.formatStatus(rows));
    });

  program
    .command('score <pipeline>')
    .description('计算指标并按年度指标体系评分 / compute metrics and score each year with indicators/<year>.yaml')
    .option('--year <year>', 'score one year only', (v) => Number(v))
    .option('--json', 'machine-readable')
    .action(async (file: string, o: { year?: number; json?: boolean }) => {
      const api = await loadApi();
      const s = await api.scorePipeline(api.loadPipeline(file), { year: o.year });
      if (o.json) json(s);
      else out(api.formatScoreRun(s));
    });

  program
    .command('init <dir>')
    .description('新建考核项目：流水线文件、当年指标文件、目录 / scaffold a new evaluation project')
    .option('--year <year>', 'evaluation year', (v) => Number(v), new Date().getFullYear())
    .action(async (dir: string, o: { year: number }) => {
      const { initProject } = await import('../../run/scaffold.js');
      const files = initProject(dir, o.year);
      out(files.length ? files.map((f) => `写入 wrote ${f}`).join('\n') : '没有新文件（均已存在） / nothing to write: the files exist');
    });

  program
    .command('new-year <year>')
    .description('复制上一年的指标文件作为新年度初稿 / copy last year\'s indicator file as the new year\'s draft')
    .option('--indicators <dir>', 'folder of indicator files', 'indicators')
    .action(async (year: string, o: { indicators: string }) => {
      const { newYear } = await import('../../run/scaffold.js');
      const r = newYear(o.indicators, Number(year));
      out(`${r.from} → ${r.to}\n调整权重后运行 / adjust the weights, then run: npx yardstick check ${r.to}`);
    });

  program
    .command('schema')
    .description('写出配置文件的 JSON Schema / write JSON Schemas of the config files')
    .option('--out <dir>', 'output folder', 'build/schema')
    .action(async (o: { out: string }) => {
      const api = await loadApi();
      for (const f of api.writeSchemas(o.out)) out(f);
    });
}
