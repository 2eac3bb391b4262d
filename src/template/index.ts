/**
 * `yardstick template`: fill-in forms for the branches, one .xlsx per kind, so what comes back
 * loads cleanly (canonical headers, dropdowns from the domain vocabulary and the unit list,
 * date and number cells checked by Excel). See docs/templates.md.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { KIND_LABELS, KINDS, type Kind } from '../domain/kinds.js';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import { error, YardstickError } from '../errors.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { buildForm } from './write-form.js';
import { unitList } from './unit-list.js';
import { formFileName, type UnitSource } from './messages.js';

/** The kinds the branches fill in (`all`); the unit list and its registry are kept centrally. */
export const BRANCH_KINDS: Kind[] = ['members', 'unit_profile', 'attendance', 'exams', 'publications', 'research_reports'];

export interface TemplateOptions { year: number; out: string; pipeline?: LoadedPipeline }
export interface TemplateResult { files: string[]; units: number; unitSource: UnitSource }

export function templateKinds(which: string): Kind[] {
  if (which === 'all') return BRANCH_KINDS;
  if ((KINDS as readonly string[]).includes(which)) return [which as Kind];
  throw new YardstickError([error('unknown_kind',
    `未知的数据类型“${which}”（可用：all、${KINDS.join('、')}） / unknown kind “${which}” (use all or one of ${KINDS.join(', ')})`)]);
}

export async function writeTemplates(which: string, opts: TemplateOptions): Promise<TemplateResult> {
  const kinds = templateKinds(which);
  if (!Number.isInteger(opts.year) || opts.year < 1990 || opts.year > 2100) {
    throw new YardstickError([error('bad_year', `年度必须是 1990–2100 的整数：${opts.year} / --year must be an integer 1990–2100: ${opts.year}`)]);
  }
  const units = await unitList(opts.pipeline, opts.year);
  mkdirSync(opts.out, { recursive: true });
  const files: string[] = [];
  for (const kind of kinds) {
    const file = join(opts.out, formFileName(opts.year, KIND_LABELS[kind].zh));
    const wb = buildForm(kind, opts.year, units.names);
    await writeFileAtomic(file, (tmp) => wb.xlsx.writeFile(tmp));
    files.push(file);
  }
  return { files, units: units.names.length, unitSource: units.source };
}
