/**
 * The pipeline file (`pipelines/*.yaml`): where the database lives, which export
 * files to read as which kind, extra header aliases, and declarative metrics.
 * It is written once by an evaluation office and rarely changes; the yearly
 * weights live in `indicators/<year>.yaml` instead.
 */
import { z } from 'zod';
import { KINDS } from '../domain/kinds.js';
import { AnalysisSpec } from '../analyse/analysis-schema.js';

const headerList = z
  .union([z.string(), z.array(z.string()).min(1)])
  .transform((v) => (Array.isArray(v) ? v : [v]));

export const SourceSpec = z
  .object({
    name: z.string().optional().describe('A name for messages; defaults to the glob.'),
    kind: z.enum(KINDS).describe('What the files hold.'),
    files: z
      .string()
      .min(1)
      .describe('Glob relative to `data`. `{year}` matches a 4-digit year and declares it for the file.'),
    sheets: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]))
      .describe('XLSX sheet names to read; default all sheets with a recognisable header.'),
    encoding: z.enum(['auto', 'utf-8', 'gbk', 'gb18030']).default('auto').describe('CSV text encoding.'),
    year: z.number().int().min(1990).max(2100).optional().describe('Declared year: dates outside it are rejected.'),
    columns: z
      .record(z.string(), headerList)
      .default({})
      .describe('Extra header aliases: canonical column (or profile metric) → header text(s).'),
    ignore: z
      .array(z.string())
      .default([])
      .describe('Headers to leave unread without a warning (序号 and 备注 are never reported anyway).'),
  })
  .strict();

const LimitsSpec = z
  .object({
    max_cell_chars: z.number().int().positive().default(32_767).describe('Longest cell accepted (Excel’s own limit).'),
    max_rows_per_sheet: z.number().int().positive().default(1_048_576).describe('Rows per sheet (Excel’s own limit).'),
    max_xlsx_uncompressed_mb: z.number().positive().default(1024).describe('Total uncompressed size of an .xlsx.'),
  })
  .strict()
  .default({ max_cell_chars: 32_767, max_rows_per_sheet: 1_048_576, max_xlsx_uncompressed_mb: 1024 });

const Filter = z
  .object({
    column: z.string(),
    op: z.enum(['=', '!=', 'in', 'not_in', '>', '>=', '<', '<=']).default('='),
    value: z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]),
  })
  .strict();

export const MetricSpec = z
  .object({
    label: z.object({ zh: z.string(), en: z.string() }).partial().optional(),
    from: z.enum(['attendance', 'exams', 'publications', 'research_reports', 'unit_profile']),
    agg: z.enum(['count', 'count_distinct', 'sum', 'mean', 'ratio', 'share']),
    column: z.string().optional().describe('Column for count_distinct, sum, mean.'),
    where: z.array(Filter).default([]).describe('Row filters (all must hold).'),
    numerator: z.array(Filter).optional().describe('For share: rows counted in the numerator.'),
    per: z.string().optional().describe('For ratio: divide by this metric id (e.g. members, member_months).'),
    scale: z.number().default(1).describe('Multiply the result (e.g. 100 for per-100 members).'),
  })
  .strict();

export const PipelineSpec = z
  .object({
    database: z.string().default('build/yardstick.duckdb').describe('DuckDB file, relative to the working directory.'),
    data: z.string().default('data-samples').describe('Base folder of the source globs, relative to the working directory.'),
    indicators: z.string().default('indicators').describe('Folder of indicator files (<year>.yaml).'),
    reports: z.string().default('reports/out').describe('Output folder for reports and rejects.csv.'),
    keep_names: z.boolean().default(false).describe('Keep member names (default: pseudonymise at ingest).'),
    memory_limit: z
      .string()
      .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i)
      .default('300MB')
      .describe('DuckDB memory limit; larger inputs spill to a temp folder beside the database.'),
    limits: LimitsSpec,
    sources: z.array(SourceSpec).min(1),
    metrics: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), MetricSpec).default({}),
    analysis: AnalysisSpec.optional().describe('Analyse stage settings (weak-branch rules, sensitivity); defaults when absent.'),
  })
  .strict();

export type PipelineSpecInput = z.input<typeof PipelineSpec>;
export type Pipeline = z.output<typeof PipelineSpec>;
export type Source = z.output<typeof SourceSpec>;
export type Limits = Pipeline['limits'];
export type MetricDef = z.output<typeof MetricSpec>;
