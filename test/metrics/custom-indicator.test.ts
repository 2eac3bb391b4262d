/**
 * Custom indicators without code (issue 12): a numeric unit-profile column the aliases do not
 * know is a metric under its header text; a leaf may name it, `check --pipeline` accepts it once
 * loaded, and a unit that did not report it is missing (not 0) — in the pass-through metric and
 * in a `metrics:` sum over unit_profile alike.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { check, ingest, loadPipeline, openDb, scorePipeline, type LoadedPipeline } from '../../src/index.js';
import { csv, writeBundle, type Bundle } from '../helpers/bundle.js';

const HEADER = '民主测评满意度（%）';
let b: Bundle;
let p: LoadedPipeline;
let tree: string;

beforeAll(async () => {
  b = writeBundle();
  writeFileSync(join(b.data, '2024/单位概况.csv'), csv([
    ['单位名称', '党员人数', HEADER],
    ['江海区支行', '20', '92'],
    ['东湖县支行', '12', '85'],
    ['办公室', '8', ''],          // did not report it: missing, not 0
  ]));
  // a declared metric over the same column
  writeFileSync(b.pipeline, readFileSync(b.pipeline, 'utf8') + [
    'metrics:',
    '  satisfaction:',
    '    label: {zh: 民主测评满意度, en: Satisfaction}',
    '    from: unit_profile',
    '    agg: sum',
    '    column: value',
    `    where: [{column: metric, value: "${HEADER}"}]`,
    '',
  ].join('\n'));
  const indicators = join(b.dir, 'indicators');
  tree = join(indicators, '2024.yaml');
  mkdirSync(indicators, { recursive: true });
  writeFileSync(tree, [
    'year: 2024',
    'label: {zh: 测试, en: test}',
    'dimensions:',
    '  - id: d1',
    '    label: {zh: 群众评价, en: Appraisal}',
    '    weight: 100',
    '    indicators:',
    `      - {id: satisfaction, label: {zh: 民主测评满意度, en: Satisfaction}, weight: 100, metric: "${HEADER}", normalise: {method: goalposts, lo: 60, hi: 100}}`,
    '',
  ].join('\n'));
  writeFileSync(b.pipeline, readFileSync(b.pipeline, 'utf8') + `indicators: ${indicators}\n`);
  p = loadPipeline(b.pipeline);
  await ingest(p);
});

describe('a unit-profile column as an indicator', () => {
  it('is unknown to check without the data, known with the pipeline once loaded', async () => {
    await expect(check(tree)).rejects.toThrow(HEADER);
    const text = await check(tree, { pipeline: b.pipeline });
    expect(text).toContain('通过 OK');
    expect(text).toContain(b.pipeline);
  });

  it('scores the units that reported it and leaves the one that did not missing', async () => {
    await scorePipeline(p, { year: 2024 });
    const db = await openDb(p.database);
    try {
      const rows = await db.all<{ unit_id: string; metric_id: string; value: number | null }>(
        `select unit_id, metric_id, value from unit_year_metrics
         where year = 2024 and metric_id in ($h, 'satisfaction') and unit_id in ('A1', 'A2', 'D1') order by metric_id, unit_id`, { h: HEADER });
      const of = (m: string, u: string) => rows.find((r) => r.metric_id === m && r.unit_id === u)?.value ?? null;
      expect([of(HEADER, 'A1'), of(HEADER, 'A2'), of(HEADER, 'D1')]).toEqual([92, 85, null]);
      expect([of('satisfaction', 'A1'), of('satisfaction', 'A2'), of('satisfaction', 'D1')]).toEqual([92, 85, null]);
      // goalposts 60..100: 92 → 80, 85 → 62.5; D1 has no value, so no normalised score
      const v = await db.all<{ unit_id: string; normalised: number | null }>(
        `select unit_id, normalised from indicator_values where year = 2024 and indicator_id = 'satisfaction' order by unit_id`);
      expect(Object.fromEntries(v.map((r) => [r.unit_id, r.normalised]))).toMatchObject({ A1: 80, A2: 62.5, D1: null });
    } finally {
      db.close();
    }
  });
});
