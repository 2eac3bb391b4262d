/** Read and validate a pipeline file; all problems come back located file:line:col. */
import { error, YardstickError } from '../errors.js';
import { PipelineSpec, type Pipeline } from './pipeline-schema.js';
import { issueAt, readYaml, validate } from './read-yaml.js';
import { KINDS } from '../domain/kinds.js';
import { COLUMNS, PROFILE_METRICS } from '../domain/kinds.js';

export interface LoadedPipeline extends Pipeline {
  /** The pipeline file path, for messages. */
  file: string;
}

export function loadPipeline(file: string): LoadedPipeline {
  const src = readYaml(file);
  const pipeline = validate(src, PipelineSpec);
  // Second pass: column mappings must name a canonical column of the source's kind.
  const issues = pipeline.sources.flatMap((s, i) =>
    Object.keys(s.columns)
      .filter((c) => s.kind !== 'unit_profile' && !COLUMNS[s.kind].some((d) => d.name === c))
      .map((c) => issueAt(src, ['sources', i, 'columns', c], 'unknown_canonical_column',
        `“${c}”不是 ${s.kind} 的列（可用：${COLUMNS[s.kind].map((d) => d.name).join(', ')}） / “${c}” is not a column of kind ${s.kind}`)),
  );
  if (!KINDS.length) issues.push(error('internal', 'no kinds'));
  YardstickError.throwIfErrors(issues);
  return { ...pipeline, file };
}

/** Profile metric ids a pipeline can produce (built-in plus declared under columns:). */
export function profileMetricIds(p: Pipeline): string[] {
  const ids = new Set(PROFILE_METRICS.map((m) => m.metric));
  for (const s of p.sources) if (s.kind === 'unit_profile') for (const k of Object.keys(s.columns)) if (k !== 'unit_name' && k !== 'year') ids.add(k);
  return [...ids];
}
