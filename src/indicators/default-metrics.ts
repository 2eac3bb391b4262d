/**
 * Metric ids of the default learning-organisation tree (shared/domain/indicator-system.md §3)
 * plus the unit-profile metrics the scoring rules read. The metrics stage computes them; the
 * pipeline's own list is the authority at run time, this list is for tests and for checking
 * the shipped `indicators/*.yaml` without a database.
 */
export const DEFAULT_TREE_METRICS = [
  // 学习条件 conditions
  'study_budget_per_member',
  'study_space',
  'study_mechanisms',
  'remote_sessions_per_month',
  // 学习过程 process
  'collective_study_hours',
  'attendance_rate',
  'org_life_completion',
  'training_hours',
  'self_study_hours',
  'exam_participation_rate',
  // 学习成效 outcomes
  'exam_score_rate',
  'publications_weighted',
  'reports_per_leader',
  'report_adoption_score',
  'grassroots_research_days',
  // 学习创新 innovation
  'learning_form_diversity',
  'member_led_lectures',
  'joint_study_sessions',
  'practices_promoted',
] as const;

/** Profile metrics: sizes, 加分 points and the 一票否决 flag (1/0). */
export const PROFILE_METRICS = ['members', 'leaders', 'bonus_points', 'deduction_points', 'veto'] as const;

export const DEFAULT_METRIC_IDS: readonly string[] = [...DEFAULT_TREE_METRICS, ...PROFILE_METRICS];
