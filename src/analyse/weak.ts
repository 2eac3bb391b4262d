/**
 * Weak branches: apply the pipeline's `analysis.weak` rules (analysis-schema.ts) to one scored
 * year. Only graded units are judged and used as peers (eligibility.ts): the root, units vetoed
 * "not graded" and unscored units are never flagged.
 *
 * Every rule measures every graded unit (a `Measure`: value, reference, fired or not, severity);
 * the fired measures are the flags, one per (unit, rule, node), each with its numbers and a reason
 * in Chinese and English. The measures of units that did not fire are what the next year's
 * follow-up compares last year's flags with ("improved / unchanged / worse", follow-up.ts).
 *
 * Each flagged unit also gets, once, the indicators that pulled it down most: its contribution
 * minus the median contribution of its peers (same unit_type; all graded units when fewer than 3).
 * When contributions are NULL (non-arithmetic trees) the gap is (normalised − peer median) ×
 * effective weight.
 *
 * The rows are small and final, so the rules run in JS over a handful of queries.
 */
import { median, medianAbsoluteDeviation } from 'simple-statistics';
import type { Db } from '../store/db.js';
import type { IndicatorTree, TreeNode } from '../indicators/indicator-schema.js';
import { resolveAnalysis, type WeakRuleT } from './analysis-schema.js';
import { analyseContractOf } from './contract.js';
import { compositeRows, hasTable, type CompositeRow } from './eligibility.js';
import * as msg from './messages.js';
import { writeTempRows } from './rows.js';
import { scoredYears, treesDiffer, yearRun, type YearRun } from './trees.js';
import { rescoreInto } from './weight-impact.js';

export interface FlagRow {
  year: number; unit_id: string; node_id: string; rule_id: string; rule_zh: string; rule_en: string;
  node_zh: string; node_en: string; severity: msg.Severity;
  value: number | null; reference: number | null; reason_zh: string; reason_en: string;
  /** The unit's most pulling-down indicators (the same on every flag of a unit). */
  drivers_zh: string; drivers_en: string;
}

/** One rule's reading of one unit (fired or not). */
export interface Measure {
  unit_id: string; node_id: string; rule_id: string; rule: WeakRuleT['rule'];
  fired: boolean; severity: msg.Severity;
  /** The unit's number (score, raw metric value) and what it is held against (line, median, floor). */
  value: number | null; reference: number | null;
  /** What is measured, for the follow-up's “before → now” (a node or metric label). */
  what: msg.Text;
  /** Raw metric of a red line (formats the values), else null (scores). */
  metric: string | null;
  /** Higher = the value is better (red lines with < or <=, scores). */
  higherIsBetter: boolean;
  reason: msg.Text;
  /** How bad a fired measure is, 0–1+, to order a unit's reasons within one severity. */
  badness: number;
  /**
   * Peer gaps and falls: how far off the unit still is (points below the peer median, like-for-like
   * fall) and the alert threshold it is judged against, so a rule that no longer fires is not
   * called resolved while the gap or fall is still there.
   */
  still?: { amount: number; threshold: msg.Threshold | null };
}

export interface WeakOptions {
  year: number;
  /** Default: the pipeline's rules, or DEFAULT_WEAK_RULES. */
  rules?: WeakRuleT[];
  /** How many indicators to name as pulling a unit down (default 2). */
  drivers?: number;
}

export interface WeakResult {
  year: number;
  rootId: string;
  flags: FlagRow[];
  measures: Measure[];
  composites: CompositeRow[];
}

interface ScoreRow { unit_id: string; node_id: string; level: number; score: number | null }
interface ValueRow { unit_id: string; indicator_id: string; raw: number | null; normalised: number | null; contribution: number | null; effective_weight: number | null }

/** A miss smaller than this share of the line is worded “slightly below” (略低于). */
const SLIGHT = 0.05;

export const SEVERITY_ORDER: msg.Severity[] = ['high', 'medium', 'low'];
const RULE_ORDER = ['lowest_grade', 'red_line', 'peer_gap', 'declining', 'bottom'];

/** Find weak units of `year`, write the temp table `analyse_flags` and return the flags. */
export async function findWeakUnits(db: Db, opts: WeakOptions): Promise<FlagRow[]> {
  return (await evaluateWeak(db, opts)).flags;
}

/** Every rule's measures of every graded unit, and the flags (fired measures); writes `analyse_flags`. */
export async function evaluateWeak(db: Db, opts: WeakOptions): Promise<WeakResult> {
  const year = opts.year;
  const rules = opts.rules ?? resolveAnalysis(undefined).weak;
  const { tree } = await yearRun(db, year);
  const byId = new Map(tree.nodes.map((n) => [n.id, n]));
  const composites = await compositeRows(db, year);
  const graded = composites.filter((c) => c.status === 'graded' && c.score !== null);
  const gradedIds = new Set(graded.map((c) => c.unit_id));
  const types = await unitTypes(db);
  const typeOf = (u: string) => types.get(u) ?? 'other';
  const scores = (await db.all<ScoreRow>('select unit_id, node_id, level, score from scores where year = $year', { year }))
    .filter((s) => gradedIds.has(s.unit_id));
  const values = (await db.all<ValueRow>(
    'select unit_id, indicator_id, raw, normalised, contribution, effective_weight from indicator_values where year = $year',
    { year },
  )).filter((v) => gradedIds.has(v.unit_id));
  const measures: Measure[] = [];

  // peers of each unit among graded units: same unit_type when there are enough of them
  const peersOf = (unit: string, pool: string[], minPeers: number) => {
    const type = typeOf(unit);
    const same = pool.filter((u) => typeOf(u) === type);
    return same.length >= minPeers ? { units: same, label: msg.peersOfType(type), key: `type:${type}` } : { units: pool, label: msg.PEERS_ALL, key: 'all' };
  };

  for (const rule of rules) {
    const id = rule.id ?? (rule.rule === 'red_line' ? `red_line:${rule.metric}` : rule.rule);
    const base = { rule_id: id, rule: rule.rule };
    switch (rule.rule) {
      case 'lowest_grade': {
        const last = tree.grades[tree.grades.length - 1];
        const prev = tree.grades[tree.grades.length - 2];
        if (!last) break;
        const floor = prev?.min ?? null;
        for (const r of graded) {
          const fired = r.grade === last.grade;
          const reason = msg.lowestGradeReason(r.score!, last.grade, r.veto ? null : floor);
          measures.push({ ...base, unit_id: r.unit_id, node_id: tree.rootId, fired, severity: rule.severity, value: r.score, reference: floor,
            what: tree.nodes[0].label, metric: null, higherIsBetter: true, badness: 1,
            reason: r.veto ? { zh: `${reason.zh}（一票否决）`, en: `${reason.en} (veto)` } : reason });
        }
        break;
      }
      case 'bottom': {
        const n = graded.length;
        if (!n) break;
        const count = rule.k ?? Math.max(1, Math.ceil(rule.quantile * n));
        const sorted = [...graded].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
        const cutoff = sorted[Math.max(0, n - count)];
        for (const r of graded) {
          measures.push({ ...base, unit_id: r.unit_id, node_id: tree.rootId, fired: (r.rank ?? 0) >= (cutoff.rank ?? Infinity), severity: rule.severity,
            value: r.score, reference: cutoff.score, what: tree.nodes[0].label, metric: null, higherIsBetter: true, badness: 0.5,
            reason: msg.bottomReason(r.score!, r.rank ?? n, n, count, rule.k === undefined ? rule.quantile : null) });
        }
        break;
      }
      case 'peer_gap': {
        for (const node of tree.nodes.filter((x) => x.level === rule.level)) {
          const rows = scores.filter((s) => s.node_id === node.id && s.score !== null);
          const pool = rows.map((r) => r.unit_id);
          const scoreOf = new Map(rows.map((r) => [r.unit_id, r.score!]));
          for (const r of rows) {
            const peers = peersOf(r.unit_id, pool, rule.min_peers);
            const xs = peers.units.map((u) => scoreOf.get(u)!);
            const med = median(xs);
            const spread = rule.mad * medianAbsoluteDeviation(xs);
            const margin = Math.max(spread, rule.min_gap);
            const threshold: msg.Threshold = spread >= rule.min_gap ? { points: margin, kind: 'mad', k: rule.mad } : { points: margin, kind: 'min_gap' };
            const gap = med - r.score!;
            // points of the composite lost against the peer median (arithmetic trees)
            const drag = gap * node.effectiveWeight;
            const severity = rule.severity ?? (gap >= rule.severity_by_gap.high ? 'high' : gap >= rule.severity_by_gap.medium ? 'medium' : 'low');
            measures.push({ ...base, unit_id: r.unit_id, node_id: node.id, fired: gap > margin, severity, value: r.score, reference: med,
              what: node.label, metric: null, higherIsBetter: true, badness: gap / 100, reason: msg.peerGapReason(node.label, r.score!, med, peers.label, drag),
              still: { amount: gap, threshold } });
          }
        }
        break;
      }
      case 'declining':
        measures.push(...(await declining(db, tree, year, rule, base, gradedIds)));
        break;
      case 'red_line': {
        if (!(await hasTable(db, 'unit_year_metrics'))) break;
        const rows = await db.all<{ unit_id: string; value: number }>(
          `select unit_id, value from unit_year_metrics
           where year = $year and metric_id = $metric and value is not null order by unit_id`,
          { year, metric: rule.metric },
        );
        const leaf = tree.nodes.find((l) => l.metric === rule.metric);
        const label = rule.label ?? leaf?.label ?? msg.metricLabel(rule.metric);
        for (const r of rows.filter((x) => gradedIds.has(x.unit_id))) {
          const fired = compare(r.value, rule.op, rule.value);
          const miss = shortfall(r.value, rule.op, rule.value);
          const severity = rule.severity ?? (miss === null || miss >= rule.severity_by_gap.high ? 'high' : miss >= rule.severity_by_gap.medium ? 'medium' : 'low');
          measures.push({ ...base, unit_id: r.unit_id, node_id: leaf?.id ?? rule.metric, fired, severity, value: r.value, reference: rule.value,
            what: label, metric: rule.metric, higherIsBetter: rule.op !== '>' && rule.op !== '>=', badness: miss ?? 1,
            reason: msg.redLineReason(label, rule.metric, r.value, rule.op, rule.value, leaf ? targetOf(leaf) : null, miss !== null && miss < SLIGHT) });
        }
        break;
      }
    }
  }

  const fired = measures.filter((m) => m.fired).sort(worstFirst);
  const pulled = driversFor(tree, values, [...new Set(fired.map((m) => m.unit_id))], graded.map((g) => g.unit_id), typeOf, opts.drivers ?? 2);
  const flags: FlagRow[] = fired.map((m) => {
    const node = byId.get(m.node_id);
    const rule = msg.RULE_NAMES[m.rule];
    const nodeLabel = node?.label ?? m.what;
    const d = pulled.get(m.unit_id) ?? { zh: '', en: '' };
    return {
      year, unit_id: m.unit_id, node_id: m.node_id, rule_id: m.rule_id, rule_zh: rule.zh, rule_en: rule.en, node_zh: nodeLabel.zh, node_en: nodeLabel.en,
      severity: m.severity, value: m.value, reference: m.reference, reason_zh: m.reason.zh, reason_en: m.reason.en, drivers_zh: d.zh, drivers_en: d.en,
    };
  });
  await writeTempRows(db, 'analyse_flags', analyseContractOf('flags').columns, flags as unknown as Record<string, unknown>[]);
  return { year, rootId: tree.rootId, flags, measures, composites };
}

/** Worst first: severity, then the kind of rule, then how far off, then unit. */
export function worstFirst(a: Measure, b: Measure): number {
  return SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)
    || RULE_ORDER.indexOf(a.rule) - RULE_ORDER.indexOf(b.rule)
    || b.badness - a.badness
    || a.unit_id.localeCompare(b.unit_id) || a.node_id.localeCompare(b.node_id);
}

/**
 * Declines of a node's score ending in `year`, counted back year by year while each step is
 * like-for-like and the score fell; flagged when `years` declines add up to `min_drop` points.
 *
 * Like-for-like (like_for_like, default on): both years' trees normalise the node's leaves alike
 * (same leaves, absolute or pooled methods, same parameters), and the earlier year is scored with
 * the later year's tree when the trees differ (weights are re-set every year): the composite is
 * re-scored by the scorer itself (rescoreInto, official tables untouched); a lower node whose
 * weights changed is not compared.
 */
async function declining(
  db: Db, tree: IndicatorTree, year: number, rule: Extract<WeakRuleT, { rule: 'declining' }>,
  base: { rule_id: string; rule: WeakRuleT['rule'] }, graded: Set<string>,
): Promise<Measure[]> {
  const node = rule.node ?? tree.rootId;
  const label = tree.nodes.find((n) => n.id === node)?.label ?? { zh: node, en: node };
  const years = (await scoredYears(db)).filter((y) => y <= year);
  const runs = new Map<number, YearRun>();
  const runOf = async (y: number) => runs.get(y) ?? runs.set(y, await yearRun(db, y)).get(y)!;
  const hist = await db.all<{ unit_id: string; year: number; score: number; rank: number | null }>(
    'select unit_id, year, score, rank from scores where node_id = $node and year <= $year and score is not null order by unit_id, year',
    { node, year },
  );
  const official = new Map(hist.map((h) => [`${h.unit_id}\u0000${h.year}`, h.score]));
  // year a's scores as year b's tree scores them (null: not comparable), computed once per pair
  const pairs = new Map<number, Map<string, number> | null>();
  const earlierUnder = async (a: number, b: number): Promise<Map<string, number> | null> => {
    if (pairs.has(a)) return pairs.get(a)!;
    const ra = await runOf(a);
    const rb = await runOf(b);
    let out: Map<string, number> | null = null;
    if (!rule.like_for_like) out = scoresOf(hist, a);
    else if (sameScoring(ra.tree, rb.tree, node)) {
      if (!treesDiffer(ra.tree, rb.tree)) out = scoresOf(hist, a);
      else if (node === tree.rootId) {
        await rescoreInto(db, 'analyse_declining_rescored', { run: ra, tree: rb.tree });
        const rows = await db.all<{ unit_id: string; score: number | null }>('select unit_id, score from analyse_declining_rescored');
        out = new Map(rows.filter((r) => r.score !== null).map((r) => [r.unit_id, r.score!]));
      } else if (sameWeights(ra.tree, rb.tree, node)) out = scoresOf(hist, a);
    }
    pairs.set(a, out);
    return out;
  };
  const units = [...new Set(hist.filter((h) => h.year === year && graded.has(h.unit_id)).map((h) => h.unit_id))];
  const out: Measure[] = [];
  const i0 = years.indexOf(year);
  for (const unit of units) {
    // steps back from `year` while the score fell: [earlier year, its like-for-like score, later year's score]
    const steps: { from: number; to: number; published: number; before: number; after: number }[] = [];
    let latest: (typeof steps)[number] | undefined;
    for (let i = i0; i > 0; i--) {
      const [a, b] = [years[i - 1], years[i]];
      const after = official.get(`${unit}\u0000${b}`);
      const before = (await earlierUnder(a, b))?.get(unit);
      const published = official.get(`${unit}\u0000${a}`);
      if (after === undefined || before === undefined || published === undefined) break;
      const step = { from: a, to: b, published, before, after };
      latest ??= step;
      const fell = rule.by === 'rank' ? (rankOf(hist, unit, b) ?? 0) > (rankOf(hist, unit, a) ?? 0) : after < before;
      if (!fell) break;
      steps.unshift(step);
    }
    const k = steps.length;
    const drop = steps.reduce((t, x) => t + (x.before - x.after), 0);
    const fired = k >= rule.years && (rule.by === 'rank' || drop >= rule.min_drop);
    const severity = rule.severity ?? (rule.by === 'rank' ? 'medium' : drop >= rule.severity_by_drop.high ? 'high' : drop >= rule.severity_by_drop.medium ? 'medium' : 'low');
    const path = steps;
    // the reference is the official score before the fall (the first of the printed series), so
    // value − reference is the official change the reason states first
    out.push({
      ...base, unit_id: unit, node_id: node, fired, severity, value: official.get(`${unit}\u0000${year}`) ?? null,
      reference: steps[0]?.published ?? latest?.published ?? null, what: label, metric: null, higherIsBetter: true, badness: drop / 100,
      still: rule.by === 'rank' || k === 0 ? undefined
        : { amount: drop, threshold: k >= rule.years ? { points: rule.min_drop, kind: 'min_drop' } : null },
      reason: rule.by === 'rank'
        ? msg.decliningRankReason(label, [path[0]?.from ?? year, ...path.map((s) => s.to)].map((y) => ({ year: y, rank: rankOf(hist, unit, y) })))
        : msg.decliningReason(label, path, drop),
    });
  }
  return out;
}

const scoresOf = (hist: { unit_id: string; year: number; score: number }[], y: number) =>
  new Map(hist.filter((h) => h.year === y).map((h) => [h.unit_id, h.score]));
const rankOf = (hist: { unit_id: string; year: number; rank: number | null }[], unit: string, y: number) =>
  hist.find((h) => h.unit_id === unit && h.year === y)?.rank ?? null;

/** Whether the weights of every node under `node` are the same in both trees. */
function sameWeights(a: IndicatorTree, b: IndicatorTree, node: string): boolean {
  const under = (t: IndicatorTree) => {
    const byId = new Map(t.nodes.map((n) => [n.id, n]));
    return new Map(t.nodes.filter((n) => isUnder(n, node, byId)).map((n) => [n.id, Math.round(n.weight * 1e9)]));
  };
  const wa = under(a);
  const wb = under(b);
  return wa.size === wb.size && [...wa].every(([id, w]) => wb.get(id) === w);
}

const ABSOLUTE = ['goalposts', 'percent_of_target', 'distance_to_target'];

/** Whether two years' trees score `node` alike: the same leaves, each absolute or pooled, with the same parameters. */
export function sameScoring(a: IndicatorTree, b: IndicatorTree, node: string): boolean {
  const leaves = (t: IndicatorTree) => {
    const byId = new Map(t.nodes.map((n) => [n.id, n]));
    return new Map(t.nodes.filter((n) => n.metric !== null && isUnder(n, node, byId)).map((n) => [n.id, n]));
  };
  const la = leaves(a);
  const lb = leaves(b);
  if (la.size === 0 || la.size !== lb.size) return false;
  for (const [id, x] of la) {
    const y = lb.get(id);
    if (!y || x.metric !== y.metric || x.direction !== y.direction || !x.normalise || !y.normalise) return false;
    const pooled = x.normalise.method === 'minmax' && Array.isArray(x.normalise.pool);
    if (!ABSOLUTE.includes(x.normalise.method) && !pooled) return false;
    if (JSON.stringify(x.normalise) !== JSON.stringify(y.normalise)) return false;
  }
  return true;
}

/** The miss as a share of the line (ops < <= > >= with a non-zero line), else null. */
function shortfall(v: number, op: string, line: number): number | null {
  if (line === 0) return null;
  if (op === '<' || op === '<=') return Math.max(0, (line - v) / Math.abs(line));
  if (op === '>' || op === '>=') return Math.max(0, (v - line) / Math.abs(line));
  return null;
}

function compare(v: number, op: string, line: number): boolean {
  switch (op) {
    case '<': return v < line;
    case '<=': return v <= line;
    case '>': return v > line;
    case '>=': return v >= line;
    case '=': return v === line;
    default: return v !== line;
  }
}

/** The standard a leaf is measured against: goalposts' full-points end, or the target. */
function targetOf(l: TreeNode): number | null {
  const p = l.normalise;
  if (!p) return null;
  if (p.method === 'goalposts') return p.hi;
  if (p.method === 'percent_of_target' || p.method === 'distance_to_target') return p.target;
  return null;
}

function isUnder(n: TreeNode, ancestor: string, byId: Map<string, TreeNode>): boolean {
  for (let x: TreeNode | undefined = n; x; x = x.parentId ? byId.get(x.parentId) : undefined) if (x.id === ancestor) return true;
  return false;
}

/** For each unit: the indicators that cost it most against its peers' median (graded peers only). */
function driversFor(
  tree: IndicatorTree, values: ValueRow[], units: string[], pool: string[],
  typeOf: (u: string) => string, n: number,
): Map<string, msg.Text> {
  const leaves = tree.nodes.filter((l) => l.metric !== null);
  const valueOf = new Map(values.map((v) => [`${v.unit_id}\u0000${v.indicator_id}`, v]));
  const points = (x: ValueRow | undefined, leaf: TreeNode) =>
    x === undefined ? null : x.contribution !== null ? x.contribution : x.normalised !== null ? x.normalised * leaf.effectiveWeight : null;
  const medians = new Map<string, number | null>();
  const out = new Map<string, msg.Text>();
  for (const unit of units) {
    const type = typeOf(unit);
    const same = pool.filter((u) => typeOf(u) === type);
    const peers = same.length >= 3 ? same : pool;
    const key = same.length >= 3 ? type : '\u0000all';
    const ds = leaves
      .map((l) => {
        const k = `${key}\u0000${l.id}`;
        if (!medians.has(k)) {
          const xs = peers.map((p) => points(valueOf.get(`${p}\u0000${l.id}`), l)).filter((x): x is number => x !== null);
          medians.set(k, xs.length ? median(xs) : null);
        }
        const ref = medians.get(k)!;
        const v = valueOf.get(`${unit}\u0000${l.id}`);
        return { label: l.label, metric: l.metric, raw: v?.raw ?? null, target: targetOf(l), gap: ref === null ? 0 : (points(v, l) ?? 0) - ref };
      })
      .filter((d) => d.gap < -0.05)
      .sort((a, b) => a.gap - b.gap)
      .slice(0, n);
    out.set(unit, msg.drivers(ds));
  }
  return out;
}

/** unit_id → unit_type from `units` (when the table exists). */
export async function unitTypes(db: Db): Promise<Map<string, string>> {
  if (!(await hasTable(db, 'units'))) return new Map();
  const rows = await db.all<{ unit_id: string; unit_type: string | null }>('select unit_id, any_value(unit_type) as unit_type from units group by unit_id');
  return new Map(rows.map((r) => [r.unit_id, r.unit_type ?? 'other']));
}
