/**
 * `yardstick template <kind|all> --year Y --out dir [--pipeline p]`: write the fill-in forms
 * for the branches (src/template/). With a pipeline, the unit list comes from its database or
 * its unit-list files; without one the forms' unit list is left for the office to fill in.
 */
import type { Command } from 'commander';
import { loadPipeline } from '../../config/load-pipeline.js';
import { error, YardstickError } from '../../errors.js';

export function registerTemplateCommand(program: Command): void {
  program
    .command('template <kind>')
    .description('写出供基层填报的 Excel 模板 / write .xlsx fill-in forms for the branches (a kind, or all)')
    .requiredOption('--year <year>', 'the year the forms collect', parseYear)
    .requiredOption('--out <dir>', 'folder to write the forms to')
    .option('--pipeline <file>', 'take the unit list from this pipeline (its database, else its unit-list files)')
    .action(async (kind: string, o: { year: number; out: string; pipeline?: string }) => {
      const { writeTemplates } = await import('../../template/index.js');
      const { wroteLine } = await import('../../template/messages.js');
      const pipeline = o.pipeline ? loadPipeline(o.pipeline) : undefined;
      const r = await writeTemplates(kind, { year: o.year, out: o.out, pipeline });
      for (const f of r.files) process.stdout.write(`${wroteLine(f, r.units, r.unitSource)}\n`);
    });
}

function parseYear(v: string): number {
  if (/^\d{4}$/.test(v.trim())) return Number(v);
  throw new YardstickError([error('bad_year', `--year 须为四位年份：${v} / --year must be a 4-digit year: ${v}`)]);
}
