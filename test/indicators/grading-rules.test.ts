/**
 * The announcement blocks of an indicator file (grading, bonus, deductions, veto): what loads,
 * every fault located file:line:col, older single-object forms still accepted, and the rules in
 * words as `yardstick check` prints them.
 */
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/errors.js';
import { parseIndicatorTree } from '../../src/indicators/load-tree.js';
import { DEFAULT_METRIC_IDS } from '../../src/indicators/default-metrics.js';
import { describeAdjustments, describeGrading } from '../../src/indicators/describe-grading.js';
import { IndicatorFileSchema } from '../../src/indicators/indicator-schema.js';
import { z } from 'zod';

const HEAD = `year: 2025
label: {zh: 测试, en: test}
dimensions:
  - id: conditions
    label: {zh: 学习条件, en: Conditions}
    weight: 50
    indicators: [{id: a, label: {zh: 甲, en: A}, weight: 100, metric: study_space}]
  - id: process
    label: {zh: 学习过程, en: Process}
    weight: 50
    indicators: [{id: b, label: {zh: 乙, en: B}, weight: 100, metric: attendance_rate}]
`; // 11 lines: the blocks below start on line 12

const load = (blocks: string) => parseIndicatorTree('indicators/2025.yaml', HEAD + blocks, DEFAULT_METRIC_IDS);
const at = (i: Issue) => `${i.row}:${i.column}`;
const faults = (blocks: string) => load(blocks).issues.map((i) => [i.severity, i.code, at(i)]);

const QUOTA = `grading:
  method: quota
  ties: next_node
  grades:
    - {grade: 优秀, en: excellent, max_share: 0.2, min: 85}
    - {grade: 良好, en: good, min: 75}
    - {grade: 一般, en: fair, min: 60}
    - {grade: 较差, en: poor}
`;

describe('grading block', () => {
  it('loads a quota with its defaults (floor rounding) and next_node = the dimensions in file order', () => {
    const { tree, issues } = load(QUOTA);
    expect(issues).toEqual([]);
    expect(tree!.grading).toEqual({ method: 'quota', rounding: 'floor', ties: { rule: 'next_node', nodes: ['conditions', 'process'] } });
    expect(tree!.grades.map((g) => [g.grade, g.min, g.maxShare])).toEqual([['优秀', 85, 0.2], ['良好', 75, null], ['一般', 60, null], ['较差', null, null]]);
  });

  it('an explicit tie-break list is kept; an unknown node is an error at its line', () => {
    expect(load(QUOTA.replace('ties: next_node', 'ties: [process, a]')).tree!.grading.ties).toEqual({ rule: 'next_node', nodes: ['process', 'a'] });
    // line 12 grading:, 13 method, 14 ties
    expect(faults(QUOTA.replace('ties: next_node', 'ties: [proces]'))).toEqual([['error', 'unknown_tie_node', '14:10']]);
  });

  it('rejects max_share under bands, grades next to grading, and an unknown ties rule', () => {
    expect(faults(QUOTA.replace('method: quota', 'method: bands'))).toEqual([['error', 'max_share_with_bands', '16:45']]);
    expect(faults(QUOTA + 'grades: [{grade: 好, min: 1}, {grade: 差}]\n')).toEqual([['error', 'grades_and_grading', '20:9']]);
    expect(faults(QUOTA.replace('ties: next_node', 'ties: row_order'))).toEqual([['error', 'schema_invalid_union', '14:9']]);
  });

  it('warns about a quota without any max_share', () => {
    expect(faults(QUOTA.replace('max_share: 0.2, ', ''))).toEqual([['warning', 'quota_without_share', '13:11']]);
  });

  it('old `grades:` lists still load as bands', () => {
    const { tree } = load('grades: [{grade: 好, min: 50}, {grade: 差}]\n');
    expect(tree!.grading.method).toBe('bands');
    expect(tree!.grades.map((g) => g.grade)).toEqual(['好', '差']);
  });
});

describe('bonus, deductions and veto blocks', () => {
  it('load lists with ids, labels and effects', () => {
    const { tree, issues } = load(`bonus:
  - {id: honours, label: {zh: 表彰, en: Honours}, metric: bonus_points, cap: 5}
deductions:
  - {id: penalties, metric: deduction_points, cap: 3}
veto:
  - {id: discipline, metric: veto, effect: cap, grade: 一般, reason: {zh: 违纪, en: discipline}}
  - {id: late, metric: members, effect: bar_excellent, reason: {zh: 迟报, en: late}}
`);
    expect(issues).toEqual([]);
    expect(tree!.bonus).toEqual([{ id: 'honours', label: { zh: '表彰', en: 'Honours' }, metric: 'bonus_points', cap: 5 }]);
    expect(tree!.deductions).toEqual([{ id: 'penalties', label: { zh: '扣分', en: 'Deduction' }, metric: 'deduction_points', cap: 3 }]);
    expect(tree!.veto.map((v) => [v.id, v.effect, v.grade])).toEqual([['discipline', 'cap', '一般'], ['late', 'bar_excellent', null]]);
  });

  it('old single objects still load: veto grade 较差 → force 较差, grade not_graded → not_graded', () => {
    const a = load('bonus: {metric: bonus_points, cap: 5}\nveto: {metric: veto, grade: 较差, reason: {zh: 违纪, en: d}}\n').tree!;
    expect(a.bonus.map((b) => [b.id, b.cap])).toEqual([['bonus_points', 5]]);
    expect(a.veto.map((v) => [v.id, v.effect, v.grade])).toEqual([['veto', 'force', '较差']]);
    const b = load('veto: {metric: veto, grade: not_graded, reason: {zh: 违纪, en: d}}\n').tree!;
    expect(b.veto.map((v) => [v.effect, v.grade])).toEqual([['not_graded', null]]);
    // force without a grade forces the lowest grade
    const c = load('veto: {metric: veto, effect: force, reason: {zh: 违纪, en: d}}\n').tree!;
    expect(c.veto[0].grade).toBe('较差');
  });

  it('locates every fault: duplicate id, metric fed to two items, unknown metric, cap without grade, unknown grade', () => {
    const text = `bonus:
  - {id: honours, metric: bonus_points, cap: 5}
deductions:
  - {id: honours, metric: bonus_points, cap: 5}
  - {id: penalties, metric: deduction_pts, cap: 5}
veto:
  - {id: v1, metric: veto, effect: cap, reason: {zh: 甲, en: a}}
  - {id: v2, metric: veto, effect: force, grade: 不及格, reason: {zh: 乙, en: b}}
  - {id: v3, metric: veto, effect: not_graded, grade: 较差, reason: {zh: 丙, en: c}}
`;
    // line 12 bonus:, 15 deductions[0], 16 deductions[1], 18 veto[0], 19 veto[1], 20 veto[2]
    expect(faults(text)).toEqual([
      ['error', 'duplicate_item_id', '15:10'],
      ['error', 'adjustment_metric_reused', '15:27'],
      ['error', 'unknown_metric', '16:29'],
      ['error', 'veto_grade_missing', '18:36'],
      ['error', 'veto_grade_unknown', '19:50'],
      ['warning', 'ignored_veto_grade', '20:55'],
    ]);
    const dup = load(text).issues.find((i) => i.code === 'unknown_metric')!;
    expect(dup.message).toContain('deduction_points');
  });
});

describe('the rules in words (yardstick check)', () => {
  it('quota with the number of graded units: 优秀：前 20%（19 个单位中 3 个）且 ≥ 85', () => {
    const lines = describeGrading(load(QUOTA).tree!, 19);
    expect(lines[0]).toEqual({ zh: '优秀：前 20%（19 个单位中 3 个）且 ≥ 85', en: '优秀 (excellent): top 20% (3 of 19) and ≥ 85' });
    expect(lines[3]).toEqual({ zh: '较差：< 60', en: '较差 (poor): < 60' });
    expect(lines[4].zh).toBe('名额按参评单位数向下取整（20% × 19 = 3.8 → 3）');
    expect(lines[5].en).toBe('ties at a quota boundary are broken by the scores of Conditions, Process, in turn; units still tied all get the grade');
  });

  it('without a count, just the rule; bands as floors', () => {
    expect(describeGrading(load(QUOTA).tree!)[0].zh).toBe('优秀：前 20% 且 ≥ 85');
    const bands = describeGrading(load('').tree!);
    expect(bands.map((l) => l.zh)).toEqual(['优秀：≥ 90', '良好：≥ 80', '一般：≥ 60', '较差：< 60']);
  });

  it('items in words', () => {
    const t = load('deductions: [{metric: deduction_points, cap: 5}]\nveto: [{metric: veto, effect: bar_excellent, reason: {zh: 违纪, en: d}}]\n').tree!;
    expect(describeAdjustments(t).map((l) => l.zh)).toEqual([
      '扣分“扣分”（deduction_points）：最多 5 分；正负数均按绝对值扣分',
      '一票否决“一票否决”（veto）：不得评为优秀 — 违纪',
    ]);
  });
});

describe('JSON Schema', () => {
  it('documents grading, deductions and the veto effects', () => {
    const s = JSON.stringify(z.toJSONSchema(IndicatorFileSchema, { io: 'input', unrepresentable: 'any' }));
    for (const word of ['max_share', 'next_node', 'all_in', 'deduction', 'bar_excellent', 'not_graded', 'rounding']) expect(s).toContain(word);
  });
});

describe('year-on-year diff', () => {
  it('names a change of grading rule and of items in words', async () => {
    const { diffTrees } = await import('../../src/indicators/diff-trees.js');
    const before = load('bonus: {metric: bonus_points, cap: 5}\n').tree!;
    const after = load(QUOTA + 'bonus: {metric: bonus_points, cap: 3}\nveto: [{id: d, metric: veto, effect: not_graded, reason: {zh: 违纪, en: d}}]\n').tree!;
    const changes = diffTrees(before, after);
    expect(changes.map((c) => c.kind)).toEqual(['grades_changed', 'bonus_changed', 'veto_changed']);
    expect(changes[0].message).toContain('优秀：≥ 90');
    expect(changes[0].message).toContain('优秀：前 20% 且 ≥ 85');
    expect(changes[1].message).toContain('最多 3 分');
    expect(changes[2].message).toContain('none → d:not_graded');
  });
});

describe('trees recorded by older runs (runs.tree_json)', () => {
  it('read bonus/veto single objects (or null) as lists, and default to bands', async () => {
    const { IndicatorTreeSchema } = await import('../../src/indicators/indicator-schema.js');
    const t = load('').tree!;
    const old = {
      ...t,
      grades: t.grades.map(({ maxShare: _m, ...g }) => g),
      grading: undefined,
      deductions: undefined,
      bonus: { metric: 'bonus_points', cap: 5 },
      veto: { metric: 'veto', grade: null, reason: { zh: '违纪', en: 'd' } },
    };
    const parsed = IndicatorTreeSchema.parse(JSON.parse(JSON.stringify(old)));
    expect(parsed.bonus).toEqual([{ id: 'bonus_points', label: { zh: '加分', en: 'Bonus' }, metric: 'bonus_points', cap: 5 }]);
    expect(parsed.veto.map((v) => [v.id, v.effect, v.grade])).toEqual([['veto', 'not_graded', null]]);
    expect(parsed.deductions).toEqual([]);
    expect(parsed.grading.method).toBe('bands');
    expect(parsed.grades[0].maxShare).toBeNull();
    expect(IndicatorTreeSchema.parse({ ...JSON.parse(JSON.stringify(old)), bonus: null, veto: null }).veto).toEqual([]);
  });
});
