/**
 * The `analysis:` section of a pipeline file: which weak-branch rules to apply and the
 * defaults of the sensitivity analysis. Everything is optional; `resolveAnalysis(undefined)`
 * gives rules that make sense out of the box (lowest grade or bottom 10 %, a dimension more
 * than 1.5 × MAD below the peer median, two declines running, red lines on attendance,
 * research reports and collective study hours).
 */
import { z } from 'zod';

const Severity = z.enum(['high', 'medium', 'low']).describe('How urgent the follow-up is.');
const Text = z.object({ zh: z.string(), en: z.string() }).strict();

const LowestGrade = z
  .object({ rule: z.literal('lowest_grade'), id: z.string().default('lowest_grade'), severity: Severity.default('high') })
  .strict()
  .describe('Composite in the lowest grade band (e.g. 较差).');

const Bottom = z
  .object({
    rule: z.literal('bottom'),
    id: z.string().default('bottom'),
    severity: Severity.default('medium'),
    k: z.number().int().positive().optional().describe('Flag the k lowest composite ranks.'),
    quantile: z.number().gt(0).lt(1).default(0.1).describe('Flag units in the bottom share of composite scores (ignored when k is set).'),
  })
  .strict()
  .describe('Composite among the bottom k units or the bottom quantile.');

const PeerGap = z
  .object({
    rule: z.literal('peer_gap'),
    id: z.string().default('peer_gap'),
    severity: Severity.default('medium'),
    level: z.number().int().min(1).default(1).describe('Tree level compared (1 = dimensions).'),
    mad: z.number().nonnegative().default(1.5).describe('Margin in median absolute deviations of the peers.'),
    min_gap: z.number().nonnegative().default(1).describe('Smallest gap in points that is flagged (guards MAD = 0).'),
    min_peers: z.number().int().min(2).default(3).describe('Fewer peers of the same unit_type: compare with all units.'),
  })
  .strict()
  .describe('A node more than `mad` × MAD below the median of the same unit_type.');

const Declining = z
  .object({
    rule: z.literal('declining'),
    id: z.string().default('declining'),
    severity: Severity.default('medium'),
    years: z.number().int().min(1).default(2).describe('Consecutive yearly declines of the composite score.'),
    node: z.string().optional().describe('Node to watch; default the composite.'),
    by: z
      .enum(['score', 'rank'])
      .default('score')
      .describe('score: the score fell (like-for-like with goalposts); rank: the rank fell (for minmax/zscore trees, where scores are relative).'),
  })
  .strict()
  .describe('Score (or rank) declined `years` years running.');

const RedLine = z
  .object({
    rule: z.literal('red_line'),
    id: z.string().optional().describe('Default red_line:<metric>.'),
    severity: Severity.default('high'),
    metric: z.string().describe('unit_year_metrics.metric_id (raw value, in the catalog unit).'),
    op: z.enum(['<', '<=', '>', '>=', '=', '!=']),
    value: z.number(),
    label: Text.optional().describe('Default: the metric label from the catalog.'),
  })
  .strict()
  .describe('A raw metric on the wrong side of a fixed line.');

export const WeakRule = z.discriminatedUnion('rule', [LowestGrade, Bottom, PeerGap, Declining, RedLine]);
export type WeakRuleT = z.output<typeof WeakRule>;

export const DEFAULT_WEAK_RULES: z.input<typeof WeakRule>[] = [
  { rule: 'lowest_grade' },
  { rule: 'bottom', quantile: 0.1 },
  { rule: 'peer_gap', level: 1, mad: 1.5 },
  { rule: 'declining', years: 2 },
  { rule: 'red_line', metric: 'attendance_rate', op: '<', value: 0.8 },
  { rule: 'red_line', metric: 'research_reports', op: '=', value: 0 },
  // collective_study_hours is h per member·month; the standard is 8 (“3个8”), half of it is a red line.
  { rule: 'red_line', metric: 'collective_study_hours', op: '<', value: 4 },
];

export const AnalysisSpec = z
  .object({
    weak: z.array(WeakRule).optional().describe('Weak-branch rules; default: DEFAULT_WEAK_RULES.'),
    sensitivity: z
      .object({
        runs: z.number().int().positive().default(1000),
        band: z.number().min(0).max(1).default(0.2).describe('Each weight is multiplied by U(1 − band, 1 + band), then siblings are renormalised.'),
        seed: z.number().int().default(1),
      })
      .strict()
      .optional(),
    follow_up: z
      .object({
        unchanged_ranks: z.number().int().nonnegative().default(1).describe('A rank change up to this many places counts as unchanged.'),
      })
      .strict()
      .optional(),
  })
  .strict()
  .describe('Analyse stage: weak-branch rules, sensitivity and follow-up settings.');

export type AnalysisSpecInput = z.input<typeof AnalysisSpec>;

export interface AnalysisConfig {
  weak: WeakRuleT[];
  sensitivity: { runs: number; band: number; seed: number };
  followUp: { unchangedRanks: number };
}

/** Fill defaults; `spec` is the pipeline's `analysis` (possibly absent). */
export function resolveAnalysis(spec: unknown): AnalysisConfig {
  const a = AnalysisSpec.parse(spec ?? {});
  return {
    weak: a.weak ?? DEFAULT_WEAK_RULES.map((r) => WeakRule.parse(r)),
    sensitivity: a.sensitivity ?? { runs: 1000, band: 0.2, seed: 1 },
    followUp: { unchangedRanks: a.follow_up?.unchanged_ranks ?? 1 },
  };
}
