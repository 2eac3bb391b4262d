/**
 * The announcement step of scoring (step 4–5 of score.ts): bonus, deduction and veto items,
 * the root unit, the composite's parts, ranks among graded units, and grades.
 *
 *   tree items ─▶ adjustment_items (temp) ─▶ score_adjustments.sql ─▶ score_adjustments
 *   units      ─▶ root_units (temp)          root_units.sql
 *   node_scores + the above ─▶ scores.sql ─▶ scores (weighted, bonus, deduction, status, ranks)
 *   graded composite rows ─▶ assignGrades (assign-grades.ts) ─▶ scores.grade
 */
import type { Db } from '../store/db.js';
import type { IndicatorTree } from '../indicators/indicator-schema.js';
import { sqlFile as readSql } from '../store/sql-file.js';
import { vetoEffect } from '../indicators/describe-grading.js';
import { assignGrades, type GradeResult, type GradeUnit } from './assign-grades.js';

/** The tree's bonus, deduction and veto items as the temp table `adjustment_items`. */
export async function writeAdjustmentItems(db: Db, tree: IndicatorTree): Promise<void> {
  await db.run(`create or replace temp table adjustment_items (
    position integer, item_id varchar, kind varchar, metric_id varchar, cap double, effect varchar, grade varchar,
    label_zh varchar, label_en varchar, reason_zh varchar, reason_en varchar, effect_zh varchar, effect_en varchar)`);
  const items = [
    ...tree.bonus.map((b) => ({ ...b, kind: 'bonus', effect: null, grade: null, reason: null, words: null })),
    ...tree.deductions.map((d) => ({ ...d, kind: 'deduction', effect: null, grade: null, reason: null, words: null })),
    ...tree.veto.map((v) => ({ ...v, kind: 'veto', cap: null, words: vetoEffect(tree, v.effect, v.grade) })),
  ];
  for (const [position, i] of items.entries()) {
    await db.run(
      `insert into adjustment_items values ($position, $id, $kind, $metric, $cap::double, $effect, $grade, $lz, $le, $rz, $re, $ez, $ee)`,
      {
        position,
        id: i.id,
        kind: i.kind,
        metric: i.metric,
        cap: i.cap,
        effect: i.effect,
        grade: i.grade,
        lz: i.label.zh,
        le: i.label.en,
        rz: i.reason?.zh ?? null,
        re: i.reason?.en ?? null,
        ez: i.words?.zh ?? null,
        ee: i.words?.en ?? null,
      },
    );
  }
}

/** Root units from the registry; none without one (score-table, tests without `units`). */
export async function writeRootUnits(db: Db): Promise<void> {
  const hasRegistry = await db.one(`select 1 as x from duckdb_tables() where table_name = 'units' and not temporary`);
  if (hasRegistry) await db.run(readSql(import.meta.url, 'root_units.sql'));
  else await db.run('create or replace temp table root_units (unit_id varchar)');
}

/** Write score_adjustments and scores (without grades) for the run. */
export async function writeAdjustedScores(db: Db, runId: string): Promise<void> {
  await db.run(readSql(import.meta.url, 'score_adjustments.sql'), { run_id: runId });
  await db.run(readSql(import.meta.url, 'scores.sql'), { run_id: runId });
}

/** Grade the run's graded units (assignGrades) and store the grades on their composite rows. */
export async function writeGrades(db: Db, tree: IndicatorTree, runId: string): Promise<GradeResult> {
  const result = assignGrades(await gradeUnits(db, tree, runId), { grades: tree.grades, grading: tree.grading });
  const byGrade = new Map<string, string[]>();
  for (const [unit, grade] of result.grades) byGrade.set(grade, [...(byGrade.get(grade) ?? []), unit]);
  for (const [grade, units] of byGrade) {
    await db.run(
      `update scores set grade = $grade
       where run_id = $run_id and level = 0 and unit_id in (select unnest(from_json($units, '["VARCHAR"]')))`,
      { run_id: runId, grade, units: JSON.stringify(units) },
    );
  }
  return result;
}

/** Composite rows of the graded units with their tie-break node scores and veto effects. */
async function gradeUnits(db: Db, tree: IndicatorTree, runId: string): Promise<GradeUnit[]> {
  const run_id = runId;
  const rows = await db.all<{ unit_id: string; score: number }>(
    `select unit_id, score from scores where run_id = $run_id and level = 0 and grade_status = 'graded' order by unit_id`,
    { run_id },
  );
  const nodeScores = tree.grading.ties.nodes.length === 0 ? [] : await db.all<{ unit_id: string; node_id: string; score: number | null }>(
    `select unit_id, node_id, score from scores where run_id = $run_id and level > 0`,
    { run_id },
  );
  const vetoes = await db.all<{ unit_id: string; effect: 'bar_excellent' | 'cap' | 'force'; grade: string | null }>(
    `select a.unit_id, a.effect, i.grade
     from score_adjustments a join adjustment_items i on i.item_id = a.item_id
     where a.run_id = $run_id and a.kind = 'veto'`,
    { run_id },
  );
  const scoreOf = new Map(nodeScores.map((r) => [`${r.unit_id}\u0000${r.node_id}`, r.score]));
  return rows.map((r) => ({
    unitId: r.unit_id,
    score: r.score,
    tieScores: tree.grading.ties.nodes.map((node) => scoreOf.get(`${r.unit_id}\u0000${node}`) ?? null),
    vetoes: vetoes.filter((v) => v.unit_id === r.unit_id).map((v) => ({ effect: v.effect, grade: v.grade })),
  }));
}
