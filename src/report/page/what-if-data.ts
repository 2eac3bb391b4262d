/**
 * What the page's what-if needs from the database (what-if-engine.ts): the year's recorded run
 * (grading rules, veto items, missing threshold, geometric floor), the composite's children and
 * their weights as scored (tree_nodes, so weights computed from the data are the starting point),
 * and per unit its dimension scores, bonus and deduction points, veto effects and tie-break
 * scores. The root unit is left out. Unavailable when the composite cannot be recomputed from its
 * children's scores (TOPSIS) or the database has no run record.
 */
import type { Db } from '../../store/db.js';
import { readRun } from '../../score/run-log.js';
import type { IndicatorTree } from '../../indicators/indicator-schema.js';
import type { WhatIfInput, WhatIfUnit } from './what-if-engine.js';

export interface WhatIfDimension { id: string; weight: number }

/** The engine's input plus the dimensions' scored weights (fractions of the group). */
export interface WhatIfData extends WhatIfInput { weights: number[] }

/** Why a year has no what-if: a TOPSIS composite, or no run record to take the rules from. */
export interface NoWhatIf { unavailable: 'topsis' | 'no_run' }

interface UnitRow { unit_id: string; unit_type: string | null; weighted: number | null }

export async function readWhatIfData(db: Db, year: number, runId: string, tableNames: Set<string>): Promise<WhatIfData | NoWhatIf> {
  const noRun: NoWhatIf = { unavailable: 'no_run' };
  if (!tableNames.has('runs') || !tableNames.has('tree_nodes')) return noRun;
  // a database scored before the composite's parts and grading status existed cannot be replayed
  const scoreColumns = await db.all<{ c: string }>(`SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'scores'`);
  if (!['weighted', 'grade_status'].every((c) => scoreColumns.some((x) => x.c === c))) return noRun;
  const run = await readRun(db, runId).catch(() => null);
  if (!run) return noRun;
  const nodes = await db.all<{ node_id: string; level: number; weight: number | null; aggregate: string | null }>(
    `SELECT node_id, level, weight, aggregate FROM tree_nodes WHERE run_id = $run AND level <= 1 ORDER BY level, position, node_id`, { run: runId });
  const root = nodes.find((n) => n.level === 0);
  const dims = nodes.filter((n) => n.level === 1);
  if (!root || !dims.length) return noRun;
  if (root.aggregate !== null && root.aggregate !== 'arithmetic' && root.aggregate !== 'geometric') return { unavailable: 'topsis' };

  const units = await db.all<UnitRow>(`
    SELECT s.unit_id, ${tableNames.has('units') ? '(SELECT any_value(u.unit_type) FROM units u WHERE u.unit_id = s.unit_id)' : 'NULL'} AS unit_type,
           CAST(s.weighted AS DOUBLE) AS weighted
    FROM scores s WHERE s.year = $year AND s.level = 0 AND s.grade_status <> 'root' ORDER BY s.unit_id`, { year });
  const score = await nodeScores(db, year, [...dims.map((d) => d.node_id), ...run.tree.grading.ties.nodes]);
  const points = await adjustmentPoints(db, year, run.tree, units, tableNames);
  const vetoes = await vetoEffects(db, year, run.tree);
  return {
    aggregate: (root.aggregate ?? 'arithmetic') as 'arithmetic' | 'geometric',
    minShare: run.params.minShare,
    geometricFloor: run.params.geometricFloor,
    rules: { grades: run.tree.grades, grading: run.tree.grading },
    dimensions: dims.map((d) => d.node_id),
    weights: dims.map((d) => d.weight ?? 0),
    units: units.map((u): WhatIfUnit => {
      const v = vetoes.get(u.unit_id) ?? [];
      const p = points.get(u.unit_id) ?? { bonus: 0, deduction: 0 };
      return {
        id: u.unit_id, type: u.unit_type,
        dims: dims.map((d) => score.get(`${u.unit_id}\u0000${d.node_id}`) ?? null),
        bonus: p.bonus, deduction: p.deduction,
        notGraded: v.some((x) => x.effect === 'not_graded'),
        vetoes: v.filter((x) => x.effect !== 'not_graded') as WhatIfUnit['vetoes'],
        tieScores: run.tree.grading.ties.nodes.map((n) => score.get(`${u.unit_id}\u0000${n}`) ?? null),
      };
    }),
  };
}

/** Scores of the given nodes below the composite (level > 0), by unit and node. */
async function nodeScores(db: Db, year: number, nodes: string[]): Promise<Map<string, number | null>> {
  const rows = await db.all<{ unit_id: string; node_id: string; score: number | null }>(
    `SELECT unit_id, node_id, score FROM scores WHERE year = $year AND level > 0 AND list_contains(from_json($nodes, '["VARCHAR"]'), node_id)`,
    { year, nodes: JSON.stringify([...new Set(nodes)]) });
  return new Map(rows.map((r) => [`${r.unit_id}\u0000${r.node_id}`, r.score]));
}

/**
 * Bonus and deduction points by unit. A unit with a weighted composite has them in
 * score_adjustments; one without (unscored under this year's weights, maybe scored under others)
 * gets them from its metric values by the rules of score_adjustments.sql: a bonus item's positive
 * value is a bonus, a negative one a deduction, a deduction item's value either sign a deduction,
 * each capped at the item's cap.
 */
async function adjustmentPoints(db: Db, year: number, tree: IndicatorTree, units: UnitRow[], tables: Set<string>): Promise<Map<string, { bonus: number; deduction: number }>> {
  const out = new Map<string, { bonus: number; deduction: number }>();
  const add = (id: string, kind: string, points: number) => {
    const p = out.get(id) ?? { bonus: 0, deduction: 0 };
    if (kind === 'bonus') p.bonus += points;
    else if (kind === 'deduction') p.deduction += points;
    out.set(id, p);
  };
  if (tables.has('score_adjustments')) {
    const rows = await db.all<{ unit_id: string; kind: string; points: number }>(
      `SELECT unit_id, kind, CAST(points AS DOUBLE) AS points FROM score_adjustments WHERE year = $year AND kind <> 'veto' ORDER BY unit_id, item_id`, { year });
    for (const r of rows) add(r.unit_id, r.kind, r.points);
  }
  const unweighted = units.filter((u) => u.weighted === null).map((u) => u.unit_id);
  const items = [...tree.bonus.map((i) => ({ ...i, kind: 'bonus' })), ...tree.deductions.map((i) => ({ ...i, kind: 'deduction' }))];
  if (!unweighted.length || !items.length || !tables.has('unit_year_metrics')) return out;
  const values = await db.all<{ unit_id: string; metric_id: string; value: number }>(
    `SELECT unit_id, metric_id, value FROM unit_year_metrics WHERE year = $year AND value IS NOT NULL AND value <> 0
       AND list_contains(from_json($units, '["VARCHAR"]'), unit_id)`, { year, units: JSON.stringify(unweighted) });
  for (const v of values) {
    for (const i of items.filter((x) => x.metric === v.metric_id)) add(v.unit_id, i.kind === 'bonus' && v.value > 0 ? 'bonus' : 'deduction', Math.min(Math.abs(v.value), i.cap));
  }
  return out;
}

/** Veto effects by unit, with the grade of cap / force items from the run's tree. */
async function vetoEffects(db: Db, year: number, tree: IndicatorTree): Promise<Map<string, { effect: string; grade: string | null }[]>> {
  const rows = await db.all<{ unit_id: string; item_id: string; effect: string | null }>(
    `SELECT unit_id, item_id, effect FROM score_adjustments WHERE year = $year AND kind = 'veto' ORDER BY unit_id, item_id`, { year }).catch(() => []);
  const out = new Map<string, { effect: string; grade: string | null }[]>();
  for (const r of rows) {
    const item = tree.veto.find((v) => v.id === r.item_id);
    const effect = r.effect ?? item?.effect ?? 'not_graded';
    out.set(r.unit_id, [...(out.get(r.unit_id) ?? []), { effect, grade: item?.grade ?? null }]);
  }
  return out;
}
