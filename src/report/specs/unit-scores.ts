/** One unit's composite and dimension scores (bars) against the median of its peers (same unit type; ticks). */
import { baseConfig, SCHEMA, type Chart } from './common.js';
import { median, round, type ReportModel } from '../model.js';

export interface PeerScore { node_id: string; label: string; score: number | null; peer: number | null }

/** Peer medians per unit type and every unit's scores, computed once per model (2,000 unit pages ask). */
interface PeerIndex { medians: Map<string | undefined, { total: number | null; dims: Map<string, number | null> }>; dimScore: Map<string, Map<string, number | null>> }
const peerIndexes = new WeakMap<ReportModel, PeerIndex>();

function peerIndex(m: ReportModel): PeerIndex {
  let ix = peerIndexes.get(m);
  if (ix) return ix;
  const dimScore = new Map<string, Map<string, number | null>>();
  for (const d of m.dimensions) dimScore.set(d.node_id, new Map());
  for (const x of m.data.dims) dimScore.get(x.node_id)?.set(x.unit_id, x.score);
  ix = { medians: new Map(), dimScore };
  peerIndexes.set(m, ix);
  return ix;
}

/** Median composite and dimension scores of a unit type's peers (graded units; all graded units when fewer than 2 share the type). */
function peerMedians(m: ReportModel, type: string | undefined) {
  const ix = peerIndex(m);
  let med = ix.medians.get(type);
  if (med) return med;
  // peers are graded units: the root's totals would pull the median
  const graded = new Set(m.graded);
  const candidates = m.data.totals.filter((t) => t.score !== null && graded.has(t.unit_id));
  let peers = candidates.filter((t) => t.unit_type === type).map((t) => t.unit_id);
  if (peers.length < 2) peers = candidates.map((t) => t.unit_id);
  const peerSet = new Set(peers);
  const dims = new Map<string, number | null>();
  for (const d of m.dimensions) dims.set(d.node_id, median(m.data.dims.filter((x) => x.node_id === d.node_id && peerSet.has(x.unit_id)).map((x) => x.score)));
  med = { total: median(m.data.totals.filter((t) => peerSet.has(t.unit_id)).map((t) => t.score)), dims };
  ix.medians.set(type, med);
  return med;
}

/** Composite then dimensions: this unit's score and its peers' median. */
export function peerScores(m: ReportModel, unitId: string): PeerScore[] {
  const total = m.data.totals.find((t) => t.unit_id === unitId);
  const med = peerMedians(m, total?.unit_type);
  const root = m.data.tree.find((n) => n.level === 0)?.node_id ?? 'total';
  const out: PeerScore[] = [{ node_id: root, label: m.nodeLabel(root), score: total?.score ?? null, peer: med.total }];
  for (const d of m.dimensions) {
    out.push({
      node_id: d.node_id, label: m.nodeLabel(d.node_id), score: peerIndex(m).dimScore.get(d.node_id)?.get(unitId) ?? null,
      peer: med.dims.get(d.node_id) ?? null,
    });
  }
  return out;
}

export function buildUnitScoresChart(m: ReportModel, unitId: string): Chart {
  const { l } = m;
  const values = peerScores(m, unitId).map((p) => ({ node: p.label, score: round(p.score, 2), peer: round(p.peer, 2) }));
  const y = { field: 'node', type: 'nominal' as const, sort: values.map((v) => v.node), title: null };
  const legend = { domain: [l.thisUnit, l.peerMedian], range: ['#4292c6', '#d73027'] };
  return {
    id: 'unit-scores', title: `${l.score} · ${l.peerMedian}`,
    spec: {
      $schema: SCHEMA, config: baseConfig, data: { values }, width: 360, height: values.length * 28,
      encoding: { y },
      layer: [
        // a legend names the bar and the red tick; the values stand in a column right of the axis, clear of the tick
        { mark: { type: 'bar', tooltip: true }, encoding: { x: { field: 'score', type: 'quantitative', title: l.score, scale: { domain: [0, 100] } }, color: { datum: l.thisUnit, scale: legend, title: null, legend: { orient: 'bottom', direction: 'horizontal' } },
          tooltip: [{ field: 'node', type: 'nominal', title: l.dimension }, { field: 'score', type: 'quantitative', title: l.thisUnit, format: '.2f' }, { field: 'peer', type: 'quantitative', title: l.peerMedian, format: '.2f' }] } },
        { mark: { type: 'tick', thickness: 3 }, encoding: { x: { field: 'peer', type: 'quantitative' }, color: { datum: l.peerMedian, scale: legend, title: null } } },
        { transform: [{ filter: 'isValid(datum.score)' }], mark: { type: 'text', align: 'left', dx: 6, fontSize: 10 }, encoding: { x: { datum: 100 }, text: { field: 'score', type: 'quantitative', format: '.1f' } } },
      ],
    },
  };
}
