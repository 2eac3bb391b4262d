import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';
import { BUILTIN_METRIC_IDS } from '../../src/metrics/catalog.js';
import { openDb, withDb, type Db } from '../../src/store/db.js';
import { YardstickError } from '../../src/errors.js';
import { createStaging, insert, profileRows } from './fixtures.js';
import { loadSample, readMetrics, readNotes, type NoteRow } from './sample.js';

let db: Db;
let values: Map<string, number | null>;
let notes: Map<string, NoteRow>;
let result: Awaited<ReturnType<typeof computeMetrics>>;

const v = (unit: string, metric: string, year = 2024) => {
  const key = `${year}|${unit}|${metric}`;
  if (!values.has(key)) throw new Error(`no row ${key}`);
  return values.get(key);
};
const note = (unit: string, metric: string, year = 2024) => notes.get(`${year}|${unit}|${metric}`);

beforeAll(async () => {
  db = await openDb(':memory:');
  await loadSample(db);
  result = await computeMetrics(db, {});
  values = await readMetrics(db);
  notes = await readNotes(db);
});
afterAll(() => db.close());

describe('frame: units × years', () => {
  it('scores every unit valid in a year with data, respecting valid_from / valid_to', async () => {
    const frame = await db.all<{ year: number; units: string }>(
      "select year, string_agg(distinct unit_id, ',' order by unit_id) as units from unit_year_metrics group by year order by year",
    );
    // 2023 has profile rows only; U4 ends 2023 (inclusive); U5 starts 2025
    expect(frame).toEqual([
      { year: 2023, units: 'U1,U2,U3,U4' },
      { year: 2024, units: 'U1,U2,U3' },
    ]);
  });

  it('writes one row per unit-year × metric: built-ins plus extra profile columns', async () => {
    const ids = BUILTIN_METRIC_IDS.length + 1; // + 党员活动室面积 (an unnamed profile column)
    expect(result).toEqual({ table: 'unit_year_metrics', rows: 7 * ids, missing: expect.any(Number) });
    const dup = await db.all('select year, unit_id, metric_id from unit_year_metrics group by all having count(*) > 1');
    expect(dup).toEqual([]);
    expect(v('U1', '党员活动室面积')).toBe(50);
  });
});

describe('attendance metrics (metrics.md)', () => {
  it('counts rows and status rates', () => {
    // U1: 10 rows = 8 present + 1 absent + 1 leave
    expect(v('U1', 'attendance_records')).toBe(10);
    expect(v('U1', 'attendance_rate')).toBeCloseTo(8 / 10, 9);
    expect(v('U1', 'leave_rate')).toBeCloseTo(1 / 10, 9);
    expect(v('U1', 'absence_rate')).toBeCloseTo(1 / 10, 9);
    // U2: 10 rows, all present
    expect(v('U2', 'attendance_rate')).toBe(1);
    expect(v('U2', 'absence_rate')).toBe(0);
  });

  it('sums hours over present rows', () => {
    // U1: 2 + 1.5 + 3 + 8 + 1 + 1 + 2 + 2 (absent and leave rows excluded) = 20.5
    expect(v('U1', 'attended_hours')).toBe(20.5);
    // U2: 5 × 1 + 1 + 1 + 1 + (no hours) + 2 = 10
    expect(v('U2', 'attended_hours')).toBe(10);
  });

  it('divides collective and self-study hours by member-months', () => {
    // U1 collective = 党员大会 2 + 党课 1.5 + 培训 8 + 主题党日 2 + 讲座 2 = 15.5; 远程教育 and 自学 are not collective
    expect(v('U1', 'collective_study_hours')).toBeCloseTo(15.5 / 26.5, 9);
    expect(v('U1', 'self_study_hours')).toBeCloseTo(3 / 26.5, 9);
    // U2: 党员大会 5 + 支委会 3 + 读书会 2 = 10 over 30 member-months
    expect(v('U2', 'collective_study_hours')).toBeCloseTo(10 / 30, 9);
    expect(v('U2', 'self_study_hours')).toBe(0);
    // U3 has no rows: 0 hours over 10 × 12 profile member-months
    expect(v('U3', 'collective_study_hours')).toBe(0);
  });
});

describe('member_months', () => {
  it('counts a mover in each unit for the months they belonged (roster, days/days-in-month)', () => {
    // U1: m1 12 + m2 joined 04-16 (15/30 + 8) + m3 last day 06-30 (6)
    expect(v('U1', 'member_months')).toBeCloseTo(12 + 8.5 + 6, 9);
    // U2: m3 joined 07-01 (6) + m4 12 + m5 12
    expect(v('U2', 'member_months')).toBe(30);
    // 2023: m1 and m3 whole year in U1 — the roster wins over the profile's 2 members
    expect(v('U1', 'member_months', 2023)).toBe(24);
  });

  it('falls back to profile members × 12 without a roster, else is missing with a note', () => {
    expect(v('U3', 'member_months')).toBe(120);
    expect(v('U4', 'member_months', 2023)).toBe(60);
    expect(v('U2', 'member_months', 2023)).toBeNull();
    expect(note('U2', 'member_months', 2023)).toMatchObject({ reason_code: 'missing_value', reason_zh: '缺少“党员人数”，指标缺失' });
  });
});

describe('exam metrics', () => {
  it('counts takers and participation over roster headcount', () => {
    expect(v('U1', 'exam_takers')).toBe(3);
    expect(v('U1', 'exam_participation_rate')).toBe(1); // 3 takers ÷ 3 roster members (m1, m2, m3)
    expect(v('U2', 'exam_participation_rate')).toBeCloseTo(1 / 3, 9); // m4 ÷ (m3, m4, m5)
    expect(v('U3', 'exam_participation_rate')).toBe(0); // 0 ÷ 10 profile members
  });

  it('uses the first attempt: lowest attempt number, else earliest date', () => {
    // U1 pairs: m1 attempt 1 = 50/100 (not the 90 retake); m2 earliest date = 80/100 (not 100); m3 9/10
    expect(v('U1', 'exam_score_rate')).toBeCloseTo((0.5 + 0.8 + 0.9) / 3, 9);
    // passes: m2 0.8 ≥ 0.6, m3 0.9 ≥ 0.6; m1 0.5 fails
    expect(v('U1', 'exam_pass_rate')).toBeCloseTo(2 / 3, 9);
  });

  it("applies the row's pass mark instead of 60 %", () => {
    // U2: 72/120 = 0.6 would pass at 60 %, but the row's pass mark is 80
    expect(v('U2', 'exam_score_rate')).toBeCloseTo(0.6, 9);
    expect(v('U2', 'exam_pass_rate')).toBe(0);
  });
});

describe('publications and reports', () => {
  it('counts the same title + venue once per unit', () => {
    // U1: 学习型组织建设 in 求是 and 《求是》 (once) + 调研方法 in 省报 + 调研方法 in 内刊 = 3
    expect(v('U1', 'publications')).toBe(3);
    // U2 lists the same paper as U1: it counts for U2 too
    expect(v('U2', 'publications')).toBe(2);
  });

  it('weights by level per member × 100', () => {
    // U1: (4 + 2 + 0.5) ÷ (26.5 / 12 average members) × 100
    expect(v('U1', 'publications_weighted')).toBeCloseTo((6.5 / (26.5 / 12)) * 100, 9);
    // U2: (4 + 1) ÷ 2.5 × 100 = 200
    expect(v('U2', 'publications_weighted')).toBeCloseTo(200, 9);
  });

  it('scores each report at its highest adoption level', () => {
    // U1: R1 listed at city (7) and provincial (12) → 12; R2 none 0; R3 county 4
    expect(v('U1', 'research_reports')).toBe(3);
    expect(v('U1', 'reports_adopted')).toBe(2);
    expect(v('U1', 'report_adoption_score')).toBeCloseTo((12 + 0 + 4) / 3, 9);
    expect(v('U2', 'report_adoption_score')).toBe(15);
  });

  it('counts leader reports per profile leader and adopted 经验做法 as practices promoted', () => {
    expect(v('U1', 'reports_per_leader')).toBe(1); // R1, R3 by leaders ÷ 2 leaders
    expect(v('U3', 'reports_per_leader')).toBe(0); // 0 ÷ 1
    expect(v('U1', 'practices_promoted')).toBe(1); // R3 (R2 is a practice but not adopted)
  });
});

describe('default-tree metrics (indicator-system.md §3)', () => {
  it('derives profile metrics', () => {
    expect(v('U1', 'study_budget_per_member')).toBeCloseTo(6000 / (26.5 / 12), 9);
    expect(v('U2', 'study_budget_per_member')).toBeCloseTo(3000 / 2.5, 9);
    expect(v('U1', 'study_space')).toBe(2);
    expect(v('U1', 'study_mechanisms')).toBe(3); // plan + register + check-and-report
    expect(v('U2', 'study_mechanisms')).toBe(1); // only the plan reported
    expect(v('U3', 'study_mechanisms')).toBeNull(); // none reported
    expect(v('U1', 'grassroots_research_days')).toBe(45); // 90 ÷ 2
  });

  it('counts distinct sessions', () => {
    // U1 sessions: 党员大会, 党课, 自学, 培训, 远程教育, 主题党日, 讲座 (one each)
    expect(v('U1', 'remote_sessions_per_month')).toBeCloseTo(1 / 12, 9); // two rows, one session
    expect(v('U1', 'learning_form_diversity')).toBe(5); // 党员大会, 党课, 培训, 主题党日, 讲座
    expect(v('U1', 'member_led_lectures')).toBe(1); // 党课 by 张书记; the 讲座 is by an external (外请) presenter
    expect(v('U1', 'joint_study_sessions')).toBe(1);
    expect(v('U2', 'learning_form_diversity')).toBe(3);
  });

  it('computes 三会一课 completion with each type capped at its requirement', () => {
    // U1: 党员大会 1/4, 党课 1/4, 主题党日 1/12, 支委会 0, 党小组会 0
    expect(v('U1', 'org_life_completion')).toBeCloseTo((0.25 + 0.25 + 1 / 12) / 5, 9);
    // U2: 党员大会 5 held → min(5/4, 1) = 1; 支委会 2/12
    expect(v('U2', 'org_life_completion')).toBeCloseTo((1 + 2 / 12) / 5, 9);
  });

  it('divides training hours by average members', () => {
    expect(v('U1', 'training_hours')).toBeCloseTo(8 / (26.5 / 12), 9);
  });

  it('passes profile metrics through', () => {
    expect(v('U1', 'members')).toBe(3);
    expect(v('U1', 'bonus_points')).toBe(2);
    expect(v('U1', 'veto')).toBe(0);
  });
});

describe('missing values and notes', () => {
  it('is NULL, never 0, on a zero denominator, with the reason', () => {
    expect(v('U3', 'attendance_rate')).toBeNull();
    expect(note('U3', 'attendance_rate')).toMatchObject({
      reason_code: 'zero_denominator',
      reason_zh: '分母“考勤记录数”为 0，指标缺失（不记为 0）',
      reason_en: 'the denominator (attendance_records) is 0, so the value is missing (not 0)',
    });
    expect(v('U3', 'exam_score_rate')).toBeNull();
    expect(v('U3', 'report_adoption_score')).toBeNull();
    expect(v('U2', 'reports_per_leader')).toBeNull(); // 0 leaders
    expect(note('U2', 'grassroots_research_days')?.reason_code).toBe('zero_denominator');
  });

  it('is NULL when the source was not supplied for the year', () => {
    expect(v('U1', 'attendance_records', 2023)).toBeNull();
    expect(note('U1', 'attendance_records', 2023)).toMatchObject({
      reason_code: 'no_source',
      reason_zh: '本年度未提供“学习考勤”数据，指标缺失',
    });
    expect(note('U1', 'publications', 2023)?.reason_code).toBe('no_source');
  });

  it('is NULL when an input is missing', () => {
    expect(v('U3', 'study_budget_per_member')).toBeNull();
    expect(note('U3', 'study_budget_per_member')).toMatchObject({ reason_code: 'missing_value', reason_zh: '缺少“学习经费”，指标缺失' });
  });

  it('notes every NULL value, and only noted rows are NULL or capped', async () => {
    const unnoted = await db.all(
      `select m.* from unit_year_metrics m anti join metric_notes n using (year, unit_id, metric_id) where m.value is null`,
    );
    expect(unnoted).toEqual([]);
    const notedButPresent = await db.all(
      `select n.* from metric_notes n join unit_year_metrics m using (year, unit_id, metric_id)
       where m.value is not null and n.reason_code <> 'capped'`,
    );
    expect(notedButPresent).toEqual([]);
    const missing = await db.one<{ n: number }>('select count(*) as n from unit_year_metrics where value is null');
    expect(result.missing).toBe(missing?.n);
    const blank = await db.all("select * from metric_notes where coalesce(reason_zh, '') = '' or coalesce(reason_en, '') = '' or reason_zh like '%{name}%'");
    expect(blank).toEqual([]);
  });
});

describe('invariants', () => {
  it('keeps rates in [0, 1] and counts non-negative', async () => {
    const rates = ['attendance_rate', 'leave_rate', 'absence_rate', 'exam_participation_rate', 'exam_score_rate', 'exam_pass_rate', 'org_life_completion'];
    const out = await db.all<{ metric_id: string; lo: number; hi: number }>(
      `select metric_id, min(value) as lo, max(value) as hi from unit_year_metrics
       where metric_id in (select unnest($ids::varchar[])) group by metric_id`,
      { ids: `[${rates.join(',')}]` },
    );
    expect(out.length).toBe(rates.length);
    for (const r of out) {
      expect(r.lo, r.metric_id).toBeGreaterThanOrEqual(0);
      expect(r.hi, r.metric_id).toBeLessThanOrEqual(1);
    }
    const negative = await db.all('select * from unit_year_metrics where value < 0');
    expect(negative).toEqual([]);
  });

  it('attendance status rates add up to 1', async () => {
    const sums = await db.all<{ unit_id: string; total: number }>(
      `select unit_id, sum(value) as total from unit_year_metrics
       where year = 2024 and metric_id in ('attendance_rate', 'leave_rate', 'absence_rate') and value is not null
       group by unit_id`,
    );
    for (const s of sums) expect(s.total).toBeCloseTo(1, 9);
  });

  it('is reproducible: a second run gives identical tables', async () => {
    const before = await db.all('select * from unit_year_metrics order by all');
    const notesBefore = await db.all('select * from metric_notes order by all');
    await computeMetrics(db, {});
    expect(await db.all('select * from unit_year_metrics order by all')).toEqual(before);
    expect(await db.all('select * from metric_notes order by all')).toEqual(notesBefore);
    const scratch = await db.all("select table_name from duckdb_tables() where table_name like 'metric\\_%' escape '\\' and table_name <> 'metric_notes'");
    expect(scratch).toEqual([]);
  });
});

describe('options and errors', () => {
  it('replaces only the requested years', async () => {
    await withDb(async (db2) => {
      await loadSample(db2);
      await computeMetrics(db2, {});
      const all = await db2.one<{ n: number }>('select count(*) as n from unit_year_metrics');
      await db2.run("update unit_year_metrics set value = -1 where year = 2023 and metric_id = 'members'");
      const out = await computeMetrics(db2, { years: [2024] });
      expect(out.rows).toBe(3 * (BUILTIN_METRIC_IDS.length + 1));
      expect((await db2.one<{ n: number }>('select count(*) as n from unit_year_metrics'))?.n).toBe(all?.n);
      // 2023 untouched (still the marker), 2024 recomputed
      expect((await db2.one<{ v: number }>("select value as v from unit_year_metrics where year = 2023 and unit_id = 'U1' and metric_id = 'members'"))?.v).toBe(-1);
      expect((await db2.one<{ v: number }>("select value as v from unit_year_metrics where year = 2024 and unit_id = 'U1' and metric_id = 'members'"))?.v).toBe(3);
    });
  });

  it('caps a rate above 1 and notes it', async () => {
    await withDb(async (db2) => {
      await createStaging(db2);
      await insert(db2, 'units', [{ unit_id: 'X' }]);
      await insert(db2, 'unit_profile', profileRows(2024, { X: { members: 1 } }));
      await insert(db2, 'exams', [
        { unit_id: 'X', member_key: 'a', exam: 'e', date: '2024-03-01', score: 8, full_mark: 10 },
        { unit_id: 'X', member_key: 'b', exam: 'e', date: '2024-03-01', score: 9, full_mark: 10 },
      ]);
      await computeMetrics(db2, {});
      const rate = await db2.one<{ value: number; reason_code: string }>(
        `select value, reason_code from unit_year_metrics join metric_notes using (year, unit_id, metric_id)
         where metric_id = 'exam_participation_rate'`,
      );
      expect(rate).toEqual({ value: 1, reason_code: 'capped' }); // 2 takers ÷ 1 member
    });
  });

  it('writes empty tables when there is no data', async () => {
    await withDb(async (db2) => {
      await createStaging(db2);
      expect(await computeMetrics(db2, {})).toEqual({ table: 'unit_year_metrics', rows: 0, missing: 0 });
      expect(await db2.all('select * from metric_notes')).toEqual([]);
    });
  });

  it('names missing staging tables', async () => {
    await withDb(async (db2) => {
      await db2.run('create table units(unit_id VARCHAR)');
      const err = await computeMetrics(db2, {}).catch((e) => e);
      expect(err).toBeInstanceOf(YardstickError);
      expect(err.issues.map((i: { code: string }) => i.code)).toEqual(Array(6).fill('missing_staging_table'));
      expect(err.message).toContain('attendance');
    });
  });
});
