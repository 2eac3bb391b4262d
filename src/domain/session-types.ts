/**
 * 学习形式 (attendance.session_type): which session types the metrics count as what, and the
 * other names offices write for them. Defined once here: the metrics stage loads the classes
 * (metric_session_classes), the ingest stores a synonym under its canonical name and warns
 * about a type no class counts (such rows load but add to no hours metric).
 *
 *   collective  metrics.md's list: 集中学习, 每周一学, 中心组学习, 三会一课 and its parts
 *               党员大会/支委会/党小组会/党课, 主题党日, 讲座, 读书会, 培训
 *               → collective_study_hours, learning_form_diversity
 *   self_study  自学 → self_study_hours
 *   training    培训, 党校, 专题培训 → training_hours
 *   remote      远程教育 and online forms → remote_sessions_per_month
 *   lecture     党课 and lecture forms → member_led_lectures
 * A type may belong to several classes (党课 is collective and a lecture; 培训 collective and training).
 * The required counts of 三会一课 live with org_life_completion in metrics/session_metrics.sql.
 */
export const SESSION_CLASSES = {
  collective: ['集中学习', '每周一学', '中心组学习', '三会一课', '党员大会', '支委会', '党小组会', '党课', '主题党日', '讲座', '读书会', '培训'],
  self_study: ['自学'],
  training: ['培训', '党校', '专题培训'],
  remote: ['远程教育', '远程学习', '线上学习', '网络学习', '在线学习', '线上', '网络'],
  lecture: ['党课', '微党课', '讲座', '专题讲座', '讲课'],
} as const satisfies Record<string, readonly string[]>;

/**
 * Everyday names of the same sessions → the name the classes use. Only names that mean exactly
 * one counted type (支部大会 is the 支部党员大会 of the 支部工作条例); anything else stays as written.
 */
export const SESSION_SYNONYMS: Readonly<Record<string, string>> = {
  支部大会: '党员大会',
  支部党员大会: '党员大会',
  党员大会会议: '党员大会',
  支部委员会: '支委会',
  支委会议: '支委会',
  支部委员会会议: '支委会',
  党小组会议: '党小组会',
  理论学习中心组学习: '中心组学习',
  党委理论学习中心组学习: '中心组学习',
  党委中心组学习: '中心组学习',
  中心组理论学习: '中心组学习',
  主题党日活动: '主题党日',
  支部主题党日: '主题党日',
  集体学习: '集中学习',
};

/** Every type some class counts. */
export const COUNTED_SESSION_TYPES: readonly string[] = [...new Set(Object.values(SESSION_CLASSES).flat())];
