/**
 * How each canonical column of each kind is read: which cleaning macro parses it
 * and which reject code a failure gets. The SQL builder turns this into one
 * set-based SELECT; nothing here runs per row in JS.
 */
import type { Kind } from '../../domain/kinds.js';
import type { ReasonCode } from '../../domain/reasons.js';

export type ColumnType =
  | 'text' | 'date' | 'hours' | 'minutes' | 'status' | 'number' | 'year'
  | 'points' | 'session' | 'level' | 'adoption' | 'flag' | 'attempt' | 'event';

/**
 * Parser macro and the reject code used when it returns NULL for a non-empty cell: a code, or
 * an SQL expression of the cell choosing one (a more telling reason for some spellings).
 */
export const PARSERS: Record<ColumnType, { expr: (v: string) => string; code: ReasonCode | ((v: string) => string) }> = {
  text: { expr: (v) => v, code: 'missing_value' },
  date: { expr: (v) => `ys_parse_date(${v})`, code: 'bad_date' },
  hours: { expr: (v) => `ys_parse_hours(${v})`, code: 'bad_hours' },
  minutes: { expr: (v) => `ys_parse_minutes(${v})`, code: 'bad_hours' },
  status: { expr: (v) => `ys_parse_status(${v})`, code: 'bad_status' },
  number: { expr: (v) => `ys_parse_number(${v})`, code: 'bad_number' },
  // Exam points: 95% is a share, not points (with a full mark of 120 it would read as 79 %).
  points: {
    expr: (v) => `CASE WHEN NOT ends_with(${v}, '%') THEN ys_parse_number(${v}) END`,
    code: (v) => `CASE WHEN ends_with(${v}, '%') THEN 'percent_score' ELSE 'bad_number' END`,
  },
  year: { expr: (v) => `try_cast(regexp_replace(${v}, '年度?$', '') AS INTEGER)`, code: 'bad_year' },
  // 学习形式: a synonym under the name the metrics count (支部大会 → 党员大会); any other text as written.
  session: { expr: (v) => `ys_session_type(${v})`, code: 'missing_value' },
  level: { expr: (v) => `ys_parse_level(${v})`, code: 'bad_level' },
  adoption: { expr: (v) => `ys_parse_adoption(${v})`, code: 'bad_adoption' },
  flag: { expr: (v) => `(ys_parse_flag(${v}) = 1)`, code: 'bad_flag' },
  attempt: { expr: (v) => `ys_parse_attempt(${v})`, code: 'bad_attempt' },
  event: { expr: (v) => `ys_parse_event(${v})`, code: 'bad_event' },
};

export const TYPES: Record<Kind, Record<string, ColumnType>> = {
  units: { unit_code: 'text', unit_name: 'text', parent: 'text', unit_type: 'text', valid_from: 'year', valid_to: 'year' },
  unit_registry: { old_name: 'text', new_name: 'text', effective_year: 'year', event: 'event' },
  members: { person_id: 'text', person_name: 'text', unit_name: 'text', role: 'text', from_date: 'date', to_date: 'date' },
  unit_profile: { unit_name: 'text', year: 'year' },
  attendance: {
    unit_name: 'text', person_id: 'text', person_name: 'text', date: 'date', session_type: 'session',
    topic: 'text', hours: 'hours', minutes: 'minutes', status: 'status', presenter: 'text', partner_unit: 'text',
  },
  exams: {
    unit_name: 'text', person_id: 'text', person_name: 'text', exam: 'text', date: 'date',
    score: 'points', full_mark: 'points', pass_mark: 'points', attempt: 'attempt',
  },
  publications: { unit_name: 'text', author: 'text', title: 'text', venue: 'text', level: 'level', date: 'date', kind: 'text' },
  research_reports: {
    unit_name: 'text', author: 'text', is_leader: 'flag', title: 'text', date: 'date',
    adoption_level: 'adoption', adoption_extent: 'text', kind: 'text',
  },
};
