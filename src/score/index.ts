/** Score stage: aggregate, adjust (bonus/deduction/veto), rank among graded units, grade (bands or quota), run log, score-table. */
export {
  scoreYear,
  scoreYears,
  rerunScore,
  ensureScoreTables,
  type ScoreOptions,
  type ScoreSummary,
  type UnitScore,
  type RerunOptions,
} from './score.js';
export { assignGrades, type GradeUnit, type GradeRules, type GradeResult, type QuotaUsed } from './assign-grades.js';
export { SCORE_CONTRACT, createTableSql, contractOf, type ContractTable, type ContractColumn } from './contract.js';
export { NOTE_TEXTS, type NoteCode } from './notes.js';
export { readRun, inputHash, type RunRecord, type RunParams } from './run-log.js';
export { DEFAULT_GEOMETRIC_FLOOR } from './aggregate.js';
export { writeCoverage, SOURCE_KIND_LABELS, type CoverageSummary, type CoverageGap } from './coverage.js';
export { scoreTable, parseWideCsv, parseCell, type ScoreTableResult, type ScoreTableUnit, type ScoreTableOptions } from './score-table.js';
export { registerScoreTableCommand, formatScoreTable, type ScoreTableIo } from './score-table-command.js';
