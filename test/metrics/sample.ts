/**
 * The hand-checkable sample: three units scored in 2024 (U1 county with a roster and a
 * mover, U2 department, U3 city without roster or activity), plus a 2023 with only a
 * unit profile, a unit abolished after 2023 (U4) and one founded in 2025 (U5).
 * The expected numbers, with their arithmetic, are in the tests.
 */
import type { Db } from '../../src/store/db.js';
import { createStaging, insert, profileRows } from './fixtures.js';

export async function loadSample(db: Db): Promise<void> {
  await createStaging(db);
  await insert(db, 'units', [
    { unit_id: 'U1', name: '一支行', unit_type: 'county', valid_from: 2020 },
    { unit_id: 'U2', name: '办公室', parent_id: 'U1', unit_type: 'department', valid_from: 2020 },
    { unit_id: 'U3', name: '市中支', unit_type: 'city' },
    { unit_id: 'U4', name: '已撤销支行', unit_type: 'county', valid_from: 2018, valid_to: 2023 },
    { unit_id: 'U5', name: '新设部门', unit_type: 'department', valid_from: 2025 },
  ]);

  // Roster, spans from_date … to_date, both days included (转出日期 is the last day in the unit):
  //   U1 2024: m1 12 + m2 (joined 04-16: April 15/30 = 0.5, May–Dec 8) 8.5 + m3 (last day 06-30) 6 = 26.5
  //   U2 2024: m3 (joined 07-01) 6 + m4 12 + m5 12 = 30;   U3: no roster → profile 10 × 12 = 120
  //   U1 2023: m1 12 + m3 12 = 24;   U2 2023: no span → profile members missing
  await insert(db, 'members', [
    { member_key: 'm1', unit_id: 'U1', role: '支部书记', is_leader: true, from_date: '2020-01-01' },
    { member_key: 'm2', unit_id: 'U1', from_date: '2024-04-16' },
    { member_key: 'm3', unit_id: 'U1', from_date: '2022-05-01', to_date: '2024-06-30' },
    { member_key: 'm3', unit_id: 'U2', from_date: '2024-07-01' },
    { member_key: 'm4', unit_id: 'U2', from_date: '2024-01-01' },
    { member_key: 'm5', unit_id: 'U2', from_date: '2024-01-01' },
  ]);

  await insert(db, 'unit_profile', [
    ...profileRows(2024, {
      U1: {
        members: 3, leaders: 2, study_budget: 6000, study_rooms: 2, research_days: 90,
        has_study_plan: 1, has_attendance_register: 1, has_study_archive: 0, has_check_and_report: 1, has_exam_reward: 0,
        bonus_points: 2, veto: 0, 党员活动室面积: 50,
      },
      U2: { members: 3, leaders: 0, study_budget: 3000, study_rooms: 1, research_days: 10, has_study_plan: 1 },
      U3: { members: 10, leaders: 1, study_rooms: 0, research_days: 60 },
    }),
    ...profileRows(2023, { U1: { members: 2, leaders: 2 }, U4: { members: 5 } }),
  ]);

  const a = (unit_id: string, member_key: string, date: string, session_type: string, hours: number | null, status: string,
    extra: { presenter?: string; partner_unit?: string } = {}) => ({ unit_id, member_key, date, session_type, hours, status, ...extra });
  await insert(db, 'attendance', [
    // U1: 10 rows, 8 present, 1 absent, 1 leave; 7 sessions
    a('U1', 'm1', '2024-01-10', '党员大会', 2, 'present'),
    a('U1', 'm3', '2024-01-10', '党员大会', 2, 'absent'),
    a('U1', 'm1', '2024-03-05', '党课', 1.5, 'present', { presenter: '张书记' }),
    a('U1', 'm3', '2024-03-05', '党课', 1.5, 'leave', { presenter: '张书记' }),
    a('U1', 'm1', '2024-05-01', '自学', 3, 'present'),
    a('U1', 'm2', '2024-06-01', '培训', 8, 'present', { presenter: '李教授（外请）' }),
    a('U1', 'm1', '2024-06-10', '远程教育', 1, 'present'),
    a('U1', 'm2', '2024-06-10', '远程教育', 1, 'present'),
    a('U1', 'm1', '2024-07-01', '主题党日', 2, 'present', { partner_unit: 'U2' }),
    a('U1', 'm2', '2024-08-01', '讲座', 2, 'present', { presenter: '王教授（外请）' }),
    // U2: 10 rows, all present; 5 × 党员大会 (cap at 4 required), 2 × 支委会, 1 读书会 with a partner
    a('U2', 'm4', '2024-01-05', '党员大会', 1, 'present'),
    a('U2', 'm4', '2024-04-05', '党员大会', 1, 'present'),
    a('U2', 'm4', '2024-07-05', '党员大会', 1, 'present'),
    a('U2', 'm4', '2024-10-05', '党员大会', 1, 'present'),
    a('U2', 'm4', '2024-12-05', '党员大会', 1, 'present'),
    a('U2', 'm4', '2024-02-01', '支委会', 1, 'present'),
    a('U2', 'm5', '2024-02-01', '支委会', 1, 'present'),
    a('U2', 'm4', '2024-03-01', '支委会', 1, 'present'),
    a('U2', 'm5', '2024-03-01', '支委会', null, 'present'),
    a('U2', 'm3', '2024-09-09', '读书会', 2, 'present', { partner_unit: 'U1' }),
    // U3: none
  ]);

  await insert(db, 'exams', [
    // U1: m1 first attempt 50/100 (fail; the 90 retake is ignored); m2 no attempt numbers → earliest (80);
    //     m3 9/10 on a 10-point quiz
    { unit_id: 'U1', member_key: 'm1', exam: '党章测试', date: '2024-05-01', score: 50, full_mark: 100, attempt: 1 },
    { unit_id: 'U1', member_key: 'm1', exam: '党章测试', date: '2024-05-20', score: 90, full_mark: 100, attempt: 2 },
    { unit_id: 'U1', member_key: 'm2', exam: '党章测试', date: '2024-06-01', score: 100, full_mark: 100 },
    { unit_id: 'U1', member_key: 'm2', exam: '党章测试', date: '2024-05-01', score: 80, full_mark: 100 },
    { unit_id: 'U1', member_key: 'm3', exam: '季度测验', date: '2024-03-01', score: 9, full_mark: 10 },
    // U2: 72/120 = 0.6 but below the row's pass mark 80 → fails
    { unit_id: 'U2', member_key: 'm4', exam: '党章测试', date: '2024-05-01', score: 72, full_mark: 120, pass_mark: 80, attempt: 1 },
  ]);

  await insert(db, 'publications', [
    { unit_id: 'U1', title: '学习型组织建设', venue: '求是', level: 'national', date: '2024-02-01' },
    { unit_id: 'U1', title: '学习型组织建设 ', venue: '《求是》', level: 'national', date: '2024-03-01' }, // same paper
    { unit_id: 'U1', title: '调研方法', venue: '省报', level: 'provincial', date: '2024-04-01' },
    { unit_id: 'U1', title: '调研方法', venue: '内刊', level: 'internal', date: '2024-05-01' }, // other venue: counted
    { unit_id: 'U2', title: '学习型组织建设', venue: '求是', level: 'national', date: '2024-02-01' }, // other unit: counted
    { unit_id: 'U2', title: '支部工作', venue: '市报', level: 'city', date: '2024-06-01' },
  ]);

  await insert(db, 'research_reports', [
    { unit_id: 'U1', title: 'R1', is_leader: true, adoption_level: 'city', kind: '调研报告', date: '2024-03-01' },
    { unit_id: 'U1', title: 'R1', is_leader: true, adoption_level: 'provincial', kind: '调研报告', date: '2024-04-01' },
    { unit_id: 'U1', title: 'R2', is_leader: false, adoption_level: 'none', kind: '经验做法', date: '2024-05-01' },
    { unit_id: 'U1', title: 'R3', is_leader: true, adoption_level: 'county', kind: '经验做法', date: '2024-06-01' },
    { unit_id: 'U2', title: 'R4', is_leader: true, adoption_level: 'national', kind: '调研报告', date: '2024-06-01' },
  ]);
}

export interface MetricRow {
  year: number;
  unit_id: string;
  metric_id: string;
  value: number | null;
}

/** All output values keyed `year|unit|metric`. */
export async function readMetrics(db: Db): Promise<Map<string, number | null>> {
  const rows = await db.all<MetricRow>('select year, unit_id, metric_id, value from unit_year_metrics');
  return new Map(rows.map((r) => [`${r.year}|${r.unit_id}|${r.metric_id}`, r.value]));
}

export interface NoteRow {
  year: number;
  unit_id: string;
  metric_id: string;
  reason_zh: string;
  reason_en: string;
  reason_code: string;
}

export async function readNotes(db: Db): Promise<Map<string, NoteRow>> {
  const rows = await db.all<NoteRow>('select * from metric_notes');
  return new Map(rows.map((r) => [`${r.year}|${r.unit_id}|${r.metric_id}`, r]));
}
