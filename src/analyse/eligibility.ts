/**
 * Which units of a year the weak-branch rules may judge. Only graded units are flagged or used as
 * peers: the organisation's root (it grades the others), a unit vetoed as "not graded", and a unit
 * without a composite (unscored: too little data) are left out. Unscored units go to the
 * follow-up's "数据不足" list instead.
 *
 * Reads `scores.grade_status` (the score contract) when the column exists. Databases scored before
 * it: root = a unit with no parent that is the parent of other units; unscored = composite NULL;
 * every other unit with a composite is graded.
 */
import type { Db } from '../store/db.js';

export type GradeStatus = 'graded' | 'root' | 'not_graded' | 'unscored';

export interface CompositeRow {
  unit_id: string;
  score: number | null;
  rank: number | null;
  grade: string | null;
  status: GradeStatus;
  /** Veto item ids that applied (scores.veto), when recorded. */
  veto: string | null;
}

export async function hasColumn(db: Db, table: string, column: string): Promise<boolean> {
  const r = await db.one(
    `select 1 as x from duckdb_columns() where table_name = $table and column_name = $column and not internal`,
    { table, column },
  );
  return Boolean(r);
}

export async function hasTable(db: Db, table: string): Promise<boolean> {
  return Boolean(await db.one(`select 1 as x from duckdb_tables() where table_name = $table and not temporary
    union all select 1 from duckdb_views() where view_name = $table and not temporary`, { table }));
}

/** Every unit with a composite row in `year`, with its grading status. */
export async function compositeRows(db: Db, year: number): Promise<CompositeRow[]> {
  const status = (await hasColumn(db, 'scores', 'grade_status')) ? 'grade_status' : 'null';
  const veto = (await hasColumn(db, 'scores', 'veto')) ? 'veto' : 'null';
  const rows = await db.all<Omit<CompositeRow, 'status'> & { status: string | null }>(
    `select unit_id, score, rank, grade, ${status}::varchar as status, ${veto}::varchar as veto
     from scores where year = $year and level = 0 order by unit_id`,
    { year },
  );
  const roots = await derivedRoots(db);
  return rows.map((r) => ({ ...r, status: statusOf(r.status, r.score, roots.has(r.unit_id)) }));
}

function statusOf(recorded: string | null, score: number | null, isRoot: boolean): GradeStatus {
  if (recorded === 'graded' || recorded === 'root' || recorded === 'not_graded' || recorded === 'unscored') return recorded;
  if (score === null) return 'unscored';
  return isRoot ? 'root' : 'graded';
}

/** Units with no parent that are the parent of another unit (the organisation's root). */
async function derivedRoots(db: Db): Promise<Set<string>> {
  if (!(await hasTable(db, 'units'))) return new Set();
  const rows = await db.all<{ unit_id: string }>(
    `select distinct p.unit_id from units p join units c on c.parent_id = p.unit_id
     where p.parent_id is null and c.unit_id <> p.unit_id`,
  );
  return new Set(rows.map((r) => r.unit_id));
}
