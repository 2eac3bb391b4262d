/** Normalise stage: tree_nodes, scoring_units and the one normalisation statement. */
export { normalise, writeScoringUnits, type NormaliseResult } from './normalise.js';
export { writeTreeNodes, readPooledBounds, type RunKey, type PooledBound } from './tree-nodes.js';
export type { StageWarning } from './warnings.js';
