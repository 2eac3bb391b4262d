/**
 * Which exam row is a member's first attempt (exam_metrics.sql), when the person is known by
 * an id and when only by a name. Expected values are worked out by hand in the comments.
 *
 * Two different people called 张三, one in unit A and one in unit B, sit the same exam. Their
 * rows carry no id and match no roster member, so the stage keys them by name ('name:张三'):
 * such a key names a person only within a unit. Each unit must keep its own 张三's first attempt.
 * A person known by an id who moves from A to B and retakes there still has one first attempt
 * (the one in A), and B does not count the retake as a first attempt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';
import { openDb, type Db } from '../../src/store/db.js';
import { createStaging, insert, profileRows } from './fixtures.js';
import { readMetrics } from './sample.js';

const TOL = 1e-9;
let db: Db;
let values: Map<string, number | null>;
const v = (unit: string, metric: string) => {
  const key = `2024|${unit}|${metric}`;
  if (!values.has(key)) throw new Error(`no row ${key}`);
  return values.get(key)!;
};

beforeAll(async () => {
  db = await openDb(':memory:');
  await createStaging(db);
  await insert(db, 'units', [
    { unit_id: 'A', name: '甲支行', unit_type: 'county' },
    { unit_id: 'B', name: '乙支行', unit_type: 'county' },
  ]);
  await insert(db, 'unit_profile', profileRows(2024, { A: { members: 4 }, B: { members: 4 } }));
  const exam = '党章测试';
  await insert(db, 'exams', [
    // A's 张三 (name only): 60/100 on 05-10, then a 90 retake → first attempt 0.6, passed (0.6 ≥ 0.6)
    { unit_id: 'A', member_key: 'name:张三', exam, date: '2024-05-10', score: 60, full_mark: 100 },
    { unit_id: 'A', member_key: 'name:张三', exam, date: '2024-06-10', score: 90, full_mark: 100 },
    // B's 张三 (another person, name only): 40/100 on 05-01, earlier than A's → first attempt 0.4, failed.
    // Chosen across units, only this row would be a first attempt and A would lose its 张三.
    { unit_id: 'B', member_key: 'name:张三', exam, date: '2024-05-01', score: 40, full_mark: 100 },
    // id:7 sits the exam in A (attempt 1: 50/100, failed), moves to B and retakes there (attempt 2: 95).
    { unit_id: 'A', member_key: 'id:7', exam, date: '2024-05-02', score: 50, full_mark: 100, attempt: 1 },
    { unit_id: 'B', member_key: 'id:7', exam, date: '2024-09-01', score: 95, full_mark: 100, attempt: 2 },
  ]);
  await computeMetrics(db, {});
  values = await readMetrics(db);
});
afterAll(() => db.close());

describe('first attempts of name-keyed and id-keyed members', () => {
  it('keeps a score for each of two same-name people in two units', () => {
    // A: 张三 0.6 and id:7 0.5 → mean 0.55; passed 1 of 2
    expect(Math.abs(v('A', 'exam_score_rate') - 0.55)).toBeLessThan(TOL);
    expect(Math.abs(v('A', 'exam_pass_rate') - 0.5)).toBeLessThan(TOL);
    // B: 张三 0.4 only (id:7's row is a retake: their first attempt is in A) → 0.4; passed 0 of 1
    expect(Math.abs(v('B', 'exam_score_rate') - 0.4)).toBeLessThan(TOL);
    expect(v('B', 'exam_pass_rate')).toBe(0);
  });

  it('counts every person who sat the exam in the unit, retakes included', () => {
    // A: 张三, id:7 → 2 of 4 profile members; B: 张三, id:7 (retake) → 2 of 4
    expect(v('A', 'exam_takers')).toBe(2);
    expect(v('B', 'exam_takers')).toBe(2);
    expect(Math.abs(v('A', 'exam_participation_rate') - 0.5)).toBeLessThan(TOL);
    expect(Math.abs(v('B', 'exam_participation_rate') - 0.5)).toBeLessThan(TOL);
  });
});
