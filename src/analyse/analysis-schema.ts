/**
 * The `analysis:` section of a pipeline file: which weak-branch rules to apply and the
 * defaults of the sensitivity analysis. Everything is optional; `resolveAnalysis(undefined)`
 * gives rules an office can act on (docs/follow-up.md): the lowest grade; red lines on
 * attendance (参学率 ≥ 80%) and collective study (half of the 8 h of “3个8”), with the severity
 * set by how far below the line; a dimension at least 15 points (and 2 × MAD) below the peer
 * median and a fall of 5 points or more on a like-for-like tree, each with the severity set by
 * its size (small ones are near misses, listed but not flagged). No default rule flags a fixed share of units (`bottom` is there for those who want it).
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
    severity: Severity.optional().describe('Fixed severity; default: by the gap in points (severity_by_gap).'),
    severity_by_gap: z
      .object({
        high: z.number().positive().default(40).describe('A gap of at least this many points is high (default 40).'),
        medium: z.number().positive().default(20).describe('A gap of at least this many points is medium (default 20); smaller flagged gaps are low (a near miss).'),
      })
      .strict()
      .default({ high: 40, medium: 20 }),
    level: z.number().int().min(1).default(1).describe('Tree level compared (1 = dimensions).'),
    mad: z.number().nonnegative().default(2).describe('Margin in median absolute deviations of the peers.'),
    min_gap: z.number().nonnegative().default(15).describe('Smallest gap in points (0–100 node scale) that is flagged.'),
    min_peers: z.number().int().min(2).default(3).describe('Fewer peers of the same unit_type: compare with all units.'),
  })
  .strict()
  .describe('A node more than `mad` × MAD below the median of the same unit_type.');

const Declining = z
  .object({
    rule: z.literal('declining'),
    id: z.string().default('declining'),
    severity: Severity.optional().describe('Fixed severity; default: by the size of the fall (severity_by_drop).'),
    severity_by_drop: z
      .object({
        high: z.number().positive().default(20).describe('A fall of at least this many points is high (default 20).'),
        medium: z.number().positive().default(10).describe('A fall of at least this many points is medium (default 10); smaller falls are low (a near miss).'),
      })
      .strict()
      .default({ high: 20, medium: 10 }),
    years: z.number().int().min(1).default(1).describe('Consecutive yearly declines of the score.'),
    min_drop: z.number().nonnegative().default(5).describe('Smallest total fall in points over those years that is flagged.'),
    like_for_like: z
      .boolean()
      .default(true)
      .describe('Only compare years whose trees score the node alike (same leaves, absolute or pooled normalisation, same parameters).'),
    node: z.string().optional().describe('Node to watch; default the composite.'),
    by: z
      .enum(['score', 'rank'])
      .default('score')
      .describe('score: the score fell (like-for-like with goalposts); rank: the rank fell (for minmax/zscore trees, where scores are relative).'),
  })
  .strict()
  .describe('Score (or rank) declined `years` years running.');

/** How far below a red line (as a share of the line) makes a miss high or medium; less is low. */
const GapBands = z
  .object({
    high: z.number().positive().default(0.25).describe('A miss of at least this share of the line is high (default 25%).'),
    medium: z.number().positive().default(0.1).describe('A miss of at least this share of the line is medium (default 10%); smaller misses are low.'),
  })
  .strict();

const RedLine = z
  .object({
    rule: z.literal('red_line'),
    id: z.string().optional().describe('Default red_line:<metric>.'),
    severity: Severity.optional().describe('Fixed severity; default: by how far the value misses the line (severity_by_gap).'),
    severity_by_gap: GapBands.default({ high: 0.25, medium: 0.1 }).describe('Severity by the miss as a share of the line (ops < <= > >= with a non-zero line; otherwise high).'),
    metric: z.string().describe('unit_year_metrics.metric_id (raw value, in the catalog unit).'),
    op: z.enum(['<', '<=', '>', '>=', '=', '!=']),
    value: z.number(),
    label: Text.optional().describe('Default: the metric label from the catalog.'),
  })
  .strict()
  .describe('A raw metric on the wrong side of a fixed line.');

export const WeakRule = z.discriminatedUnion('rule', [LowestGrade, Bottom, PeerGap, Declining, RedLine]);
export type WeakRuleT = z.output<typeof WeakRule>;

/**
 * The defaults, each from a standard (../shared/domain/indicator-system.md §2 “Weak-branch flags”):
 * a unit is flagged for what it did, never for where it happens to stand among the others.
 */
export const DEFAULT_WEAK_RULES: z.input<typeof WeakRule>[] = [
  { rule: 'lowest_grade' },
  // 参学率 ≥ 80%: 79.7% is a low-severity near miss, 72% (10% short) medium, below 60% high.
  { rule: 'red_line', metric: 'attendance_rate', op: '<', value: 0.8 },
  // collective_study_hours is h per member·month; the standard is 8 (“3个8”), half of it is a red line.
  { rule: 'red_line', metric: 'collective_study_hours', op: '<', value: 4 },
  // a dimension 15 points below the peer median (and beyond 2 × MAD, so a tight field does not flag its tail);
  // 20 or more is medium, less a near miss.
  { rule: 'peer_gap', level: 1, mad: 2, min_gap: 15 },
  // a fall of 5 points or more on a like-for-like tree: 10 or more is medium, less a near miss.
  { rule: 'declining', years: 1, min_drop: 5 },
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
        unchanged_ranks: z.number().int().nonnegative().default(1).describe('Kept for old pipelines; outcomes are judged on the flagged indicators and the score.'),
        unchanged_points: z
          .number()
          .nonnegative()
          .default(1)
          .describe('A change of the composite (or of a flagged node score) up to this many points counts as unchanged.'),
        min_severity: Severity.default('medium').describe(
          'Units whose worst flag is below this severity are listed as near misses (提醒), not flagged for follow-up.',
        ),
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
  followUp: { unchangedRanks: number; unchangedPoints: number; minSeverity: 'high' | 'medium' | 'low' };
}

/** Fill defaults; `spec` is the pipeline's `analysis` (possibly absent). */
export function resolveAnalysis(spec: unknown): AnalysisConfig {
  const a = AnalysisSpec.parse(spec ?? {});
  return {
    weak: a.weak ?? DEFAULT_WEAK_RULES.map((r) => WeakRule.parse(r)),
    sensitivity: a.sensitivity ?? { runs: 1000, band: 0.2, seed: 1 },
    followUp: {
      unchangedRanks: a.follow_up?.unchanged_ranks ?? 1,
      unchangedPoints: a.follow_up?.unchanged_points ?? 1,
      minSeverity: a.follow_up?.min_severity ?? 'medium',
    },
  };
}
