/**
 * assignGrades: bands, quota (max_share + floor), rounding, ties at the quota boundary, veto
 * effects. Every expectation is worked out by hand in the comment above it.
 */
import { describe, expect, it } from 'vitest';
import { assignGrades, type GradeUnit } from '../../src/score/assign-grades.js';
import { quotaCount } from '../../src/indicators/grading-spec.js';
import type { GradeT, GradingT } from '../../src/indicators/indicator-schema.js';

const g = (grade: string, min: number | null, maxShare: number | null = null): GradeT => ({ grade, en: null, min, maxShare });

/** 优秀 top 20% and ≥ 85; 良好 ≥ 75; 一般 ≥ 60; 较差 the rest (the shipped default). */
const QUOTA = [g('优秀', 85, 0.2), g('良好', 75), g('一般', 60), g('较差', null)];
const BANDS = [g('优秀', 90), g('良好', 80), g('一般', 60), g('较差', null)];

const grading = (over: Partial<GradingT> = {}): GradingT => ({
  method: 'quota',
  rounding: 'floor',
  ties: { rule: 'all_in', nodes: [] },
  ...over,
});

const unit = (unitId: string, score: number, over: Partial<GradeUnit> = {}): GradeUnit => ({ unitId, score, tieScores: [], vetoes: [], ...over });

/** Units u1..un with the given scores. */
const units = (scores: number[]): GradeUnit[] => scores.map((s, i) => unit(`u${i + 1}`, s));

const gradesOf = (r: ReturnType<typeof assignGrades>): Record<string, string> => Object.fromEntries([...r.grades].sort());

describe('quota rounding', () => {
  it('floor by default: 20% of 19 = 3.8 → 3; round and ceil → 4', () => {
    expect(quotaCount(0.2, 19, 'floor')).toBe(3);
    expect(quotaCount(0.2, 19, 'round')).toBe(4);
    expect(quotaCount(0.2, 19, 'ceil')).toBe(4);
  });

  it('takes the product rounded to 1e-9 first: 29% of 100 is 29 (not 28.999999999999996 → 28)', () => {
    expect(0.29 * 100).toBeLessThan(29);
    expect(quotaCount(0.29, 100, 'floor')).toBe(29);
    expect(quotaCount(0.2, 20, 'ceil')).toBe(4);
  });
});

describe('quota grading', () => {
  it('19 units, 优秀 top 20% (3 places) and ≥ 85: the 4th unit at 88 falls to 良好', () => {
    // scores 95, 92, 90, 88, 86, 80, 76, 70, … : five reach 85, only three places
    const scores = [95, 92, 90, 88, 86, 80, 76, 70, 69, 68, 67, 66, 65, 64, 63, 62, 61, 59, 50];
    const r = assignGrades(units(scores), { grades: QUOTA, grading: grading() });
    const gr = gradesOf(r);
    expect(['u1', 'u2', 'u3'].map((u) => gr[u])).toEqual(['优秀', '优秀', '优秀']);
    expect(['u4', 'u5', 'u6', 'u7'].map((u) => gr[u])).toEqual(['良好', '良好', '良好', '良好']); // 88, 86, 80, 76 ≥ 75
    expect(['u8', 'u17'].map((u) => gr[u])).toEqual(['一般', '一般']); // 70, 61
    expect(['u18', 'u19'].map((u) => gr[u])).toEqual(['较差', '较差']); // 59, 50
    expect(r.quotas).toEqual([{ grade: '优秀', share: 0.2, places: 3, given: 3 }]);
    expect(r.gradedUnits).toBe(19);
  });

  it('ties at the boundary, all_in: every unit tied with the last one in gets the grade, over the quota', () => {
    // 10 units → 2 places; u2 and u3 tie at 90 → both in: 3 × 优秀
    const r = assignGrades(units([95, 90, 90, 88, 80, 70, 70, 65, 60, 50]), { grades: QUOTA, grading: grading() });
    const gr = gradesOf(r);
    expect([gr.u1, gr.u2, gr.u3, gr.u4]).toEqual(['优秀', '优秀', '优秀', '良好']);
    expect(r.quotas[0]).toEqual({ grade: '优秀', share: 0.2, places: 2, given: 3 });
  });

  it('ties at the boundary, next_node: the next node decides; never row order', () => {
    // 2 places; u2 and u3 tie at 90; tie-break node scores: u2 70, u3 80 → u3 in, u2 out.
    // Listing u2 before u3 (row order) must not matter.
    const list = [
      unit('u1', 95, { tieScores: [50] }),
      unit('u2', 90, { tieScores: [70] }),
      unit('u3', 90, { tieScores: [80] }),
      ...units([80, 70, 70, 65, 60, 50, 40]).map((u, i) => ({ ...u, unitId: `v${i}`, tieScores: [0] })),
    ];
    const rules = { grades: QUOTA, grading: grading({ ties: { rule: 'next_node', nodes: ['d1'] } }) };
    const a = gradesOf(assignGrades(list, rules));
    const b = gradesOf(assignGrades([...list].reverse(), rules));
    expect([a.u1, a.u2, a.u3]).toEqual(['优秀', '良好', '优秀']);
    expect(b).toEqual(a);
  });

  it('next_node: still tied on every tie-break node → all in (stated rule)', () => {
    // 2 places; u2 and u3 tie at 90 and on both tie nodes → both 优秀
    const list = [
      unit('u1', 95, { tieScores: [50, 50] }),
      unit('u2', 90, { tieScores: [70, 60] }),
      unit('u3', 90, { tieScores: [70, 60] }),
      ...units([80, 70, 70, 65, 60, 50, 40]).map((u, i) => ({ ...u, unitId: `v${i}`, tieScores: [0, 0] })),
    ];
    const gr = gradesOf(assignGrades(list, { grades: QUOTA, grading: grading({ ties: { rule: 'next_node', nodes: ['d1', 'd2'] } }) }));
    expect([gr.u1, gr.u2, gr.u3]).toEqual(['优秀', '优秀', '优秀']);
  });

  it('next_node: a missing tie-break score counts below any score', () => {
    // 1 place (20% of 5); u1 and u2 tie at 90; u1's tie node is missing → u2 in
    const list = [unit('u1', 90, { tieScores: [null] }), unit('u2', 90, { tieScores: [10] }), ...units([70, 60, 50]).map((u, i) => ({ ...u, unitId: `v${i}` , tieScores: [0] }))];
    const gr = gradesOf(assignGrades(list, { grades: QUOTA, grading: grading({ ties: { rule: 'next_node', nodes: ['d1'] } }) }));
    expect([gr.u1, gr.u2]).toEqual(['良好', '优秀']);
  });

  it('a small group of 3 units: 20% of 3 = 0.6 → 0 places (floor), so nobody is 优秀; ceil gives 1', () => {
    const three = units([96, 91, 40]);
    expect(gradesOf(assignGrades(three, { grades: QUOTA, grading: grading() }))).toEqual({ u1: '良好', u2: '良好', u3: '较差' });
    expect(gradesOf(assignGrades(three, { grades: QUOTA, grading: grading({ rounding: 'ceil' }) }))).toEqual({ u1: '优秀', u2: '良好', u3: '较差' });
  });

  it('a floor nobody meets: no 优秀 even with places free; units fall to the grade they meet', () => {
    // 10 units → 2 places, but the best score is 84 < 85
    const gr = gradesOf(assignGrades(units([84, 80, 74, 60, 59, 70, 71, 72, 73, 10]), { grades: QUOTA, grading: grading() }));
    expect(Object.values(gr).filter((x) => x === '优秀')).toEqual([]);
    expect([gr.u1, gr.u2, gr.u3, gr.u4, gr.u5, gr.u10]).toEqual(['良好', '良好', '一般', '一般', '较差', '较差']);
  });

  it('较差 at most 10%: only the lowest 1 of 10 below 60 is 较差, the others go up to 一般', () => {
    const grades = [g('优秀', 85, 0.2), g('良好', 75), g('一般', 60), g('较差', null, 0.1)];
    const r = assignGrades(units([90, 80, 70, 65, 62, 61, 59, 55, 50, 58]), { grades, grading: grading() });
    const gr = gradesOf(r);
    expect([gr.u7, gr.u8, gr.u9, gr.u10]).toEqual(['一般', '一般', '较差', '一般']);
    expect(r.quotas).toEqual([
      { grade: '优秀', share: 0.2, places: 2, given: 1 }, // only 90 reaches 85
      { grade: '较差', share: 0.1, places: 1, given: 1 },
    ]);
  });

  it('no units: no grades', () => {
    expect(assignGrades([], { grades: QUOTA, grading: grading() }).grades.size).toBe(0);
  });
});

describe('bands (no quota)', () => {
  it('grade by floor only; bounds inclusive; a score 1e-10 below a bound counts as on it', () => {
    const gr = gradesOf(assignGrades(units([90, 89.999, 80, 60 - 1e-10, 59.99, 0]), { grades: BANDS, grading: grading({ method: 'bands' }) }));
    expect(gr).toEqual({ u1: '优秀', u2: '良好', u3: '良好', u4: '一般', u5: '较差', u6: '较差' });
  });

  it('max_share is ignored under method bands', () => {
    const gr = gradesOf(assignGrades(units([95, 94, 93]), { grades: QUOTA, grading: grading({ method: 'bands' }) }));
    expect(gr).toEqual({ u1: '优秀', u2: '优秀', u3: '优秀' });
  });
});

describe('veto effects', () => {
  // 10 units → 2 优秀 places
  const ten = (veto: GradeUnit['vetoes']) => [unit('v', 99, { vetoes: veto }), ...units([95, 92, 88, 80, 70, 65, 60, 55, 50])];

  it('bar_excellent: the best unit cannot be 优秀 and takes no place; the next two get the places', () => {
    const gr = gradesOf(assignGrades(ten([{ effect: 'bar_excellent', grade: null }]), { grades: QUOTA, grading: grading() }));
    expect([gr.v, gr.u1, gr.u2, gr.u3]).toEqual(['良好', '优秀', '优秀', '良好']);
  });

  it('cap 一般: at most 一般 whatever the score', () => {
    const gr = gradesOf(assignGrades(ten([{ effect: 'cap', grade: '一般' }]), { grades: QUOTA, grading: grading() }));
    expect([gr.v, gr.u1, gr.u2]).toEqual(['一般', '优秀', '优秀']);
  });

  it('cap does not raise: a capped unit below the floor keeps its lower grade', () => {
    const gr = gradesOf(assignGrades([unit('v', 40, { vetoes: [{ effect: 'cap', grade: '良好' }] }), ...units([70])], { grades: QUOTA, grading: grading() }));
    expect(gr.v).toBe('较差');
  });

  it('force 较差: exactly 较差; counts in the quota base (10 units → 2 places) but takes no place', () => {
    const r = assignGrades(ten([{ effect: 'force', grade: '较差' }]), { grades: QUOTA, grading: grading() });
    const gr = gradesOf(r);
    expect([gr.v, gr.u1, gr.u2, gr.u3]).toEqual(['较差', '优秀', '优秀', '良好']);
    expect(r.quotas[0].places).toBe(2);
  });

  it('several items: the strictest wins (force 良好 with cap 一般 → 一般; two forces → the lower)', () => {
    const a = assignGrades([unit('v', 99, { vetoes: [{ effect: 'force', grade: '良好' }, { effect: 'cap', grade: '一般' }] })], { grades: QUOTA, grading: grading() });
    expect(a.grades.get('v')).toBe('一般');
    const b = assignGrades([unit('v', 99, { vetoes: [{ effect: 'force', grade: '良好' }, { effect: 'force', grade: '较差' }] })], { grades: QUOTA, grading: grading() });
    expect(b.grades.get('v')).toBe('较差');
  });

  it('every unit forced: nobody takes a quota place', () => {
    const r = assignGrades(units([99, 98, 97]).map((u) => ({ ...u, vetoes: [{ effect: 'force' as const, grade: '较差' }] })), { grades: QUOTA, grading: grading() });
    expect(gradesOf(r)).toEqual({ u1: '较差', u2: '较差', u3: '较差' });
  });
});
