/**
 * `yardstick check indicators/<year>.yaml`: validate an indicator file without touching data,
 * then say what changed against the previous year's file in the same folder.
 * Metric ids come from the pipeline (built-in + declared + profile columns) when one is given
 * and exists, else from the default list (DEFAULT_METRIC_IDS).
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { YardstickError, formatIssue } from '../errors.js';
import { DEFAULT_METRIC_IDS } from './default-metrics.js';
import { diffTrees } from './diff-trees.js';
import { treeLeaves } from './indicator-schema.js';
import { findPreviousIndicatorFile, loadIndicatorTree } from './load-tree.js';

/** Metric ids an indicator file may use with this pipeline (default list without one). */
export async function knownMetricsFor(pipelineFile?: string): Promise<{ ids: string[]; from: string }> {
  if (!pipelineFile || !existsSync(pipelineFile)) return { ids: [...DEFAULT_METRIC_IDS], from: 'default' };
  const { loadPipeline, profileMetricIds } = await import('../config/load-pipeline.js');
  const { knownMetricIds } = await import('../metrics/catalog.js');
  const p = loadPipeline(pipelineFile);
  return { ids: [...new Set([...knownMetricIds(p), ...profileMetricIds(p)])], from: pipelineFile };
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
      (known.from === 'default' ? '（按默认指标数据列表检查 / checked against the default metric list）' : ''),
  ];
  for (const i of issues) lines.push(`警告 warning: ${formatIssue(i)}`);
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
