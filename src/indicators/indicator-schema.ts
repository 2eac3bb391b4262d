/**
 * The yearly indicator file (`indicators/<year>.yaml`) and the tree the scorer uses.
 *
 * Two names, two shapes (vega-lite's TopLevelSpec / NormalizedSpec):
 * - `IndicatorTreeSpec` is the file as the evaluation office writes it (zod *input*): nested
 *   `dimensions → indicators → …`, weights as percentages among siblings, most fields optional.
 * - `IndicatorTree` is what scoring consumes (zod *output* of `IndicatorTreeSchema`): a flat,
 *   pre-ordered node list with every default applied, weights as fractions of their siblings
 *   and the effective weight (product of fractions down the tree) of every node.
 *
 * Pass 1 is `IndicatorFileSchema` (shapes and types). Pass 2 is `check-tree.ts` (sums, ids,
 * metrics, goalposts). `buildTree` (load-tree.ts) turns a checked spec into an `IndicatorTree`.
 * This module does not read files and never rescales weights: a sum that is off is an issue.
 */
import { z } from 'zod';

export const DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export const METHODS = ['minmax', 'zscore', 'rank', 'goalposts', 'distance_to_target', 'percent_of_target'] as const;
export const AGGREGATES = ['arithmetic', 'geometric', 'topsis'] as const;
/** rank ties, named as in R's rank() / COINr's n_rank (places counted from the worst). */
export const RANK_TIES = ['min', 'max', 'average'] as const;
/** Default rank ties: COINr's n_rank and the OECD/JRC Handbook give tied units the lower place. */
export const DEFAULT_RANK_TIES = 'min';
export const TOPSIS_NORMALISE = ['vector', 'none'] as const;
export const NOT_GRADED = 'not_graded';

export type Direction = (typeof DIRECTIONS)[number];
export type Method = (typeof METHODS)[number];
export type Aggregate = (typeof AGGREGATES)[number];
export type RankTies = (typeof RANK_TIES)[number];

export const Label = z
  .object({
    zh: z.string().min(1).describe('Chinese label, as shown in reports (e.g. 学习条件).'),
    en: z.string().min(1).describe('English label.'),
  })
  .strict()
  .describe('Bilingual label.');

const DirectionSpec = z
  .enum(DIRECTIONS)
  .describe('higher_is_better (default) or lower_is_better: lower raw values score higher.');
const MethodSpec = z.enum(METHODS).describe('Normalisation method onto the 0–100 scale (see src/normalise).');
const AggregateSpec = z
  .enum(AGGREGATES)
  .describe('How a group combines its children: arithmetic (weighted mean, default), geometric (weighted geometric mean) or topsis (closeness to the ideal unit).');

export const NormaliseObjectSpec = z
  .object({
    method: MethodSpec,
    lo: z.number().optional().describe('goalposts: raw value that scores 0 (worst end when lower_is_better is flipped: see src/normalise).'),
    hi: z.number().optional().describe('goalposts: raw value that scores 100 (the standard; meeting it earns full points).'),
    target: z.number().optional().describe('distance_to_target / percent_of_target: the target raw value.'),
    cap: z
      .union([z.boolean(), z.number()])
      .optional()
      .describe('distance_to_target: highest normalised score; true = 100 (no credit beyond the target). Default: uncapped.'),
    pool: z
      .tuple([z.number().int(), z.number().int()])
      .optional()
      .describe('minmax only: pooled bounds [from, to] (inclusive years): min and max over every unit of those years, so scores compare across years (see docs/normalisation.md).'),
    ties: z
      .enum(RANK_TIES)
      .optional()
      .describe(
        'rank only: tied units share the lower place (min, default: COINr n_rank, OECD/JRC Handbook; tied bottom units score 0), the higher place (max) or the mean of their places (average).',
      ),
  })
  .strict();

export const NormaliseSpec = z
  .union([MethodSpec, NormaliseObjectSpec])
  .describe('A method name (`minmax`) or an object with its parameters (`{method: goalposts, lo: 0, hi: 8}`).');

export const TopsisSpec = z
  .object({
    normalise: z
      .enum(TOPSIS_NORMALISE)
      .default('vector')
      .describe(
        'vector (default, Hwang & Yoon): the criteria are the leaves below the group, their raw values divided by the column’s Euclidean norm, lower_is_better leaves are cost criteria, weighted by their effective weights; none: the criteria are the group’s children, their 0–100 scores (already comparable and oriented) taken as they are.',
      ),
  })
  .strict()
  .describe('aggregate: topsis only: how the criteria are formed (see docs/indicators.md).');

const AhpWeightsSpec = z
  .object({
    method: z.literal('ahp').describe('Weights from an AHP pairwise matrix (principal eigenvector; refused when CR ≥ 0.1).'),
    matrix: z.string().min(1).describe('CSV beside this file: empty first cell, then the children (ids or Chinese labels); one row per child.'),
    ri: z.enum(['saaty', 'alonso-lamata', 'cn-textbook']).optional().describe('Random-index table for CR (default saaty).'),
  })
  .strict();

/** Options the data methods share (computed at scoring time from the year's normalised values). */
const dataOptions = {
  missing: z
    .enum(['drop', 'mean'])
    .optional()
    .describe('Units missing a child value: drop (default) leaves them out of the computation, mean fills the gap with the child’s mean; either way reported.'),
  floor: z.number().min(0).max(100).optional().describe('Warn when a data weight is below this percentage (default 1).'),
};
const EntropyNormaliseSpec = z
  .enum(['proportion', 'minmax'])
  .optional()
  .describe('entropy: shares of the 0–100 values (proportion, default) or min-max first.');

export const WeightsFromSpec = z
  .discriminatedUnion('method', [
    AhpWeightsSpec,
    z.object({ method: z.literal('entropy').describe('Entropy weights from the year’s data at scoring time.'), normalise: EntropyNormaliseSpec, ...dataOptions }).strict(),
    z.object({ method: z.literal('critic').describe('CRITIC weights from the year’s data at scoring time.'), ...dataOptions }).strict(),
    z
      .object({
        method: z.literal('combined').describe('Subjective × objective (主客观组合赋权) at scoring time.'),
        subjective: z
          .union([z.literal('weights'), AhpWeightsSpec])
          .default('weights')
          .describe('weights (default): the children’s own `weight:` values; or {method: ahp, matrix: …}.'),
        objective: z.enum(['entropy', 'critic']).default('entropy').describe('The data method (default entropy).'),
        mode: z.enum(['multiplicative', 'linear']).describe('multiplicative: s·o renormalised; linear: α·s + (1 − α)·o.'),
        alpha: z.number().min(0).max(1).optional().describe('linear only: share of the subjective weights (default 0.5).'),
        normalise: EntropyNormaliseSpec,
        ...dataOptions,
      })
      .strict(),
  ])
  .describe("Group only: take the children's weights from a method instead of their `weight:` values (see docs/weights.md).");

export type WeightsFromSpecT = z.output<typeof WeightsFromSpec>;

/** One node as written: a leaf has `metric`, a group has `indicators`. */
export const NodeSpec = z
  .object({
    id: z.string().describe('Unique ascii snake_case id (no spaces, no leading digit), e.g. study_space.'),
    label: Label,
    weight: z
      .number()
      .nonnegative()
      .optional()
      .describe('Weight among siblings: percentages summing to 100 (or fractions summing to 1). May be omitted when the group has weights_from.'),
    weights_from: WeightsFromSpec.optional(),
    comment: z.string().optional().describe('Free text for the office (why this weight, where the goalpost comes from).'),
    metric: z.string().optional().describe('Leaf only: the unit-year metric id (or CSV column for score-table) this indicator reads.'),
    direction: DirectionSpec.optional(),
    normalise: NormaliseSpec.optional(),
    aggregate: AggregateSpec.optional(),
    topsis: TopsisSpec.optional(),
    get indicators() {
      return z.array(NodeSpec).optional().describe('Group only: the children (indicators or sub-groups).');
    },
  })
  .strict();

export const GradeBandSpec = z
  .object({
    grade: z.string().min(1).describe('Grade label as stored in scores.grade, e.g. 优秀.'),
    en: z.string().optional().describe('English name of the grade, e.g. excellent.'),
    min: z
      .number()
      .optional()
      .describe('Lowest composite score (inclusive) for this grade (its floor); omit on the last grade (everything below).'),
    max_share: z
      .number()
      .gt(0)
      .max(1)
      .optional()
      .describe(
        'quota only: at most this share of the graded units (0.2 = 20%) get this grade, best first; on the last grade: only the lowest-scoring share get it.',
      ),
  })
  .strict();

export const DEFAULT_GRADES = [
  { grade: '优秀', en: 'excellent', min: 90 },
  { grade: '良好', en: 'good', min: 80 },
  { grade: '一般', en: 'fair', min: 60 },
  { grade: '较差', en: 'poor' },
];

export const GRADING_METHODS = ['bands', 'quota'] as const;
export const QUOTA_ROUNDING = ['floor', 'round', 'ceil'] as const;
export const TIE_RULES = ['all_in', 'next_node'] as const;

export const GradingSpec = z
  .object({
    method: z
      .enum(GRADING_METHODS)
      .default('bands')
      .describe('bands: a grade per score band (min); quota: as bands, and a grade with max_share goes to at most that share of the graded units.'),
    grades: z.array(GradeBandSpec).min(1).describe('Grades, highest first; the last has no min (catch-all).'),
    rounding: z
      .enum(QUOTA_ROUNDING)
      .default('floor')
      .describe('How a quota share becomes a number of units: floor (default; 20% of 19 = 3.8 → 3), round (→ 4) or ceil (→ 4).'),
    ties: z
      .union([z.enum(TIE_RULES), z.array(z.string()).min(1)], {
        error: 'ties 应为 all_in、next_node 或节点编号列表（如 [outcomes, process]） / ties must be all_in, next_node or a list of node ids (e.g. [outcomes, process])',
      })
      .default('all_in')
      .describe(
        'Units tied at a quota boundary: all_in (default: every tied unit gets the grade, even over the quota), next_node (compare the dimensions in file order) or a list of node ids to compare in turn; units still tied are all in. Never row order.',
      ),
  })
  .strict();

/** An id for a bonus / deduction / veto item (unique among the file's items). */
const ItemId = z.string().optional().describe('Item id, ascii snake_case; default: the metric id.');

export const BonusItemSpec = z
  .object({
    id: ItemId,
    label: Label.optional().describe('Default 加分 / Bonus.'),
    metric: z.string().describe('Metric holding the unit’s bonus points (加分).'),
    cap: z.number().positive().describe('Most points this item adds (e.g. 5); the composite may pass 100.'),
  })
  .strict();

export const DeductionItemSpec = z
  .object({
    id: ItemId,
    label: Label.optional().describe('Default 扣分 / Deduction.'),
    metric: z.string().describe('Metric holding the unit’s deduction points (扣分); entered as 3 or −3, applied as |x|.'),
    cap: z.number().positive().describe('Most points this item subtracts (e.g. 5).'),
  })
  .strict();

export const VETO_EFFECTS = ['bar_excellent', 'cap', 'force', NOT_GRADED] as const;
export type VetoEffect = (typeof VETO_EFFECTS)[number];

export const VetoItemSpec = z
  .object({
    id: ItemId,
    label: Label.optional().describe('Default 一票否决 / Veto.'),
    metric: z.string().describe('Metric that is non-zero (1) when this veto item (一票否决) applies to the unit.'),
    effect: z
      .enum(VETO_EFFECTS)
      .optional()
      .describe(
        'bar_excellent: cannot get the top grade; cap: at most `grade`; force: exactly `grade`; not_graded: no grade, not ranked. Default: force (not_graded when grade is not_graded).',
      ),
    grade: z.string().optional().describe(`cap / force: the grade (default 较差 for force); ${NOT_GRADED} = effect not_graded (older files).`),
    reason: Label.describe('Reason recorded for each vetoed unit and shown with its grade.'),
  })
  .strict();

/** A list, or (older files) one object. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.union([z.array(item), item]).transform((x) => (Array.isArray(x) ? x : [x]) as z.output<T>[]);

export const IndicatorFileSchema = z
  .object({
    year: z.number().int().min(1990).max(2100).describe('Evaluation year this file applies to.'),
    label: Label,
    comment: z.string().optional().describe('Free text for the office.'),
    defaults: z
      .object({
        direction: DirectionSpec.default('higher_is_better'),
        normalise: NormaliseSpec.default('minmax'),
        aggregate: AggregateSpec.default('arithmetic'),
      })
      .strict()
      .default({ direction: 'higher_is_better', normalise: 'minmax', aggregate: 'arithmetic' })
      .describe('Applied to every node that does not set its own value.'),
    composite: z
      .object({
        id: z.string().default('total').describe('Node id of the composite score in the scores table.'),
        label: Label.default({ zh: '综合得分', en: 'Composite score' }),
        aggregate: AggregateSpec.optional().describe('How the dimensions combine; topsis is allowed here. Default: defaults.aggregate.'),
        topsis: TopsisSpec.optional(),
        weights_from: WeightsFromSpec.optional(),
      })
      .strict()
      .default({ id: 'total', label: { zh: '综合得分', en: 'Composite score' } })
      .describe('The root of the tree.'),
    dimensions: z.array(NodeSpec).describe('Top-level groups (学习条件, 学习过程, 学习成效, 学习创新).'),
    grades: z
      .array(GradeBandSpec)
      .optional()
      .describe('Grade bands, highest first (same as grading: {method: bands, grades: …}); default ≥90 优秀, ≥80 良好, ≥60 一般, else 较差.'),
    grading: GradingSpec.optional().describe('How grades are given: bands, or quota (at most a share of the graded units per grade). See docs/grading.md.'),
    bonus: listOf(BonusItemSpec)
      .optional()
      .describe('加分项: items added outside the grid, each capped; a negative entry counts as a deduction of |x| under the same cap.'),
    deductions: listOf(DeductionItemSpec).optional().describe('扣分项: items subtracted from the composite, each capped; positive or negative entries count as |x|.'),
    veto: listOf(VetoItemSpec).optional().describe('一票否决: items that bar, cap or force the grade, or leave the unit not graded; the score is still shown.'),
    missing: z
      .object({
        min_share: z
          .number()
          .min(0)
          .max(1)
          .default(0.5)
          .describe('A group is missing for a unit when its present children carry less than this share of its weight.'),
      })
      .strict()
      .default({ min_share: 0.5 }),
  })
  .strict();

/** The file as written (zod input). */
export type IndicatorTreeSpec = z.input<typeof IndicatorFileSchema>;
/** The file after pass 1 (zod output: file-level defaults filled, nodes still nested). */
export type IndicatorFile = z.output<typeof IndicatorFileSchema>;
export type NodeSpecParsed = z.output<typeof NodeSpec>;

// ---------- the normalised tree (what scoring consumes; also runs.tree_json) ----------

export const NormaliseParams = z.object({
  method: z.enum(METHODS),
  lo: z.number().nullable(),
  hi: z.number().nullable(),
  target: z.number().nullable(),
  cap: z.number().nullable().describe('Highest normalised score, or null for none.'),
  pool: z
    .tuple([z.number().int(), z.number().int()])
    .nullish()
    .describe('minmax: pooled years [from, to] (bounds over all units of those years), or null for within-year.'),
  ties: z
    .enum(RANK_TIES)
    .nullish()
    .describe('rank: how tied units share places; absent in runs recorded before ties existed, which replay as max (their convention).'),
});

/** A group's data-driven weighting as the scorer needs it (weights_from entropy / critic / combined). */
export const DataWeightsParams = z.object({
  method: z.enum(['entropy', 'critic', 'combined']),
  objective: z.enum(['entropy', 'critic']),
  normalise: z.enum(['proportion', 'minmax']),
  missing: z.enum(['drop', 'mean']),
  floor: z.number().describe('Fraction: a data weight below it is warned about.'),
  mode: z.enum(['multiplicative', 'linear']).nullable().describe('combined only.'),
  alpha: z.number().nullable().describe('combined, linear only.'),
  subjective: z.array(z.number()).nullable().describe('combined: the subjective fractions, in child order.'),
  subjectiveFrom: z.enum(['weights', 'ahp']).nullable(),
});

export const TreeNodeSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable().describe('null for the composite (root).'),
  level: z.number().int().describe('0 = composite, 1 = dimension, 2 = indicator, …'),
  position: z.number().int().describe('Order among siblings, from 0.'),
  label: Label,
  weight: z.number().describe('Fraction among siblings (siblings sum to 1); 1 for the root.'),
  effectiveWeight: z.number().describe('Product of the fractions from the root down to this node.'),
  metric: z.string().nullable().describe('Leaves: the metric id; groups: null.'),
  direction: z.enum(DIRECTIONS).nullable().describe('Leaves only.'),
  normalise: NormaliseParams.nullable().describe('Leaves only.'),
  aggregate: z.enum(AGGREGATES).nullable().describe('Groups only.'),
  topsis: z
    .object({ normalise: z.enum(TOPSIS_NORMALISE) })
    .nullish()
    .describe('topsis groups: vector (leaves’ raw values, default) or none (children’s scores as they are).'),
  weightsFrom: DataWeightsParams.nullish().describe('Groups whose children are weighted from the data at scoring time (src/score/data-weights.ts).'),
});

export const AdjustmentItem = z.object({ id: z.string(), label: Label, metric: z.string(), cap: z.number() });

export const VetoItem = z.object({
  id: z.string(),
  label: Label,
  metric: z.string(),
  effect: z.enum(VETO_EFFECTS),
  grade: z.string().nullable().describe('cap / force: the grade; null otherwise.'),
  reason: Label,
});

/**
 * Trees recorded before items were lists (runs.tree_json) had `bonus: {metric, cap} | null` and
 * `veto: {metric, grade | null, reason} | null`; read them as one-item lists.
 */
function oldSingleItem(x: unknown): unknown {
  if (x === null || x === undefined) return [];
  if (Array.isArray(x)) return x;
  const o = x as Record<string, unknown>;
  if ('cap' in o) return [{ id: o.metric, label: { zh: '加分', en: 'Bonus' }, ...o }];
  const effect = o.grade === null ? NOT_GRADED : 'force';
  return [{ id: o.metric, label: { zh: '一票否决', en: 'Veto' }, effect, ...o }];
}

export const IndicatorTreeSchema = z.object({
  file: z.string().nullable(),
  year: z.number().int(),
  label: Label,
  rootId: z.string(),
  nodes: z.array(TreeNodeSchema).describe('Pre-order: every parent before its children; the root first.'),
  grades: z
    .array(
      z.object({
        grade: z.string(),
        en: z.string().nullable(),
        min: z.number().nullable(),
        maxShare: z.number().nullable().default(null).describe('quota: most share of the graded units; null = no quota.'),
      }),
    )
    .describe('Grades, highest first; min = the floor (band lower bound).'),
  grading: z
    .object({
      method: z.enum(GRADING_METHODS),
      rounding: z.enum(QUOTA_ROUNDING),
      ties: z.object({
        rule: z.enum(TIE_RULES),
        nodes: z.array(z.string()).describe('next_node: node ids compared in turn at a quota boundary.'),
      }),
    })
    .default({ method: 'bands', rounding: 'floor', ties: { rule: 'all_in', nodes: [] } }),
  bonus: z.preprocess(oldSingleItem, z.array(AdjustmentItem)).describe('加分项, in file order.'),
  deductions: z.array(AdjustmentItem).default([]).describe('扣分项, in file order.'),
  veto: z.preprocess(oldSingleItem, z.array(VetoItem)).describe('一票否决 items, in file order.'),
  missing: z.object({ minShare: z.number() }),
});

export type TreeNode = z.output<typeof TreeNodeSchema>;
export type DataWeightsParamsT = z.output<typeof DataWeightsParams>;
export type IndicatorTree = z.output<typeof IndicatorTreeSchema>;
export type NormaliseParamsT = z.output<typeof NormaliseParams>;
export type AdjustmentItemT = z.output<typeof AdjustmentItem>;
export type VetoItemT = z.output<typeof VetoItem>;
export type GradeT = IndicatorTree['grades'][number];
export type GradingT = IndicatorTree['grading'];

/** Leaves of a tree, in file order. */
export function treeLeaves(tree: IndicatorTree): TreeNode[] {
  return tree.nodes.filter((n) => n.metric !== null);
}

/** Children of a node, in file order. */
export function childrenOf(tree: IndicatorTree, id: string): TreeNode[] {
  return tree.nodes.filter((n) => n.parentId === id);
}
