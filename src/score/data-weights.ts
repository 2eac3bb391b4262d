/**
 * Step 3a of score.ts: weights from the year's own data (`weights_from: entropy | critic |
 * combined` in the indicator file, see src/indicators/weights-from.ts and docs/weights.md).
 *
 * Runs inside the roll-up, just before a level of groups is aggregated: by then `node_scores`
 * holds every child's value of that year (a leaf's normalised value, a sub-group's score), so a
 * group's weights can come from its children's values whatever its depth. The values are those
 * `yardstick weights … --from <pipeline> --year --group` reads: every scored unit of the year
 * except the organisation's root unit (root_units.sql), a unit missing a child value left out
 * (`missing: drop`, default) or filled with the child's mean (`mean`), and either reported.
 *
 * The computed fractions replace the placeholder weights of the run's `tree_nodes` rows, so the
 * aggregation, the effective weights and contributions (indicator_values.sql) all use them; the
 * run log records them per group (`runs.params_json.dataWeights`) and in the tree (`tree_json`).
 * A re-run recomputes them from the data (and says when the data changed: input_changed).
 */
import { error, isYardstickError, YardstickError, type Issue } from '../errors.js';
import type { Db } from '../store/db.js';
import { childrenOf, type DataWeightsParamsT, type IndicatorTree, type TreeNode } from '../indicators/indicator-schema.js';
import { handleMissing } from '../weights/from-database.js';
import { computeEntropyWeights } from '../weights/entropy.js';
import { computeCriticWeights } from '../weights/critic.js';
import { combineWeights } from '../weights/combine.js';
import { criticLowWeights, entropyLowWeights } from '../weights/low-weights.js';
import { writeRootUnits } from './adjustments.js';

/** The weights one group got from the data in one run (runs.params_json.dataWeights). */
export interface DataWeightsUsed {
  group: string;
  method: DataWeightsParamsT['method'];
  objective: DataWeightsParamsT['objective'];
  mode: DataWeightsParamsT['mode'];
  alpha: number | null;
  /** Child ids in file order; the arrays below follow it. */
  children: string[];
  /** The fractions used (sum 1). */
  weights: number[];
  /** The data method's weights (= weights unless combined). */
  objectiveWeights: number[];
  /** combined: the subjective fractions (from `weight:` values or AHP). */
  subjective: number[] | null;
  /** Units whose values entered the computation. */
  units: string[];
  missing: DataWeightsParamsT['missing'];
  /** Units left out (drop) or filled (mean) for a missing child value. */
  incomplete: string[];
}

export interface DataWeighting {
  /** Call before aggregating `level`: sets the weights of that level's data-weighted groups. */
  beforeLevel: (level: number) => Promise<void>;
  used: DataWeightsUsed[];
  warnings: Issue[];
  /** The tree with the weights this run used (effective weights recomputed). */
  treeUsed: () => IndicatorTree;
}

export function dataWeighting(db: Db, tree: IndicatorTree, key: { runId: string; year: number }): DataWeighting {
  const used: DataWeightsUsed[] = [];
  const warnings: Issue[] = [];
  const file = tree.file ?? 'indicator tree';
  return {
    used,
    warnings,
    beforeLevel: async (level) => {
      const groups = tree.nodes.filter((n) => n.level === level && n.weightsFrom);
      if (!groups.length) return;
      await writeRootUnits(db); // the root unit is not one of the evaluated: its values do not count
      for (const g of groups) {
        const children = childrenOf(tree, g.id);
        if (children.length < 2) continue; // one child weighs 1 whatever the data say
        const r = await weighGroup(db, g, children, { ...key, file });
        used.push(r.used);
        warnings.push(...r.warnings);
        for (const [j, id] of r.used.children.entries()) {
          await db.run('update tree_nodes set weight = $w where run_id = $run_id and node_id = $id', { w: r.used.weights[j], run_id: key.runId, id });
        }
      }
    },
    treeUsed: () => withWeights(tree, used),
  };
}

async function weighGroup(
  db: Db,
  group: TreeNode,
  children: TreeNode[],
  key: { runId: string; year: number; file: string },
): Promise<{ used: DataWeightsUsed; warnings: Issue[] }> {
  const p = group.weightsFrom!;
  const ids = children.map((c) => c.id);
  const where = `${key.file} (${key.year}, ${group.id} ${group.label.zh})`;
  const at = { file: key.file };
  const all = await childValues(db, key.year, ids);
  const incomplete = all.filter(([, v]) => v.some(Number.isNaN)).map(([u]) => u);
  const { rows, warnings } = handleMissing(all, ids, p.missing, where, at);
  if (rows.length < 2) throw new YardstickError([error('data_weights_too_few_units', tooFewUnits(where, rows.length), at)]);
  const units = rows.map(([u]) => u);
  const values = rows.map(([, v]) => v);
  try {
    let objective: number[];
    if (p.objective === 'entropy') {
      const r = computeEntropyWeights(values, { criteria: ids, units, normalise: p.normalise });
      objective = r.weights;
      warnings.push(...entropyLowWeights(r, values, p.floor, key.file));
    } else {
      const r = computeCriticWeights(values, { criteria: ids, units });
      objective = r.weights;
      warnings.push(...criticLowWeights(r, values, p.floor, key.file));
    }
    let weights = objective;
    if (p.method === 'combined') {
      const c = combineWeights({ criteria: ids, weights: p.subjective! }, { criteria: ids, weights: objective }, {
        mode: p.mode!,
        alpha: p.mode === 'linear' ? (p.alpha ?? undefined) : undefined,
        sources: { subjective: key.file },
      });
      weights = c.weights;
      warnings.push(...c.warnings);
    }
    return {
      used: {
        group: group.id, method: p.method, objective: p.objective, mode: p.mode, alpha: p.alpha,
        children: ids, weights, objectiveWeights: objective, subjective: p.subjective, units, missing: p.missing, incomplete,
      },
      warnings,
    };
  } catch (e) {
    // "every criterion is constant" and the like name no file: say which file and group.
    if (isYardstickError(e)) throw new YardstickError(e.issues.map((i) => ({ ...i, file: i.file ?? key.file, message: `${where}: ${i.message}` })));
    throw e;
  }
}

/** Each evaluated unit's value of each child (NaN = missing), units sorted by id. */
async function childValues(db: Db, year: number, ids: string[]): Promise<[string, number[]][]> {
  const cells = await db.all<{ unit_id: string; node_id: string; score: number | null }>(
    `select unit_id, node_id, score from node_scores
     where year = $year and node_id in (select unnest(from_json($ids, '["VARCHAR"]')))
       and unit_id not in (select unit_id from root_units)
     order by unit_id`,
    { year, ids: JSON.stringify(ids) },
  );
  const byUnit = new Map<string, number[]>();
  for (const c of cells) {
    if (!byUnit.has(c.unit_id)) byUnit.set(c.unit_id, ids.map(() => NaN));
    if (c.score !== null && Number.isFinite(c.score)) byUnit.get(c.unit_id)![ids.indexOf(c.node_id)] = c.score;
  }
  return [...byUnit];
}

/** The tree with the data weights in place and every effective weight recomputed (pre-order). */
function withWeights(tree: IndicatorTree, used: DataWeightsUsed[]): IndicatorTree {
  const weight = new Map(used.flatMap((u) => u.children.map((id, j) => [id, u.weights[j]] as const)));
  const nodes: TreeNode[] = [];
  const byId = new Map<string, TreeNode>();
  for (const n of tree.nodes) {
    const w = weight.get(n.id) ?? n.weight;
    const parent = n.parentId === null ? undefined : byId.get(n.parentId);
    const node = { ...n, weight: w, effectiveWeight: parent ? parent.effectiveWeight * w : n.effectiveWeight };
    nodes.push(node);
    byId.set(n.id, node);
  }
  return { ...tree, nodes };
}

const tooFewUnits = (where: string, n: number) =>
  `${where}：只有 ${n} 个单位的数据完整，无法由数据计算权重（至少 2 个） / ${where}: only ${n} unit(s) with complete values, ` +
  `too few to weigh from the data (at least 2)`;
