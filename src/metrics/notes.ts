/**
 * Why a metric value is missing (or was adjusted): the note codes that
 * `metric_results.sql` assigns, their zh/en texts, and the names a note can point at
 * (metric ids, staging tables, a few inputs). `{name}` in a text is replaced in SQL by
 * the label of the note's detail (see `metric_notes.sql`).
 */
import type { MetricInfo } from './catalog.js';

export type NoteCode = 'no_source' | 'missing_value' | 'missing_denominator' | 'zero_denominator' | 'capped';

/** In the order `metric_results.sql` checks them; the first that applies is recorded. */
export const NOTE_TEXTS: Record<NoteCode, { zh: string; en: string }> = {
  no_source: {
    zh: '本年度未提供“{name}”数据，指标缺失',
    en: 'no {name} data was supplied for this year, so the value is missing',
  },
  missing_value: {
    zh: '缺少“{name}”，指标缺失',
    en: '{name} is not reported for this unit and year, so the value is missing',
  },
  missing_denominator: {
    zh: '分母“{name}”未知，指标缺失',
    en: 'the denominator ({name}) is unknown, so the value is missing',
  },
  zero_denominator: {
    zh: '分母“{name}”为 0，指标缺失（不记为 0）',
    en: 'the denominator ({name}) is 0, so the value is missing (not 0)',
  },
  capped: {
    zh: '比率超过 1（分子多于分母“{name}”，数据可能不一致），按 1 计',
    en: 'the ratio exceeded 1 (more than {name}; the data may be inconsistent), so it was capped at 1',
  },
};

const TABLE_LABELS: Record<string, { zh: string; en: string }> = {
  attendance: { zh: '学习考勤', en: 'attendance' },
  exams: { zh: '考试成绩', en: 'exam' },
  publications: { zh: '发表文章', en: 'publication' },
  research_reports: { zh: '调研成果', en: 'research report' },
  unit_profile: { zh: '单位概况', en: 'unit profile' },
  members: { zh: '党员名册', en: 'member roster' },
};

/** Names that are not metric ids but can appear in a note. */
const INPUT_LABELS: Record<string, { zh: string; en: string }> = {
  self_study: { zh: '自学记录', en: 'self-study' },
  hours: { zh: '学时', en: 'hours' },
  months: { zh: '月数', en: 'months' },
  exam_results: { zh: '首次考试成绩数', en: 'first-attempt exam results' },
  mechanism_flags: { zh: '五项学习制度标志', en: 'the five study-mechanism flags' },
  members: { zh: '党员人数', en: 'members' },
  leaders: { zh: '领导干部人数', en: 'leaders' },
};

/** Rows of the `metric_labels` lookup: name → zh/en label used in note texts. */
export function noteLabels(metrics: readonly MetricInfo[]): [string, string, string][] {
  const out = new Map<string, { zh: string; en: string }>();
  for (const m of metrics) out.set(m.id, { zh: m.label.zh, en: m.id });
  for (const [table, l] of Object.entries(TABLE_LABELS)) {
    out.set(table, l);
    out.set(`${table}_rows`, { zh: `${l.zh}记录数`, en: `${l.en} rows` });
  }
  for (const [name, l] of Object.entries(INPUT_LABELS)) out.set(name, l);
  return [...out].map(([name, l]) => [name, l.zh, l.en]);
}
