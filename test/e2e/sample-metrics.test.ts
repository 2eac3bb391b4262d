/**
 * End to end on the bundled sample: data-samples/ raw files → `ingest` → `score` →
 * unit_year_metrics and composites, against values computed independently from the same raw
 * files (metrics-oracle.ts: csv-parse / exceljs and the rules of ../shared/domain/metrics.md,
 * no project code) and composites recomputed from indicators/<year>.yaml (composite-by-hand.ts). So
 * every leaf of the trees is checked from the files, and the composites from those leaves.
 * Exact: counts equal, every other value within 1e-9 (relative for sums of hours).
 * One ingested database for the whole file.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, loadPipeline, openDb, type Db } from '../../src/index.js';
import { scorePipeline } from '../../src/run/score-run.js';
import { computeOracle, YEARS, type Oracle } from './metrics-oracle.js';
import { compositeByHand, type MetricValues } from './composite-by-hand.js';
import { clean, get, readRaw, yearFiles } from './raw-sample.js';

const TOL = 1e-9;
const CORE = [
  'attendance_records', 'attendance_rate', 'leave_rate', 'absence_rate', 'attended_hours', 'member_months',
  'collective_study_hours', 'self_study_hours', 'exam_takers', 'exam_participation_rate', 'exam_score_rate',
  'exam_pass_rate', 'publications', 'publications_weighted', 'research_reports', 'reports_adopted', 'report_adoption_score',
];
// indicator-system.md §3 metrics the trees use (definitions as session_metrics.sql etc. document them)
const TREE_METRICS = [
  'training_hours', 'remote_sessions_per_month', 'org_life_completion', 'learning_form_diversity', 'member_led_lectures',
  'joint_study_sessions', 'study_budget_per_member', 'study_space', 'study_mechanisms', 'grassroots_research_days',
  'reports_per_leader', 'practices_promoted',
];
const COUNTS = new Set(['attendance_records', 'exam_takers', 'publications', 'research_reports', 'reports_adopted',
  'learning_form_diversity', 'member_led_lectures', 'joint_study_sessions', 'study_space', 'study_mechanisms', 'practices_promoted']);

let db: Db;
let oracle: Oracle;
let p: ReturnType<typeof loadPipeline>;
let first: Awaited<ReturnType<typeof scorePipeline>>;

/** Relative for large values (sums of hours), absolute below 1. */
function close(actual: number | null, expected: number | null): boolean {
  if (actual === null || expected === null) return actual === expected;
  return Math.abs(actual - expected) <= TOL * Math.max(1, Math.abs(expected));
}

async function metricValues(): Promise<MetricValues> {
  const rows = await db.all<{ year: number; unit_id: string; metric_id: string; value: number | null }>(
    'select year, unit_id, metric_id, value from unit_year_metrics');
  const out: MetricValues = new Map();
  for (const r of rows) {
    const byYear = out.get(r.metric_id) ?? out.set(r.metric_id, new Map()).get(r.metric_id)!;
    (byYear.get(r.year) ?? byYear.set(r.year, new Map()).get(r.year)!).set(r.unit_id, r.value);
  }
  return out;
}

async function snapshot(): Promise<{ metrics: string; scores: string }> {
  // a double's text is its shortest round-trip form: equal text ⇔ equal bits
  const m = await db.one<{ t: string }>(`select string_agg(concat_ws('|', year, unit_id, metric_id, coalesce(value::varchar, 'NULL')), chr(10)
    order by year, unit_id, metric_id) as t from unit_year_metrics`);
  const s = await db.one<{ t: string }>(`select string_agg(concat_ws('|', year, unit_id, node_id, coalesce(score::varchar, 'NULL'),
    coalesce(rank::varchar, '-'), coalesce(grade, '-')), chr(10) order by year, unit_id, node_id) as t from scores`);
  return { metrics: m!.t, scores: s!.t };
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ys-e2e-'));
  p = { ...loadPipeline('pipelines/sample.yaml'), database: join(dir, 'db.duckdb'), reports: join(dir, 'out') };
  [oracle] = await Promise.all([computeOracle(), ingest(p)]);
  db = await openDb(p.database);
  first = await scorePipeline(p, { db });
}, 600_000); // generous: the suite runs on a loaded 2-core machine
afterAll(() => db?.close());

describe('sample: metrics from the raw files = unit_year_metrics', () => {
  it('agrees on every core metric (and every metric the trees use) of every unit and year the raw files give a value for', async () => {
    const all = await metricValues();
    const wrong: string[] = [];
    const compared = new Map<string, number>();
    for (const [k, metrics] of oracle.values) {
      const [unit, year] = k.split('|');
      for (const [metric, expected] of Object.entries(metrics)) {
        const actual = all.get(metric)?.get(Number(year))?.get(unit);
        if (actual === undefined) wrong.push(`${year} ${unit} ${metric}: no row (expected ${expected})`);
        else if (COUNTS.has(metric) ? actual !== expected : !close(actual, expected)) {
          wrong.push(`${year} ${unit} ${metric}: ${actual} ≠ ${expected}`);
        }
        compared.set(metric, (compared.get(metric) ?? 0) + 1);
      }
    }
    // and nothing the raw files do not give: a value (not missing, not 0) for a unit-year the files have none for
    for (const metric of [...CORE, ...TREE_METRICS]) {
      for (const [year, units] of all.get(metric) ?? []) {
        for (const [unit, v] of units) {
          if (v !== null && v !== 0 && oracle.values.get(`${unit}|${year}`)?.[metric] === undefined) wrong.push(`${year} ${unit} ${metric}: ${v}, the files give none`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // every core metric compared for at least 19 units in each of the 5 years
    for (const metric of [...CORE, ...TREE_METRICS]) expect(compared.get(metric) ?? 0, metric).toBeGreaterThanOrEqual(19 * YEARS.length);
  });

  it('spot values worked out by hand from the files', async () => {
    const all = await metricValues();
    // 2024 department register, 第四季度 last row is a 合计 footer: not a row of 金融科技科 (or anyone)
    expect(all.get('attendance_records')!.get(2024)!.has('合计')).toBe(false);
    // the renamed 江海县支行 (2021–2022 files) and 江海区支行 are one unit with values every year
    const jh = oracle.unitIds.get('江海县支行')!;
    expect(jh).toBe(oracle.unitIds.get('江海区支行'));
    for (const y of YEARS) expect(all.get('attendance_records')!.get(y)!.get(jh), String(y)).toBeGreaterThan(0);
    // the root reports no facts: its rates have a zero denominator → missing (NULL), never 0
    const root = oracle.unitIds.get('中国人民银行江海市中心支行')!;
    for (const y of YEARS) {
      for (const metric of ['attendance_rate', 'exam_score_rate', 'report_adoption_score']) {
        expect(all.get(metric)!.get(y)!.get(root), `${y} ${metric}`).toBeNull();
      }
    }
  });
});

describe('sample: composites = the tree applied by hand', () => {
  async function profileAdjust(year: number, unitName: string): Promise<{ bonus: number; deduction: number }> {
    const rows = await readRaw(yearFiles(year, '单位概况')[0]);
    const row = rows.find((r) => clean(get(r, 'unit')) === unitName)!;
    const cell = (word: string) => Object.entries(row.cells).find(([h]) => h.includes(word))?.[1] ?? 0;
    return { bonus: Number(cell('加分')), deduction: Number(cell('扣分')) };
  }

  it.each([
    [2024, '南湖县支行'], // 加分 +2
    [2025, '征信管理科'], // its 扣分 typed as 加分 −3
    [2025, '东港县支行'], // 扣分 3
    [2022, '国库科'], // weak unit, no adjustment
  ])('%i %s', async (year, unitName) => {
    const unit = oracle.unitIds.get(unitName)!;
    const adjust = await profileAdjust(year, unitName);
    const hand = compositeByHand(year, unit, await metricValues(), adjust);
    const row = await db.one<{ score: number; weighted: number; bonus: number; deduction: number }>(
      'select score, weighted, bonus, deduction from scores where year = $year and unit_id = $unit and level = 0', { year, unit });
    expect(Math.abs(row!.weighted - hand.weighted)).toBeLessThan(TOL);
    expect(row!.bonus).toBe(hand.bonus);
    expect(row!.deduction).toBe(hand.deduction);
    expect(Math.abs(row!.score - hand.score)).toBeLessThan(TOL);
    const dims = await db.all<{ node_id: string; score: number | null }>(
      'select node_id, score from scores where year = $year and unit_id = $unit and level = 1', { year, unit });
    for (const d of dims) expect(Math.abs(d.score! - hand.dimensions[d.node_id]!), d.node_id).toBeLessThan(TOL);
    expect(dims).toHaveLength(Object.keys(hand.dimensions).length);
  });

  it('the adjustments of the chosen units are really there (+2, −3 as 加分, 3)', async () => {
    expect((await profileAdjust(2024, '南湖县支行')).bonus).toBe(2);
    expect((await profileAdjust(2025, '征信管理科')).bonus).toBe(-3);
    expect((await profileAdjust(2025, '东港县支行')).deduction).toBe(3);
  });
});

describe('sample: re-scoring unchanged data', () => {
  it('gives bit-identical unit_year_metrics and scores and the same input_hash, whatever the threads', async () => {
    const before = await snapshot();
    const hashes = first.years.map((y) => [y.year, y.inputHash]);
    for (const threads of [1]) { // the first run used the default (2 on the test machine)
      await db.run(`SET threads = ${threads}`);
      const again = await scorePipeline(p, { db });
      expect(again.years.map((y) => [y.year, y.inputHash]), `threads ${threads}`).toEqual(hashes);
      const after = await snapshot();
      expect(after.metrics === before.metrics, `unit_year_metrics, threads ${threads}`).toBe(true);
      expect(after.scores === before.scores, `scores, threads ${threads}`).toBe(true);
    }
  }, 300_000);
});
