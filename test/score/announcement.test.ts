/**
 * The announced result in the scores table: composite = weighted + bonus − deduction on every
 * row, items capped (negative inputs), score_adjustments, the root unit and not_graded units
 * never ranked at any level, ranks among graded units only, quota grading end to end.
 * Expected values are worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { withDb, type Db } from '../../src/store/db.js';
import { scoreYear } from '../../src/score/score.js';
import { metric, seedInputs, treeFrom } from './helpers.js';

/** Two dimensions, one goalposts leaf each (0..100), so a dimension score is its raw value. */
const tree = (rules: string) =>
  treeFrom(
    `
year: 2025
label: {zh: 通报, en: announcement}
dimensions:
  - id: d1
    label: {zh: 维度一, en: D1}
    weight: 50
    indicators:
      - {id: x, label: {zh: 指标一, en: X}, weight: 100, metric: x, normalise: {method: goalposts, lo: 0, hi: 100}}
  - id: d2
    label: {zh: 维度二, en: D2}
    weight: 50
    indicators:
      - {id: y, label: {zh: 指标二, en: Y}, weight: 100, metric: y, normalise: {method: goalposts, lo: 0, hi: 100}}
${rules}`,
    ['x', 'y', 'bonus_points', 'deduction_points', 'veto', 'veto2'],
  );

const RULES = `
bonus: [{id: honours, label: {zh: 表彰, en: Honours}, metric: bonus_points, cap: 5}]
deductions: [{id: penalties, label: {zh: 通报批评, en: Criticism}, metric: deduction_points, cap: 4}]
veto:
  - {id: discipline, metric: veto, effect: not_graded, reason: {zh: 严重违纪, en: serious discipline}}
  - {id: late, metric: veto2, effect: bar_excellent, reason: {zh: 材料迟报, en: late report}}
grading:
  method: quota
  grades:
    - {grade: 优秀, en: excellent, max_share: 0.2, min: 85}
    - {grade: 良好, en: good, min: 75}
    - {grade: 一般, en: fair, min: 60}
    - {grade: 较差, en: poor}
`;

/** units: root C0 over a, b, …; types county / dept. */
async function seedUnits(db: Db, units: [id: string, parent: string | null, type: string][]): Promise<void> {
  await db.run(`create table units (unit_id varchar, name varchar, parent_id varchar, unit_type varchar,
    valid_from integer, valid_to integer, source_file varchar, source_row integer)`);
  for (const [i, [u, p, t]] of units.entries()) {
    await db.run(`insert into units values ($u, $u, $p, $t, null, null, 'units.csv', $r)`, { u, p, t, r: i + 2 });
  }
}

const composite = (db: Db) =>
  db.all<{ unit_id: string; score: number | null; weighted: number | null; bonus: number | null; deduction: number | null; grade: string | null; grade_status: string; veto: string | null; rank: number | null; rank_in_type: number | null }>(
    `select unit_id, score, weighted, bonus, deduction, grade, grade_status, veto, rank, rank_in_type
     from scores where level = 0 order by unit_id`,
  );

describe('the announced composite', () => {
  it('= weighted + bonus − deduction on every row; caps; negative inputs; root and not_graded not ranked at any level', async () => {
    await withDb(async (db) => {
      await seedUnits(db, [
        ['C0', null, 'city'],
        ['a', 'C0', 'county'], ['b', 'C0', 'county'], ['c', 'C0', 'county'],
        ['d', 'C0', 'dept'], ['e', 'C0', 'dept'], ['f', 'C0', 'dept'],
      ]);
      await seedInputs(db, [
        //                       weighted = (x + y) / 2
        ...metric(2025, 'x', { C0: 100, a: 90, b: 80, c: 70, d: 96, e: 50, f: 100 }),
        ...metric(2025, 'y', { C0: 100, a: 90, b: 70, c: 70, d: 90, e: 50, f: 100 }),
        // a +2; b +7 → cap 5; c −3 in the bonus column → deduction 3
        ...metric(2025, 'bonus_points', { a: 2, b: 7, c: -3 }),
        // a −1 → 1; d 6 → cap 4; e −10 → cap 4
        ...metric(2025, 'deduction_points', { a: -1, d: 6, e: -10 }),
        ...metric(2025, 'veto', { f: 1 }),   // f not graded
        ...metric(2025, 'veto2', { d: 1 }),  // d cannot be 优秀
      ]);
      const s = await scoreYear(db, tree(RULES), { year: 2025 });
      const rows = await composite(db);
      // weighted: C0 100, a 90, b 75, c 70, d 93, e 50, f 100
      // score:    C0 100, a 90+2−1 = 91, b 75+5 = 80, c 70−3 = 67, d 93−4 = 89, e 50−4 = 46, f 100
      // graded: a, b, c, d, e (5) → 优秀 places floor(0.2 × 5) = 1: d 89 is barred → a 91 优秀;
      // d 89 → 良好; b 80 良好; c 67 一般; e 46 较差
      // ranks among graded: a 1, d 2, b 3, c 4, e 5; county: a 1, b 2, c 3; dept: d 1, e 2
      expect(rows).toEqual([
        { unit_id: 'C0', score: 100, weighted: 100, bonus: 0, deduction: 0, grade: null, grade_status: 'root', veto: null, rank: null, rank_in_type: null },
        { unit_id: 'a', score: 91, weighted: 90, bonus: 2, deduction: 1, grade: '优秀', grade_status: 'graded', veto: null, rank: 1, rank_in_type: 1 },
        { unit_id: 'b', score: 80, weighted: 75, bonus: 5, deduction: 0, grade: '良好', grade_status: 'graded', veto: null, rank: 3, rank_in_type: 2 },
        { unit_id: 'c', score: 67, weighted: 70, bonus: 0, deduction: 3, grade: '一般', grade_status: 'graded', veto: null, rank: 4, rank_in_type: 3 },
        { unit_id: 'd', score: 89, weighted: 93, bonus: 0, deduction: 4, grade: '良好', grade_status: 'graded', veto: 'late', rank: 2, rank_in_type: 1 },
        { unit_id: 'e', score: 46, weighted: 50, bonus: 0, deduction: 4, grade: '较差', grade_status: 'graded', veto: null, rank: 5, rank_in_type: 2 },
        { unit_id: 'f', score: 100, weighted: 100, bonus: 0, deduction: 0, grade: null, grade_status: 'not_graded', veto: 'discipline', rank: null, rank_in_type: null },
      ]);
      for (const r of rows) expect(Math.abs(r.score! - (r.weighted! + r.bonus! - r.deduction!)), r.unit_id).toBeLessThan(0.005);

      // Dimensions and indicators: the root and f have scores but no rank; graded units ranked among themselves.
      const d1 = await db.all<{ unit_id: string; score: number; rank: number | null }>(
        `select unit_id, score, rank from scores where node_id = 'd1' order by unit_id`,
      );
      // d1 = x: graded a 90, b 80, c 70, d 96, e 50 → d 1, a 2, b 3, c 4, e 5
      expect(d1.map((r) => [r.unit_id, r.rank])).toEqual([['C0', null], ['a', 2], ['b', 3], ['c', 4], ['d', 1], ['e', 5], ['f', null]]);
      const parts = await db.one<{ n: number }>(`select count(*) as n from scores where level > 0 and (weighted is not null or grade_status is not null)`);
      expect(parts!.n).toBe(0); // the parts live on the composite row only

      const adj = await db.all(`select unit_id, item_id, kind, raw, points, effect from score_adjustments order by unit_id, item_id`);
      expect(adj).toEqual([
        { unit_id: 'a', item_id: 'honours', kind: 'bonus', raw: 2, points: 2, effect: null },
        { unit_id: 'a', item_id: 'penalties', kind: 'deduction', raw: -1, points: 1, effect: null },
        { unit_id: 'b', item_id: 'honours', kind: 'bonus', raw: 7, points: 5, effect: null },
        { unit_id: 'c', item_id: 'honours', kind: 'deduction', raw: -3, points: 3, effect: null },
        { unit_id: 'd', item_id: 'late', kind: 'veto', raw: 1, points: null, effect: 'bar_excellent' },
        { unit_id: 'd', item_id: 'penalties', kind: 'deduction', raw: 6, points: 4, effect: null },
        { unit_id: 'e', item_id: 'penalties', kind: 'deduction', raw: -10, points: 4, effect: null },
        { unit_id: 'f', item_id: 'discipline', kind: 'veto', raw: 1, points: null, effect: 'not_graded' },
      ]);
      const veto = await db.one<{ message_zh: string; message_en: string }>(`select message_zh, message_en from score_notes where unit_id = 'd' and code = 'veto'`);
      expect(veto!.message_zh).toContain('材料迟报');
      expect(veto!.message_zh).toContain('不得评为优秀');
      expect(veto!.message_en).toContain('late report');

      expect(s.grades).toEqual({ 优秀: 1, 良好: 2, 一般: 1, 较差: 1 });
      expect(s.status).toEqual({ root: 1, graded: 5, not_graded: 1 });
      expect(s.quotas).toEqual([{ grade: '优秀', share: 0.2, places: 1, given: 1 }]);
      expect(s.vetoed).toBe(2);
      expect(s.results.map((r) => r.unit_id)).toEqual(['a', 'd', 'b', 'c', 'e', 'C0', 'f']);
      // the run records the rules (tree_json) and the places used (params_json)
      const run = await db.one<{ tree: string; params: string }>(`select tree_json as tree, params_json as params from runs`);
      expect(JSON.parse(run!.tree).grading).toEqual({ method: 'quota', rounding: 'floor', ties: { rule: 'all_in', nodes: [] } });
      expect(JSON.parse(run!.params).grading).toEqual({ gradedUnits: 5, quotas: [{ grade: '优秀', share: 0.2, places: 1, given: 1 }] });
    });
  });

  it('every unit vetoed not_graded: nobody graded nor ranked, scores still shown', async () => {
    await withDb(async (db) => {
      await seedInputs(db, [...metric(2025, 'x', { a: 90, b: 80 }), ...metric(2025, 'y', { a: 90, b: 80 }), ...metric(2025, 'veto', { a: 1, b: 1 })]);
      const s = await scoreYear(db, tree(RULES), { year: 2025 });
      const rows = await composite(db);
      expect(rows.map((r) => [r.unit_id, r.score, r.grade, r.grade_status, r.rank])).toEqual([
        ['a', 90, null, 'not_graded', null],
        ['b', 80, null, 'not_graded', null],
      ]);
      expect(await db.one(`select count(rank) as n from scores`)).toEqual({ n: 0 });
      expect(s.grades).toEqual({});
      expect(s.quotas).toEqual([{ grade: '优秀', share: 0.2, places: 0, given: 0 }]);
    });
  });

  it('a unit without a composite is unscored: no bonus applied, no grade, no rank', async () => {
    await withDb(async (db) => {
      await seedInputs(db, [...metric(2025, 'x', { a: 90, b: null }), ...metric(2025, 'y', { a: 90, b: null }), ...metric(2025, 'bonus_points', { a: 1, b: 3 })]);
      await scoreYear(db, tree(RULES), { year: 2025 });
      const rows = await composite(db);
      expect(rows.map((r) => [r.unit_id, r.score, r.bonus, r.grade_status, r.rank])).toEqual([
        ['a', 91, 1, 'graded', 1],
        ['b', null, null, 'unscored', null],
      ]);
      expect(await db.all(`select unit_id from score_adjustments`)).toEqual([{ unit_id: 'a' }]);
    });
  });

  it('older files: one bonus object, one veto object with grade → force that grade', async () => {
    await withDb(async (db) => {
      await seedInputs(db, [...metric(2025, 'x', { a: 95, b: 95 }), ...metric(2025, 'y', { a: 95, b: 95 }), ...metric(2025, 'veto', { a: 1 }), ...metric(2025, 'bonus_points', { b: 9 })]);
      await scoreYear(db, tree(`bonus: {metric: bonus_points, cap: 5}\nveto: {metric: veto, grade: 一般, reason: {zh: 违纪, en: discipline}}`), { year: 2025 });
      const rows = await composite(db);
      // bands (default ≥ 90 优秀): a 95 forced 一般; b 95 + 5 = 100 优秀
      expect(rows.map((r) => [r.unit_id, r.score, r.grade, r.veto, r.rank])).toEqual([
        ['a', 95, '一般', 'veto', 2],
        ['b', 100, '优秀', null, 1],
      ]);
    });
  });
});
