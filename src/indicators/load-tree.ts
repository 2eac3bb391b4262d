/**
 * Load a yearly indicator file: YAML → zod (pass 1) → check-tree (pass 2) → `IndicatorTree`.
 * Nothing throws for a fault in the file: every problem comes back in `issues`, located
 * `file:line:col`, and `tree` is only returned when there is no error (warnings allowed).
 */
import { applyWeightMethods, dataWeightsParams } from './weights-from.js';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { error, isYardstickError, type Issue } from '../errors.js';
import { parseYaml, readYaml, validate, type YamlSource } from '../config/read-yaml.js';
import { checkTree } from './check-tree.js';
import { resolveBonus, resolveDeductions, resolveGrades, resolveGrading, resolveVeto } from './grading-spec.js';
import {
  DEFAULT_RANK_TIES,
  IndicatorFileSchema,
  type IndicatorFile,
  type IndicatorTree,
  type NodeSpecParsed,
  type NormaliseParamsT,
  type RankTies,
  type TreeNode,
} from './indicator-schema.js';
import { yearMismatch } from './messages.js';

export interface LoadedTree {
  /** Present only when there is no error among `issues`. */
  tree: IndicatorTree | undefined;
  issues: Issue[];
}

/** Read, validate and check `file` against the metric ids (or CSV columns) that exist. */
export function loadIndicatorTree(file: string, knownMetrics: Iterable<string>): LoadedTree {
  return fromSource(() => readYaml(file), knownMetrics);
}

/** Same as `loadIndicatorTree` for YAML text already in memory (tests, score-table). */
export function parseIndicatorTree(file: string, text: string, knownMetrics: Iterable<string>): LoadedTree {
  return fromSource(() => parseYaml(file, text), knownMetrics);
}

function fromSource(read: () => YamlSource, knownMetrics: Iterable<string>): LoadedTree {
  let src: YamlSource;
  let spec: IndicatorFile;
  try {
    src = read();
    spec = validate(src, IndicatorFileSchema);
  } catch (e) {
    if (isYardstickError(e)) return { tree: undefined, issues: e.issues };
    throw e;
  }
  const issues = [...applyWeightMethods(src, spec), ...checkTree(src, spec, knownMetrics)];
  const named = /^(\d{4})\.ya?ml$/.exec(basename(src.file));
  if (named && Number(named[1]) !== spec.year) {
    issues.push(error('year_mismatch', yearMismatch(basename(src.file), spec.year), { file: src.file, row: 1, column: 1 }));
  }
  if (issues.some((i) => i.severity === 'error')) return { tree: undefined, issues };
  return { tree: buildTree(spec, src.file), issues };
}

/**
 * A checked file → the flat tree scoring uses: defaults applied, weights as fractions of their
 * siblings (w ÷ Σ siblings, where check-tree has made sure Σ is 100 or 1), effective weights.
 */
export function buildTree(spec: IndicatorFile, file: string | null = null): IndicatorTree {
  const d = spec.defaults;
  const nodes: TreeNode[] = [];
  nodes.push({
    id: spec.composite.id,
    parentId: null,
    level: 0,
    position: 0,
    label: spec.composite.label,
    weight: 1,
    effectiveWeight: 1,
    metric: null,
    direction: null,
    normalise: null,
    aggregate: spec.composite.aggregate ?? d.aggregate,
    topsis: topsisParams(spec.composite.aggregate ?? d.aggregate, spec.composite.topsis),
    weightsFrom: dataWeightsParams(spec.composite.weights_from, spec.dimensions),
  });
  const walk = (children: NodeSpecParsed[], parent: TreeNode): void => {
    const sum = children.reduce((s, c) => s + (c.weight ?? 0), 0);
    children.forEach((c, position) => {
      const weight = (c.weight ?? 0) / sum;
      const isLeaf = c.metric !== undefined;
      const node: TreeNode = {
        id: c.id,
        parentId: parent.id,
        level: parent.level + 1,
        position,
        label: c.label,
        weight,
        effectiveWeight: parent.effectiveWeight * weight,
        metric: isLeaf ? c.metric! : null,
        direction: isLeaf ? (c.direction ?? d.direction) : null,
        normalise: isLeaf ? resolveNormalise(c.normalise ?? d.normalise) : null,
        aggregate: isLeaf ? null : (c.aggregate ?? d.aggregate),
        topsis: isLeaf ? null : topsisParams(c.aggregate ?? d.aggregate, c.topsis),
        weightsFrom: isLeaf ? null : dataWeightsParams(c.weights_from, c.indicators ?? []),
      };
      nodes.push(node);
      if (!isLeaf) walk(c.indicators ?? [], node);
    });
  };
  walk(spec.dimensions, nodes[0]);
  return {
    file,
    year: spec.year,
    label: spec.label,
    rootId: spec.composite.id,
    nodes,
    grades: resolveGrades(spec),
    grading: resolveGrading(spec),
    bonus: resolveBonus(spec),
    deductions: resolveDeductions(spec),
    veto: resolveVeto(spec),
    missing: { minShare: spec.missing.min_share },
  };
}

function resolveNormalise(n: IndicatorFile['defaults']['normalise']): NormaliseParamsT {
  const o = typeof n === 'string' ? { method: n } : n;
  const p = o as { method: NormaliseParamsT['method']; lo?: number; hi?: number; target?: number; cap?: number | boolean; pool?: [number, number]; ties?: RankTies };
  const cap = p.cap === true ? 100 : typeof p.cap === 'number' ? p.cap : null;
  const ties = p.method === 'rank' ? (p.ties ?? DEFAULT_RANK_TIES) : null;
  return { method: p.method, lo: p.lo ?? null, hi: p.hi ?? null, target: p.target ?? null, cap, pool: p.pool ?? null, ties };
}

/** A TOPSIS group's criteria: vector (the leaves' raw values, Hwang & Yoon) unless the file says none. */
function topsisParams(aggregate: string, spec: { normalise: 'vector' | 'none' } | undefined): TreeNode['topsis'] {
  return aggregate === 'topsis' ? { normalise: spec?.normalise ?? 'vector' } : null;
}

/** `<dir>/<year>.yaml` (or `.yml`) when it exists. */
export function findIndicatorFile(dir: string, year: number): string | undefined {
  for (const ext of ['yaml', 'yml']) {
    const f = join(dir, `${year}.${ext}`);
    if (existsSync(f)) return f;
  }
  return undefined;
}

/** Every `<year>.yaml` in `dir`, oldest first. */
export function listIndicatorFiles(dir: string): { year: number; file: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => ({ m: /^(\d{4})\.ya?ml$/.exec(f), f }))
    .filter((x) => x.m)
    .map((x) => ({ year: Number(x.m![1]), file: join(dir, x.f) }))
    .sort((a, b) => a.year - b.year);
}

/** The file of the latest year before `year`, for `diffTrees` in `yardstick check`. */
export function findPreviousIndicatorFile(dir: string, year: number): string | undefined {
  return listIndicatorFiles(dir).filter((f) => f.year < year).pop()?.file;
}
