/**
 * A scenario (weight impact, preview) re-scores a year under a scratch run and restores the
 * official tables: score_coverage and score_adjustments included, and with the official run's
 * pooled bounds.
 */
import { describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import { weightImpact } from '../../src/analyse/index.js';
import { scoreYear } from '../../src/score/score.js';
import { treeFrom } from '../score/helpers.js';
import { seedScored, tree } from './helpers.js';

describe('scenario scoring', () => {
  it('leaves score_coverage as the official run wrote it', async () => {
    await withDb(async (db) => {
      await seedScored(db);
      // D loses m2 in 2025: its d2 and i2 have no score (d1 still carries 80% ≥ 50%)
      await db.run(`update unit_year_metrics set value = null where year = 2025 and unit_id = 'D' and metric_id = 'm2'`);
      const official = await scoreYear(db, treeFrom(tree(2025, 80, 20), ['m1', 'm2', 'attendance_rate']), { year: 2025 });
      const before = await db.all('select * from score_coverage where year = 2025 order by all');
      expect(before.length).toBe(2); // d2 and i2, 3 of 4 units with data
      await weightImpact(db, { year: 2025 });
      expect(await db.all('select * from score_coverage where year = 2025 order by all')).toEqual(before);
      expect(await db.all('select distinct run_id from score_coverage where year = 2025')).toEqual([{ run_id: official.runId }]);
    });
  });

  it('scores a scenario with the official run’s pooled bounds', async () => {
    await withDb(async (db) => {
      const pooled = '{method: minmax, pool: [2023, 2025]}';
      await seedScored(db, { method: pooled });
      const official = await db.all<{ unit_id: string; score: number }>(
        `select unit_id, score from scores where year = 2025 and node_id = 'i1' order by unit_id`,
      );
      // a later change to 2023's data would move freshly computed bounds (hi 90 → 200)
      await db.run(`update unit_year_metrics set value = 200 where year = 2023 and unit_id = 'A' and metric_id = 'm1'`);
      const rows = await weightImpact(db, { year: 2025 });
      // the scenario (2025 data, 2024 tree) keeps the 2025 run's bounds: i1 is unchanged, so the
      // composite under the 2024 tree = 50/50 of the official leaf scores
      const i2 = await db.all<{ unit_id: string; score: number }>(`select unit_id, score from scores where year = 2025 and node_id = 'i2' order by unit_id`);
      for (const [k, o] of official.entries()) {
        const r = rows.find((x) => x.unit_id === o.unit_id)!;
        expect(r.score_base_tree).toBeCloseTo(0.5 * o.score + 0.5 * i2[k].score, 9);
      }
    });
  });
});
