/** Analyse stage: year-over-year comparison, weight impact, sensitivity, weak branches, follow-up. */
export { analyse, analyseAll, type AnalyseOptions, type AnalyseSummary } from './analyse.js';
export { compareYears, buildComparisons, formatComparableReasons, type ComparisonRow, type CompareOptions } from './compare.js';
export { weightImpact, rescoreInto, type WeightImpactRow } from './weight-impact.js';
export { sensitivity, simulateWeights, loadSensitivityInput, type SensitivityInput, type SensitivityOptions, type SensitivityResult, type UnitSensitivity } from './sensitivity.js';
export { findWeakUnits, type FlagRow, type WeakOptions } from './weak.js';
export { buildFollowUp, exportFollowUp, followUpCsv, safeCell, type FollowUpRow } from './follow-up.js';
export { ANALYSE_CONTRACT, ensureAnalyseTables, type AnalyseTable, type AnalyseColumn } from './contract.js';
export { AnalysisSpec, DEFAULT_WEAK_RULES, resolveAnalysis, type AnalysisConfig, type WeakRuleT } from './analysis-schema.js';
export { formatAnalyse, formatComparisons, formatFlags, formatSensitivity } from './format.js';
