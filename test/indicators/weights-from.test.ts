/** weights_from: AHP weights inside an indicator file. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIndicatorTree } from '../../src/indicators/load-tree.js';

const TREE = (matrix: string) => `year: 2025
label: {zh: 测试, en: test}
composite:
  weights_from: {method: ahp, matrix: ${matrix}}
dimensions:
  - id: conditions
    label: {zh: 学习条件, en: Conditions}
    indicators:
      - {id: a, label: {zh: 甲, en: A}, weight: 100, metric: attendance_rate}
  - id: process
    label: {zh: 学习过程, en: Process}
    indicators:
      - {id: b, label: {zh: 乙, en: B}, weight: 100, metric: exam_score_rate}
  - id: outcomes
    label: {zh: 学习成效, en: Outcomes}
    indicators:
      - {id: c, label: {zh: 丙, en: C}, weight: 100, metric: research_reports}
`;

function setup(matrixCsv: string, name = 'dims.csv') {
  const dir = mkdtempSync(join(tmpdir(), 'ys-wf-'));
  writeFileSync(join(dir, name), matrixCsv);
  const file = join(dir, '2025.yaml');
  writeFileSync(file, TREE(name));
  return loadIndicatorTree(file, ['attendance_rate', 'exam_score_rate', 'research_reports']);
}


/** The principal eigenvector of a positive matrix, normalised to sum 1 (power iteration). */
function principalEigenvector(m: number[][]): number[] {
  let v = m.map(() => 1 / m.length);
  for (let step = 0; step < 200; step++) {
    const next = m.map((row) => row.reduce((s, x, j) => s + x * v[j], 0));
    const sum = next.reduce((s, x) => s + x, 0);
    v = next.map((x) => x / sum);
  }
  return v;
}
describe('weights_from: ahp', () => {
  it('takes the dimension weights from the principal eigenvector (Saaty 3×3 textbook matrix)', () => {
    const { tree, issues } = setup(',conditions,process,outcomes\nconditions,1,3,5\nprocess,1/3,1,3\noutcomes,1/5,1/3,1\n');
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    // principal eigenvector by plain power iteration, written here (not computeAhp): ≈ 0.637, 0.258, 0.105
    const expected = principalEigenvector([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]]);
    expected.forEach((w, i) => expect(w).toBeCloseTo([0.637, 0.258, 0.105][i], 3)); // Saaty's textbook values
    const dims = tree!.nodes.filter((n) => n.level === 1);
    dims.forEach((d, i) => expect(d.weight).toBeCloseTo(expected[i], 9));
    const leaves = tree!.nodes.filter((n) => n.metric !== null);
    expect(leaves.reduce((s, n) => s + n.effectiveWeight, 0)).toBeCloseTo(1, 12);
  });

  it('refuses an inconsistent matrix (CR ≥ 0.1) at the weights_from line, naming the worst judgement', () => {
    const { tree, issues } = setup(',conditions,process,outcomes\nconditions,1,9,1/9\nprocess,1/9,1,9\noutcomes,9,1/9,1\n');
    expect(tree).toBeUndefined();
    const issue = issues.find((i) => i.code === 'ahp_inconsistent')!;
    expect(issue).toMatchObject({ row: 4, path: 'composite.weights_from' });
    expect(issue.message).toMatch(/CR=/);
  });

  it('requires the matrix criteria to be exactly the children', () => {
    const { issues } = setup(',conditions,process\nconditions,1,2\nprocess,1/2,1\n');
    expect(issues.find((i) => i.code === 'ahp_criteria')?.message).toContain('outcomes');
  });
});
