import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricSpec, type MetricDef } from '../../src/config/pipeline-schema.js';
import { buildMetricSql, checkMetricSpec, describeMetricSpec } from '../../src/metrics/build-metric-sql.js';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';
import { checkDeclaredMetrics, planDeclaredMetrics } from '../../src/metrics/declared-metrics.js';
import { YardstickError } from '../../src/errors.js';
import { openDb, type Db } from '../../src/store/db.js';
import { loadSample, readMetrics, readNotes, type NoteRow } from './sample.js';

const spec = (s: unknown): MetricDef => MetricSpec.parse(s);

const DECLARED: Record<string, MetricDef> = {
  // Σ present hours of 党课/讲座 — U1: 1.5 + 2 = 3.5
  lecture_hours: spec({
    from: 'attendance', agg: 'sum', column: 'hours',
    where: [{ column: 'session_type', op: 'in', value: ['党课', '讲座'] }, { column: 'status', value: 'present' }],
  }),
  // present rows ÷ rows — U1 8/10, U2 10/10, U3 no rows → NULL
  present_share: spec({ from: 'attendance', agg: 'share', numerator: [{ column: 'status', value: 'present' }] }),
  // profile members ÷ study_space — U1 3/2, U2 3/1, U3 10/0 → NULL
  members_per_room: spec({
    from: 'unit_profile', agg: 'ratio', column: 'value', where: [{ column: 'metric', value: 'members' }], per: 'study_space',
  }),
  // rows ÷ another declared metric — U1 10 / 3.5; U2 10 / 0 → NULL
  rows_per_lecture_hour: spec({ from: 'attendance', agg: 'count', per: 'lecture_hours' }),
  // distinct examinees per 100 headcount... here per members (profile) — U1 3/3 × 100
  examinees_per_100: spec({ from: 'exams', agg: 'count_distinct', column: 'member_key', per: 'members', scale: 100 }),
  // mean of all exam scores (every attempt) — U1 (50 + 90 + 100 + 80 + 9) / 5
  mean_score: spec({ from: 'exams', agg: 'mean', column: 'score' }),
  // rows dated on or after June 1st — U1: 06-01, 06-10 ×2, 07-01, 08-01 = 5
  late_rows: spec({ from: 'attendance', agg: 'count', where: [{ column: 'date', op: '>=', value: '2024-06-01' }] }),
  // presenter is not 张书记 (empty presenters kept) — U1: 10 − 2 = 8
  not_secretary: spec({ from: 'attendance', agg: 'count', where: [{ column: 'presenter', op: '!=', value: '张书记' }] }),
  // leader reports — U1 R1 twice + R3 = 3 rows
  leader_report_rows: spec({ from: 'research_reports', agg: 'count', where: [{ column: 'is_leader', value: true }] }),
};

describe('declared metrics in a run', () => {
  let db: Db;
  let values: Map<string, number | null>;
  let notes: Map<string, NoteRow>;
  const v = (unit: string, metric: string) => values.get(`2024|${unit}|${metric}`);

  beforeAll(async () => {
    db = await openDb(':memory:');
    await loadSample(db);
    await computeMetrics(db, { metrics: DECLARED });
    values = await readMetrics(db);
    notes = await readNotes(db);
  });
  afterAll(() => db.close());

  it('sums, shares, ratios, counts and means', () => {
    expect(v('U1', 'lecture_hours')).toBe(3.5);
    expect(v('U3', 'lecture_hours')).toBe(0);
    expect(v('U1', 'present_share')).toBeCloseTo(0.8, 9);
    expect(v('U2', 'present_share')).toBe(1);
    expect(v('U1', 'members_per_room')).toBe(1.5);
    expect(v('U2', 'members_per_room')).toBe(3);
    expect(v('U1', 'examinees_per_100')).toBe(100);
    expect(v('U1', 'mean_score')).toBeCloseTo((50 + 90 + 100 + 80 + 9) / 5, 9);
    expect(v('U1', 'late_rows')).toBe(5);
    expect(v('U1', 'not_secretary')).toBe(8);
    expect(v('U1', 'leader_report_rows')).toBe(3);
  });

  it('divides by another declared metric (built first)', () => {
    expect(v('U1', 'rows_per_lecture_hour')).toBeCloseTo(10 / 3.5, 9);
    expect(v('U2', 'rows_per_lecture_hour')).toBeNull();
    expect(notes.get('2024|U2|rows_per_lecture_hour')?.reason_code).toBe('zero_denominator');
  });

  it('gives NULL + notes on zero denominators', () => {
    expect(v('U3', 'present_share')).toBeNull();
    expect(notes.get('2024|U3|present_share')).toMatchObject({ reason_code: 'zero_denominator', reason_zh: '分母“学习考勤记录数”为 0，指标缺失（不记为 0）' });
    expect(v('U3', 'members_per_room')).toBeNull();
    expect(v('U3', 'mean_score')).toBeNull();
    expect(notes.get('2023|U1|lecture_hours')?.reason_code).toBe('no_source');
  });
});

describe('buildMetricSql', () => {
  it('binds values as parameters and quotes names; no config text in the SQL', () => {
    const evil = "x'); drop table units; --";
    const m = buildMetricSql('evil', spec({ from: 'attendance', agg: 'count', where: [{ column: 'topic', value: evil }] }));
    expect(m.sql).not.toContain(evil);
    expect(m.sql).toContain('"topic" = $w0');
    expect(m.params.w0).toBe(evil);
    expect(m.params.metric_id).toBe('evil');
  });

  it('rejects an unknown column, naming the metric and listing the columns', () => {
    const bad = spec({ from: 'attendance', agg: 'sum', column: 'minutes' });
    const err = (() => { try { buildMetricSql('study_minutes', bad); } catch (e) { return e; } })() as YardstickError;
    expect(err).toBeInstanceOf(YardstickError);
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toMatchObject({ code: 'unknown_metric_column', path: 'metrics.study_minutes.column' });
    expect(err.message).toContain('study_minutes');
    expect(err.message).toContain('"minutes"');
    expect(err.message).toContain('unit_id, member_key, date, year, session_type, hours, status');
  });

  it('checks filter columns, ops and agg requirements', () => {
    const issues = checkMetricSpec('m', spec({
      from: 'exams', agg: 'ratio', column: 'exam',
      where: [{ column: 'grade', value: 1 }, { column: 'score', op: 'in', value: 60 }, { column: 'exam', value: true }],
    }));
    expect(issues.map((i) => `${i.code} ${i.path}`)).toEqual([
      'bad_metric_spec metrics.m.column', // ratio over a text column
      'bad_metric_spec metrics.m.per', // ratio needs per
      'unknown_metric_column metrics.m.where.0.column',
      'bad_metric_spec metrics.m.where.1.value', // in needs a list
      'bad_metric_spec metrics.m.where.2.value', // true on a text column
    ]);
    expect(checkMetricSpec('s', spec({ from: 'attendance', agg: 'share' })).map((i) => i.path)).toEqual(['metrics.s.numerator']);
    expect(checkMetricSpec('c', spec({ from: 'attendance', agg: 'mean' })).map((i) => i.path)).toEqual(['metrics.c.column']);
  });

  it('describes a spec in one line', () => {
    expect(describeMetricSpec(DECLARED.members_per_room)).toBe('Σ value over unit_profile rows where metric = "members" ÷ study_space');
    expect(describeMetricSpec(DECLARED.examinees_per_100)).toBe('distinct member_key over exams rows ÷ members × 100');
  });
});

describe('declared metrics as a set', () => {
  it('refuses built-in ids, unknown per and cycles', async () => {
    const issues = checkDeclaredMetrics({
      attendance_rate: spec({ from: 'attendance', agg: 'count' }),
      a: spec({ from: 'attendance', agg: 'count', per: 'nope' }),
    });
    expect(issues.map((i) => i.code)).toEqual(['metric_id_taken', 'unknown_metric']);

    const cycle = () => planDeclaredMetrics({
      a: spec({ from: 'attendance', agg: 'count', per: 'b' }),
      b: spec({ from: 'attendance', agg: 'count', per: 'a' }),
    });
    expect(cycle).toThrow(/a → b → a/);
  });

  it('orders dependencies first', () => {
    const plan = planDeclaredMetrics({
      c: spec({ from: 'attendance', agg: 'count', per: 'b' }),
      b: spec({ from: 'attendance', agg: 'count', per: 'a' }),
      a: spec({ from: 'attendance', agg: 'count' }),
    });
    expect(plan.map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('reports config errors before touching the database', async () => {
    const db = await openDb(':memory:');
    try {
      await loadSample(db);
      const err = await computeMetrics(db, { metrics: { bad: spec({ from: 'exams', agg: 'sum', column: 'points' }) } }).catch((e) => e);
      expect(err).toBeInstanceOf(YardstickError);
      expect(err.message).toContain('metric bad: exams has no column "points"');
      expect(await db.all("select * from duckdb_tables() where table_name = 'unit_year_metrics'")).toEqual([]);
    } finally {
      db.close();
    }
  });
});
