/** One unit's composite and dimension scores (bars) against the median of its peers (same unit type; ticks). */
import { baseConfig, SCHEMA, type Chart } from './common.js';
import { median, round, type ReportModel } from '../model.js';

export interface PeerScore { node_id: string; label: string; score: number | null; peer: number | null }

/** Composite then dimensions: this unit's score and its peers' median. */
export function peerScores(m: ReportModel, unitId: string): PeerScore[] {
  const type = m.data.totals.find((t) => t.unit_id === unitId)?.unit_type;
  // peers are graded units: the root's totals would pull the median
  const graded = new Set(m.graded);
  const candidates = m.data.totals.filter((t) => t.score !== null && graded.has(t.unit_id));
  let peers = candidates.filter((t) => t.unit_type === type).map((t) => t.unit_id);
  if (peers.length < 2) peers = candidates.map((t) => t.unit_id);
  const peerSet = new Set(peers);
  const total = m.data.totals.find((t) => t.unit_id === unitId);
  const root = m.data.tree.find((n) => n.level === 0)?.node_id ?? 'total';
  const out: PeerScore[] = [{
    node_id: root, label: m.nodeLabel(root), score: total?.score ?? null,
    peer: median(m.data.totals.filter((t) => peerSet.has(t.unit_id)).map((t) => t.score)),
  }];
  for (const d of m.dimensions) {
    const rows = m.data.dims.filter((x) => x.node_id === d.node_id);
    out.push({
      node_id: d.node_id, label: m.nodeLabel(d.node_id), score: rows.find((x) => x.unit_id === unitId)?.score ?? null,
      peer: median(rows.filter((x) => peerSet.has(x.unit_id)).map((x) => x.score)),
    });
  }
  return out;
}

export function buildUnitScoresChart(m: ReportModel, unitId: string): Chart {
  const { l } = m;
  const values = peerScores(m, unitId).map((p) => ({ node: p.label, score: round(p.score, 2), peer: round(p.peer, 2) }));
  const y = { field: 'node', type: 'nominal' as const, sort: values.map((v) => v.node), title: null };
  return {
    id: 'unit-scores', title: `${l.score} · ${l.peerMedian}`,
    spec: {
      $schema: SCHEMA, config: baseConfig, data: { values }, width: 360, height: values.length * 28,
      encoding: { y },
      layer: [
        { mark: { type: 'bar', color: '#4292c6', tooltip: true }, encoding: { x: { field: 'score', type: 'quantitative', title: l.score, scale: { domain: [0, 100] } } } },
        { mark: { type: 'tick', color: '#d73027', thickness: 3 }, encoding: { x: { field: 'peer', type: 'quantitative' } } },
        { mark: { type: 'text', align: 'left', dx: 4, fontSize: 10 }, encoding: { x: { field: 'score', type: 'quantitative' }, text: { field: 'score', type: 'quantitative', format: '.1f' } } },
      ],
    },
  };
}
