/**
 * The run log (COINr's Regen): re-running from a `runs` row reproduces identical tables, and
 * re-running with another tree changes them without re-ingesting.
 */
import { describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import { rerunScore, scoreYear } from '../../src/score/score.js';
import { readRun } from '../../src/score/run-log.js';
import { loadIndicatorTree } from '../../src/indicators/load-tree.js';
import { DEFAULT_METRIC_IDS, DEFAULT_TREE_METRICS } from '../../src/indicators/default-metrics.js';
import { prng, seedInputs, snapshot, type MetricRow } from './helpers.js';

const tree2025 = loadIndicatorTree('indicators/2025.yaml', DEFAULT_METRIC_IDS).tree!;
const tree2023 = loadIndicatorTree('indicators/2023.yaml', DEFAULT_METRIC_IDS).tree!;

function sampleRows(): MetricRow[] {
  const rnd = prng(99);
  const rows: MetricRow[] = [];
  for (let u = 0; u < 10; u++) {
    for (const m of DEFAULT_TREE_METRICS) rows.push([2025, `u${u}`, m, rnd() < 0.05 ? null : Math.round(rnd() * 900) / 100]);
    rows.push([2025, `u${u}`, 'bonus_points', u === 2 ? 8 : u % 3]);
    rows.push([2025, `u${u}`, 'veto', u === 7 ? 1 : 0]);
  }
  return rows;
}

const TABLES = ['indicator_values', 'scores', 'score_notes'];

describe('re-running from the runs table', () => {
  it('reproduces identical tables', async () => {
    await withDb(async (db) => {
      await seedInputs(db, sampleRows(), [['u0', 'county'], ['u1', 'department']]);
      const first = await scoreYear(db, tree2025, { year: 2025, runId: 'first', now: () => new Date('2026-01-15T08:00:00Z') });
      const before = await Promise.all(TABLES.map((t) => snapshot(db, t)));
      expect(before[1].length).toBeGreaterThan(0);

      const again = await rerunScore(db, 'first', { runId: 'again' });
      const after = await Promise.all(TABLES.map((t) => snapshot(db, t)));
      expect(after).toEqual(before);
      expect(again.inputHash).toBe(first.inputHash);
      expect(again.warnings).toEqual(first.warnings);

      const run = await readRun(db, 'first');
      expect(run.startedAt.toISOString()).toBe('2026-01-15T08:00:00.000Z');
      expect(run.tree).toEqual(tree2025);
      expect(run.params).toMatchObject({ year: 2025, minShare: 0.5, geometricFloor: 1 });
    });
  });

  it('re-scores with another tree without re-ingesting, and back', async () => {
    await withDb(async (db) => {
      await seedInputs(db, sampleRows());
      await scoreYear(db, tree2025, { year: 2025, runId: 'base' });
      const base = await snapshot(db, 'scores');
      const scenario = await rerunScore(db, 'base', { tree: tree2023, runId: 'scenario' });
      expect(scenario.warnings.map((w) => w.code)).toContain('tree_year_differs');
      expect(await snapshot(db, 'scores')).not.toEqual(base);
      await rerunScore(db, 'base', { runId: 'restored' });
      expect(await snapshot(db, 'scores')).toEqual(base);
    });
  });

  it('warns when the input rows changed since the recorded run', async () => {
    await withDb(async (db) => {
      await seedInputs(db, sampleRows());
      await scoreYear(db, tree2025, { year: 2025, runId: 'old' });
      await db.run(`update unit_year_metrics set value = value + 1 where unit_id = 'u1' and metric_id = 'attendance_rate'`);
      const s = await rerunScore(db, 'old');
      expect(s.warnings.map((w) => w.code)).toContain('input_changed');
    });
  });

  it('leaves every table unchanged when a run fails', async () => {
    await withDb(async (db) => {
      await seedInputs(db, sampleRows());
      await scoreYear(db, tree2025, { year: 2025, runId: 'good' });
      const before = await Promise.all([...TABLES, 'runs'].map((t) => db.all(`select * from ${t} order by all`)));
      await seedInputs(db, [[2025, 'u1', 'attendance_rate', 0.5]]); // duplicate row: a user error
      await expect(scoreYear(db, tree2025, { year: 2025, runId: 'bad' })).rejects.toThrow(/duplicate|重复|rows for attendance_rate/);
      const after = await Promise.all([...TABLES, 'runs'].map((t) => db.all(`select * from ${t} order by all`)));
      expect(after).toEqual(before);
    });
  });
});
