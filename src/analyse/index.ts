/** Analyse stage: year-over-year comparison, weight impact, sensitivity, weak branches, follow-up. */
export { analyse, analyseAll, weakYear, type AnalyseOptions, type AnalyseSummary } from './analyse.js';
export { compareYears, buildComparisons, formatComparableReasons, type ComparisonRow, type CompareOptions } from './compare.js';
export { weightImpact, rescoreInto, type WeightImpactRow } from './weight-impact.js';
export { sensitivity, simulateWeights, loadSensitivityInput, type SensitivityInput, type SensitivityOptions, type SensitivityResult, type UnitSensitivity } from './sensitivity.js';
export { findWeakUnits, evaluateWeak, type FlagRow, type Measure, type WeakOptions, type WeakResult } from './weak.js';
export { unitEvents, eventsOf, type UnitEvent } from './unit-events.js';
export { buildFollowUp, exportFollowUp, followUpCsv, safeCell, type FollowUpRow, type FollowUpOptions } from './follow-up.js';
export { ANALYSE_CONTRACT, ensureAnalyseTables, type AnalyseTable, type AnalyseColumn } from './contract.js';
export { AnalysisSpec, DEFAULT_WEAK_RULES, resolveAnalysis, type AnalysisConfig, type WeakRuleT } from './analysis-schema.js';
export { formatAnalyse, formatComparisons, formatFlags, formatSensitivity, formatWeak } from './format.js';
