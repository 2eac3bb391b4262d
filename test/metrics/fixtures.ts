/**
 * Staging tables for metrics tests, created with exactly the columns the ingest stage
 * produces, and a small row inserter (values bound as parameters).
 */
import type { Db, Params } from '../../src/store/db.js';
import { quotedIdentifier } from '../../src/store/db.js';
import { STAGING_COLUMNS, type StagingTable } from '../../src/metrics/staging-columns.js';

export const STAGING_DDL = `
create table units(unit_id VARCHAR, name VARCHAR, parent_id VARCHAR, unit_type VARCHAR, valid_from INTEGER, valid_to INTEGER, source_file VARCHAR, source_row INTEGER);
create table members(member_key VARCHAR, unit_id VARCHAR, role VARCHAR, is_leader BOOLEAN, from_date DATE, to_date DATE, member_label VARCHAR, source_file VARCHAR, source_row INTEGER);
create table unit_profile(unit_id VARCHAR, year INTEGER, metric VARCHAR, value DOUBLE, source_file VARCHAR, source_row INTEGER);
create table attendance(unit_id VARCHAR, member_key VARCHAR, date DATE, year INTEGER, session_type VARCHAR, hours DOUBLE, status VARCHAR, topic VARCHAR, presenter VARCHAR, partner_unit VARCHAR, source_file VARCHAR, source_row INTEGER);
create table exams(unit_id VARCHAR, member_key VARCHAR, exam VARCHAR, date DATE, year INTEGER, score DOUBLE, full_mark DOUBLE, pass_mark DOUBLE, attempt INTEGER, source_file VARCHAR, source_row INTEGER);
create table publications(unit_id VARCHAR, author_key VARCHAR, title VARCHAR, venue VARCHAR, level VARCHAR, date DATE, year INTEGER, kind VARCHAR, source_file VARCHAR, source_row INTEGER);
create table research_reports(unit_id VARCHAR, author_key VARCHAR, is_leader BOOLEAN, title VARCHAR, date DATE, year INTEGER, adoption_level VARCHAR, adoption_extent VARCHAR, kind VARCHAR, source_file VARCHAR, source_row INTEGER);
`;

export async function createStaging(db: Db): Promise<void> {
  await db.run(STAGING_DDL);
}

type Row = Record<string, string | number | boolean | null>;

/** Insert rows (objects keyed by column); `year` is filled from `date` when absent; lineage is filled in. */
export async function insert(db: Db, table: StagingTable, rows: Row[]): Promise<void> {
  const columns = STAGING_COLUMNS[table];
  for (const [i, row] of rows.entries()) {
    const full: Row = { source_file: `${table}.csv`, source_row: i + 2, ...row };
    if ('year' in Object.fromEntries(columns.map((c) => [c.name, 1])) && full.year === undefined && typeof full.date === 'string') {
      full.year = Number(full.date.slice(0, 4));
    }
    const unknown = Object.keys(full).filter((k) => !columns.some((c) => c.name === k));
    if (unknown.length) throw new Error(`${table}: unknown columns ${unknown.join(', ')}`);
    const params: Params = {};
    const values = columns.map((c, j) => {
      params[`p${j}`] = full[c.name] ?? null;
      return `$p${j}::${c.type}`;
    });
    await db.run(`insert into ${quotedIdentifier(table)} values (${values.join(', ')})`, params);
  }
}

/** Profile rows from `{ unit: { metric: value } }` for one year. */
export function profileRows(year: number, byUnit: Record<string, Record<string, number>>): Row[] {
  return Object.entries(byUnit).flatMap(([unit_id, metrics]) =>
    Object.entries(metrics).map(([metric, value]) => ({ unit_id, year, metric, value })),
  );
}
