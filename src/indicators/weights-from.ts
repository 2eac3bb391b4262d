/**
 * `weights_from:` in an indicator file: a group's children (or, on `composite`,
 * the dimensions) take their weights from an AHP pairwise matrix instead of the
 * numbers written beside them. The matrix CSV sits beside the indicator file.
 * A matrix with CR ≥ 0.1 is refused, naming the most inconsistent judgement, and
 * the criteria must be exactly the children's ids. Runs before the tree checks,
 * so the sums those checks see are the method's (as percentages).
 *
 * Objective methods (entropy, CRITIC) depend on a year's data; compute them with
 * `yardstick weights …` and write the result into the file, so the tree stays a
 * plain, reviewable document.
 */
import { dirname, resolve } from 'node:path';
import { error, isYardstickError, type Issue } from '../errors.js';
import { issueAt, type YamlSource } from '../config/read-yaml.js';
import { computeAhp, inconsistencyIssue } from '../weights/ahp.js';
import { readPairwiseCsv } from '../weights/read-matrix.js';
import type { IndicatorFile } from './indicator-schema.js';

type Group = { id: string; weights_from?: { method: 'ahp'; matrix: string; ri?: string }; indicators?: Child[] };
type Child = Group & { weight?: number };

export function applyWeightMethods(src: YamlSource, spec: IndicatorFile): Issue[] {
  const issues: Issue[] = [];
  const visit = (group: Group, children: Child[], path: (string | number)[], childKey: string) => {
    if (group.weights_from) issues.push(...fromAhp(src, group, children, [...path, 'weights_from']));
    children.forEach((c, i) => {
      const at = [...path, childKey, i];
      if (c.weight === undefined) {
        issues.push(issueAt(src, at, 'missing_weight',
          `“${c.id}”没有权重，上级也未设 weights_from / “${c.id}” has no weight and its group has no weights_from`));
        c.weight = 0;
      }
      if (c.indicators) visit(c, c.indicators, at, 'indicators');
    });
  };
  visit(spec.composite as Group, spec.dimensions as Child[], ['composite'], 'dimensions');
  // Dimensions sit under `dimensions`, not under `composite`: fix the paths of their issues.
  return issues.map((i) => ({ ...i, path: i.path?.replace(/^composite\.dimensions/, 'dimensions') }));
}

function fromAhp(src: YamlSource, group: Group, children: Child[], path: (string | number)[]): Issue[] {
  const spec = group.weights_from!;
  const file = resolve(dirname(src.file), spec.matrix);
  try {
    const m = readPairwiseCsv(file);
    const ids = children.map((c) => c.id);
    const missing = ids.filter((id) => !m.criteria.includes(id));
    const extra = m.criteria.filter((c) => !ids.includes(c));
    if (missing.length || extra.length) {
      return [issueAt(src, path, 'ahp_criteria',
        `${file} 的判断矩阵准则须与“${group.id}”的下级一一对应（缺少 ${missing.join(', ') || '—'}，多出 ${extra.join(', ') || '—'}） / ` +
        `the matrix criteria must be exactly the children of ${group.id} (missing: ${missing.join(', ') || '-'}; extra: ${extra.join(', ') || '-'})`)];
    }
    const r = computeAhp(m.values, { criteria: m.criteria, ri: spec.ri as never, locate: m.locate });
    const refused = inconsistencyIssue(r);
    if (refused) return [{ ...refused, ...issueAt(src, path, refused.code, `${file}: ${refused.message}`) }];
    for (const c of children) c.weight = 100 * r.weights[m.criteria.indexOf(c.id)];
    return [];
  } catch (e) {
    if (isYardstickError(e)) return e.issues.map((i) => ({ ...i, path: path.join('.') }));
    return [error('ahp_matrix', `${file}: ${(e as Error).message}`, { file: src.file, path: path.join('.') })];
  }
}
