/**
 * Sensitivity bench: 2000 units × 20 indicators (4 dimensions × 5), synthetic normalised values
 * in an in-memory DuckDB in the contract table shapes, 1000 Monte Carlo runs over the weights.
 * `benchSensitivity()` returns a printable line; bench/run.ts calls it.
 */
import { withDb } from '../src/store/db.js';
import { SCORE_CONTRACT, createTableSql } from '../src/score/contract.js';
import type { IndicatorTree, TreeNode } from '../src/indicators/indicator-schema.js';
import { Rng } from '../src/generate/random.js';
import { loadSensitivityInput, simulateWeights } from '../src/analyse/sensitivity.js';

export function syntheticTree(dims = 4, perDim = 5, year = 2025): IndicatorTree {
  const label = (id: string) => ({ zh: id, en: id });
  const nodes: TreeNode[] = [{ id: 'total', parentId: null, level: 0, position: 0, label: label('total'), weight: 1, effectiveWeight: 1, metric: null, direction: null, normalise: null, aggregate: 'arithmetic' }];
  for (let d = 0; d < dims; d++) {
    const dw = 1 / dims;
    nodes.push({ id: `d${d}`, parentId: 'total', level: 1, position: d, label: label(`d${d}`), weight: dw, effectiveWeight: dw, metric: null, direction: null, normalise: null, aggregate: 'arithmetic' });
    for (let i = 0; i < perDim; i++) {
      const id = `d${d}_i${i}`;
      nodes.push({ id, parentId: `d${d}`, level: 2, position: i, label: label(id), weight: 1 / perDim, effectiveWeight: dw / perDim, metric: id, direction: 'higher_is_better', normalise: { method: 'minmax', lo: null, hi: null, target: null, cap: null }, aggregate: null });
    }
  }
  return {
    file: null, year, label: label('bench'), rootId: 'total', nodes,
    grades: [{ grade: '优秀', en: null, min: 90, maxShare: null }, { grade: '良好', en: null, min: 80, maxShare: null }, { grade: '一般', en: null, min: 60, maxShare: null }, { grade: '较差', en: null, min: null, maxShare: null }],
    grading: { method: 'bands', rounding: 'floor', ties: { rule: 'all_in', nodes: [] } },
    bonus: [], deductions: [], veto: [], missing: { minShare: 0.5 },
  };
}

export async function benchSensitivity(opts: { units?: number; runs?: number } = {}): Promise<string> {
  const U = opts.units ?? 2000;
  const runs = opts.runs ?? 1000;
  const tree = syntheticTree();
  const leaves = tree.nodes.filter((n) => n.metric !== null);
  return withDb(async (db) => {
    for (const t of SCORE_CONTRACT) await db.run(createTableSql(t));
    const rng = new Rng(42);
    const app = await db.conn.createAppender('indicator_values');
    for (let u = 0; u < U; u++) {
      const skill = rng.next();
      for (const l of leaves) {
        const v = Math.min(100, Math.max(0, 100 * (0.6 * skill + 0.4 * rng.next())));
        app.appendInteger(2025); app.appendVarchar(`U${String(u).padStart(5, '0')}`); app.appendVarchar(l.id);
        app.appendDouble(v); app.appendDouble(v); app.appendDouble(l.weight); app.appendDouble(l.effectiveWeight);
        app.appendDouble(v * l.effectiveWeight); app.appendVarchar('bench'); app.endRow();
      }
    }
    app.closeSync();
    await db.run(`insert into scores (year, unit_id, node_id, level, score, rank, rank_in_type, grade, run_id, weighted, bonus, deduction, grade_status)
      select 2025, unit_id, 'total', 0, s, rank() over (order by s desc), rank() over (order by s desc),
             case when s >= 90 then '优秀' when s >= 80 then '良好' when s >= 60 then '一般' else '较差' end, 'bench',
             s, 0, 0, 'graded'
      from (select unit_id, sum(contribution) as s from indicator_values group by unit_id)`);
    await db.run(`insert into runs values ('bench', now()::timestamp, 'score', $tree, $params, '', '[]')`, {
      tree: JSON.stringify(tree), params: JSON.stringify({ year: 2025, minShare: 0.5, minShareOverride: null, geometricFloor: 1, treeFile: null }),
    });
    const t0 = performance.now();
    const input = await loadSensitivityInput(db, 2025);
    const t1 = performance.now();
    const res = simulateWeights(input, { runs, band: 0.2, seed: 1 });
    const t2 = performance.now();
    return `sensitivity: ${U} units × ${leaves.length} indicators × ${runs} runs: ${((t2 - t1) / 1000).toFixed(2)} s simulate + ${((t1 - t0) / 1000).toFixed(2)} s load · mean |rank shift| ${res.meanAbsShift.toFixed(1)} · borderline ${res.borderline}`;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchSensitivity());
}
