/**
 * Re-sent rows that disagree: the same person at the same session (unit, person, date, 学习形式,
 * 学习内容) loaded twice with a different status or duration, e.g. 缺席 in the first export and
 * 补学 in a corrected one. Both load (neither is a duplicate: their values differ), so the
 * person counts as present once and absent once; which one the office meant is theirs to say.
 * One warning per session, naming both rows, over the rows of this run's files and the rows
 * already staged (a correction usually arrives in a later run than the original).
 */
import { warning, type Issue } from '../../errors.js';
import type { Db } from '../../store/db.js';

interface Conflict { session_type: string; date: string; rows: { file: string; row: number; status: string; hours: number | null }[]; n: number }

const KEY = `unit_id, member_key, "date", session_type, coalesce(topic, '')`;

/**
 * Sessions with more than one row are found by a 64-bit hash of the key first (an aggregate of
 * one integer per row: the table may hold 10M rows under a 300 MB memory limit); only their rows
 * are then grouped on the key itself, so a hash collision cannot make a conflict.
 */
export async function attendanceConflicts(db: Db): Promise<Issue[]> {
  const found = await db.all<Conflict>(`
WITH repeated AS (
  SELECT h FROM (SELECT hash(${KEY}) AS h FROM attendance) GROUP BY h HAVING count(*) > 1
),
candidates AS (
  SELECT *, coalesce(topic, '') AS topic_key, source_file IN (SELECT source_file FROM stage_files) AS this_run
  FROM attendance WHERE hash(${KEY}) IN (SELECT h FROM repeated)
)
SELECT session_type, strftime("date", '%Y-%m-%d') AS "date", count(*) AS n,
  list({'file': source_file, 'row': source_row, 'status': status, 'hours': hours} ORDER BY source_file, source_row)[1:2] AS rows
FROM candidates GROUP BY unit_id, member_key, "date", session_type, topic_key
HAVING bool_or(this_run) AND count(DISTINCT (status, hours)) > 1
ORDER BY rows[1].file, rows[1].row`);
  return found.map((c) => {
    const [a, b] = c.rows;
    const at = (r: typeof a) => `${r.file}:${r.row}`;
    return warning('conflicting_rows',
      `同一人员同一次学习（${c.date} ${c.session_type}）有 ${c.n} 行记录，出勤情况或时长不同，均已载入：${at(a)} 与 ${at(b)}；如为更正，请删除原记录后重新导入 / ` +
      `the same person and session (${c.date} ${c.session_type}) has ${c.n} rows with a different status or duration, all loaded: ${at(a)} and ${at(b)}; if one corrects the other, remove the original and load again`,
      { file: b.file, row: Number(b.row) });
  });
}
