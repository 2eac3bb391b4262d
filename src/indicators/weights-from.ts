/**
 * `weights_from:` in an indicator file: a group's children (or, on `composite`, the
 * dimensions) take their weights from a method instead of plain numbers.
 *
 *   ahp       a pairwise matrix CSV beside the file; criteria named by child id OR by the
 *             child's label (学习条件 — as leaders fill it in). Resolved here, at load time.
 *   entropy   } computed from the year's own data at scoring time (src/score/data-weights.ts):
 *   critic    } the children's normalised values of the year's evaluated units.
 *   combined  subjective × objective at scoring time. The subjective half is the children's
 *             literal `weight:` values (`subjective: weights`, the default) or an AHP matrix;
 *             the objective half entropy or CRITIC.
 *
 * A group with `weights_from` must not also carry literal weights — they would be silently
 * overridden — unless they are explicitly the subjective half of `combined`. That is a
 * located error on each such `weight:`.
 *
 * Runs before the tree checks, so the sums those checks see are the method's (percentages).
 * Data methods get equal placeholder weights here (the tree loads and `check` passes); the
 * scorer replaces them with the computed ones and records them in the run log.
 */
import { dirname, resolve } from 'node:path';
import { error, isYardstickError, type Issue } from '../errors.js';
import { issueAt, type YamlSource } from '../config/read-yaml.js';
import { computeAhp, inconsistencyIssue } from '../weights/ahp.js';
import { readPairwiseCsv } from '../weights/read-matrix.js';
import { DEFAULT_FLOOR } from '../weights/low-weights.js';
import type { DataWeightsParamsT, IndicatorFile, WeightsFromSpecT } from './indicator-schema.js';

type AhpSpec = Extract<WeightsFromSpecT, { method: 'ahp' }>;
type Group = { id: string; weights_from?: WeightsFromSpecT; indicators?: Child[] };
type Child = Group & { weight?: number; label: { zh: string; en: string } };
type Path = (string | number)[];

export function applyWeightMethods(src: YamlSource, spec: IndicatorFile): Issue[] {
  const issues: Issue[] = [];
  const visit = (group: Group, children: Child[], path: Path, childKey: string) => {
    const wf = group.weights_from;
    if (wf) {
      const at: Path = [...path, 'weights_from'];
      issues.push(...literalWeights(src, group.id, wf, children, [...childPathBase(path, childKey)]));
      if (wf.method === 'combined' && wf.mode === 'multiplicative' && wf.alpha !== undefined) {
        issues.push(issueAt(src, [...at, 'alpha'], 'alpha_only_linear',
          `alpha 只用于 mode: linear / alpha applies to mode: linear only (multiplicative renormalises s·o)`));
      }
      if (wf.method === 'ahp') issues.push(...fromAhp(src, group, children, wf, at));
      else if (wf.method === 'combined' && wf.subjective !== 'weights') issues.push(...fromAhp(src, group, children, wf.subjective, [...at, 'subjective']));
      else if (wf.method !== 'combined') for (const c of children) c.weight = 100 / children.length; // placeholders until scoring
    }
    children.forEach((c, i) => {
      const at = [...childPathBase(path, childKey), i];
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

/** The YAML path of a group's children list (the composite's are the top-level `dimensions`). */
function childPathBase(path: Path, childKey: string): Path {
  return childKey === 'dimensions' ? ['dimensions'] : [...path, childKey];
}

/** Literal weights beside weights_from are an error, unless they are combined's subjective half. */
function literalWeights(src: YamlSource, groupId: string, wf: WeightsFromSpecT, children: Child[], base: Path): Issue[] {
  const subjectiveHalf = wf.method === 'combined' && wf.subjective === 'weights';
  if (subjectiveHalf) return [];
  return children.flatMap((c, i) =>
    c.weight === undefined
      ? []
      : [issueAt(src, [...base, i, 'weight'], 'weight_with_weights_from',
          `“${c.id}”写有权重 ${c.weight}，但“${groupId}”的下级权重由 weights_from（${wf.method}）给出，该数值不会被使用：请删去，` +
          `或改用 {method: combined, subjective: weights} 把这些数值作为主观权重 / ` +
          `${c.id} has weight ${c.weight} but ${groupId} takes its children's weights from weights_from (${wf.method}), so it would be ignored: ` +
          `remove it, or use {method: combined, subjective: weights} to make these numbers the subjective half`)],
  );
}

/** The child a criterion names: its id, or its Chinese or English label. */
export function childIndexOf(name: string, children: { id: string; label: { zh: string; en: string } }[]): number {
  const key = name.trim();
  return children.findIndex((c) => c.id === key || c.label.zh === key || c.label.en === key);
}

function fromAhp(src: YamlSource, group: Group, children: Child[], spec: AhpSpec, path: Path): Issue[] {
  const file = resolve(dirname(src.file), spec.matrix);
  try {
    const m = readPairwiseCsv(file);
    const index = m.criteria.map((c) => childIndexOf(c, children));
    const missing = children.filter((_, j) => !index.includes(j)).map((c) => `${c.id}（${c.label.zh}）`);
    const extra = m.criteria.filter((_, k) => index[k] < 0);
    const twice = m.criteria.filter((_, k) => index.indexOf(index[k]) !== k && index[k] >= 0);
    if (missing.length || extra.length || twice.length) {
      const list = (xs: string[]) => xs.join(', ') || '—';
      return [issueAt(src, path, 'ahp_criteria',
        `${file} 的判断矩阵准则须与“${group.id}”的下级一一对应，可写编号或中文名称（缺少 ${list(missing)}，无法对应 ${list(extra)}，重复 ${list(twice)}） / ` +
        `the matrix criteria must be exactly the children of ${group.id}, by id or label (missing: ${list(missing)}; unknown: ${list(extra)}; twice: ${list(twice)})`)];
    }
    const r = computeAhp(m.values, { criteria: m.criteria, ri: spec.ri as never, locate: m.locate });
    const refused = inconsistencyIssue(r);
    if (refused) return [{ ...refused, ...issueAt(src, path, refused.code, `${file}: ${refused.message}`) }];
    index.forEach((j, k) => (children[j].weight = 100 * r.weights[k]));
    return [];
  } catch (e) {
    if (isYardstickError(e)) return e.issues.map((i) => ({ ...i, file: i.file ?? file, path: path.join('.') }));
    return [error('ahp_matrix', `${file}: ${(e as Error).message}`, { file: src.file, path: path.join('.') })];
  }
}

/**
 * What the scorer needs for a group weighted from data (null for none or AHP, which is already
 * resolved). `children` carry their (subjective) weights by now: combined keeps them as fractions.
 */
export function dataWeightsParams(wf: WeightsFromSpecT | undefined, children: { weight?: number }[]): DataWeightsParamsT | null {
  if (!wf || wf.method === 'ahp') return null;
  const combined = wf.method === 'combined' ? wf : null;
  const sum = children.reduce((s, c) => s + (c.weight ?? 0), 0);
  return {
    method: wf.method,
    objective: combined ? combined.objective : (wf.method as 'entropy' | 'critic'),
    normalise: ('normalise' in wf ? wf.normalise : undefined) ?? 'proportion',
    missing: wf.missing ?? 'drop',
    floor: wf.floor === undefined ? DEFAULT_FLOOR : wf.floor / 100,
    mode: combined ? combined.mode : null,
    alpha: combined?.mode === 'linear' ? (combined.alpha ?? 0.5) : null,
    subjective: combined ? children.map((c) => (c.weight ?? 0) / sum) : null,
    subjectiveFrom: combined ? (combined.subjective === 'weights' ? 'weights' : 'ahp') : null,
  };
}
