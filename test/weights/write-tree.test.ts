/**
 * `weights … --write <tree> --group <node>`: the weights go into the children's `weight:`
 * values as text edits (comments and layout kept), summing to exactly 100; a group's
 * weights_from is removed (the weights are frozen); mismatched criteria are refused.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerWeightsCommand } from '../../src/cli/commands/weights.js';
import { loadIndicatorTree } from '../../src/indicators/load-tree.js';
import { percentText, writeWeightsIntoTree } from '../../src/weights/write-tree.js';

const METRICS = ['a', 'b', 'c', 'x'];
const TREE = `# 草案 / draft
year: 2026
label: {zh: 草案, en: draft}
composite: {id: total, label: {zh: 综合得分, en: Composite}, weights_from: {method: entropy}}   # 维度权重由数据定
dimensions:
  - id: conditions
    label: {zh: 学习条件, en: Conditions}   # 条件
    weights_from:
      method: critic
      missing: mean
    indicators:
      - {id: a, label: {zh: 甲, en: A}, metric: a}   # 甲的说明
      - id: b
        label: {zh: 乙, en: B}
        metric: b   # 乙的说明
      - {id: c, label: {zh: 丙, en: C}, metric: c}
  - id: outcomes
    label: {zh: 学习成效, en: Outcomes}
    indicators:
      - {id: x, label: {zh: 戊, en: X}, weight: 100, metric: x}
`;

function draft(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ys-write-'));
  const file = join(dir, 'draft.yaml');
  writeFileSync(file, TREE);
  return file;
}

describe('--write into an indicator file', () => {
  it('freezes a group weighted by CRITIC: weights added to flow and block children, weights_from removed, comments kept', () => {
    const file = draft();
    const r = writeWeightsIntoTree(file, '学习条件', ['丙', 'a', 'b'], [0.2, 1 / 3, 1 - 0.2 - 1 / 3], 2);
    expect(r.removedWeightsFrom).toBe('critic');
    // 1/3 → 33.33, 0.4667 → 46.67, 0.2 → 20: largest remainder, exactly 100
    expect(r.written).toEqual([{ id: 'a', weight: '33.33' }, { id: 'b', weight: '46.67' }, { id: 'c', weight: '20' }]);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('      - {id: a, label: {zh: 甲, en: A}, weight: 33.33, metric: a}   # 甲的说明\n');
    expect(text).toContain('        label: {zh: 乙, en: B}\n        weight: 46.67\n        metric: b   # 乙的说明\n');
    expect(text).toContain('    label: {zh: 学习条件, en: Conditions}   # 条件\n    indicators:\n');
    expect(text).not.toContain('method: critic');
    expect(text).toContain('# 草案 / draft\n');
    const { tree, issues } = loadIndicatorTree(file, METRICS);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(tree!.nodes.find((n) => n.id === 'b')!.weight).toBeCloseTo(0.4667, 12);
  });

  it('the composite: weights_from removed from a flow map, dimension weights added after their labels (by id), via the CLI', async () => {
    const file = draft();
    writeWeightsIntoTree(file, 'conditions', ['a', 'b', 'c'], [0.5, 0.25, 0.25], 2);
    const dir = mkdtempSync(join(tmpdir(), 'ys-write-'));
    const json = join(dir, 'w.json');
    writeFileSync(json, JSON.stringify({ criteria: ['outcomes', 'conditions'], weights: [0.6, 0.4] }));
    writeFileSync(join(dir, 's.json'), JSON.stringify({ criteria: ['conditions', 'outcomes'], weights: [0.5, 0.5] }));
    const err: string[] = [];
    const program = new Command().exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
    registerWeightsCommand(program, { write: () => {}, writeError: (s) => err.push(s) });
    await program.parseAsync(['weights', 'combine', '--subjective', join(dir, 's.json'), '--objective', json, '--mode', 'linear', '--alpha', '0',
      '--write', file, '--group', 'total'], { from: 'user' });
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('composite: {id: total, label: {zh: 综合得分, en: Composite}}   # 维度权重由数据定\n');
    expect(text).toContain('    label: {zh: 学习条件, en: Conditions}   # 条件\n    weight: 40\n');
    expect(text).toContain('    label: {zh: 学习成效, en: Outcomes}\n    weight: 60\n');
    expect(err.join('')).toContain('removed weights_from (entropy) from total');
    expect(loadIndicatorTree(file, METRICS).issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('refuses weights that do not name the group’s children, and --write without --group; the file is left as it was', async () => {
    const file = draft();
    expect(() => writeWeightsIntoTree(file, 'conditions', ['a', 'b', 'zz'], [0.3, 0.3, 0.4])).toThrow(/not given: c; unknown: zz/);
    expect(() => writeWeightsIntoTree(file, 'nope', ['a'], [1])).toThrow(/no group “nope”/);
    expect(readFileSync(file, 'utf8')).toBe(TREE);
    const program = new Command().exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
    registerWeightsCommand(program, { write: () => {}, writeError: () => {} });
    const dir = mkdtempSync(join(tmpdir(), 'ys-write-'));
    writeFileSync(join(dir, 'm.csv'), ',a,b,c\na,1,1,1\nb,1,1,1\nc,1,1,1\n');
    await expect(program.parseAsync(['weights', 'ahp', join(dir, 'm.csv'), '--write', file], { from: 'user' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'write_needs_group', file })],
    });
  });

  it('12 decimals by default: thirds are written as 33.333333333334 + 33.333333333333 × 2 = 100 exactly', () => {
    const file = draft();
    const r = writeWeightsIntoTree(file, 'conditions', ['a', 'b', 'c'], [1 / 3, 1 / 3, 1 / 3]);
    expect(r.written.map((w) => w.weight)).toEqual(['33.333333333334', '33.333333333333', '33.333333333333']);
    expect(percentText(2000000000000, 12)).toBe('2');
    expect(percentText(5, 12)).toBe('0.000000000005');
  });
});
