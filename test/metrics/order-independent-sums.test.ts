/**
 * Sums that do not depend on the order the rows are met in. In doubles,
 * (0.1 + 0.2) + 0.3 = 0.6000000000000001 but (0.3 + 0.2) + 0.1 = 0.6, so a plain `sum()`
 * gives different bits for the same rows stored (or split over threads) differently, and
 * re-scoring unchanged data would change values and runs.input_hash. Units X and Y hold the
 * same hours in opposite orders: every sum built on them must be bit-identical.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricSpec } from '../../src/config/pipeline-schema.js';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';
import { openDb, type Db } from '../../src/store/db.js';
import { createStaging, insert, profileRows } from './fixtures.js';
import { readMetrics } from './sample.js';

const HOURS = [0.1, 0.2, 0.3];
let db: Db;
let values: Map<string, number | null>;
const v = (unit: string, metric: string) => values.get(`2024|${unit}|${metric}`);

beforeAll(async () => {
  db = await openDb(':memory:');
  await db.run('SET threads = 1'); // one thread: rows are added in insertion order, so the orders differ
  await createStaging(db);
  await insert(db, 'units', [
    { unit_id: 'X', name: '甲', unit_type: 'county' },
    { unit_id: 'Y', name: '乙', unit_type: 'county' },
  ]);
  await insert(db, 'unit_profile', profileRows(2024, { X: { members: 3 }, Y: { members: 3 } }));
  const row = (unit_id: string, hours: number, i: number) =>
    ({ unit_id, member_key: `id:${i}`, date: '2024-03-01', session_type: '集中学习', hours, status: 'present' });
  await insert(db, 'attendance', [
    ...HOURS.map((h, i) => row('X', h, i)),
    ...[...HOURS].reverse().map((h, i) => row('Y', h, i)),
  ]);
  const exams = (unit_id: string, scores: number[]) =>
    scores.map((score, i) => ({ unit_id, member_key: `id:${unit_id}${i}`, exam: '测试', date: '2024-05-01', score, full_mark: 1 }));
  await insert(db, 'exams', [...exams('X', HOURS), ...exams('Y', [...HOURS].reverse())]);
  await computeMetrics(db, {
    metrics: { declared_hours: MetricSpec.parse({ from: 'attendance', agg: 'sum', column: 'hours' }) },
  });
  values = await readMetrics(db);
});
afterAll(() => db.close());

describe('sums of doubles', () => {
  it('the test data really is order-sensitive in plain doubles', () => {
    const forward = HOURS.reduce((s, h) => s + h, 0);
    const backward = [...HOURS].reverse().reduce((s, h) => s + h, 0);
    expect(forward).not.toBe(backward);
  });

  it.each(['attended_hours', 'collective_study_hours', 'exam_score_rate', 'declared_hours'])(
    '%s is bit-identical for the same rows in another order', (metric) => {
      expect(v('X', metric)).not.toBeNull();
      expect(Object.is(v('X', metric), v('Y', metric)), `${v('X', metric)} vs ${v('Y', metric)}`).toBe(true);
    });

  it('stays within 1e-12 of the exact sum', () => {
    // exact: 0.1 + 0.2 + 0.3 = 0.6
    expect(Math.abs(v('X', 'attended_hours')! - 0.6)).toBeLessThan(1e-12);
    expect(Math.abs(v('X', 'declared_hours')! - 0.6)).toBeLessThan(1e-12);
  });
});
