/**
 * How typed columns become staging columns, per fact kind. Each entry is
 * [staging column, SQL expression over the resolved rows]. `member_key` and
 * `unit_id` come from the resolution step; `hours` may come from minutes.
 * Used for the insert and, minus lineage, as the duplicate key.
 */
import type { Kind } from '../domain/kinds.js';

export type FactKind = 'attendance' | 'exams' | 'publications' | 'research_reports';
export const FACT_KINDS: FactKind[] = ['attendance', 'exams', 'publications', 'research_reports'];

export function isFactKind(k: Kind): k is FactKind {
  return (FACT_KINDS as string[]).includes(k);
}

type Has = (c: string) => boolean;
const opt = (has: Has, c: string, type = 'VARCHAR') => (has(c) ? `"${c}"` : `NULL::${type}`);

export function factColumns(kind: FactKind, has: Has): [string, string][] {
  switch (kind) {
    case 'attendance':
      return [
        ['unit_id', 'unit_id'], ['member_key', 'member_key'], ['date', '"date"'], ['year', 'year("date")'],
        ['session_type', '"session_type"'],
        ['hours', has('hours') && has('minutes') ? 'coalesce("hours", "minutes")' : has('minutes') ? '"minutes"' : opt(has, 'hours', 'DOUBLE')],
        ['status', '"status"'], ['topic', opt(has, 'topic')], ['presenter', opt(has, 'presenter')],
        ['partner_unit', opt(has, 'partner_unit')],
      ];
    case 'exams':
      return [
        ['unit_id', 'unit_id'], ['member_key', 'member_key'], ['exam', '"exam"'], ['date', '"date"'],
        ['year', 'year("date")'], ['score', '"score"'], ['full_mark', '"full_mark"'],
        ['pass_mark', opt(has, 'pass_mark', 'DOUBLE')], ['attempt', opt(has, 'attempt', 'INTEGER')],
      ];
    case 'publications':
      return [
        ['unit_id', 'unit_id'], ['author_key', 'member_key'], ['title', '"title"'], ['venue', opt(has, 'venue')],
        ['level', '"level"'], ['date', '"date"'], ['year', 'year("date")'], ['kind', opt(has, 'kind')],
      ];
    case 'research_reports':
      return [
        ['unit_id', 'unit_id'], ['author_key', 'member_key'], ['is_leader', opt(has, 'is_leader', 'BOOLEAN')],
        ['title', '"title"'], ['date', '"date"'], ['year', 'year("date")'],
        ['adoption_level', has('adoption_level') ? '"adoption_level"' : `'none'`],
        ['adoption_extent', opt(has, 'adoption_extent')], ['kind', opt(has, 'kind')],
      ];
  }
}

/** Which raw text identifies the person (or author) of a row. */
export function personExpr(kind: FactKind, has: Has): string {
  if (kind === 'publications' || kind === 'research_reports') {
    return has('author') ? `'name:' || "author__raw"` : 'NULL';
  }
  const id = has('person_id') ? `'id:' || "person_id__raw"` : 'NULL';
  const name = has('person_name') ? `'name:' || "person_name__raw"` : 'NULL';
  return `coalesce(${id}, ${name})`;
}
