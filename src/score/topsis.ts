/**
 * TOPSIS aggregation for `aggregate: topsis` groups (meant for the composite), using the
 * project's TOPSIS in `src/weights` (`rankByTopsis`: vector normalisation, weighted, Euclidean
 * distances to the ideal and anti-ideal unit, closeness C = D⁻ / (D⁺ + D⁻), C = 0.5 when all
 * units tie). The group's score is 100 × C. Children scores are already oriented (higher is
 * better), so every criterion is a benefit.
 *
 * Missing children: a unit is compared on the children it has, against every unit that has
 * them (one TOPSIS per pattern of present children; the complete pattern is the ordinary
 * TOPSIS over all complete units). The missing-share rule of the means applies on top
 * (node_scores_topsis.sql), and renormalisation is recorded like any other.
 *
 * TOPSIS is relative to the year's units, like minmax: adding or removing a unit can move
 * everyone's closeness. The data cross into JS here (units × children, small) and back.
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
}

/** Score this level's TOPSIS groups into node_scores. */
export async function aggregateTopsis(db: Db, opts: { runId: string; level: number; minShare: number }): Promise<void> {
  await db.run(readSql(import.meta.url, 'topsis_input.sql'), { run_id: opts.runId, level: opts.level });
  const rows = await db.all<InputRow>('select * from topsis_input order by year, group_id, unit_id, criterion');
  await db.run('create or replace temp table topsis_output (year integer, group_id varchar, unit_id varchar, closeness double)');
  const app = await db.conn.createAppender('topsis_output', 'main', 'temp');
  try {
    for (const [key, groupRows] of groupBy(rows, (r) => `${r.year}\u0000${r.group_id}`)) {
      const [year, groupId] = key.split('\u0000');
      for (const [unitId, closeness] of closenessByPattern(groupRows)) {
        app.appendInteger(Number(year));
        app.appendVarchar(groupId);
        app.appendVarchar(unitId);
        app.appendDouble(closeness);
        app.endRow();
      }
    }
  } finally {
    app.closeSync();
  }
  await db.run(readSql(import.meta.url, 'node_scores_topsis.sql'), { level: opts.level, min_share: opts.minShare });
}

/** Closeness of every unit with at least one present child (weight > 0) in one group. */
export function closenessByPattern(rows: InputRow[]): Map<string, number> {
  const weights = new Map<string, number>();
  const units = new Map<string, Map<string, number>>();
  for (const r of rows) {
    weights.set(r.criterion, r.weight);
    if (!units.has(r.unit_id)) units.set(r.unit_id, new Map());
    if (r.value !== null) units.get(r.unit_id)!.set(r.criterion, r.value);
  }
  const criteria = [...weights.keys()].sort();
  const out = new Map<string, number>();
  const patterns = groupBy([...units.entries()], ([, v]) => criteria.filter((c) => v.has(c)).join('\u0000'));
  for (const [pattern, members] of patterns) {
    const cols = pattern === '' ? [] : pattern.split('\u0000');
    const w = cols.map((c) => weights.get(c)!);
    if (cols.length === 0 || w.every((x) => x === 0)) continue;
    // every unit that has all of this pattern's children takes part in the comparison
    const peers = [...units.entries()].filter(([, v]) => cols.every((c) => v.has(c)));
    const result = rankByTopsis(
      peers.map(([, v]) => cols.map((c) => v.get(c)!)),
      { weights: w, criteria: cols, units: peers.map(([u]) => u) },
    );
    const byUnit = new Map(peers.map(([u], i) => [u, result.closeness[i]]));
    for (const [u] of members) out.set(u, byUnit.get(u)!);
  }
  return out;
}
