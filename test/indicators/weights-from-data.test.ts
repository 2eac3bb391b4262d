/**
 * weights_from in the file: entropy / critic / combined load (placeholders until scoring),
 * AHP criteria by label, and literal weights beside weights_from refused where they stand.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIndicatorTree, parseIndicatorTree } from '../../src/indicators/load-tree.js';
import { computeAhp } from '../../src/weights/ahp.js';

const METRICS = ['a', 'b', 'c', 'x'];

const tree = (head: string, weights: [string, string, string] | null) => {
  const w = (i: number) => (weights ? `, weight: ${weights[i]}` : '');
  return `year: 2025
label: {zh: 测试, en: test}
dimensions:
  - id: conditions
    label: {zh: 学习条件, en: Conditions}
    weight: 50
${head}    indicators:
      - {id: a, label: {zh: 甲, en: A}${w(0)}, metric: a}
      - {id: b, label: {zh: 乙, en: B}${w(1)}, metric: b}
      - {id: c, label: {zh: 丙, en: C}${w(2)}, metric: c}
  - id: outcomes
    label: {zh: 学习成效, en: Outcomes}
    weight: 50
    indicators:
      - {id: x, label: {zh: 戊, en: X}, weight: 100, metric: x}
`;
};

const load = (text: string) => parseIndicatorTree('t.yaml', text, METRICS);
const errors = (text: string) => load(text).issues.filter((i) => i.severity === 'error');

describe('weights_from: data methods in the file', () => {
  it('entropy without weights loads, with equal placeholders and the method kept for scoring', () => {
    const { tree: t, issues } = load(tree('    weights_from: {method: entropy, missing: mean}\n', null));
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const group = t!.nodes.find((n) => n.id === 'conditions')!;
    expect(group.weightsFrom).toMatchObject({ method: 'entropy', objective: 'entropy', missing: 'mean', normalise: 'proportion', floor: 0.01, subjective: null });
    for (const id of ['a', 'b', 'c']) expect(t!.nodes.find((n) => n.id === id)!.weight).toBeCloseTo(1 / 3, 12);
  });

  it('refuses literal weights beside entropy, located on each weight', () => {
    const errs = errors(tree('    weights_from: {method: critic}\n', ['50', '30', '20']));
    expect(errs.map((e) => e.code)).toEqual(['weight_with_weights_from', 'weight_with_weights_from', 'weight_with_weights_from']);
    // the children are lines 9, 10, 11 of the file; each error points at its weight
    expect(errs.map((e) => e.row)).toEqual([9, 10, 11]);
    expect(errs[0].path).toBe('dimensions.0.indicators.0.weight');
    expect(errs[0].column).toBeGreaterThan(10);
    expect(errs[0].message).toContain('subjective: weights');
  });

  it('combined keeps the literal weights as its subjective half (fractions, file order)', () => {
    const { tree: t } = load(tree('    weights_from: {method: combined, mode: linear, alpha: 0.7, objective: critic}\n', ['50', '30', '20']));
    expect(t!.nodes.find((n) => n.id === 'conditions')!.weightsFrom).toMatchObject({
      method: 'combined', objective: 'critic', mode: 'linear', alpha: 0.7, subjective: [0.5, 0.3, 0.2], subjectiveFrom: 'weights',
    });
  });

  it('combined needs every subjective weight; alpha only with linear', () => {
    expect(errors(tree('    weights_from: {method: combined, mode: multiplicative}\n', null)).map((e) => e.code)).toContain('missing_weight');
    const alpha = errors(tree('    weights_from: {method: combined, mode: multiplicative, alpha: 0.5}\n', ['50', '30', '20']));
    expect(alpha.map((e) => e.code)).toEqual(['alpha_only_linear']);
    expect(alpha[0].row).toBe(7);
  });
});

describe('weights_from: ahp criteria by label', () => {
  it('a matrix written with the Chinese labels (学习条件, 学习成效) weighs the dimensions; literal dimension weights are refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-wf-label-'));
    writeFileSync(join(dir, 'dims.csv'), ',学习条件,学习成效\n学习条件,1,3\n学习成效,1/3,1\n');
    const text = tree('', ['50', '30', '20'])
      .replace('dimensions:\n', 'composite:\n  weights_from: {method: ahp, matrix: dims.csv}\ndimensions:\n')
      .replace(/    weight: 50\n/g, '');
    writeFileSync(join(dir, 'a.yaml'), text);
    const { tree: t, issues } = loadIndicatorTree(join(dir, 'a.yaml'), METRICS);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(t!.nodes.find((n) => n.id === 'conditions')!.weight).toBeCloseTo(0.75, 12); // 3:1
    expect(t!.nodes.find((n) => n.id === 'outcomes')!.weight).toBeCloseTo(0.25, 12);

    writeFileSync(join(dir, 'b.yaml'), tree('', ['50', '30', '20']).replace('dimensions:\n', 'composite:\n  weights_from: {method: ahp, matrix: dims.csv}\ndimensions:\n'));
    const refused = loadIndicatorTree(join(dir, 'b.yaml'), METRICS).issues.filter((i) => i.code === 'weight_with_weights_from');
    expect(refused.map((i) => i.path)).toEqual(['dimensions.0.weight', 'dimensions.1.weight']);
  });

  it('ids and labels may be mixed; an unknown name is listed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-wf-label-'));
    writeFileSync(join(dir, 'm.csv'), ',a,乙,Cx\na,1,2,4\n乙,1/2,1,2\nCx,1/4,1/2,1\n');
    writeFileSync(join(dir, 't.yaml'), tree('    weights_from: {method: ahp, matrix: m.csv}\n', null));
    const bad = loadIndicatorTree(join(dir, 't.yaml'), METRICS).issues.find((i) => i.code === 'ahp_criteria');
    expect(bad?.message).toContain('unknown: Cx');
    expect(bad?.message).toContain('missing: c（丙）');
    writeFileSync(join(dir, 'm.csv'), ',a,乙,C\na,1,2,4\n乙,1/2,1,2\nC,1/4,1/2,1\n');
    const { tree: t } = loadIndicatorTree(join(dir, 't.yaml'), METRICS);
    const expected = computeAhp([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]).weights; // consistent: 4/7, 2/7, 1/7
    ['a', 'b', 'c'].forEach((id, j) => expect(t!.nodes.find((n) => n.id === id)!.weight).toBeCloseTo([4 / 7, 2 / 7, 1 / 7][j], 9));
    expect(expected[0]).toBeCloseTo(4 / 7, 9);
  });
});
