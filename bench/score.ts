/**
 * Scoring benchmark (issue #3): 2000 units × 5 years × 20 indicators scored with
 * the real engine, then repeated re-scorings of one year with perturbed weights
 * (each weight ×U(0.8, 1.2), renormalised by the tree builder), timed per run.
 * Data stays in DuckDB; only the tree crosses from JS.
 */
import { withDb, type Db } from '../src/store/db.js';
import { buildTree } from '../src/indicators/load-tree.js';
import { IndicatorFileSchema } from '../src/indicators/indicator-schema.js';
import { scoreYear } from '../src/score/score.js';
import { Rng } from '../src/generate/random.js';

const UNITS = 2000, YEARS = [2021, 2022, 2023, 2024, 2025], DIMS = 4, PER_DIM = 5;

function treeSpec(year: number, rng?: Rng) {
  const w = (base: number) => (rng ? Math.round(base * (0.8 + 0.4 * rng.next()) * 1000) / 1000 : base);
  const dims = Array.from({ length: DIMS }, (_, d) => ({
    id: `d${d}`, label: { zh: `维度${d}`, en: `Dimension ${d}` }, weight: w(25),
    indicators: Array.from({ length: PER_DIM }, (_, i) => ({
      id: `m${d}_${i}`, label: { zh: `指标${d}-${i}`, en: `Indicator ${d}-${i}` }, weight: w(20), metric: `m${d}_${i}`,
      normalise: i % 2 ? 'minmax' : { method: 'goalposts', lo: 0, hi: 100 },
    })),
  }));
  // Perturbed weights no longer sum to 100: rescale explicitly, as an office would.
  const fix = <T extends { weight: number }>(xs: T[]) => { const s = xs.reduce((a, x) => a + x.weight, 0); xs.forEach((x) => (x.weight = (x.weight * 100) / s)); return xs; };
  fix(dims).forEach((d) => fix(d.indicators));
  return { year, label: { zh: '基准', en: 'bench' }, dimensions: dims };
}

/** A database with 2000 units × 5 years × 20 indicators of metrics (nothing scored yet). */
export async function seedBenchDb(db: Db): Promise<void> {
    await db.run(`CREATE TABLE units AS SELECT 'U' || i AS unit_id, 'U' || i AS name, NULL::VARCHAR AS parent_id,
      CASE WHEN i % 3 = 0 THEN 'county' ELSE 'department' END AS unit_type, NULL::INTEGER AS valid_from, NULL::INTEGER AS valid_to,
      'bench' AS source_file, i::INTEGER AS source_row FROM range(${UNITS}) t(i)`);
    await db.run(`CREATE TABLE unit_year_metrics AS
      SELECT y::INTEGER AS year, 'U' || u AS unit_id, 'm' || d || '_' || k AS metric_id, (hash(u, y, d, k) % 10000) / 100.0 AS value
      FROM range(${UNITS}) a(u), range(${YEARS[0]}, ${YEARS[YEARS.length - 1] + 1}) b(y), range(${DIMS}) c(d), range(${PER_DIM}) e(k)`);
}

/** Score every bench year with the unperturbed tree. */
export async function scoreBenchYears(db: Db): Promise<void> {
  for (const y of YEARS) await scoreYear(db, buildTree(IndicatorFileSchema.parse(treeSpec(y))), { year: y });
}

export async function benchScore(rescorings: number): Promise<string[]> {
  return withDb(async (db) => {
    await seedBenchDb(db);
    const t0 = performance.now();
    await scoreBenchYears(db);
    const all = (performance.now() - t0) / 1000;
    const rng = new Rng(1);
    const t1 = performance.now();
    for (let r = 0; r < rescorings; r++) {
      await scoreYear(db, buildTree(IndicatorFileSchema.parse(treeSpec(2025, rng))), { year: 2025, runId: `perturbed-${r}` });
    }
    const per = (performance.now() - t1) / rescorings;
    return [
      `  score ${UNITS} units × ${YEARS.length} years × ${DIMS * PER_DIM} indicators: ${all.toFixed(2)} s (${((all / YEARS.length) * 1000).toFixed(0)} ms per year)`,
      `  re-score one year with perturbed weights: ${per.toFixed(0)} ms per run → ${((per * 1000) / 1000).toFixed(0)} s for 1000 runs (measured over ${rescorings})`,
    ];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 50);
  console.log(`\n== scoring ==`);
  for (const line of await benchScore(n)) console.log(line);
}
