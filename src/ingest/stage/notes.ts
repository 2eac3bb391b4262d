/**
 * What the stage changed or could not decide on loaded rows, said out loud as warnings
 * (kept in ingest_warnings): one per file and value, naming the first row and how many.
 *   name_normalised   a name with inner spaces (张 三, 李　四) matched without them
 *   name_ambiguous    a name without an id that several roster members of its unit share:
 *                     the row keeps a key of its own name
 *   status_note       a status with a bracketed note (✓(补学)): the status counts, the note is not stored
 *   person_not_in_roster    with a roster loaded, an id no member has, or a name (without an id) no
 *                           member of the row's unit has on its date: counted as a person of its own
 *   session_type_synonym    a 学习形式 another name of a counted type (支部大会): stored as that type (党员大会)
 *   session_type_uncounted  a 学习形式 no metric counts (domain/session-types.ts): the rows load but add
 *                           to no hours metric, which is said here rather than found out from a low score
 */
import { warning, type Issue } from '../../errors.js';
import type { Db } from '../../store/db.js';

interface NoteRow { source_file: string; sheet: string; value: string; shown: string | null; row: number; n: number; members: number | null }

export async function stageNotes(db: Db, from: string): Promise<Issue[]> {
  const notes = (column: string, shown: string, members = 'NULL') => db.all<NoteRow>(`
    SELECT f.source_file, f.sheet, r.${column} AS value, ${shown} AS shown, min(r.source_row) AS row, count(*) AS n, ${members} AS members
    FROM ${from} r JOIN stage_files f USING (file_no)
    WHERE r.${column} IS NOT NULL AND NOT r.is_blank AND len(r.errs) = 0
    GROUP BY ALL ORDER BY f.source_file, f.sheet, row`);
  const where = (r: NoteRow) => ({ file: r.sheet ? `${r.source_file}[${r.sheet}]` : r.source_file, row: Number(r.row) });
  const more = (r: NoteRow) => (Number(r.n) > 1 ? { zh: `等 ${r.n} 行`, en: ` and ${Number(r.n) - 1} more` } : { zh: '', en: '' });
  const out: Issue[] = [];
  // Only the attendance model gives the session columns.
  const columns = new Set((await db.all<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${from})`)).map((c) => c.column_name));
  for (const r of await notes('name_respaced', 'ys_name(r.name_respaced)')) {
    out.push(warning('name_normalised',
      `姓名“${r.value}”含空格，已按“${r.shown}”与名册匹配（第 ${r.row} 行${more(r).zh}）/ name “${r.value}” has inner spaces and is matched as “${r.shown}” (row ${r.row}${more(r).en})`, where(r)));
  }
  for (const r of await notes('ambiguous_name', 'NULL', 'max(r.ambiguous_members)')) {
    out.push(warning('name_ambiguous',
      `姓名“${r.value}”未填人员编号，本单位名册中有 ${r.members} 人同名，无法确定是谁，按姓名单独计（第 ${r.row} 行${more(r).zh}）/ ` +
      `name “${r.value}” has no id and ${r.members} roster members of its unit share it: counted under the name alone (row ${r.row}${more(r).en})`, where(r)));
  }
  for (const r of await notes('status_noted', 'ys_parse_status(ys_clean(r.status_noted))')) {
    const status = { present: ['出席', 'present'], absent: ['缺席', 'absent'], leave: ['请假', 'leave'] }[r.shown ?? ''] ?? [r.shown, r.shown];
    out.push(warning('status_note',
      `出勤情况“${r.value}”按“${status[0]}”计，括号中的说明未单独保存（第 ${r.row} 行${more(r).zh}）/ status “${r.value}” counts as ${status[1]}; the bracketed note is not stored (row ${r.row}${more(r).en})`, where(r)));
  }
  if (columns.has('not_in_roster')) {
    for (const r of await notes('not_in_roster', 'NULL')) {
      out.push(warning('person_not_in_roster',
        `人员“${r.value}”不在名册中（工号无对应人员，或本单位该日期无此姓名），已按另一人员计入；如为工号或姓名写法不同，请更正后重新导入（第 ${r.row} 行${more(r).zh}）/ ` +
        `person “${r.value}” is not in the roster (no member has this id, or none of this name in the unit on that date): counted as a person of their own; if the id or name is written differently, correct it and load again (row ${r.row}${more(r).en})`, where(r)));
    }
  }
  if (columns.has('session_renamed')) {
    for (const r of await notes('session_renamed', 'ys_session_type(ys_clean(r.session_renamed))')) {
      out.push(warning('session_type_synonym',
        `学习形式“${r.value}”按“${r.shown}”计（第 ${r.row} 行${more(r).zh}）/ session type “${r.value}” counts as “${r.shown}” (row ${r.row}${more(r).en})`, where(r)));
    }
  }
  if (columns.has('session_uncounted')) {
    for (const r of await notes('session_uncounted', 'NULL')) {
      out.push(warning('session_type_uncounted',
        `学习形式“${r.value}”不在指标所计的学习形式之列，这些记录已载入但不计入任何学习时长指标；如属三会一课、中心组学习等，请改用标准名称（第 ${r.row} 行${more(r).zh}）/ ` +
        `session type “${r.value}” is not one the metrics count: the rows are loaded but add to no study-hours metric; if it is one of the counted forms, use its standard name (row ${r.row}${more(r).en})`, where(r)));
    }
  }
  return out;
}
