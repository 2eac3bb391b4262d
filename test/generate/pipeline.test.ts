import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PipelineSpec } from '../../src/config/pipeline-schema.js';
import { filesUnder, globToRegExp } from './helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('pipelines/sample.yaml', () => {
  const spec = PipelineSpec.parse(parse(readFileSync(join(ROOT, 'pipelines/sample.yaml'), 'utf8')));

  it('points at the sample data and the default database', () => {
    expect(spec.database).toBe('build/yardstick.duckdb');
    expect(spec.data).toBe('data-samples');
  });

  it('has one source per file family, each matching files, every data file claimed once', () => {
    const files = filesUnder(join(ROOT, spec.data)).filter((f) => f !== 'README.md');
    const claimed = new Map<string, string>();
    for (const source of spec.sources) {
      const re = globToRegExp(source.files);
      const matched = files.filter((f) => re.test(f));
      expect(matched.length, source.files).toBeGreaterThan(0);
      for (const f of matched) {
        expect(claimed.get(f), `${f} claimed twice`).toBeUndefined();
        claimed.set(f, source.kind);
      }
    }
    expect(files.filter((f) => !claimed.has(f))).toEqual([]);
    expect(new Set(claimed.values())).toEqual(
      new Set(['units', 'unit_registry', 'members', 'unit_profile', 'attendance', 'exams', 'publications', 'research_reports']),
    );
  });
});
