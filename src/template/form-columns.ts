/**
 * The columns of each kind's fill-in form: the canonical Chinese header (src/domain/kinds.ts)
 * and what a cell may hold, which becomes the cell's data validation. Columns an office should
 * not fill by hand are left out (时长（分钟）: the form asks for hours).
 */
import { COLUMNS, PROFILE_METRICS, type Kind } from '../domain/kinds.js';
import {
  ADOPTION_LEVELS, PUBLICATION_LEVELS, REGISTRY_EVENTS, SESSION_TYPES, STATUS_VALUES, UNIT_TYPES, YES_NO,
} from '../domain/vocab.js';

/** What a cell may hold. `unit`: a name from the unit list sheet. `date`: a date in the form's year. */
export type CellRule =
  | { type: 'text' }
  | { type: 'unit' }
  | { type: 'date'; inYear: boolean }
  | { type: 'list'; values: readonly string[] }
  | { type: 'decimal'; min?: number; max?: number }
  | { type: 'whole'; min: number; max: number }
  /** The form's own year. */
  | { type: 'formYear' };

export interface FormColumn {
  /** Canonical column (or profile metric) id. */
  name: string;
  header: string;
  required: boolean;
  rule: CellRule;
}

const text: CellRule = { type: 'text' };
const unit: CellRule = { type: 'unit' };
const dateInYear: CellRule = { type: 'date', inYear: true };
const anyDate: CellRule = { type: 'date', inYear: false };
const list = (values: readonly string[]): CellRule => ({ type: 'list', values });
const year: CellRule = { type: 'whole', min: 1990, max: 2100 };

/** Rules by kind and canonical column; a column not named here is free text. */
const RULES: Partial<Record<Kind, Record<string, CellRule>>> = {
  units: { parent: unit, unit_type: list(UNIT_TYPES), valid_from: year, valid_to: year },
  unit_registry: { new_name: unit, effective_year: year, event: list(REGISTRY_EVENTS) },
  members: { unit_name: unit, from_date: anyDate, to_date: anyDate },
  unit_profile: { unit_name: unit, year: { type: 'formYear' } },
  attendance: {
    unit_name: unit, date: dateInYear, session_type: list(SESSION_TYPES), hours: { type: 'decimal', min: 0, max: 24 },
    status: list(STATUS_VALUES), partner_unit: text,
  },
  exams: {
    unit_name: unit, date: dateInYear, score: { type: 'decimal', min: 0 }, full_mark: { type: 'decimal', min: 0 },
    pass_mark: { type: 'decimal', min: 0 }, attempt: { type: 'whole', min: 1, max: 9 },
  },
  publications: { unit_name: unit, level: list(PUBLICATION_LEVELS), date: dateInYear },
  research_reports: { unit_name: unit, is_leader: list(YES_NO), date: dateInYear, adoption_level: list(ADOPTION_LEVELS) },
};

/** Columns the form leaves out. */
const LEFT_OUT: Partial<Record<Kind, string[]>> = { attendance: ['minutes'] };

export function formColumns(kind: Kind): FormColumn[] {
  const cols = COLUMNS[kind]
    .filter((c) => !LEFT_OUT[kind]?.includes(c.name))
    .map((c) => ({ name: c.name, header: c.zh, required: c.required ?? false, rule: RULES[kind]?.[c.name] ?? text }));
  return kind === 'unit_profile' ? [...cols, ...profileColumns()] : cols;
}

/** One column per profile metric, under its first (元, not 万元) header. */
function profileColumns(): FormColumn[] {
  const seen = new Set<string>();
  return PROFILE_METRICS.filter((m) => !m.scale && !seen.has(m.metric) && seen.add(m.metric)).map((m) => ({
    name: m.metric,
    header: m.zh,
    required: false,
    rule: m.flag ? list(YES_NO) : m.signed ? { type: 'decimal' } : { type: 'decimal', min: 0 },
  }));
}
