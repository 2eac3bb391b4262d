/**
 * Every metric id the metrics stage writes to `unit_year_metrics`, with zh/en labels,
 * its unit, a one-line formula (en) and the SQL file that produces it. The README's
 * metric table is generated from this list, and the indicator checker asks
 * `knownMetricIds(pipeline)` whether a `metric:` in an indicator file exists.
 *
 * Kinds:
 * - core: the contract in `domain/metrics.md` (same ids, same formulas);
 * - derived: the default tree's remaining metrics (`indicator-system.md` §3);
 * - profile: unit-profile values passed through unchanged (`PROFILE_METRICS`);
 * - declared: built from the pipeline file's `metrics:` by `buildMetricSql`.
 * Any other numeric profile column also passes through under its header text; such
 * ids are only known once the data is loaded, so they are not listed here.
 *
 * Session classes named in formulas (collective, self_study, training, remote, lecture)
 * are defined once, in `domain/session-types.ts`.
 */
import type { Pipeline, MetricDef } from '../config/pipeline-schema.js';
import { PROFILE_METRICS } from '../domain/kinds.js';
import { describeMetricSpec } from './build-metric-sql.js';

export type MetricKind = 'core' | 'derived' | 'profile' | 'declared';

export interface MetricInfo {
  id: string;
  kind: MetricKind;
  label: { zh: string; en: string };
  /** Unit of the value as stored (rates are fractions in [0, 1]). */
  unit: string;
  /** How the value is computed, in English. */
  formula: string;
  /** A fraction in [0, 1]; reports show it as a percentage. */
  rate: boolean;
  /** The `.sql` file (beside this module) that produces it, or `pipeline` for declared metrics. */
  producedBy: string;
}

type Entry = Omit<MetricInfo, 'kind' | 'rate'> & { rate?: boolean };

const PER_MEMBER =
  'members = average membership (member_months ÷ 12; the profile `members` when there is no roster)';

const CORE: Entry[] = [
  { id: 'attendance_records', label: { zh: '考勤记录数', en: 'Attendance records' }, unit: 'rows', producedBy: 'attendance_metrics.sql',
    formula: 'number of attendance rows' },
  { id: 'attendance_rate', label: { zh: '出勤率', en: 'Attendance rate' }, unit: 'fraction', rate: true, producedBy: 'attendance_metrics.sql',
    formula: 'present rows ÷ all attendance rows (present + absent + leave)' },
  { id: 'leave_rate', label: { zh: '请假率', en: 'Leave rate' }, unit: 'fraction', rate: true, producedBy: 'attendance_metrics.sql',
    formula: 'leave rows ÷ all attendance rows' },
  { id: 'absence_rate', label: { zh: '无故缺勤率', en: 'Unexcused absence rate' }, unit: 'fraction', rate: true, producedBy: 'attendance_metrics.sql',
    formula: 'absent rows ÷ all attendance rows' },
  { id: 'attended_hours', label: { zh: '出勤学时', en: 'Attended hours' }, unit: 'h', producedBy: 'attendance_metrics.sql',
    formula: 'Σ hours over present rows' },
  { id: 'member_months', label: { zh: '党员月数', en: 'Member-months' }, unit: 'member·months', producedBy: 'membership_metrics.sql',
    formula: 'roster: Σ over members and months of (days in the month the member belonged ÷ days in the month), spans from_date … to_date, both days included; without a roster in the unit-year: profile members × 12' },
  { id: 'collective_study_hours', label: { zh: '人均月集中学习时长', en: 'Collective study hours per member-month' }, unit: 'h/member·month', producedBy: 'attendance_metrics.sql',
    formula: 'Σ hours over present rows of collective session types ÷ member_months' },
  { id: 'self_study_hours', label: { zh: '人均月自学时长', en: 'Self-study hours per member-month' }, unit: 'h/member·month', producedBy: 'attendance_metrics.sql',
    formula: 'Σ hours over present rows of self_study session types (自学) ÷ member_months' },
  { id: 'exam_takers', label: { zh: '参考人数', en: 'Exam takers' }, unit: 'members', producedBy: 'exam_metrics.sql',
    formula: 'distinct members with at least one exam row' },
  { id: 'exam_participation_rate', label: { zh: '考学参与率', en: 'Exam participation rate' }, unit: 'fraction', rate: true, producedBy: 'exam_metrics.sql',
    formula: 'exam_takers ÷ members (roster headcount in the year, else the profile members)' },
  { id: 'exam_score_rate', label: { zh: '考试得分率', en: 'Exam score rate' }, unit: 'fraction', rate: true, producedBy: 'exam_metrics.sql',
    formula: 'mean over (member, exam) pairs, first attempt only (lowest attempt, else earliest date), of score ÷ full_mark' },
  { id: 'exam_pass_rate', label: { zh: '考试合格率', en: 'Exam pass rate' }, unit: 'fraction', rate: true, producedBy: 'exam_metrics.sql',
    formula: 'share of first-attempt (member, exam) pairs with score ≥ pass_mark, or score ÷ full_mark ≥ 0.6 when there is no pass mark' },
  { id: 'publications', label: { zh: '发表文章数', en: 'Publications' }, unit: 'count', producedBy: 'publication_metrics.sql',
    formula: 'distinct publications (same title and venue counted once per unit, in the year first listed)' },
  { id: 'publications_weighted', label: { zh: '刊物发表（级别加权）', en: 'Publications (level-weighted)' }, unit: 'pts/100 members', producedBy: 'publication_metrics.sql',
    formula: `Σ level weight (national 4, provincial 2, city 1, internal 0.5) over distinct publications ÷ members × 100; ${PER_MEMBER}` },
  { id: 'research_reports', label: { zh: '调研成果数', en: 'Research reports' }, unit: 'count', producedBy: 'report_metrics.sql',
    formula: 'distinct research reports (same title counted once per unit, in the year first listed)' },
  { id: 'reports_adopted', label: { zh: '被采纳调研成果数', en: 'Reports adopted' }, unit: 'count', producedBy: 'report_metrics.sql',
    formula: 'distinct reports whose highest adoption level is other than none' },
  { id: 'report_adoption_score', label: { zh: '调研成果采纳得分', en: 'Report adoption score' }, unit: 'pts/report', producedBy: 'report_metrics.sql',
    formula: 'mean over distinct reports of the points of the highest adoption level (national 15, provincial 12, city 7, county 4, none 0)' },
];

const DERIVED: Entry[] = [
  { id: 'study_budget_per_member', label: { zh: '人均学习经费', en: 'Study budget per member' }, unit: '元/member·yr', producedBy: 'profile_metrics.sql',
    formula: `study_budget ÷ members; ${PER_MEMBER}` },
  { id: 'study_space', label: { zh: '学习阵地', en: 'Study space' }, unit: 'rooms', producedBy: 'profile_metrics.sql',
    formula: 'study_rooms from the unit profile' },
  { id: 'study_mechanisms', label: { zh: '学习制度与档案', en: 'Study mechanisms' }, unit: '0–5', producedBy: 'profile_metrics.sql',
    formula: 'number of the five flags has_study_plan, has_attendance_register, has_study_archive, has_check_and_report, has_exam_reward that are set (a flag not reported counts as not set; missing when none is reported)' },
  { id: 'remote_sessions_per_month', label: { zh: '月均远程/线上学习场次', en: 'Remote sessions per month' }, unit: 'sessions/month', producedBy: 'session_metrics.sql',
    formula: 'distinct sessions (unit, date, session_type) of remote session types ÷ 12' },
  { id: 'org_life_completion', label: { zh: '三会一课落实率', en: 'Organisational life completion' }, unit: 'fraction', rate: true, producedBy: 'session_metrics.sql',
    formula: 'mean over 党员大会 (4/yr), 支委会 (12), 党小组会 (12), 党课 (4), 主题党日 (12) of min(sessions held ÷ required, 1); a session is a distinct (unit, date, session_type); computed for every unit type' },
  { id: 'training_hours', label: { zh: '人均培训学时', en: 'Training hours per member' }, unit: '学时/member·yr', producedBy: 'attendance_metrics.sql',
    formula: `Σ hours over present rows of training session types (培训, 党校, 专题培训) ÷ members; ${PER_MEMBER}` },
  { id: 'reports_per_leader', label: { zh: '领导干部人均调研报告', en: 'Reports per leader' }, unit: 'reports/leader·yr', producedBy: 'report_metrics.sql',
    formula: 'distinct reports with is_leader ÷ profile leaders' },
  { id: 'grassroots_research_days', label: { zh: '领导基层调研天数', en: 'Grassroots research days per leader' }, unit: 'days/leader·yr', producedBy: 'profile_metrics.sql',
    formula: 'profile research_days ÷ profile leaders' },
  { id: 'learning_form_diversity', label: { zh: '学习形式多样性', en: 'Learning form diversity' }, unit: 'count', producedBy: 'session_metrics.sql',
    formula: 'distinct session types among sessions of collective session types' },
  { id: 'member_led_lectures', label: { zh: '内部讲学场次', en: 'Member-led lectures' }, unit: 'sessions/yr', producedBy: 'session_metrics.sql',
    formula: 'distinct sessions of lecture session types with a presenter that is not marked external (外请, 外聘, 特邀, 外部, 客座, (外))' },
  { id: 'joint_study_sessions', label: { zh: '联学共建场次', en: 'Joint study sessions' }, unit: 'sessions/yr', producedBy: 'session_metrics.sql',
    formula: 'distinct sessions with a partner_unit' },
  { id: 'practices_promoted', label: { zh: '经验做法被推广', en: 'Practices promoted' }, unit: 'count', producedBy: 'report_metrics.sql',
    formula: 'distinct research_reports of kind 经验做法 whose highest adoption level is other than none' },
];

const PROFILE_UNITS: Record<string, string> = {
  members: 'members', staff: 'people', leaders: 'people', study_budget: '元', study_rooms: 'rooms',
  research_days: 'days', bonus_points: 'pts', deduction_points: 'pts',
};

const PROFILE_EN: Record<string, string> = {
  members: 'Party members', staff: 'Staff', leaders: 'Leading cadres', study_budget: 'Study budget',
  study_rooms: 'Study rooms', research_days: 'Grassroots research days', has_study_plan: 'Annual study plan',
  has_attendance_register: 'Attendance register', has_study_archive: 'Study archive',
  has_check_and_report: 'Regular check and report', has_exam_reward: 'Exam, review and reward system',
  bonus_points: 'Bonus points', deduction_points: 'Deduction points', veto: 'Veto',
};

function profileEntries(): MetricInfo[] {
  const seen = new Set<string>();
  const out: MetricInfo[] = [];
  for (const p of PROFILE_METRICS) {
    if (seen.has(p.metric)) continue; // study_budget is listed twice (元 and 万元 headers)
    seen.add(p.metric);
    out.push({
      id: p.metric,
      kind: 'profile',
      label: { zh: p.zh.replace(/（.*）$/, ''), en: PROFILE_EN[p.metric] ?? p.metric },
      unit: p.flag ? 'flag 1/0' : (PROFILE_UNITS[p.metric] ?? 'value'),
      formula: `unit profile value \`${p.metric}\`, unchanged`,
      rate: false,
      producedBy: 'profile_metrics.sql',
    });
  }
  return out;
}

function entries(list: Entry[], kind: MetricKind): MetricInfo[] {
  return list.map((e) => ({ ...e, kind, rate: e.rate ?? false }));
}

/** Built-in metrics: core, derived and profile pass-through, in reference order. */
export const METRIC_CATALOG: readonly MetricInfo[] = [
  ...entries(CORE, 'core'),
  ...entries(DERIVED, 'derived'),
  ...profileEntries(),
];

export const CORE_METRIC_IDS = CORE.map((e) => e.id);
export const DERIVED_METRIC_IDS = DERIVED.map((e) => e.id);
export const PROFILE_METRIC_IDS = profileEntries().map((e) => e.id);
export const BUILTIN_METRIC_IDS: readonly string[] = METRIC_CATALOG.map((m) => m.id);

/** Built-in entries plus the pipeline's declared metrics (label defaults to the id). */
export function metricCatalog(pipeline?: { metrics?: Record<string, MetricDef> }): MetricInfo[] {
  const declared = Object.entries(pipeline?.metrics ?? {}).map(([id, spec]): MetricInfo => ({
    id,
    kind: 'declared',
    label: { zh: spec.label?.zh ?? spec.label?.en ?? id, en: spec.label?.en ?? spec.label?.zh ?? id },
    unit: spec.agg === 'share' ? 'fraction' : 'value',
    formula: describeMetricSpec(spec),
    rate: spec.agg === 'share' && (spec.scale ?? 1) === 1 && !spec.per,
    producedBy: 'pipeline',
  }));
  return [...METRIC_CATALOG, ...declared];
}

/**
 * Metric ids an indicator file may reference: core + derived + profile + declared.
 * (Extra profile columns loaded under their header text are known only after ingest.)
 */
export function knownMetricIds(pipeline?: Pick<Pipeline, 'metrics'> | { metrics?: Record<string, unknown> }): string[] {
  return [...BUILTIN_METRIC_IDS, ...Object.keys(pipeline?.metrics ?? {})];
}

export function metricInfo(id: string): MetricInfo | undefined {
  return METRIC_CATALOG.find((m) => m.id === id);
}
