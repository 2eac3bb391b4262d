import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerWeightsCommand } from '../../src/cli/commands/weights.js';
import { YardstickError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'weights-cli-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// Saaty textbook 3×3 (see ahp.test.ts): w = (0.636986, 0.258285, 0.104729), CR = 0.033199.
const matrix = file('matrix.csv', '\uFEFF,条件,过程,成效\n条件,1,3,5\n过程,1/3,1,3\n成效,1/5,1/3,1\n');
// Consistent (0.4, 0.3, 0.2, 0.1) with A vs D reversed to 1/4: CR = 0.4026 (see ahp.test.ts).
const bad = file('bad.csv', ',A,B,C,D\nA,1,4/3,2,1/4\nB,3/4,1,3/2,3\nC,1/2,2/3,1,2\nD,4,1/3,1/2,1\n');
// The hand-derived entropy example (see entropy.test.ts): w = (2/7, 1/7, 0, 4/7).
const data = file('data.csv', 'unit,A,B,C,D\nu1,2,2,3,7\nu2,2,1,3,0\nu3,0,1,3,0\nu4,0,0,3,0\n');

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let exitCode: number | undefined;
  const program = new Command().exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  registerWeightsCommand(program, { write: (s) => out.push(s), writeError: (s) => err.push(s), setExitCode: (c) => (exitCode = c) });
  await program.parseAsync(['weights', ...args], { from: 'user' });
  return { out: out.join(''), err: err.join(''), exitCode };
}

describe('yardstick weights ahp', () => {
  it('--json prints the contract keys in order', async () => {
    const { out, exitCode, err } = await run('ahp', matrix, '--json');
    const json = JSON.parse(out);
    expect(Object.keys(json).slice(0, 9)).toEqual(['method', 'criteria', 'weights', 'lambdaMax', 'ci', 'ri', 'cr', 'consistent', 'riTable']);
    expect(json).toMatchObject({ method: 'ahp', criteria: ['条件', '过程', '成效'], ri: 0.58, consistent: true, riTable: 'saaty' });
    expect(json.weights[0]).toBeCloseTo(0.636986, 6);
    expect(json.cr).toBeCloseTo(0.033199, 6);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(exitCode).toBeUndefined();
    expect(err).toBe('');
  });

  it('human output: aligned table with percent weights and the consistency line', async () => {
    const { out } = await run('ahp', matrix, '--ri', 'alonso-lamata');
    expect(out).toContain('指标 Criterion');
    expect(out).toMatch(/条件\s+63\.70%/);
    expect(out).toMatch(/成效\s+10\.47%/);
    expect(out).toContain('RI = 0.5245 (alonso-lamata)');
    expect(out).toContain('一致 / consistent');
  });

  it('a refused matrix still prints its JSON, reports the worst judgement and sets exit code 1', async () => {
    const { out, err, exitCode } = await run('ahp', bad, '--json');
    const json = JSON.parse(out);
    expect(json.consistent).toBe(false);
    expect(json.cr).toBeCloseTo(0.402553, 5);
    expect(json.mostInconsistent).toMatchObject({ from: 'A', to: 'D', given: 0.25 });
    expect(err).toContain(`${bad} 判断矩阵不一致 CR=0.403 ≥ 0.1；最不一致的判断：A 对 D（给定 1/4`);
    expect(exitCode).toBe(1);
  });
});

describe('yardstick weights entropy / critic', () => {
  it('entropy --json gives weights and diagnostics', async () => {
    const json = JSON.parse((await run('entropy', data, '--json')).out);
    expect(json).toMatchObject({ method: 'entropy', criteria: ['A', 'B', 'C', 'D'], normalise: 'proportion', cost: [] });
    [2 / 7, 1 / 7, 0, 4 / 7].forEach((w, j) => expect(json.weights[j]).toBeCloseTo(w, 12));
    expect(json.diagnostics.entropy[1]).toBeCloseTo(0.75, 12);
  });

  it('entropy --cost needs --normalise minmax; with it the cost column is recorded', async () => {
    await expect(run('entropy', data, '--cost', 'B')).rejects.toThrow(/only apply with --normalise minmax/);
    const json = JSON.parse((await run('entropy', data, '--normalise', 'minmax', '--cost', 'B，D', '--json')).out);
    expect(json.cost).toEqual(['B', 'D']);
    expect(json.weights.reduce((s: number, w: number) => s + w, 0)).toBeCloseTo(1, 12);
  });

  it('unknown --cost names are user errors', async () => {
    const e = await run('critic', data, '--cost', 'Z').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(YardstickError);
    expect((e as YardstickError).issues[0]).toMatchObject({ code: 'unknown_criterion', path: '--cost' });
  });

  it('critic --json and the human table with the constant-column note', async () => {
    const json = JSON.parse((await run('critic', data, '--json')).out);
    expect(json).toMatchObject({ method: 'critic', criteria: ['A', 'B', 'C', 'D'] });
    expect(json.weights[2]).toBe(0);
    expect(json.sigma).toHaveLength(4);
    expect(json.conflict).toHaveLength(4);
    const { out } = await run('critic', data);
    expect(out).toContain('标准差 σ');
    expect(out).toMatch(/constant across units, weight 0: C/);
  });
});

describe('yardstick weights combine', () => {
  it('combines the JSON outputs of ahp and entropy by criterion name', async () => {
    const subjective = file('ahp.json', (await run('ahp', matrix, '--json')).out);
    const objective = file(
      'obj.json',
      JSON.stringify({ method: 'entropy', criteria: ['成效', '条件', '过程'], weights: [0.5, 0.25, 0.25] }),
    );
    const json = JSON.parse((await run('combine', '--subjective', subjective, '--objective', objective, '--mode', 'linear', '--alpha', '0.4', '--json')).out);
    expect(json).toMatchObject({ method: 'combine', mode: 'linear', alpha: 0.4, criteria: ['条件', '过程', '成效'] });
    expect(json.weights[0]).toBeCloseTo(0.4 * 0.636986 + 0.6 * 0.25, 6);
    expect(json.subjective.method).toBe('ahp');
    const human = (await run('combine', '--subjective', subjective, '--objective', objective, '--mode', 'multiplicative')).out;
    expect(human).toContain('组合 Combined');
    expect(human).toContain('乘法 multiplicative');
  });

  it('refuses an inconsistent AHP result and a bad --alpha', async () => {
    const refused = file('bad.json', (await run('ahp', bad, '--json')).out);
    const objective = file('obj4.json', JSON.stringify({ criteria: ['A', 'B', 'C', 'D'], weights: [0.25, 0.25, 0.25, 0.25] }));
    await expect(run('combine', '--subjective', refused, '--objective', objective, '--mode', 'linear')).rejects.toThrow(/failed the consistency check/);
    const ok = file('ok4.json', JSON.stringify({ criteria: ['A', 'B', 'C', 'D'], weights: [0.4, 0.3, 0.2, 0.1] }));
    await expect(run('combine', '--subjective', ok, '--objective', objective, '--mode', 'linear', '--alpha', 'x')).rejects.toThrow(
      /between 0 and 1/,
    );
    await expect(run('combine', '--subjective', file('nope.json', '{"weights":[1]}'), '--objective', objective, '--mode', 'linear')).rejects.toThrow(
      /not a weights JSON/,
    );
  });
});
