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

const KEY = `unit_id, member_key, "date", session_type, coalesce(topic, '') AS topic_key`;

export async function attendanceConflicts(db: Db): Promise<Issue[]> {
  const found = await db.all<Conflict>(`
WITH touched AS (
  SELECT DISTINCT ${KEY} FROM attendance WHERE source_file IN (SELECT source_file FROM stage_files)
),
sessions AS (
  SELECT a.*, coalesce(a.topic, '') AS topic_key FROM attendance a SEMI JOIN touched t
    ON a.unit_id = t.unit_id AND a.member_key = t.member_key AND a."date" = t."date" AND a.session_type = t.session_type AND coalesce(a.topic, '') = t.topic_key
)
SELECT session_type, strftime("date", '%Y-%m-%d') AS "date", count(*) AS n,
  list({'file': source_file, 'row': source_row, 'status': status, 'hours': hours} ORDER BY source_file, source_row)[1:2] AS rows
FROM sessions GROUP BY unit_id, member_key, "date", session_type, topic_key
HAVING count(DISTINCT (status, hours)) > 1
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
