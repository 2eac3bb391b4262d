/**
 * Issue 12, item 2 — objective weights inside the indicator file, end to end:
 *
 *   score 2025 (base tree) → `weights entropy --from … --group 学习条件 --json`
 *   → `weights combine --subjective (the file's own weights) --objective entropy --write draft.yaml`
 *   → `check` accepts the draft → scoring with the draft equals scoring with
 *   `weights_from: {method: combined, subjective: weights, objective: entropy, mode: multiplicative}`
 *   to 1e-9 on every composite.
 *
 * Expected weights are computed here by hand (goalposts normalisation, Shannon entropy on the
 * shares, s·o renormalised), not with the library functions under test.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runWeights } from './run-weights.js';
import { checkIndicatorFile } from '../../src/indicators/check-file.js';
import { DEFAULT_METRIC_IDS } from '../../src/indicators/default-metrics.js';
import { loadIndicatorTree } from '../../src/indicators/load-tree.js';
import { scoreYear } from '../../src/score/score.js';
import { openDb } from '../../src/store/db.js';
import { seedInputs, type MetricRow } from '../score/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'weights-in-tree-'));
const database = join(dir, 'y.duckdb');
const pipeline = join(dir, 'pipeline.yaml');
const base = join(dir, 'base.yaml');
const draft = join(dir, 'draft.yaml');
const combined = join(dir, 'combined.yaml');

const LEAVES = ['study_mechanisms', 'remote_sessions_per_month', 'attendance_rate'] as const;
const GOALPOSTS: Record<string, [number, number]> = {
  study_mechanisms: [0, 5],
  remote_sessions_per_month: [0, 2],
  attendance_rate: [0.5, 0.9],
  exam_score_rate: [0.6, 0.95],
  training_hours: [0, 32],
};
const SUBJECTIVE = [0.5, 0.3, 0.2];

// u6 has no remote sessions: left out of the entropy computation (and said), still scored.
// hq is the organisation's root: never one of the evaluated, its values do not count.
const DATA: Record<string, Record<string, number | null>> = {
  u1: { study_mechanisms: 5, remote_sessions_per_month: 2, attendance_rate: 0.9, exam_score_rate: 0.9, training_hours: 30 },
  u2: { study_mechanisms: 4, remote_sessions_per_month: 1.5, attendance_rate: 0.8, exam_score_rate: 0.85, training_hours: 20 },
  u3: { study_mechanisms: 3, remote_sessions_per_month: 1, attendance_rate: 0.85, exam_score_rate: 0.7, training_hours: 25 },
  u4: { study_mechanisms: 5, remote_sessions_per_month: 0.5, attendance_rate: 0.6, exam_score_rate: 0.95, training_hours: 10 },
  u5: { study_mechanisms: 2, remote_sessions_per_month: 2, attendance_rate: 0.7, exam_score_rate: 0.8, training_hours: 32 },
  u6: { study_mechanisms: 4, remote_sessions_per_month: null, attendance_rate: 0.75, exam_score_rate: 0.75, training_hours: 16 },
  hq: { study_mechanisms: 1, remote_sessions_per_month: 0, attendance_rate: 0.5, exam_score_rate: 0.6, training_hours: 0 },
};

const TREE = (conditionsHead: string, w: [string, string, string]) => `# 测试用指标体系 / test tree
year: 2025
label: {zh: 测试, en: test}
composite: {id: total, label: {zh: 综合得分, en: Composite}}
dimensions:
  - id: conditions
    label: {zh: 学习条件, en: Conditions}
    weight: 40                     # 40 分
${conditionsHead}    indicators:
      - id: study_mechanisms
        label: {zh: 学习制度与档案, en: Mechanisms}
        weight: ${w[0]}                 # 制度齐全满分
        metric: study_mechanisms
        normalise: {method: goalposts, lo: 0, hi: 5}
      - {id: remote_sessions_per_month, label: {zh: 远程学习场次, en: Remote}, weight: ${w[1]}, metric: remote_sessions_per_month, normalise: {method: goalposts, lo: 0, hi: 2}}   # 每月 2 次满分
      - id: attendance_rate
        label: {zh: 出勤率, en: Attendance}
        weight: ${w[2]}
        metric: attendance_rate
        normalise: {method: goalposts, lo: 0.5, hi: 0.9}
  - id: outcomes
    label: {zh: 学习成效, en: Outcomes}
    weight: 60                     # 60 分
    indicators:
      - {id: exam_score_rate, label: {zh: 考试得分率, en: Exam}, weight: 60, metric: exam_score_rate, normalise: {method: goalposts, lo: 0.6, hi: 0.95}}
      - {id: training_hours, label: {zh: 人均培训学时, en: Training}, weight: 40, metric: training_hours, normalise: {method: goalposts, lo: 0, hi: 32}}
`;

const normalised = (metric: string, x: number) => {
  const [lo, hi] = GOALPOSTS[metric];
  return 100 * Math.min(1, Math.max(0, (x - lo) / (hi - lo)));
};

/** Shannon entropy weights on the shares, by hand (Zeleny 1982): units u1…u5 (u6 incomplete, hq the root). */
function handEntropy(): number[] {
  const units = ['u1', 'u2', 'u3', 'u4', 'u5'];
  const d = LEAVES.map((m) => {
    const y = units.map((u) => normalised(m, DATA[u][m]!));
    const total = y.reduce((a, b) => a + b, 0);
    const h = y.reduce((s, v) => (v > 0 ? s - (v / total) * Math.log(v / total) : s), 0);
    return 1 - h / Math.log(units.length);
  });
  const sum = d.reduce((a, b) => a + b, 0);
  return d.map((x) => x / sum);
}

const expectedObjective = handEntropy();
const products = SUBJECTIVE.map((s, j) => s * expectedObjective[j]);
const expectedCombined = products.map((p) => p / products.reduce((a, b) => a + b, 0));

const cli = runWeights;

async function score(file: string) {
  const { tree, issues } = loadIndicatorTree(file, DEFAULT_METRIC_IDS);
  if (!tree) throw new Error(JSON.stringify(issues));
  const db = await openDb(database);
  try {
    const summary = await scoreYear(db, tree, { year: 2025 });
    const run = await db.one<{ params_json: string; tree_json: string }>('select params_json, tree_json from runs where run_id = $r', { r: summary.runId });
    return { summary, params: JSON.parse(run!.params_json), tree: JSON.parse(run!.tree_json) };
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  writeFileSync(pipeline, `database: ${database}\nsources:\n  - {kind: units, files: units.csv}\n`);
  writeFileSync(base, TREE('', ['50', '30', '20']));
  copyFileSync(base, draft);
  writeFileSync(combined, TREE('    weights_from: {method: combined, subjective: weights, objective: entropy, mode: multiplicative}\n', ['50', '30', '20']));
  const rows: MetricRow[] = Object.entries(DATA).flatMap(([u, m]) =>
    Object.entries(m).flatMap(([k, v]) => (v === null ? [] : [[2025, u, k, v] as MetricRow])),
  );
  const db = await openDb(database);
  try {
    await seedInputs(db, rows);
    await db.run(`create table units (unit_id varchar, name varchar, parent_id varchar, unit_type varchar,
      valid_from integer, valid_to integer, source_file varchar, source_row integer)`);
    for (const [i, u] of Object.keys(DATA).entries()) {
      await db.run(`insert into units values ($u, $u, $p, 'branch', null, null, 'units.csv', $r)`, { u, p: u === 'hq' ? null : 'hq', r: i + 2 });
    }
  } finally {
    db.close();
  }
  await score(base); // the official 2025 scores: what `--from` reads
});

describe('objective weights inside the indicator file (issue 12, item 2)', () => {
  it('writes entropy-combined weights into a draft (12 decimals, exactly 100, comments kept), check accepts it, and scoring with weights_from combined gives the same composites to 1e-9', async () => {
    const entropy = await cli('entropy', '--from', pipeline, '--year', '2025', '--group', '学习条件', '--json');
    const ent = JSON.parse(entropy.out);
    expect(ent.criteria).toEqual([...LEAVES]);
    expectedObjective.forEach((w, j) => expect(ent.weights[j]).toBeCloseTo(w, 12));
    expect(ent.source.units).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    writeFileSync(join(dir, 'entropy.json'), entropy.out);
    writeFileSync(join(dir, 'subjective.json'), JSON.stringify({ method: 'weights', criteria: [...LEAVES], weights: SUBJECTIVE }));

    const { err } = await cli('combine', '--subjective', join(dir, 'subjective.json'), '--objective', join(dir, 'entropy.json'),
      '--mode', 'multiplicative', '--write', draft, '--group', '学习条件');
    expect(err).toContain(`wrote the weights of conditions's children into ${draft}`);

    // Only the three weight values changed; every comment and flow map is as written.
    const before = readFileSync(base, 'utf8').split('\n');
    const after = readFileSync(draft, 'utf8').split('\n');
    expect(after.length).toBe(before.length);
    const changed = after.map((l, i) => (l === before[i] ? -1 : i)).filter((i) => i >= 0);
    expect(changed).toHaveLength(3);
    expect(after[changed[1]]).toMatch(/weight: [\d.]+, metric: remote_sessions_per_month.*# 每月 2 次满分$/);
    expect(after[changed[0]]).toMatch(/# 制度齐全满分$/);
    const written = changed.map((i) => /weight: ([\d.]+)/.exec(after[i])![1]);
    // Sum exactly 100 in decimal (12 places → integer units of 1e-12 %), each the hand weight to 1e-10 %.
    const units = written.map((t) => BigInt(t.replace('.', '') + '0'.repeat(12 - (t.split('.')[1]?.length ?? 0))));
    expect(units.reduce((a, b) => a + b, 0n)).toBe(100n * 10n ** 12n);
    written.forEach((t, j) => expect(Math.abs(Number(t) - 100 * expectedCombined[j])).toBeLessThan(1e-10));

    const report = await checkIndicatorFile(draft);
    expect(report).toContain('通过 OK');

    const frozen = await score(draft);
    const live = await score(combined);
    const composites = (s: typeof frozen) => Object.fromEntries(s.summary.results.map((r) => [r.unit_id, r.score]));
    const a = composites(frozen);
    const b = composites(live);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const u of Object.keys(a)) {
      if (a[u] === null) expect(b[u]).toBeNull();
      else expect(Math.abs(a[u]! - b[u]!)).toBeLessThan(1e-9);
    }
    // u1 by hand: 0.4 × Σ w·n(conditions) + 0.6 × (0.6·n(exam) + 0.4·n(training)).
    const n = (m: string) => normalised(m, DATA.u1[m]!);
    const u1 = 0.4 * LEAVES.reduce((s, m, j) => s + expectedCombined[j] * n(m), 0) + 0.6 * (0.6 * n('exam_score_rate') + 0.4 * n('training_hours'));
    expect(Math.abs(b.u1! - u1)).toBeLessThan(1e-9);

    // The run log records the weights used, per group, and the units they came from.
    const used = live.params.dataWeights;
    expect(used).toHaveLength(1);
    expect(used[0]).toMatchObject({ group: 'conditions', method: 'combined', objective: 'entropy', mode: 'multiplicative', children: [...LEAVES], units: ['u1', 'u2', 'u3', 'u4', 'u5'], incomplete: ['u6'] });
    expectedCombined.forEach((w, j) => expect(used[0].weights[j]).toBeCloseTo(w, 12));
    SUBJECTIVE.forEach((w, j) => expect(used[0].subjective[j]).toBeCloseTo(w, 12));
    const inTree = live.tree.nodes.filter((x: { parentId: string }) => x.parentId === 'conditions');
    expectedCombined.forEach((w, j) => expect(inTree[j].weight).toBeCloseTo(w, 12));
    expectedCombined.forEach((w, j) => expect(inTree[j].effectiveWeight).toBeCloseTo(0.4 * w, 12));
    // u6's gap is reported with the run's warnings, naming the file.
    const dropped = live.summary.warnings.find((w) => w.code === 'units_dropped');
    expect(dropped?.message).toContain('u6（remote_sessions_per_month）');
    expect(dropped?.file).toBe(combined);
  });
});
