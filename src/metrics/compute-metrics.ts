/**
 * The metrics stage: staging tables → `unit_year_metrics` (+ `metric_notes`).
 *
 *   staging (units, members, unit_profile, attendance, exams, publications, research_reports)
 *     │ 1. lookups     requested years, catalog ids, note texts, labels (bound parameters)
 *     │ 2. frame       metric_source_years, metric_frame: unit-years that get metrics
 *     │ 3. inputs      metric_profile (deduplicated), metric_denominators (member-months…)
 *     │ 4. parts       one *_metrics.sql per family → metric_parts (numerator, denominator)
 *     │ 5. results     metric_results.sql: value or NULL + note code
 *     │ 6. declared    pipeline metrics (buildMetricSql), dependencies first, then 5 again
 *     ▼ 7. write       unit_year_metrics, metric_notes
 *
 * All set work happens in DuckDB; only counts come back to JS. Scratch tables are
 * temporary and dropped at the end. The function does not open a transaction of its
 * own: the run wraps the stages in one (`db.transaction`), so a failure leaves the
 * previous outputs in place.
 *
 * Not done here: unit renames/merges (unit_registry) — metrics are per unit_id as staged.
 */
import type { MetricDef } from '../config/pipeline-schema.js';
import { error, YardstickError } from '../errors.js';
import type { Db } from '../store/db.js';
import { SESSION_CLASSES } from '../domain/session-types.js';
import { metricCatalog } from './catalog.js';
import { planDeclaredMetrics } from './declared-metrics.js';
import { loadValues } from './load-values.js';
import { NOTE_TEXTS, noteLabels } from './notes.js';
import { sqlFile } from '../store/sql-file.js';

const loadSql = (name: string) => sqlFile(import.meta.url, `./${name}`);
import { STAGING_TABLES } from './staging-columns.js';

export interface ComputeMetricsOptions {
  /** Declared metrics from the pipeline file (`pipeline.metrics`). */
  metrics?: Record<string, MetricDef>;
  /**
   * Only these years: their rows in the output tables are replaced, other years' rows are
   * kept. Default (or []): every year with data, and the output tables are replaced whole.
   */
  years?: number[];
}

export interface ComputeMetricsResult {
  table: 'unit_year_metrics';
  /** Rows written: unit-years × metrics. */
  rows: number;
  /** Rows whose value is NULL (each has a note in metric_notes). */
  missing: number;
}

/** Built-in metric families, in order (denominators before the metrics that use them). */
const STEPS = [
  'metric_source_years.sql',
  'metric_frame.sql',
  'metric_profile.sql',
  'metric_denominators.sql',
  'membership_metrics.sql',
  'profile_metrics.sql',
  'attendance_metrics.sql',
  'session_metrics.sql',
  'exam_metrics.sql',
  'publication_metrics.sql',
  'report_metrics.sql',
  'metric_results.sql',
] as const;

/** Compute every metric for every unit-year and replace the output tables. */
export async function computeMetrics(db: Db, opts: ComputeMetricsOptions = {}): Promise<ComputeMetricsResult> {
  const declaredDefs = opts.metrics ?? {};
  const years = checkYears(opts.years);
  await checkStagingTables(db);
  const profileNames = (await db.all<{ metric: string }>('select distinct metric from unit_profile where metric is not null'))
    .map((r) => r.metric);
  const declared = planDeclaredMetrics(declaredDefs, profileNames); // every config problem before any work
  const catalog = metricCatalog({ metrics: declaredDefs });

  try {
    await db.run(loadSql('work_tables.sql'));
    await loadValues(db, 'metric_requested_years', [{ name: 'year', type: 'INTEGER' }], (years ?? []).map((y) => [y]));
    await loadValues(db, 'metric_catalog_ids', [{ name: 'metric_id', type: 'VARCHAR' }, { name: 'kind', type: 'VARCHAR' }],
      catalog.map((m) => [m.id, m.kind]));
    await loadValues(db, 'metric_note_texts', [{ name: 'code', type: 'VARCHAR' }, { name: 'zh', type: 'VARCHAR' }, { name: 'en', type: 'VARCHAR' }],
      Object.entries(NOTE_TEXTS).map(([code, t]) => [code, t.zh, t.en]));
    await loadValues(db, 'metric_labels', [{ name: 'name', type: 'VARCHAR' }, { name: 'zh', type: 'VARCHAR' }, { name: 'en', type: 'VARCHAR' }],
      noteLabels(catalog));

    await loadValues(db, 'metric_session_classes', [{ name: 'class', type: 'VARCHAR' }, { name: 'session_type', type: 'VARCHAR' }],
      Object.entries(SESSION_CLASSES).flatMap(([c, types]) => types.map((t) => [c, t])));
    for (const step of STEPS) await db.run(loadSql(step));
    for (const m of declared) {
      await db.run(m.sql, m.params);
      await db.run(loadSql('metric_results.sql'));
    }

    if (years) {
      await db.run(loadSql('output_tables.sql'));
      await db.run(loadSql('clear_output_years.sql'));
    } else {
      await db.run(loadSql('drop_output_tables.sql'));
      await db.run(loadSql('output_tables.sql'));
    }
    await db.run(loadSql('unit_year_metrics.sql'));
    await db.run(loadSql('metric_notes.sql'));

    const counts = await db.one<{ rows: number; missing: number }>(
      'select count(*) as rows, count(*) filter (where value is null) as missing from metric_results',
    );
    return { table: 'unit_year_metrics', rows: counts?.rows ?? 0, missing: counts?.missing ?? 0 };
  } finally {
    await db.run(loadSql('drop_work_tables.sql')).catch(() => {
      /* an aborted transaction refuses even this; the original error matters */
    });
  }
}

function checkYears(years: number[] | undefined): number[] | undefined {
  if (!years?.length) return undefined;
  const bad = years.filter((y) => !Number.isInteger(y));
  if (bad.length) {
    throw new YardstickError([error('bad_year', `年度必须是整数：${bad.join(', ')} / years must be integers: ${bad.join(', ')}`)]);
  }
  return [...new Set(years)];
}

async function checkStagingTables(db: Db): Promise<void> {
  const present = new Set(
    (await db.all<{ name: string }>('select table_name as name from information_schema.tables')).map((r) => r.name),
  );
  const missing = STAGING_TABLES.filter((t) => !present.has(t));
  if (missing.length) {
    throw new YardstickError(
      missing.map((t) =>
        error('missing_staging_table', `缺少暂存表 ${t}，请先运行导入（ingest） / staging table ${t} is missing; run ingest first`),
      ),
    );
  }
}
