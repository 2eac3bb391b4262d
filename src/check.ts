/**
 * `yardstick check <file>`: validate a pipeline or an indicator file without
 * touching data. The kind of file is told by its top-level keys.
 */
import { readYaml } from './config/read-yaml.js';
import { loadPipeline } from './config/load-pipeline.js';
import { collectFiles } from './ingest/ingest.js';
import { YardstickError, formatIssue } from './errors.js';

export async function check(file: string, opts: { pipeline?: string } = {}): Promise<string> {
  const data = readYaml(file).data as Record<string, unknown> | null;
  if (data && typeof data === 'object' && 'sources' in data) return checkPipeline(file);
  const { checkIndicatorFile } = await import('./indicators/check-file.js');
  return checkIndicatorFile(file, opts.pipeline);
}

async function checkPipeline(file: string): Promise<string> {
  const p = loadPipeline(file);
  const { files, issues } = await collectFiles(p, { hash: false }); // check reads no data
  YardstickError.throwIfErrors(issues);
  const lines = [`${file}: 通过 OK — ${p.sources.length} 个数据源 sources, ${files.length} 个文件 files`];
  for (const i of issues) lines.push(`警告 warning: ${formatIssue(i)}`);
  return lines.join('\n');
}
