/**
 * The shipped indicator files and what loading makes of them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  findIndicatorFile,
  findPreviousIndicatorFile,
  listIndicatorFiles,
  loadIndicatorTree,
  parseIndicatorTree,
} from '../../src/indicators/load-tree.js';
import { DEFAULT_METRIC_IDS, DEFAULT_TREE_METRICS } from '../../src/indicators/default-metrics.js';
import { IndicatorFileSchema, IndicatorTreeSchema, treeLeaves } from '../../src/indicators/indicator-schema.js';
import { checkIndicatorFile, knownMetricsFor } from '../../src/indicators/check-file.js';

const shipped = listIndicatorFiles('indicators');

describe('shipped indicators/*.yaml', () => {
  it('are 2021 … 2025', () => {
    expect(shipped.map((f) => f.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
  });

  it.each(shipped)('$year validates against the default metric ids, without warnings', ({ file }) => {
    const { tree, issues } = loadIndicatorTree(file, DEFAULT_METRIC_IDS);
    expect(issues).toEqual([]);
    expect(treeLeaves(tree!).map((l) => l.metric).sort()).toEqual([...DEFAULT_TREE_METRICS].sort());
    expect(tree!.nodes.filter((n) => n.level === 1).map((n) => n.id)).toEqual(['conditions', 'process', 'outcomes', 'innovation']);
    expect(tree!.bonus.map((b) => [b.metric, b.cap])).toEqual([['bonus_points', 5]]);
    expect(tree!.veto.map((v) => v.metric)).toEqual(['veto']);
  });

  it('validate against the metrics stage catalog of the sample pipeline', async () => {
    const known = await knownMetricsFor('pipelines/sample.yaml');
    for (const { file } of shipped) expect(loadIndicatorTree(file, known.ids).issues, file).toEqual([]);
  });

  it('change weights across years (2023 moves weight towards research)', () => {
    const w = (year: number, id: string) => loadIndicatorTree(findIndicatorFile('indicators', year)!, DEFAULT_METRIC_IDS).tree!.nodes.find((n) => n.id === id)!.effectiveWeight;
    expect(w(2023, 'reports_per_leader')).toBeGreaterThan(w(2022, 'reports_per_leader'));
    expect(w(2023, 'grassroots_research_days')).toBeGreaterThan(w(2022, 'grassroots_research_days'));
  });
});

describe('buildTree', () => {
  const { tree } = parseIndicatorTree(
    'x.yaml',
    `year: 2025
label: {zh: 默认, en: defaults}
defaults: {normalise: {method: goalposts, lo: 0, hi: 10}}
dimensions:
  - id: d
    label: {zh: 维度, en: D}
    weight: 100
    indicators:
      - {id: a, label: {zh: 甲, en: A}, weight: 30, metric: members}
      - {id: b, label: {zh: 乙, en: B}, weight: 70, metric: leaders, direction: lower_is_better, normalise: {method: distance_to_target, target: 3, cap: true}}
`,
    DEFAULT_METRIC_IDS,
  );

  it('applies defaults and turns percentages into fractions', () => {
    const [root, d, a, b] = tree!.nodes;
    expect(root).toMatchObject({ id: 'total', parentId: null, level: 0, weight: 1, aggregate: 'arithmetic' });
    expect(d).toMatchObject({ id: 'd', level: 1, weight: 1, aggregate: 'arithmetic', metric: null });
    expect(a).toMatchObject({ weight: 0.3, direction: 'higher_is_better', normalise: { method: 'goalposts', lo: 0, hi: 10, target: null, cap: null } });
    expect(b).toMatchObject({ weight: 0.7, direction: 'lower_is_better', normalise: { method: 'distance_to_target', target: 3, cap: 100 } });
    expect(tree!.grades.map((g) => [g.grade, g.min])).toEqual([['优秀', 90], ['良好', 80], ['一般', 60], ['较差', null]]);
    expect(tree!.missing.minShare).toBe(0.5);
  });

  it('round-trips through JSON (runs.tree_json)', () => {
    expect(IndicatorTreeSchema.parse(JSON.parse(JSON.stringify(tree)))).toEqual(tree);
  });

  it('describes every field of the file schema (JSON Schema can be generated)', () => {
    const schema = JSON.stringify(z.toJSONSchema(IndicatorFileSchema, { io: 'input', unrepresentable: 'any' }));
    expect(schema).toContain('Weight among siblings');
  });
});

describe('finding files', () => {
  it('finds a year’s file and the previous one', () => {
    expect(findIndicatorFile('indicators', 2024)).toBe(join('indicators', '2024.yaml'));
    expect(findIndicatorFile('indicators', 1999)).toBeUndefined();
    expect(findPreviousIndicatorFile('indicators', 2025)).toBe(join('indicators', '2024.yaml'));
  });

  it('reports a file name that does not match its year', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-tree-'));
    const text = `year: 2024\nlabel: {zh: x, en: x}\ndimensions:\n  - {id: d, label: {zh: d, en: d}, weight: 100, metric: members}\n`;
    writeFileSync(join(dir, '2025.yaml'), text);
    expect(loadIndicatorTree(join(dir, '2025.yaml'), DEFAULT_METRIC_IDS).issues.map((i) => i.code)).toEqual(['year_mismatch']);
  });

  it('returns a YAML syntax error as an issue', () => {
    const { tree, issues } = parseIndicatorTree('bad.yaml', 'year: [2025\n', DEFAULT_METRIC_IDS);
    expect(tree).toBeUndefined();
    expect(issues[0].code).toBe('yaml_syntax');
  });
});

describe('checkIndicatorFile (yardstick check)', () => {
  it('passes a shipped file and lists the changes since the previous year', async () => {
    const out = await checkIndicatorFile('indicators/2023.yaml');
    expect(out).toMatch(/^indicators\/2023\.yaml: 通过 OK — 2023 年，4 个维度 dimensions，19 个指标 indicators/);
    expect(out).toContain('changes since indicators/2022.yaml');
    expect(out).toContain('weight of outcomes within total: 25% → 35%');
  });
});
