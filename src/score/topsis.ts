/**
 * TOPSIS aggregation for `aggregate: topsis` groups (meant for the composite), using the
 * project's TOPSIS in `src/weights` (`rankByTopsis`: weighted, Euclidean distances to the ideal
 * and anti-ideal, closeness C = D⁻ / (D⁺ + D⁻), C = 0.5 when all units tie). The group's score
 * is 100 × C. What the criteria are is the group's `topsis.normalise` (topsis_input.sql):
 *
 * - vector (default), as Hwang & Yoon (1981) do it: the criteria are the LEAVES below the group,
 *   on their raw metric values, r = x / ‖x‖ per leaf; lower_is_better leaves are cost criteria
 *   (their ideal is the lowest value); each leaf weighs its weight within the group (the product
 *   of the sibling fractions from the group down), applied after normalisation. The leaves'
 *   own `normalise:` methods do not enter the composite (they still give the leaf and dimension
 *   scores shown beside it).
 * - none: the criteria are the group's CHILDREN, their 0–100 scores taken as they are (already
 *   comparable and oriented, so every criterion is a benefit), weighted by the children's weights.
 *
 * Vector-normalising children that are already 0–100 scores (what this module did before) is
 * not offered: each child's weight becomes w/‖s‖, set by the data rather than the file.
 *
 * Missing criteria: a unit is compared on the criteria it has, against every unit that has
 * them (one TOPSIS per pattern of present criteria; the complete pattern is the ordinary
 * TOPSIS over all complete units). The missing-share rule of the means applies on top
 * (node_scores_topsis.sql): the present criteria must carry `min_share` of the group's weight.
 *
 * Every run reports, per group, the ideal and anti-ideal of the complete units (`TopsisReport`,
 * in runs.params_json.topsis and the score summary), in the criteria's own values and in the
 * weighted normalised space where the distances are measured.
 *
 * TOPSIS is relative to the year's units, like minmax: adding or removing a unit can move
 * everyone's closeness. The data cross into JS here (units × criteria, small) and back.
 */
import { groupBy } from '../collections.js';
import type { Db } from '../store/db.js';
import { sqlFile as readSql } from '../store/sql-file.js';
import { rankByTopsis } from '../weights/index.js';

interface InputRow {
  year: number;
  group_id: string;
  unit_id: string;
  criterion: string;
  value: number | null;
  weight: number;
  /** Default true (children's scores are oriented). */
  benefit?: boolean;
  /** Default 'vector'. */
  normalise?: 'vector' | 'none';
}

/** One criterion's ideal and anti-ideal among the complete units of a group. */
export interface TopsisCriterion {
  id: string;
  weight: number;
  /** Lower is better (a lower_is_better leaf under vector). */
  cost: boolean;
  /** Best and worst value among the complete units, in the criterion's own values (raw or score). */
  ideal: number | null;
  antiIdeal: number | null;
  /** The same points in the weighted normalised space (A⁺, A⁻ of the textbook). */
  idealWeighted: number | null;
  antiIdealWeighted: number | null;
}

/** What one TOPSIS group compared, for the run log and `--json`. */
export interface TopsisReport {
  year: number;
  group: string;
  normalise: 'vector' | 'none';
  /** Units with every criterion (the comparison the ideals come from). */
  completeUnits: number;
  /** Units compared on a subset of the criteria (against every unit that has that subset). */
  partialUnits: number;
  criteria: TopsisCriterion[];
}

/** Score this level's TOPSIS groups into node_scores; returns what each group compared. */
export async function aggregateTopsis(db: Db, opts: { runId: string; level: number; minShare: number }): Promise<TopsisReport[]> {
  await db.run(readSql(import.meta.url, 'topsis_input.sql'), { run_id: opts.runId, level: opts.level });
  const rows = await db.all<InputRow>('select * from topsis_input order by year, group_id, unit_id, criterion');
  await db.run('create or replace temp table topsis_output (year integer, group_id varchar, unit_id varchar, closeness double)');
  const reports: TopsisReport[] = [];
  const app = await db.conn.createAppender('topsis_output', 'main', 'temp');
  try {
    for (const [key, groupRows] of groupBy(rows, (r) => `${r.year}\u0000${r.group_id}`)) {
      const [year, groupId] = key.split('\u0000');
      const { closeness, report } = topsisGroup(groupRows);
      reports.push({ year: Number(year), group: groupId, ...report });
      for (const [unitId, c] of closeness) {
        app.appendInteger(Number(year));
        app.appendVarchar(groupId);
        app.appendVarchar(unitId);
        app.appendDouble(c);
        app.endRow();
      }
    }
  } finally {
    app.closeSync();
  }
  await db.run(readSql(import.meta.url, 'node_scores_topsis.sql'), { level: opts.level, min_share: opts.minShare });
  return reports;
}

/** Closeness of every unit with at least one present criterion (weight > 0) in one group. */
export function closenessByPattern(rows: InputRow[]): Map<string, number> {
  return topsisGroup(rows).closeness;
}

function topsisGroup(rows: InputRow[]): { closeness: Map<string, number>; report: Omit<TopsisReport, 'year' | 'group'> } {
  const weights = new Map<string, number>();
  const cost = new Map<string, boolean>();
  const units = new Map<string, Map<string, number>>();
  for (const r of rows) {
    weights.set(r.criterion, r.weight);
    cost.set(r.criterion, r.benefit === false);
    if (!units.has(r.unit_id)) units.set(r.unit_id, new Map());
    if (r.value !== null) units.get(r.unit_id)!.set(r.criterion, r.value);
  }
  const normalise = rows[0]?.normalise ?? 'vector';
  const criteria = [...weights.keys()].sort();
  const closeness = new Map<string, number>();
  let completeUnits = 0;
  let partialUnits = 0;
  let ideals: { ideal: number[]; antiIdeal: number[]; rawBest: number[]; rawWorst: number[] } | null = null;
  const patterns = groupBy([...units.entries()], ([, v]) => criteria.filter((c) => v.has(c)).join('\u0000'));
  for (const [pattern, members] of patterns) {
    const cols = pattern === '' ? [] : pattern.split('\u0000');
    const w = cols.map((c) => weights.get(c)!);
    if (cols.length === 0 || w.every((x) => x === 0)) continue;
    // every unit that has all of this pattern's criteria takes part in the comparison
    const peers = [...units.entries()].filter(([, v]) => cols.every((c) => v.has(c)));
    const data = peers.map(([, v]) => cols.map((c) => v.get(c)!));
    const isCost = cols.map((c) => cost.get(c)!);
    const result = rankByTopsis(data, { weights: w, criteria: cols, units: peers.map(([u]) => u), cost: isCost, normalise });
    const byUnit = new Map(peers.map(([u], i) => [u, result.closeness[i]]));
    for (const [u] of members) closeness.set(u, byUnit.get(u)!);
    if (cols.length === criteria.length) {
      completeUnits = members.length;
      const col = (j: number) => data.map((row) => row[j]);
      ideals = {
        ideal: result.ideal,
        antiIdeal: result.antiIdeal,
        rawBest: cols.map((_, j) => (isCost[j] ? Math.min(...col(j)) : Math.max(...col(j)))),
        rawWorst: cols.map((_, j) => (isCost[j] ? Math.max(...col(j)) : Math.min(...col(j)))),
      };
    } else partialUnits += members.length;
  }
  const report = {
    normalise,
    completeUnits,
    partialUnits,
    criteria: criteria.map((id, j) => ({
      id,
      weight: weights.get(id)!,
      cost: cost.get(id)!,
      ideal: ideals?.rawBest[j] ?? null,
      antiIdeal: ideals?.rawWorst[j] ?? null,
      idealWeighted: ideals?.ideal[j] ?? null,
      antiIdealWeighted: ideals?.antiIdeal[j] ?? null,
    })),
  };
  return { closeness, report };
}
