/**
 * `yardstick check indicators/<year>.yaml`: validate an indicator file without touching data,
 * then say what changed against the previous year's file in the same folder.
 * Metric ids come from the pipeline (built-in + declared + profile columns + what its database
 * holds) when one is given, else from the built-in list (DEFAULT_METRIC_IDS); the report says which.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { YardstickError, formatIssue } from '../errors.js';
import { DEFAULT_METRIC_IDS } from './default-metrics.js';
import { diffTrees } from './diff-trees.js';
import { treeLeaves } from './indicator-schema.js';
import { findPreviousIndicatorFile, loadIndicatorTree } from './load-tree.js';
import { describeAdjustments, describeGrading } from './describe-grading.js';
import type { IndicatorTree } from './indicator-schema.js';

/**
 * Metric ids an indicator file may use: without a pipeline, the built-in list; with one, its
 * metrics (built-in, declared, mapped profile columns) plus every metric already in its database —
 * a numeric unit-profile column is a metric under its header text (民主测评满意度（%）), known only
 * once loaded. A pipeline that does not exist is an error, never a silent fall back.
 */
export async function knownMetricsFor(pipelineFile?: string): Promise<{ ids: string[]; from: string; inData: number }> {
  if (!pipelineFile) return { ids: [...DEFAULT_METRIC_IDS], from: 'default', inData: 0 };
  if (!existsSync(pipelineFile)) {
    throw new YardstickError(`找不到流水线文件 ${pipelineFile} / pipeline file not found: ${pipelineFile}`);
  }
  const { loadPipeline, profileMetricIds } = await import('../config/load-pipeline.js');
  const { knownMetricIds } = await import('../metrics/catalog.js');
  const p = loadPipeline(pipelineFile);
  const inData = existsSync(p.database) ? await metricsInDatabase(p.database) : [];
  return { ids: [...new Set([...knownMetricIds(p), ...profileMetricIds(p), ...inData])], from: pipelineFile, inData: inData.length };
}

async function metricsInDatabase(database: string): Promise<string[]> {
  const { openDb } = await import('../store/db.js');
  const { metricIdsInData } = await import('../metrics/metric-ids-in-data.js');
  const db = await openDb(database);
  try {
    return await metricIdsInData(db);
  } finally {
    db.close();
  }
}

function checkedAgainst(known: { from: string; inData: number }): string {
  if (known.from === 'default') return '（按内置指标列表检查 / checked against the built-in metrics）';
  return `（按流水线 ${known.from} 的指标检查${known.inData ? '，含数据库中已有的指标' : ''} / checked against the metrics of ${known.from}${known.inData ? ' and those already in its database' : ''}）`;
}

/** Throws a YardstickError with every located issue; otherwise returns the printable report. */
export async function checkIndicatorFile(file: string, pipelineFile?: string): Promise<string> {
  const known = await knownMetricsFor(pipelineFile);
  const { tree, issues } = loadIndicatorTree(file, known.ids);
  YardstickError.throwIfErrors(issues);
  const t = tree!;
  const dims = t.nodes.filter((n) => n.level === 1).length;
  const lines = [
    `${file}: 通过 OK — ${t.year} 年，${dims} 个维度 dimensions，${treeLeaves(t).length} 个指标 indicators` +
      checkedAgainst(known),
  ];
  for (const i of issues) lines.push(`警告 warning: ${formatIssue(i)}`);
  // weights_from entropy / critic / combined: the numbers shown by the tree are placeholders until a year is scored
  for (const g of t.nodes.filter((n) => n.weightsFrom)) {
    const w = g.weightsFrom!;
    const how = w.method === 'combined' ? `combined: ${w.subjectiveFrom} × ${w.objective}, ${w.mode}` : w.method;
    lines.push(`“${g.label.zh}”的下级权重在评分时由当年数据计算（${how}） / ${g.id}: children weighted at scoring time from the year's data (${how})`);
  }
  lines.push(...announcementRules(t, await gradedUnitsOf(pipelineFile, t.year)));
  const prevFile = findPreviousIndicatorFile(dirname(file), t.year);
  if (prevFile) {
    const prev = loadIndicatorTree(prevFile, known.ids).tree;
    if (prev) {
      const changes = diffTrees(prev, t);
      lines.push(`与 ${prevFile} 相比 / changes since ${prevFile}:${changes.length ? '' : ' 无 none'}`);
      for (const c of changes) lines.push(`  - ${c.message}`);
    }
  }
  return lines.join('\n');
}

/** The grading, bonus, deduction and veto rules in words, zh then en. */
function announcementRules(t: IndicatorTree, graded: number | undefined): string[] {
  const method = t.grading.method === 'quota' ? '名额制 quota' : '分数段 bands';
  const base = graded === undefined ? '' : `，${t.year} 年参评单位 ${graded} 个 / ${graded} graded units in ${t.year}`;
  const lines = [`等级规则 grading（${method}${base}）:`];
  for (const l of describeGrading(t, graded)) lines.push(`  - ${l.zh} / ${l.en}`);
  const items = describeAdjustments(t);
  if (items.length) lines.push('加分、扣分和一票否决 bonus, deductions and veto:');
  for (const l of items) lines.push(`  - ${l.zh} / ${l.en}`);
  return lines;
}

/**
 * Graded units of the year in the pipeline's database when it has been scored (for the quota
 * counts); undefined without a pipeline, a database or scores of that year. Read-only use; a
 * database that cannot be opened (locked by a running job) just leaves the counts out.
 */
async function gradedUnitsOf(pipelineFile: string | undefined, year: number): Promise<number | undefined> {
  if (!pipelineFile || !existsSync(pipelineFile)) return undefined;
  try {
    const { loadPipeline } = await import('../config/load-pipeline.js');
    const database = loadPipeline(pipelineFile).database;
    if (!existsSync(database)) return undefined;
    const { openDb } = await import('../store/db.js');
    const db = await openDb(database);
    try {
      const hasCol = await db.one(
        `select 1 as x from duckdb_columns() where table_name = 'scores' and column_name = 'grade_status' and schema_name = 'main'`,
      );
      if (!hasCol) return undefined;
      const row = await db.one<{ n: number }>(
        `select count(*)::integer as n from scores where year = $year and level = 0 and grade_status = 'graded'`,
        { year },
      );
      return row && row.n > 0 ? row.n : undefined;
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}
