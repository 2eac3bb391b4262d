/**
 * Weighting methods and TOPSIS as pure functions on number matrices (rows = units or
 * alternatives, columns = criteria; `number[]` or `Float64Array` rows):
 *
 * - subjective: AHP (`computeAhp`, RI tables in `RI_TABLES`)
 * - objective: entropy (`computeEntropyWeights`), CRITIC (`computeCriticWeights`)
 * - combining the two (`combineWeights`), ranking by TOPSIS (`rankByTopsis`)
 * - reading the CSV layouts the CLI takes (`readPairwiseCsv`, `readDataCsv`)
 *
 * Every user error is a YardstickError naming the criterion, unit or file cell.
 */
export { assertConsistent, checkPairwiseMatrix, computeAhp, findMostInconsistent, inconsistencyIssue, principalEigen } from './ahp.js';
export type { AhpOptions, AhpResult, Judgement } from './ahp.js';
export { isRiTableName, randomIndex, RI_TABLE_NAMES, RI_TABLES } from './random-index.js';
export type { RiTable, RiTableName } from './random-index.js';
export { computeEntropyWeights } from './entropy.js';
export type { EntropyNormalise, EntropyOptions, EntropyResult } from './entropy.js';
export { computeCriticWeights } from './critic.js';
export type { CriticOptions, CriticResult } from './critic.js';
export { checkNamedWeights, combineWeights } from './combine.js';
export type { CombineMode, CombineOptions, CombineResult, NamedWeights } from './combine.js';
export { rankByTopsis, rankDescending } from './topsis.js';
export type { TopsisOptions, TopsisResult } from './topsis.js';
export { parseDataCsv, parseJudgement, parseNumber, parsePairwiseCsv, readDataCsv, readPairwiseCsv } from './read-matrix.js';
export type { DataCsv, PairwiseCsv } from './read-matrix.js';
export { parseWeightsJson, readWeightsJson } from './read-weights-json.js';
export type { WeightsFile } from './read-weights-json.js';
export { minMax } from './matrix.js';
export type { Matrix, MatrixLabels } from './matrix.js';
