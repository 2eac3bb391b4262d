/**
 * Weak branches: apply the pipeline's `analysis.weak` rules (analysis-schema.ts) to one scored
 * year and return one flag per (unit, rule, node), each with its numbers and a reason in plain
 * Chinese and English. Composite-level flags (lowest grade, bottom, declining) name the
 * indicators that pulled the unit down most: its contribution minus the median contribution of
 * its peers (same unit_type; all units when fewer than `min_peers`). When contributions are NULL
 * (non-arithmetic trees) the gap is (normalised − peer median) × effective weight.
 *
 * The rows are small and final, so the rules run in JS over a handful of queries.
 */
import { groupBy } from '../collections.js';
import { median, medianAbsoluteDeviation } from 'simple-statistics';
import type { Db } from '../store/db.js';
import type { TreeNode } from '../indicators/indicator-schema.js';
import { resolveAnalysis, type WeakRuleT } from './analysis-schema.js';
import { analyseContractOf } from './contract.js';
import * as msg from './messages.js';
import { writeTempRows } from './rows.js';
import { yearRun } from './trees.js';

export interface FlagRow {
  year: number; unit_id: string; node_id: string; rule_id: string; severity: string;
  value: number | null; reference: number | null; reason_zh: string; reason_en: string;
}

export interface WeakOptions {
  year: number;
  /** Default: the pipeline's rules, or DEFAULT_WEAK_RULES. */
  rules?: WeakRuleT[];
  /** How many indicators to name as pulling a unit down (default 2). */
  drivers?: number;
}

interface ScoreRow { unit_id: string; node_id: string; level: number; score: number | null; rank: number | null; grade: string | null }
interface ValueRow { unit_id: string; indicator_id: string; raw: number | null; normalised: number | null; contribution: number | null; effective_weight: number | null }

/** Find weak units of `year`, write the temp table `analyse_flags` and return the flags. */
export async function findWeakUnits(db: Db, opts: WeakOptions): Promise<FlagRow[]> {
  const year = opts.year;
  const rules = opts.rules ?? resolveAnalysis(undefined).weak;
  const run = await yearRun(db, year);
  const tree = run.tree;
  const byId = new Map(tree.nodes.map((n) => [n.id, n]));
  const types = await unitTypes(db);
  const typeOf = (u: string) => types.get(u) ?? 'other';
  const scores = await db.all<ScoreRow>('select unit_id, node_id, level, score, rank, grade from scores where year = $year', { year });
  const values = await db.all<ValueRow>(
    'select unit_id, indicator_id, raw, normalised, contribution, effective_weight from indicator_values where year = $year',
    { year },
  );
  const at = (node: string) => scores.filter((s) => s.node_id === node);
  const root = at(tree.rootId).filter((s) => s.score !== null);
  const flags: FlagRow[] = [];
  const add = (unit: string, node: string, rule: WeakRuleT, value: number | null, reference: number | null, t: msg.Text, id?: string) =>
    flags.push({ year, unit_id: unit, node_id: node, rule_id: id ?? rule.id ?? rule.rule, severity: rule.severity, value, reference, reason_zh: t.zh, reason_en: t.en });

  // peers of each unit: same unit_type when there are enough of them (cached per pool and type)
  const peerCache = new Map<string, { units: string[]; label: msg.Text; key: string }>();
  const peersOf = (unit: string, pool: string[], minPeers: number, poolKey: string) => {
    const type = typeOf(unit);
    const k = `${poolKey}\u0000${minPeers}\u0000${type}`;
    let hit = peerCache.get(k);
    if (!hit) {
      const same = pool.filter((u) => typeOf(u) === type);
      hit = same.length >= minPeers ? { units: same, label: msg.PEERS_SAME_TYPE(type), key: `type:${type}` } : { units: pool, label: msg.PEERS_ALL, key: 'all' };
      peerCache.set(k, hit);
    }
    return hit;
  };

  // leaf gaps against the peer median, for "pulled down by"
  const leaves = tree.nodes.filter((n) => n.metric !== null);
  const valueOf = new Map(values.map((v) => [`${v.unit_id}\u0000${v.indicator_id}`, v]));
  const points = (x: ValueRow | undefined, leaf: TreeNode) =>
    x === undefined ? null : x.contribution !== null ? x.contribution : x.normalised !== null ? x.normalised * leaf.effectiveWeight : null;
  const medianCache = new Map<string, number | null>();
  const gapOf = (unit: string, leaf: TreeNode, peers: { units: string[]; key: string }): number | null => {
    const k = `${peers.key}\u0000${leaf.id}`;
    let ref = medianCache.get(k);
    if (ref === undefined) {
      const xs = peers.units.map((p) => points(valueOf.get(`${p}\u0000${leaf.id}`), leaf)).filter((x): x is number => x !== null);
      ref = xs.length ? median(xs) : null;
      medianCache.set(k, ref);
    }
    return ref === null ? null : (points(valueOf.get(`${unit}\u0000${leaf.id}`), leaf) ?? 0) - ref;
  };
  const nDrivers = opts.drivers ?? 2;
  const rootPool = root.map((r) => r.unit_id);
  const driverCache = new Map<string, msg.Text>();
  const pulledDown = (unit: string, under: string | null): msg.Text => {
    const ck = `${unit}\u0000${under}`;
    const hit = driverCache.get(ck);
    if (hit) return hit;
    const peers = peersOf(unit, rootPool, 3, 'root');
    const ds = leaves
      .filter((l) => under === null || isUnder(l, under, byId))
      .map((l) => {
        const v = valueOf.get(`${unit}\u0000${l.id}`);
        return { label: l.label, metric: l.metric, raw: v?.raw ?? null, target: targetOf(l), gap: gapOf(unit, l, peers) ?? 0 };
      })
      .filter((d) => d.gap < -0.05)
      .sort((a, b) => a.gap - b.gap)
      .slice(0, nDrivers);
    const text = msg.drivers(ds);
    driverCache.set(ck, text);
    return text;
  };

  for (const rule of rules) {
    switch (rule.rule) {
      case 'lowest_grade': {
        const last = tree.grades[tree.grades.length - 1];
        const prev = tree.grades[tree.grades.length - 2];
        if (!last) break;
        for (const r of root) {
          if (r.grade === last.grade) {
            add(r.unit_id, tree.rootId, rule, r.score, prev?.min ?? null, msg.lowestGradeReason(r.score!, last.grade, prev?.min ?? null, pulledDown(r.unit_id, null)));
          }
        }
        break;
      }
      case 'bottom': {
        const n = root.length;
        if (!n) break;
        const count = rule.k ?? Math.max(1, Math.ceil(rule.quantile * n));
        const sorted = [...root].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
        const cutoff = sorted[Math.max(0, n - count)];
        for (const r of root) {
          if ((r.rank ?? 0) >= (cutoff.rank ?? Infinity)) {
            add(r.unit_id, tree.rootId, rule, r.score, cutoff.score,
              msg.bottomReason(r.score!, r.rank!, n, count, rule.k === undefined ? rule.quantile : null, pulledDown(r.unit_id, null)));
          }
        }
        break;
      }
      case 'peer_gap': {
        for (const node of tree.nodes.filter((x) => x.level === rule.level)) {
          const rows = at(node.id).filter((s) => s.score !== null);
          const pool = rows.map((r) => r.unit_id);
          const scoreOf = new Map(rows.map((r) => [r.unit_id, r.score!]));
          const stats = new Map<string, { med: number; mad: number }>();
          for (const r of rows) {
            const peers = peersOf(r.unit_id, pool, rule.min_peers, `node:${node.id}`);
            let st = stats.get(peers.key);
            if (!st) {
              const xs = peers.units.map((u) => scoreOf.get(u)!);
              st = { med: median(xs), mad: medianAbsoluteDeviation(xs) };
              stats.set(peers.key, st);
            }
            const { med, mad } = st;
            const margin = Math.max(rule.mad * mad, rule.min_gap);
            if (r.score! < med - margin) {
              // points of the composite lost against the peer median (arithmetic trees)
              const drag = (med - r.score!) * node.effectiveWeight;
              add(r.unit_id, node.id, rule, r.score, med,
                msg.peerGapReason(node.label, r.score!, med, mad, peers.label, drag, pulledDown(r.unit_id, node.id)));
            }
          }
        }
        break;
      }
      case 'declining': {
        const node = rule.node ?? tree.rootId;
        const hist = await db.all<{ unit_id: string; year: number; score: number; rank: number }>(
          'select unit_id, year, score, rank from scores where node_id = $node and year <= $year and score is not null order by unit_id, year',
          { node, year },
        );
        const label = byId.get(node)?.label ?? { zh: node, en: node };
        const fell = (a: { score: number; rank: number }, b: { score: number; rank: number }) => (rule.by === 'rank' ? b.rank > a.rank : b.score < a.score);
        const byUnit = groupBy(hist, (h) => h.unit_id);
        for (const [unit, hs] of byUnit) {
          if (hs[hs.length - 1].year !== year) continue;
          let k = 0;
          for (let i = hs.length - 1; i > 0 && fell(hs[i - 1], hs[i]); i--) k++;
          if (k >= rule.years) {
            const path = hs.slice(hs.length - 1 - k);
            add(unit, node, rule, k, rule.years, msg.decliningReason(label, path, rule.by, pulledDown(unit, node === tree.rootId ? null : node)));
          }
        }
        break;
      }
      case 'red_line': {
        const rows = await db.all<{ unit_id: string; value: number }>(
          `select m.unit_id, m.value from unit_year_metrics m
           where m.year = $year and m.metric_id = $metric and m.value is not null
             and m.unit_id in (select unit_id from scores where year = $year and level = 0)
           order by m.unit_id`,
          { year, metric: rule.metric },
        ).catch(() => []);
        const leaf = leaves.find((l) => l.metric === rule.metric);
        const label = rule.label ?? leaf?.label ?? msg.metricLabel(rule.metric);
        for (const r of rows) {
          if (compare(r.value, rule.op, rule.value)) {
            add(r.unit_id, leaf?.id ?? rule.metric, rule, r.value, rule.value,
              msg.redLineReason(label, rule.metric, r.value, rule.op, rule.value, leaf ? targetOf(leaf) : null), rule.id ?? `red_line:${rule.metric}`);
          }
        }
        break;
      }
    }
  }
  flags.sort((a, b) => a.unit_id.localeCompare(b.unit_id) || a.rule_id.localeCompare(b.rule_id) || a.node_id.localeCompare(b.node_id));
  await writeTempRows(db, 'analyse_flags', analyseContractOf('flags').columns, flags as unknown as Record<string, unknown>[]);
  return flags;
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


/** unit_id → unit_type from `units` (when the table exists). */
export async function unitTypes(db: Db): Promise<Map<string, string>> {
  const has = await db.one(`select 1 as x from duckdb_tables() where table_name = 'units' and not temporary`);
  if (!has) return new Map();
  const rows = await db.all<{ unit_id: string; unit_type: string | null }>('select unit_id, any_value(unit_type) as unit_type from units group by unit_id');
  return new Map(rows.map((r) => [r.unit_id, r.unit_type ?? 'other']));
}
