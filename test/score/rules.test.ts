/**
 * Scoring rules outside the grid: bonus (加分, capped), veto (一票否决, forces a grade with its
 * reason), grade bands, ranks overall and within unit_type (ties take the minimum rank).
 */
import { describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import { scoreYear } from '../../src/score/score.js';
import { metric, scoresOf, seedInputs, treeFrom } from './helpers.js';

/** One leaf with goalposts 0..100, so the composite equals the raw value. */
const tree = (rules: string) =>
  treeFrom(
    `
year: 2025
label: {zh: 规则, en: rules}
dimensions:
  - id: d
    label: {zh: 维度, en: D}
    weight: 100
    indicators:
      - {id: x, label: {zh: 指标, en: X}, weight: 100, metric: x, normalise: {method: goalposts, lo: 0, hi: 100}}
${rules}`,
    ['x', 'bonus_points', 'veto'],
  );

const BONUS = 'bonus: {metric: bonus_points, cap: 5}';
const VETO = (grade: string) => `veto: {metric: veto, grade: ${grade}, reason: {zh: 发生严重违纪问题, en: serious discipline incident}}`;

describe('bonus (加分)', () => {
  it('adds the points, capped; a negative entry is a deduction of |x| under the same cap; each case recorded', async () => {
    await withDb(async (db) => {
      await seedInputs(db, [
        ...metric(2025, 'x', { a: 80, b: 80, c: 98, d: 80, e: 80, f: 80 }),
        ...metric(2025, 'bonus_points', { a: 2, b: 7, c: 5, d: -3, e: null, f: -9 }),
      ]);
      await scoreYear(db, tree(BONUS), { year: 2025 });
      // a 80+2; b 80+min(7,5); c 98+5 = 103 (may pass 100); d 80−3; e no bonus; f 80−min(9,5)
      expect(await scoresOf(db, 'total')).toEqual({ a: 82, b: 85, c: 103, d: 77, e: 80, f: 75 });
      expect((await scoresOf(db, 'd')).c).toBe(98); // dimensions are not adjusted
      const parts = await db.all(`select unit_id, weighted, bonus, deduction from scores where node_id = 'total' order by unit_id`);
      expect(parts).toEqual([
        { unit_id: 'a', weighted: 80, bonus: 2, deduction: 0 },
        { unit_id: 'b', weighted: 80, bonus: 5, deduction: 0 },
        { unit_id: 'c', weighted: 98, bonus: 5, deduction: 0 },
        { unit_id: 'd', weighted: 80, bonus: 0, deduction: 3 },
        { unit_id: 'e', weighted: 80, bonus: 0, deduction: 0 },
        { unit_id: 'f', weighted: 80, bonus: 0, deduction: 5 },
      ]);
      const notes = await db.all(`select unit_id, code, value, message_en from score_notes where node_id = 'total' order by unit_id`);
      expect(notes).toEqual([
        { unit_id: 'a', code: 'bonus_applied', value: 2, message_en: 'Bonus: plus 2 points' },
        { unit_id: 'b', code: 'bonus_capped', value: 5, message_en: 'Bonus: entered 7, above the cap of 5: plus 5 points' },
        { unit_id: 'c', code: 'bonus_applied', value: 5, message_en: 'Bonus: plus 5 points' },
        { unit_id: 'd', code: 'bonus_negative', value: 3, message_en: 'Bonus: entered -3 as a bonus: counted as a deduction, minus 3 points' },
        { unit_id: 'f', code: 'bonus_negative', value: 5, message_en: 'Bonus: entered -9 as a bonus: counted as a deduction, minus 5 points' },
      ]);
      expect(await db.one(`select grade from scores where unit_id = 'c' and node_id = 'total'`)).toEqual({ grade: '优秀' });
    });
  });
});

describe('veto (一票否决)', () => {
  it('forces the configured grade whatever the score and records the reason', async () => {
    await withDb(async (db) => {
      await seedInputs(db, [...metric(2025, 'x', { a: 95, b: 95 }), ...metric(2025, 'veto', { a: 1, b: 0 })]);
      const s = await scoreYear(db, tree(VETO('较差')), { year: 2025 });
      const rows = await db.all(`select unit_id, score, rank, grade from scores where node_id = 'total' order by unit_id`);
      expect(rows).toEqual([
        { unit_id: 'a', score: 95, rank: 1, grade: '较差' },
        { unit_id: 'b', score: 95, rank: 1, grade: '优秀' },
      ]);
      expect(s.vetoed).toBe(1);
      const note = await db.one<{ code: string; message_zh: string; message_en: string }>(
        `select code, message_zh, message_en from score_notes where unit_id = 'a'`,
      );
      expect(note!.code).toBe('veto');
      expect(note!.message_zh).toContain('发生严重违纪问题');
      expect(note!.message_en).toContain('serious discipline incident');
    });
  });

  it('leaves the unit without a grade when grade is not_graded', async () => {
    await withDb(async (db) => {
      await seedInputs(db, [...metric(2025, 'x', { a: 95 }), ...metric(2025, 'veto', { a: 1 })]);
      await scoreYear(db, tree(VETO('not_graded')), { year: 2025 });
      expect(await db.one(`select score, grade from scores where node_id = 'total'`)).toEqual({ score: 95, grade: null });
    });
  });
});

describe('grade bands', () => {
  it('use ≥90 优秀, ≥80 良好, ≥60 一般, else 较差 by default, bounds inclusive', async () => {
    await withDb(async (db) => {
      await seedInputs(db, metric(2025, 'x', { a: 90, b: 89.999, c: 80, d: 60, e: 59.99, f: 0 }));
      const s = await scoreYear(db, tree(''), { year: 2025 });
      const rows = await db.all<{ unit_id: string; grade: string }>(`select unit_id, grade from scores where node_id = 'total' order by unit_id`);
      expect(rows.map((r) => r.grade)).toEqual(['优秀', '良好', '良好', '一般', '较差', '较差']);
      expect(s.grades).toEqual({ 优秀: 1, 良好: 2, 一般: 1, 较差: 2 });
    });
  });

  it('are configurable', async () => {
    await withDb(async (db) => {
      await seedInputs(db, metric(2025, 'x', { a: 95, b: 75, c: 10 }));
      await scoreYear(db, tree('grades: [{grade: 五星, min: 90}, {grade: 三星, min: 70}, {grade: 无星}]'), { year: 2025 });
      const rows = await db.all<{ grade: string }>(`select grade from scores where node_id = 'total' order by unit_id`);
      expect(rows.map((r) => r.grade)).toEqual(['五星', '三星', '无星']);
    });
  });
});

describe('floating point at a band edge', () => {
  it('grades and ranks the score rounded to 1e-9: (0.7 − 0.5)/0.4 = 49.99999999999999 is 50', async () => {
    const edge = treeFrom(
      `year: 2025
label: {zh: 边界, en: edge}
dimensions:
  - {id: d, label: {zh: d, en: d}, weight: 100, indicators: [{id: x, label: {zh: x, en: x}, weight: 100, metric: x, normalise: {method: goalposts, lo: 0.5, hi: 0.9}}]}
grades: [{grade: 及格, min: 50}, {grade: 不及格}]
`,
      ['x'],
    );
    await withDb(async (db) => {
      await seedInputs(db, [...metric(2025, 'x', { a: 0.7 }), ...metric(2025, 'y', { b: 1 })]);
      await scoreYear(db, edge, { year: 2025 });
      const a = await db.one<{ score: number; grade: string }>(`select score, grade from scores where node_id = 'total' and unit_id = 'a'`);
      expect(a!.score).toBeLessThan(50); // the stored score is left as computed
      expect(a!.grade).toBe('及格');
    });
  });
});

describe('ranks', () => {
  it('give ties the minimum rank, overall and within unit_type', async () => {
    await withDb(async (db) => {
      await seedInputs(
        db,
        metric(2025, 'x', { a: 90, b: 90, c: 80, d: 70, e: 70, f: null }),
        [['a', 'county'], ['b', 'department'], ['c', 'county'], ['d', 'county'], ['e', 'department'], ['f', 'county']],
      );
      await scoreYear(db, tree(''), { year: 2025 });
      const rows = await db.all(`select unit_id, rank, rank_in_type from scores where node_id = 'total' order by unit_id`);
      expect(rows).toEqual([
        { unit_id: 'a', rank: 1, rank_in_type: 1 },
        { unit_id: 'b', rank: 1, rank_in_type: 1 },
        { unit_id: 'c', rank: 3, rank_in_type: 2 },
        { unit_id: 'd', rank: 4, rank_in_type: 3 },
        { unit_id: 'e', rank: 4, rank_in_type: 2 },
        { unit_id: 'f', rank: null, rank_in_type: null }, // missing composite: no rank, no grade
      ]);
    });
  });
});
