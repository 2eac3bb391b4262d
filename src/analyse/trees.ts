/** The official run of a year and its tree, read back from `scores` / `runs` (no indicator files needed). */
import type { Db } from '../store/db.js';
import { YardstickError } from '../errors.js';
import { IndicatorTreeSchema, type IndicatorTree } from '../indicators/indicator-schema.js';
import type { RunParams } from '../score/run-log.js';

export interface YearRun {
  year: number;
  runId: string;
  tree: IndicatorTree;
  params: RunParams;
}

/** Years with official composite scores, oldest first. */
export async function scoredYears(db: Db): Promise<number[]> {
  const has = await db.one(`select 1 as x from duckdb_tables() where table_name = 'scores' and not temporary`);
  if (!has) return [];
  const rows = await db.all<{ year: number }>('select distinct year from scores where level = 0 order by year');
  return rows.map((r) => r.year);
}

export async function yearRun(db: Db, year: number): Promise<YearRun> {
  const row = await db.one<{ run_id: string; tree_json: string; params_json: string }>(
    `select r.run_id, r.tree_json, r.params_json
     from runs r where r.run_id = (select any_value(run_id) from scores where year = $year and level = 0)`,
    { year },
  );
  if (!row) throw notScored(year);
  return { year, runId: row.run_id, tree: IndicatorTreeSchema.parse(JSON.parse(row.tree_json)), params: JSON.parse(row.params_json) as RunParams };
}

/** The latest scored year before `year`, if any. */
export async function previousScoredYear(db: Db, year: number): Promise<number | undefined> {
  return (await scoredYears(db)).filter((y) => y < year).pop();
}

export function notScored(year: number): YardstickError {
  return new YardstickError(`${year} 年尚未评分，请先运行 yardstick score / ${year} has no scores: run \`yardstick score\` first`);
}

/** Whether two trees score differently (weights, methods, parameters, structure, grades, bonus, veto). */
export function treesDiffer(a: IndicatorTree, b: IndicatorTree): boolean {
  const key = (t: IndicatorTree) =>
    JSON.stringify({
      nodes: t.nodes.map((n) => [n.id, n.parentId, round(n.weight), n.metric, n.direction, n.normalise, n.aggregate]).sort(),
      grades: t.grades.map((g) => [g.grade, g.min, g.maxShare]),
      grading: t.grading,
      bonus: t.bonus,
      deductions: t.deductions,
      veto: t.veto.map((v) => [v.metric, v.effect, v.grade]),
      missing: t.missing,
    });
  return key(a) !== key(b);
}

const round = (x: number) => Math.round(x * 1e12) / 1e12;
