/**
 * What `yardstick weights …` prints: the JSON objects scripts read (`--json`, one line)
 * and the human tables (zh + en labels, weights in percent with 2 decimals, rounded by
 * largest remainder so they sum to exactly 100: round-weights.ts; `percent` in the JSON). The JSON
 * keys listed in the CLI contract come first; extra diagnostic keys follow them.
 */
import type { AhpResult } from './ahp.js';
import type { CombineResult } from './combine.js';
import type { CriticResult } from './critic.js';
import type { EntropyResult } from './entropy.js';
import { fixed, renderTable } from '../format/table.js';
import { percentsToHundred, roundToHundred } from './round-weights.js';
import { formatJudgement } from './messages.js';

export function ahpJson(r: AhpResult) {
  const w = r.mostInconsistent;
  return {
    method: 'ahp' as const,
    criteria: r.criteria,
    weights: r.weights,
    lambdaMax: r.lambdaMax,
    ci: r.ci,
    ri: r.ri,
    cr: r.cr,
    consistent: r.consistent,
    riTable: r.riTable,
    threshold: r.threshold,
    mostInconsistent: w && { from: w.from, to: w.to, given: w.given, implied: w.implied },
    riSource: r.riSource,
    percent: roundToHundred(r.weights),
  };
}

export function entropyJson(r: EntropyResult, cost: readonly boolean[] = []) {
  return {
    method: 'entropy' as const,
    criteria: r.criteria,
    weights: r.weights,
    normalise: r.normalise,
    cost: r.criteria.filter((_, j) => cost[j]),
    diagnostics: { entropy: r.entropy, divergence: r.divergence },
    percent: roundToHundred(r.weights),
  };
}

export function criticJson(r: CriticResult, cost: readonly boolean[] = []) {
  return {
    method: 'critic' as const,
    criteria: r.criteria,
    weights: r.weights,
    sigma: r.sigma,
    conflict: r.conflict,
    information: r.information,
    cost: r.criteria.filter((_, j) => cost[j]),
    percent: roundToHundred(r.weights),
  };
}

export interface CombineSource {
  file: string;
  method?: string;
}

export function combineJson(r: CombineResult, subjective: CombineSource, objective: CombineSource) {
  return {
    method: 'combine' as const,
    criteria: r.criteria,
    weights: r.weights,
    mode: r.mode,
    alpha: r.alpha,
    subjective: { ...subjective, weights: r.subjective },
    objective: { ...objective, weights: r.objective },
    percent: roundToHundred(r.weights),
  };
}

const CRITERION = '指标 Criterion';
const WEIGHT = '权重 Weight';

export function renderAhp(r: AhpResult, file: string): string {
  const shown = percentsToHundred(r.weights);
  const table = renderTable(
    [CRITERION, WEIGHT],
    r.criteria.map((c, j) => [c, shown[j]]),
    ['left', 'right'],
  );
  const verdict = r.consistent ? `< ${r.threshold} 一致 / consistent` : `≥ ${r.threshold} 不一致 / inconsistent`;
  const w = r.mostInconsistent;
  const worst = w
    ? `最不一致的判断 / most inconsistent: ${w.from} 对 vs ${w.to}（给定 given ${formatJudgement(w.given)}，按权重 implied ${formatJudgement(w.implied, 1)}）\n`
    : '';
  return (
    `AHP 层次分析法 / analytic hierarchy process — ${file}\n\n${table}\n` +
    `λmax = ${fixed(r.lambdaMax)}   CI = ${fixed(r.ci)}   RI = ${r.riApproximated ? fixed(r.ri) : r.ri} (${r.riApproximated ? r.riSource : r.riTable})   CR = ${fixed(r.cr)} ${verdict}\n` +
    worst
  );
}

export function renderEntropy(r: EntropyResult, file: string): string {
  const method = r.normalise === 'minmax' ? '极差法 min-max' : '比重法 proportion';
  const shown = percentsToHundred(r.weights);
  const table = renderTable(
    [CRITERION, '熵 Entropy e', '差异系数 Divergence d', WEIGHT],
    r.criteria.map((c, j) => [c, fixed(r.entropy[j]), fixed(r.divergence[j]), shown[j]]),
    ['left', 'right', 'right', 'right'],
  );
  return `熵权法 / entropy weights (${method}) — ${file}\n\n${table}${constantNote(r.criteria, r.constant)}`;
}

export function renderCritic(r: CriticResult, file: string): string {
  const shown = percentsToHundred(r.weights);
  const table = renderTable(
    [CRITERION, '标准差 σ', '冲突性 Conflict', '信息量 C', WEIGHT],
    r.criteria.map((c, j) => [c, fixed(r.sigma[j]), fixed(r.conflict[j]), fixed(r.information[j]), shown[j]]),
    ['left', 'right', 'right', 'right', 'right'],
  );
  return `CRITIC 权重 / CRITIC weights — ${file}\n\n${table}${constantNote(r.criteria, r.constant)}`;
}

export function renderCombine(r: CombineResult, subjective: CombineSource, objective: CombineSource): string {
  const how = r.mode === 'linear' ? `线性 linear, α = ${r.alpha}` : '乘法 multiplicative';
  const shown = percentsToHundred(r.weights);
  const inputs = { s: percentsToHundred(r.subjective), o: percentsToHundred(r.objective) };
  const table = renderTable(
    [CRITERION, `主观 Subjective (${subjective.method ?? subjective.file})`, `客观 Objective (${objective.method ?? objective.file})`, `组合 Combined`],
    r.criteria.map((c, j) => [c, inputs.s[j], inputs.o[j], shown[j]]),
    ['left', 'right', 'right', 'right'],
  );
  return `组合赋权 / combined weights (${how}) — ${subjective.file} × ${objective.file}\n\n${table}`;
}

function constantNote(criteria: string[], constant: boolean[]): string {
  const names = criteria.filter((_, j) => constant[j]);
  return names.length
    ? `\n各单位取值相同，权重为 0 / constant across units, weight 0: ${names.join(', ')}\n`
    : '';
}
