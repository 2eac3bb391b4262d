/** Indicator files: schema (pass 1), tree checks (pass 2), loading, year-on-year diff. */
export {
  IndicatorFileSchema,
  IndicatorTreeSchema,
  DEFAULT_GRADES,
  NOT_GRADED,
  VETO_EFFECTS,
  treeLeaves,
  childrenOf,
  type IndicatorTreeSpec,
  type IndicatorFile,
  type IndicatorTree,
  type TreeNode,
  type Direction,
  type Method,
  type Aggregate,
  type VetoEffect,
  type AdjustmentItemT,
  type VetoItemT,
  type GradeT,
  type GradingT,
} from './indicator-schema.js';
export { checkTree, isSnakeCase, WEIGHT_SUM_TOLERANCE } from './check-tree.js';
export {
  loadIndicatorTree,
  parseIndicatorTree,
  buildTree,
  findIndicatorFile,
  findPreviousIndicatorFile,
  listIndicatorFiles,
  type LoadedTree,
} from './load-tree.js';
export { diffTrees, type TreeChange, type TreeChangeKind } from './diff-trees.js';
export { checkIndicatorFile, knownMetricsFor } from './check-file.js';
export { describeGrading, describeAdjustments, vetoEffect, type Bilingual } from './describe-grading.js';
export { quotaCount, VETO_LABEL, BONUS_LABEL, DEDUCTION_LABEL } from './grading-spec.js';
export { DEFAULT_METRIC_IDS, DEFAULT_TREE_METRICS, PROFILE_METRICS } from './default-metrics.js';
