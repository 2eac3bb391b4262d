/**
 * Peer medians on unit pages are computed once per unit type (2,000 pages ask for them): every unit's
 * row must still equal a direct computation from the scores — its own composite and dimension
 * scores, and the median over graded units of its type (all graded units when fewer than two share it).
 */
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { readReportData } from '../../src/report/read-report-data.js';
import { buildModel } from '../../src/report/model.js';
import { peerScores } from '../../src/report/specs/unit-scores.js';
import { createReportFixture } from './fixture.js';

const med = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  if (!v.length) return null;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

describe('peer scores of a unit page', () => {
  it('equal a direct computation for every unit', async () => {
    const db = await openDb(':memory:');
    try {
      await createReportFixture(db, { analysis: true });
      const m = buildModel(await readReportData(db, 2025), 'zh');
      const gradedRows = await db.all<{ unit_id: string; unit_type: string; score: number }>(
        "SELECT s.unit_id, u.unit_type, s.score FROM scores s JOIN units u USING (unit_id) WHERE s.year = 2025 AND s.node_id = 'total' AND s.grade_status = 'graded' AND s.score IS NOT NULL");
      const dimRows = await db.all<{ unit_id: string; node_id: string; score: number | null }>(
        "SELECT unit_id, node_id, score FROM scores WHERE year = 2025 AND node_id IN ('conditions', 'process')");
      let checked = 0;
      for (const id of m.unitOrder) {
        const type = (await db.all<{ t: string }>('SELECT unit_type AS t FROM units WHERE unit_id = $id', { id }))[0]?.t;
        let peers = gradedRows.filter((r) => r.unit_type === type);
        if (peers.length < 2) peers = gradedRows;
        const peerIds = new Set(peers.map((p) => p.unit_id));
        const rows = peerScores(m, id);
        expect(rows[0].peer).toBe(med(peers.map((p) => p.score)));
        for (const node of ['conditions', 'process']) {
          const row = rows.find((r) => r.node_id === node)!;
          expect(row.score).toBe(dimRows.find((d) => d.unit_id === id && d.node_id === node)?.score ?? null);
          expect(row.peer).toBe(med(dimRows.filter((d) => d.node_id === node && peerIds.has(d.unit_id) && d.score !== null).map((d) => d.score!)));
        }
        checked++;
      }
      expect(checked).toBeGreaterThanOrEqual(5);
    } finally {
      db.close();
    }
  });
});
