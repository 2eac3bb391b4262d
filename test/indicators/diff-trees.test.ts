import { describe, expect, it } from 'vitest';
import { diffTrees } from '../../src/indicators/diff-trees.js';
import { loadIndicatorTree, parseIndicatorTree } from '../../src/indicators/load-tree.js';
import { DEFAULT_METRIC_IDS } from '../../src/indicators/default-metrics.js';

const load = (year: number) => loadIndicatorTree(`indicators/${year}.yaml`, DEFAULT_METRIC_IDS).tree!;
const tree = (body: string) =>
  parseIndicatorTree('t.yaml', `year: 2025\nlabel: {zh: t, en: t}\ndimensions:\n${body}`, DEFAULT_METRIC_IDS).tree!;

describe('diffTrees', () => {
  it('detects the weights moved from 2022 to 2023', () => {
    const changes = diffTrees(load(2022), load(2023));
    const moved = changes.filter((c) => c.kind === 'weight_moved').map((c) => [c.nodeId, c.from, c.to]);
    expect(moved).toContainEqual(['outcomes', 0.25, 0.35]);
    expect(moved).toContainEqual(['reports_per_leader', 0.16, 0.25]);
    expect(changes.every((c) => c.kind === 'weight_moved')).toBe(true);
    expect(changes.find((c) => c.nodeId === 'reports_per_leader')!.message).toBe(
      '“领导干部人均调研报告”权重 16% → 25%（有效权重 4% → 8.75%） / weight of reports_per_leader within outcomes: 16% → 25% (effective 4% → 8.75%)',
    );
  });

  it('finds nothing between identical trees', () => {
    expect(diffTrees(load(2025), load(2025))).toEqual([]);
  });

  it('detects added and removed nodes and a changed method', () => {
    const before = tree(`  - {id: d, label: {zh: d, en: d}, weight: 100, indicators: [{id: a, label: {zh: a, en: a}, weight: 50, metric: members}, {id: b, label: {zh: b, en: b}, weight: 50, metric: leaders}]}`);
    const after = tree(`  - {id: d, label: {zh: d, en: d}, weight: 100, indicators: [{id: a, label: {zh: a, en: a}, weight: 50, metric: members, normalise: zscore}, {id: c, label: {zh: c, en: c}, weight: 50, metric: leaders}]}`);
    expect(diffTrees(before, after).map((c) => [c.kind, c.nodeId, c.from, c.to])).toEqual([
      ['method_changed', 'a', 'minmax', 'zscore'],
      ['node_added', 'c', undefined, 0.5],
      ['node_removed', 'b', 0.5, undefined],
    ]);
  });
});
