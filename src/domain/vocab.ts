/**
 * The values a fill-in form offers as dropdowns (`yardstick template`): for each coded column,
 * the written forms an office should use. Each is one the ingest maps without guessing
 * (../shared/domain/metrics.md; the full lists of accepted synonyms live with the cleaning
 * rules, docs/reference/loading.md), so a form filled from these lists loads with no rejects.
 */

/** 出勤情况: present / absent / leave. */
export const STATUS_VALUES = ['出席', '缺席', '请假'] as const;

/**
 * 学习形式: the session types the metrics count (session-types.ts), collective
 * forms first, then self study, training and remote.
 */
export const SESSION_TYPES = [
  '集中学习', '每周一学', '中心组学习', '三会一课', '党员大会', '支委会', '党小组会', '党课', '微党课', '主题党日',
  '讲座', '专题讲座', '读书会', '培训', '专题培训', '党校', '自学', '远程教育', '线上学习',
] as const;

/** 刊物级别: national, provincial, city, internal. */
export const PUBLICATION_LEVELS = ['国家级', '省级', '市级', '内部'] as const;

/** 采纳层级: the highest level that adopted a report; 未采纳 = not adopted. */
export const ADOPTION_LEVELS = ['总行', '省级', '市级', '县级', '未采纳'] as const;

/** Yes/no cells (是否领导干部, the profile's 制度 flags). */
export const YES_NO = ['是', '否'] as const;

/** 单位类型: the words that give each peer class (city, county, department). */
export const UNIT_TYPES = ['中心支行', '县支行', '部门'] as const;

/** 事项 of the unit registry. */
export const REGISTRY_EVENTS = ['更名', '合并', '撤销', '新设', '拆分'] as const;
