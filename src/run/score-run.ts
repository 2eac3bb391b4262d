/**
 * `yardstick score`: staging → unit-year metrics → normalised values → scores,
 * for every year with data (or one year), each with its own indicator file.
 *
 *   staging ─ computeMetrics ─ unit_year_metrics ─┬─ indicators/<year>.yaml ─ scoreYear ─ scores
 *                                                 └─ (one transaction for all years)
 *
 * Every indicator file is checked before anything is written; a year with data
 * but no indicator file is an error naming the file expected.
 */
import { join } from 'node:path';
import { error, YardstickError } from '../errors.js';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import { openDb, type Db } from '../store/db.js';
import { ensureSchema } from '../store/schema.js';
import { computeMetrics } from '../metrics/compute-metrics.js';
import { knownMetricIds } from '../metrics/catalog.js';
import { metricIdsInData } from '../metrics/metric-ids-in-data.js';
import { findIndicatorFile } from '../indicators/load-tree.js';
import { scoreYears, type ScoreSummary } from '../score/score.js';
import { renderTable } from '../format/table.js';

export interface UnitResult {
  year: number; unit_id: string; name: string; unit_type: string;
  score: number | null; rank: number | null; rank_in_type: number | null; grade: string | null;
  /** The composite's parts (score = weighted + bonus − deduction), its grading status and veto item ids. */
  weighted: number | null; bonus: number | null; deduction: number | null;
  grade_status: 'graded' | 'root' | 'not_graded' | 'unscored'; veto: string | null;
  dimensions: Record<string, number | null>;
}

export interface ScoreRunSummary {
  metrics: { rows: number; missing: number };
  years: ScoreSummary[];
  results: UnitResult[];
}

export async function scorePipeline(p: LoadedPipeline, opts: { year?: number; db?: Db } = {}): Promise<ScoreRunSummary> {
  const db = opts.db ?? (await openDb(p.database));
  try {
    await ensureSchema(db);
    return await db.transaction(async () => {
      const m = await computeMetrics(db, { metrics: p.metrics });
      const years = opts.year !== undefined ? [opts.year] : await yearsWithData(db);
      if (!years.length) throw new YardstickError('没有可评分的数据，请先运行 ingest / no data to score: run `yardstick ingest` first');
      const files = years.map((y) => findIndicatorFile(p.indicators, y) ?? missingTree(p.indicators, y));
      const summaries = await scoreYears(db, files, [...knownMetricIds(p), ...(await metricIdsInData(db))]);
      return { metrics: { rows: m.rows, missing: m.missing }, years: summaries, results: await readResults(db, years) };
    });
  } finally {
    if (!opts.db) db.close();
  }
}

async function yearsWithData(db: Db): Promise<number[]> {
  const rows = await db.all<{ year: number }>('SELECT DISTINCT year FROM unit_year_metrics WHERE value IS NOT NULL ORDER BY year');
  return rows.map((r) => r.year);
}

function missingTree(dir: string, year: number): never {
  throw new YardstickError([error('no_indicator_file',
    `找不到 ${year} 年的指标文件 ${join(dir, `${year}.yaml`)}：复制上一年的文件并调整权重 / no indicator file for ${year}: copy last year's file to ${join(dir, `${year}.yaml`)} and adjust the weights`)]);
}

/** Composite and dimension scores per unit and year, best first: small, final, for printing. */
async function readResults(db: Db, years: number[]): Promise<UnitResult[]> {
  const rows = await db.all<Omit<UnitResult, 'dimensions'> & { dims: { k: string; v: number | null }[] }>(`
    WITH total AS (SELECT * FROM scores WHERE level = 0),
    dims AS (SELECT year, unit_id, list({'k': node_id, 'v': score} ORDER BY node_id) AS dims FROM scores WHERE level = 1 GROUP BY ALL)
    SELECT t.year, t.unit_id, coalesce(u.name, t.unit_id) AS name, coalesce(u.unit_type, 'other') AS unit_type,
           t.score, t.rank, t.rank_in_type, t.grade, t.weighted, t.bonus, t.deduction, t.grade_status, t.veto,
           coalesce(d.dims, []) AS dims
    FROM total t LEFT JOIN dims d USING (year, unit_id) LEFT JOIN units u USING (unit_id)
    ORDER BY t.year, t.rank NULLS LAST, name`);
  return rows.filter((r) => years.includes(r.year)).map(({ dims, ...r }) => ({ ...r, dimensions: Object.fromEntries(dims.map((d) => [d.k, d.v])) }));
}

/** The grade, or why there is none (the root unit, a not_graded veto), with the veto item ids. */
function gradeText(u: UnitResult): string {
  const status = { graded: u.grade ?? '—', root: '本级 root', not_graded: '不评定 not graded', unscored: '—' }[u.grade_status] ?? '—';
  return u.veto ? `${status} (否决 veto: ${u.veto})` : status;
}

export function formatScoreRun(s: ScoreRunSummary): string {
  const f = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1));
  const lines = [`指标 metrics: ${s.metrics.rows} 行 rows (${s.metrics.missing} 缺失 missing, see metric_notes)`];
  for (const y of s.years) {
    const grades = Object.entries(y.grades).map(([g, n]) => `${g} ${n}`).join(' · ');
    lines.push('', `== ${y.year} == ${y.scored}/${y.units} 个单位有综合得分 units scored · ${grades}` + (y.vetoed ? ` · 一票否决 veto ${y.vetoed}` : ''));
    if (y.coverage?.line) lines.push(`  ${y.coverage.line.zh}`, `  ${y.coverage.line.en}`);
    const units = s.results.filter((r) => r.year === y.year);
    const dims = Object.keys(units[0]?.dimensions ?? {});
    const rows = units.map((u) => [String(u.rank ?? '—'), u.name, f(u.score), f(u.weighted), f(u.bonus), f(u.deduction), gradeText(u),
      String(u.rank_in_type ?? '—'), ...dims.map((d) => f(u.dimensions[d]))]);
    lines.push(renderTable(['排名 rank', '单位 unit', '得分 score', '加权 weighted', '加分 bonus', '扣分 deduction', '等级 grade', '类内 in type', ...dims], rows,
      ['right', 'left', 'right', 'right', 'right', 'right', 'left', 'right', ...dims.map(() => 'right' as const)]));
    for (const w of y.warnings.slice(0, 10)) lines.push(`  警告 warning: ${w.message}`);
    if (y.warnings.length > 10) lines.push(`  … ${y.warnings.length - 10} more warnings in score_notes / runs`);
  }
  return lines.join('\n');
}
