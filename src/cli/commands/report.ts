/** `yardstick report` and `yardstick export`: thin wrappers over src/report/index.ts (loaded lazily). */
import type { Command } from 'commander';
import { loadPipeline } from '../../config/load-pipeline.js';
import { YardstickError } from '../../errors.js';

const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : s + '\n');

function parseYear(v: string): number {
  const y = Number(v);
  if (!Number.isInteger(y) || y < 1900 || y > 2999) throw new YardstickError(`年度无效：${v} / invalid year: ${v}`);
  return y;
}

function parseLang(v: string): 'zh' | 'en' {
  if (v !== 'zh' && v !== 'en') throw new YardstickError(`语言须为 zh 或 en：${v} / --lang must be zh or en: ${v}`);
  return v;
}

export function registerReportCommands(program: Command) {
  program
    .command('report <pipeline>')
    .description('从数据库生成报告（HTML、图表、Excel、单位页面） / render reports from the database (HTML, charts, Excel, unit pages)')
    .option('--year <year>', 'one year (default: every scored year)', parseYear)
    .option('--lang <lang>', 'zh | en', parseLang, 'zh')
    .option('--font <file>', 'Chinese font (TTF/OTF/TTC) for the charts (default: $YARDSTICK_CJK_FONT, else the shipped Noto Sans Hans)')
    .option('--no-png', 'skip PNG charts')
    .option('--pdf', 'also print index.html to report.pdf (A4) with headless Chromium')
    .option('--force', 'render a year even when its inputs did not change since its last report')
    .option('--out <dir>', 'output folder (default: the pipeline\'s reports folder)')
    .option('--draft <file>', 'draft indicator file to preview on the year\'s data (default: <indicators>/<year+1>.yaml when that year is not scored)')
    .option('--no-draft', 'no draft preview section')
    .option('--json', 'machine-readable')
    .action(async (file: string, o: { year?: number; lang: 'zh' | 'en'; font?: string; png: boolean; pdf?: boolean; force?: boolean; out?: string; draft?: string | false; json?: boolean }) => {
      const { reportPipeline, formatRenderResults } = await import('../../report/index.js');
      const r = await reportPipeline(loadPipeline(file), { year: o.year, lang: o.lang, fontFile: o.font, png: o.png, pdf: o.pdf, force: o.force, outDir: o.out, draft: o.draft });
      out(o.json ? JSON.stringify(r, null, 2) : formatRenderResults(r));
    });

  program
    .command('export <pipeline>')
    .description('导出某年度的 scores、indicator_values、flags 表 / export a year\'s scores, indicator_values and flags')
    .requiredOption('--year <year>', 'year', parseYear)
    .option('--format <format>', 'parquet | arrow | csv', 'parquet')
    .option('--out <dir>', 'output folder (default: <reports>/export/<year>)')
    .action(async (file: string, o: { year: number; format: string; out?: string }) => {
      const { exportPipeline, parseExportFormat } = await import('../../report/index.js');
      const r = await exportPipeline(loadPipeline(file), { year: o.year, format: parseExportFormat(o.format), outDir: o.out });
      out(r.files.map((f) => `${f.file}: ${f.rows} 行 rows`).join('\n') || '没有可导出的表 / no tables to export');
    });
}
