/**
 * `yardstick weights entropy|critic --from <pipeline> --year Y --group <node>`: the unit ×
 * indicator table of a tree group read from the database (tree_nodes + indicator_values of
 * the year's scoring run), with missing values dropped or filled and reported.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runWeights } from './run-weights.js';
import { openDb } from '../../src/store/db.js';
import { contractOf, createTableSql } from '../../src/score/contract.js';

const dir = mkdtempSync(join(tmpdir(), 'weights-db-'));
const database = join(dir, 'y.duckdb');
const pipeline = join(dir, 'pipeline.yaml');

// The hand-derived entropy example of entropy.test.ts (Shannon entropy weights, Zeleny 1982) as
// normalised scores of four leaves under group `g` (学习条件): w = (2/7, 1/7, 0, 4/7).
const HAND: Record<string, number[]> = { u1: [2, 2, 3, 7], u2: [2, 1, 3, 0], u3: [0, 1, 3, 0], u4: [0, 0, 3, 0] };
const LEAVES = ['a', 'b', 'c', 'd'];

const run = runWeights;

beforeAll(async () => {
  writeFileSync(pipeline, `database: ${database}\nsources:\n  - {kind: units, files: units.csv}\n`);
  const db = await openDb(database);
  try {
    for (const t of ['tree_nodes', 'indicator_values', 'scores']) await db.run(createTableSql(contractOf(t)));
    const node = (id: string, parent: string | null, level: number, pos: number, metric: string | null, label: string, direction: string | null = null) =>
      db.run(`INSERT INTO tree_nodes (run_id, year, node_id, parent_id, level, position, weight, direction, metric_id, label_zh, label_en)
              VALUES ('r1', 2025, $id, $parent, $level, $pos, 0.25, $direction, $metric, $label, $label)`,
        { id, parent, level, pos, metric, label, direction });
    await node('total', null, 0, 0, null, '综合得分');
    await node('g', 'total', 1, 0, null, '学习条件');
    await node('h', 'total', 1, 1, null, '学习成效');
    for (const [j, id] of LEAVES.entries()) await node(id, 'g', 2, j, id, `指标${id.toUpperCase()}`, id === 'd' ? 'lower_is_better' : 'higher_is_better');
    await node('x', 'h', 2, 0, 'x', '指标X');
    const value = (unit: string, id: string, normalised: number | null, raw: number | null) =>
      db.run(`INSERT INTO indicator_values (year, unit_id, indicator_id, raw, normalised, run_id) VALUES (2025, $unit, $id, $raw, $normalised, 'r1')`,
        { unit, id, raw, normalised });
    for (const [u, row] of Object.entries(HAND)) for (const [j, id] of LEAVES.entries()) await value(u, id, row[j], row[j] * 10);
    // u5 has no value for b: dropped by default, filled with the mean of u1…u4 (1) with --missing mean.
    for (const [j, id] of LEAVES.entries()) await value('u5', id, id === 'b' ? null : [1, 0, 3, 1][j], null);
    // u0 is the organisation's root: never an evaluated unit, even with values.
    for (const id of LEAVES) await value('u0', id, 50, 50);
    await db.run(`INSERT INTO scores (year, unit_id, node_id, level, score, grade_status) VALUES (2025, 'u0', 'total', 0, NULL, 'root')`);
  } finally {
    db.close();
  }
});

describe('weights --from a pipeline database', () => {
  it('entropy of group 学习条件 (by label) from normalised scores: the hand example, with u5 dropped and reported', async () => {
    const { out, err } = await run('entropy', '--from', pipeline, '--year', '2025', '--group', '学习条件', '--json');
    const json = JSON.parse(out);
    expect(json.criteria).toEqual(LEAVES);
    [2 / 7, 1 / 7, 0, 4 / 7].forEach((w, j) => expect(json.weights[j]).toBeCloseTo(w, 12));
    expect(json.source).toMatchObject({ pipeline, year: 2025, group: 'g', values: 'normalised', missing: 'drop', units: ['u1', 'u2', 'u3', 'u4'] });
    expect(err).toContain('1 unit(s) with missing values left out: u5（b）');
    // c is constant across the units: weight 0, below the 1% floor, and said why.
    expect(err).toContain('“c”');
    expect(err).toContain('every unit has the same value');
    expect(err).toContain(pipeline);
  });

  it('--missing mean fills u5’s gap with the mean of b over u1…u4 (= 1) and says so', async () => {
    const { out, err } = await run('entropy', '--from', pipeline, '--year', '2025', '--group', 'g', '--missing', 'mean', '--names', 'label', '--json');
    const json = JSON.parse(out);
    expect(json.criteria).toEqual(['指标A', '指标B', '指标C', '指标D']);
    // by hand (entropy of the column proportions, k = 1/ln 5): a 2,2,0,0,1; b 2,1,1,0,1; c constant (d = 0); d 7,0,0,0,1
    const e = (ps: number[]) => -ps.reduce((s, p) => s + p * Math.log(p), 0) / Math.log(5);
    const d = [1 - e([0.4, 0.4, 0.2]), 1 - e([0.4, 0.2, 0.2, 0.2]), 0, 1 - e([7 / 8, 1 / 8])];
    const expected = d.map((x) => x / (d[0] + d[1] + d[3]));
    expected.forEach((w, j) => expect(json.weights[j]).toBeCloseTo(w, 12));
    expect(err).toContain('missing values of 1 unit(s) filled with the criterion mean: u5（指标B）');
  });

  it('raw values make lower-is-better leaves cost criteria (CRITIC reverses them)', async () => {
    const { out } = await run('critic', '--from', pipeline, '--year', '2025', '--group', 'g', '--values', 'raw', '--json');
    const json = JSON.parse(out);
    expect(json.cost).toEqual(['d']);
    expect(json.source.units).toEqual(['u1', 'u2', 'u3', 'u4']); // u5 has no raw values at all
  });

  it('names the pipeline when the year is not scored or the group does not exist; refuses a CSV with --from', async () => {
    await expect(run('entropy', '--from', pipeline, '--year', '2024', '--group', 'g')).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'year_not_scored', file: pipeline })],
    });
    await expect(run('entropy', '--from', pipeline, '--year', '2025', '--group', 'nope')).rejects.toThrow(/one of: total 综合得分, g 学习条件, h 学习成效/);
    await expect(run('entropy', '--from', pipeline, '--year', '2025', '--group', 'h')).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'too_few_children' })],
    });
    await expect(run('entropy', 'x.csv', '--from', pipeline)).rejects.toThrow(/not both/);
  });
});
