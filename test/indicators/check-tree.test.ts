/**
 * Pass 2 of indicator-file validation: each fault is found, named and located file:line:col,
 * and all of them come back together.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue, type Issue } from '../../src/errors.js';
import { parseIndicatorTree } from '../../src/indicators/load-tree.js';
import { DEFAULT_METRIC_IDS } from '../../src/indicators/default-metrics.js';

const check = (text: string): Issue[] => parseIndicatorTree('indicators/2025.yaml', text, DEFAULT_METRIC_IDS).issues;
const errors = (text: string) => check(text).filter((i) => i.severity === 'error');
const at = (i: Issue) => `${i.file}:${i.row}:${i.column}`;

// Line numbers matter: the expectations below point into this text.
const FAULTY = `year: 2025
label: {zh: 测试, en: test}
dimensions:
  - id: conditions
    label: {zh: 条件, en: C}
    weight: 60
    indicators:
      - id: a
        label: {zh: 甲, en: A}
        weight: 50
        metric: study_space
      - id: b
        label: {zh: 乙, en: B}
        weight: 45
        metric: study_spce
  - id: conditions
    label: {zh: 重复, en: dup}
    weight: 40
    indicators: []
`;

describe('checkTree', () => {
  it('returns every fault at once, located', () => {
    const issues = errors(FAULTY);
    expect(issues.map((i) => [i.code, at(i), i.path])).toEqual([
      ['weight_sum', 'indicators/2025.yaml:8:7', 'dimensions.0.indicators'],
      ['unknown_metric', 'indicators/2025.yaml:15:17', 'dimensions.0.indicators.1.metric'],
      ['duplicate_id', 'indicators/2025.yaml:16:9', 'dimensions.1.id'],
      ['empty_group', 'indicators/2025.yaml:19:17', 'dimensions.1.indicators'],
    ]);
  });

  it('says a wrong sum looks like percentages, should be 100, and by how much it is off', () => {
    const [sum] = errors(FAULTY);
    expect(sum.message).toContain('sum to 95 (50 + 45); they look like percentages, which must sum to 100: off by -5');
    expect(sum.message).toContain('看起来是百分比，应为 100，相差 -5');
  });

  it('says a wrong sum of fractions should be 1', () => {
    const text = FAULTY.replace('weight: 50', 'weight: 0.5').replace('weight: 45', 'weight: 0.4');
    const sum = errors(text).find((i) => i.code === 'weight_sum')!;
    expect(sum.message).toContain('sum to 0.9 (0.5 + 0.4); they look like fractions, which must sum to 1: off by -0.1');
  });

  it('accepts fractions that sum to 1 and never rescales silently', () => {
    const ok = FAULTY.replace('weight: 50', 'weight: 0.5').replace('weight: 45', 'weight: 0.5');
    expect(errors(ok).map((i) => i.code)).not.toContain('weight_sum');
    expect(check(ok).map((i) => i.code)).toContain('mixed_weight_scale'); // root in percent, group in fractions
  });

  it('names the duplicate id and where it was first used', () => {
    const dup = errors(FAULTY).find((i) => i.code === 'duplicate_id')!;
    expect(formatIssue(dup)).toBe(
      'indicators/2025.yaml:16:9 dimensions.1.id: 编号“conditions”重复（第 4 行已使用）；每个节点的 id 必须唯一 / duplicate id "conditions" (already used on line 4); every node id must be unique',
    );
  });

  it('suggests the nearest known metric', () => {
    const unknown = errors(FAULTY).find((i) => i.code === 'unknown_metric')!;
    expect(unknown.message).toContain('did you mean "study_space"?');
  });

  it('finds ids that are not snake_case, bad goalposts, and malformed nodes', () => {
    const text = `year: 2025
label: {zh: 测试, en: test}
dimensions:
  - id: Study Space
    label: {zh: 条件, en: C}
    weight: 100
    indicators:
      - {id: 2nd, label: {zh: 甲, en: A}, weight: 25, metric: study_space, normalise: {method: goalposts, lo: 5, hi: 5}}
      - {id: b, label: {zh: 乙, en: B}, weight: 25}
      - {id: c, label: {zh: 丙, en: C}, weight: 25, metric: study_space, indicators: []}
      - {id: d, label: {zh: 丁, en: D}, weight: 25, metric: study_space, normalise: {method: percent_of_target, target: 0}}
grades: [{grade: 优秀, min: 80}, {grade: 良好, min: 90}, {grade: 较差}]
veto: {metric: veto, grade: 不合格, reason: {zh: 否决, en: veto}}
`;
    const issues = errors(text);
    expect(issues.map((i) => [i.code, i.row])).toEqual([
      ['id_not_snake_case', 4],
      ['id_not_snake_case', 8],
      ['goalposts_order', 8],
      ['node_without_metric', 9],
      ['leaf_and_group', 10],
      ['target_not_positive', 11],
      ['grades_not_descending', 12],
      ['veto_grade_unknown', 13],
    ]);
    expect(issues[0].message).toContain('contains a space');
    expect(issues[1].message).toContain('starts with a digit');
  });

  it('reports zod (pass 1) problems located too', () => {
    const issues = errors(FAULTY.replace('weight: 45', 'weight: forty-five'));
    expect(issues.map((i) => [i.code, at(i)])).toEqual([['schema_invalid_type', 'indicators/2025.yaml:14:17']]);
  });

  it('warns about parameters a method does not use', () => {
    const text = FAULTY.replace('metric: study_space', 'metric: study_space\n        normalise: {method: minmax, lo: 0}');
    const w = check(text).find((i) => i.code === 'unused_parameter')!;
    expect(w.severity).toBe('warning');
    expect(w.message).toContain('lo ignored');
  });
});
