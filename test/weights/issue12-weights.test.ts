/**
 * Issue 12, weights slice: printed weights that sum to 100, `combine` with published
 * 4-decimal inputs, AHP past n = 15, and low-weight warnings of the data methods.
 * Expected values come from the cited publications or are derived by hand below.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWeights } from './run-weights.js';
import { isYardstickError } from '../../src/errors.js';
import { computeAhp } from '../../src/weights/ahp.js';
import { combineWeights } from '../../src/weights/combine.js';
import { computeCriticWeights } from '../../src/weights/critic.js';
import { computeEntropyWeights } from '../../src/weights/entropy.js';
import { criticLowWeights, entropyLowWeights } from '../../src/weights/low-weights.js';
import { randomIndex, RI_TABLES } from '../../src/weights/random-index.js';
import { largestRemainder, percentsToHundred, roundToHundred } from '../../src/weights/round-weights.js';

const dir = mkdtempSync(join(tmpdir(), 'weights-12-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const run = runWeights;

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('printed weights sum to exactly 100 (largest remainder)', () => {
  it('Wikipedia “Largest remainder method” example (Hare quota, 10 seats): 5, 2, 1, 1, 1, 0', () => {
    // Votes Yellows 47,000 · Whites 16,000 · Reds 15,800 · Greens 12,000 · Blues 6,100 · Pinks 3,100.
    // Quotas 4.7 1.6 1.58 1.2 0.61 0.31 → floors 4 1 1 1 0 0 (7); the 3 largest remainders
    // .70 (Yellows), .61 (Blues), .60 (Whites) get the rest.
    expect(largestRemainder([47000, 16000, 15800, 12000, 6100, 3100], 10)).toEqual([5, 2, 1, 1, 1, 0]);
  });

  it('thirds print 33.34 + 33.33 + 33.33 = 100 (plain rounding gives 99.99)', () => {
    expect(roundToHundred([1 / 3, 1 / 3, 1 / 3])).toEqual([33.34, 33.33, 33.33]);
    expect(percentsToHundred([1 / 3, 1 / 3, 1 / 3])).toEqual(['33.34%', '33.33%', '33.33%']);
  });

  it('the entropy example (2/7, 1/7, 0, 4/7) prints 28.57 + 14.29 + 0 + 57.14 = 100 in the table and the JSON', async () => {
    // In hundredths of a percent: 2/7 → 2857.14, 1/7 → 1428.57, 4/7 → 5714.29; floors sum to 9999,
    // and the largest remainder (.57, of 1/7) takes the last one: 14.29.
    const data = file('hand.csv', 'unit,A,B,C,D\nu1,2,2,3,7\nu2,2,1,3,0\nu3,0,1,3,0\nu4,0,0,3,0\n');
    const json = JSON.parse((await run('entropy', data, '--json')).out);
    expect(json.percent).toEqual([28.57, 14.29, 0, 57.14]);
    expect(Math.round(sum(json.percent) * 100)).toBe(10000);
    const { out } = await run('entropy', data);
    expect(out).toMatch(/B\s.*14\.29%/);
  });
});

describe('combine accepts published 4-decimal weights', () => {
  // Wikipedia “Analytic hierarchy process – leader example” criteria priorities, to 4 decimals
  // (numpy eigenvector 0.547569, 0.126555, 0.269950, 0.055926, see ahp.test.ts): they sum to 1.0001.
  const leader = { criteria: ['Experience', 'Education', 'Charisma', 'Age'], weights: [0.5476, 0.1266, 0.27, 0.0559] };
  const equal = { criteria: leader.criteria, weights: [0.25, 0.25, 0.25, 0.25] };

  it('rescales an input that sums to 1.0001 and warns, naming the file', () => {
    const r = combineWeights(leader, equal, { mode: 'multiplicative', sources: { subjective: 'ahp.json', objective: 'entropy.json' } });
    // s·(¼) / Σ s·(¼) = s / 1.0001.
    leader.weights.forEach((w, j) => expect(r.weights[j]).toBeCloseTo(w / 1.0001, 12));
    expect(sum(r.weights)).toBeCloseTo(1, 14);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ severity: 'warning', code: 'weights_renormalised', file: 'ahp.json' });
    expect(r.warnings[0].message).toContain('sum to 1.0001 (rounding), rescaled to sum to 1');
  });

  it('linear: α·s/1.0001 + (1 − α)·o with o = the entropy example to 4 decimals (sum 1.0000)', () => {
    const o = { criteria: leader.criteria, weights: [0.2857, 0.1429, 0, 0.5714] };
    const r = combineWeights(leader, o, { mode: 'linear', alpha: 0.5 });
    leader.weights.forEach((w, j) => expect(r.weights[j]).toBeCloseTo(0.5 * (w / 1.0001) + 0.5 * o.weights[j], 12));
  });

  it('beyond 1e-3 from 1 is still an error naming the file', () => {
    const off = { criteria: leader.criteria, weights: [0.55, 0.13, 0.27, 0.052] }; // 1.002
    try {
      combineWeights(off, equal, { mode: 'linear', sources: { subjective: 'draft.json' } });
      expect.unreachable();
    } catch (e) {
      expect(isYardstickError(e)).toBe(true);
      expect((e as { issues: { file?: string; message: string }[] }).issues[0]).toMatchObject({ file: 'draft.json' });
      expect(String(e)).toMatch(/sum to 1\.002, expected 1 \(within 0\.001/);
    }
  });

  it('the CLI prints the warning on stderr with the file and the combined percent summing to 100', async () => {
    const s = file('leader.json', JSON.stringify({ method: 'ahp', ...leader }));
    const o = file('equal.json', JSON.stringify({ method: 'entropy', ...equal }));
    const { out, err } = await run('combine', '--subjective', s, '--objective', o, '--mode', 'multiplicative', '--json');
    const json = JSON.parse(out);
    expect(Math.round(sum(json.percent) * 100)).toBe(10000);
    expect(err).toContain(`警告 warning: ${s} `);
    expect(err).toContain('1.0001');
  });
});

describe('AHP beyond n = 15', () => {
  it('RI past the table is the Alonso & Lamata (2006) regression (1.7699n − 4.3513)/(n − 1), close to their table at n = 15', () => {
    // n = 16: (28.3184 − 4.3513)/15 = 23.9671/15 = 1.597807.
    expect(randomIndex('saaty', 16)).toBeCloseTo(1.597807, 6);
    expect(randomIndex('alonso-lamata', 16)).toBeCloseTo(1.597807, 6);
    // n = 15 by the line: 22.1972/14 = 1.58551, against the simulated 1.5838 in their table.
    expect(Math.abs((1.7699 * 15 - 4.3513) / 14 - RI_TABLES['alonso-lamata'].values[14])).toBeLessThan(0.002);
  });

  it('an inconsistent 16×16 matrix gets CR = CI / 1.597807 and says where RI came from', () => {
    const w = Array.from({ length: 16 }, (_, i) => i + 1);
    const m = w.map((wi) => w.map((wj) => wi / wj));
    m[0][15] = 9; // 1/16 in truth: strongly reversed
    m[15][0] = 1 / 9;
    const r = computeAhp(m);
    const ci = (r.lambdaMax - 16) / 15;
    expect(r.ci).toBeCloseTo(ci, 12);
    expect(r.cr).toBeCloseTo(ci / 1.597807, 5);
    expect(r.riApproximated).toBe(true);
    expect(r.riSource).toContain('Alonso & Lamata (2006)');
    expect(r.mostInconsistent).toMatchObject({ from: 'C1', to: 'C16' });
  });

  it('the CLI accepts a consistent 16×16 matrix (CR = 0), and a failure message names the file', async () => {
    const names = Array.from({ length: 16 }, (_, i) => `K${i + 1}`);
    const rows = names.map((a, i) => [a, ...names.map((_, j) => `${i + 1}/${j + 1}`)].join(','));
    const path = file('m16.csv', [',' + names.join(','), ...rows].join('\n') + '\n');
    const json = JSON.parse((await run('ahp', path, '--json')).out);
    expect(json).toMatchObject({ cr: 0, consistent: true });
    expect(json.riSource).toContain('regression');
    const empty = file('one-row.csv', 'unit,A,B\nu1,1,2\n');
    await expect(run('entropy', empty)).rejects.toMatchObject({ issues: [expect.objectContaining({ file: empty })] });
  });
});

describe('a data method’s weight below the floor is warned about, with the indicator and why', () => {
  // A (1..4) and B (4,1,3,2) vary; C = (100, 101, 99, 100) hardly does:
  // mean 100, sample sd √((0 + 1 + 1 + 0)/3) = 0.8165, CV = 0.0082.
  const data = [
    [1, 4, 100],
    [2, 1, 101],
    [3, 3, 99],
    [4, 2, 100],
  ];
  const criteria = ['A', 'B', '考试得分率'];

  it('entropy: the near-constant column is named with its coefficient of variation', () => {
    const r = computeEntropyWeights(data, { criteria });
    expect(r.weights[2]).toBeLessThan(0.01);
    const w = entropyLowWeights(r, data, 0.01, 'data.csv');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: 'warning', code: 'low_weight', file: 'data.csv' });
    expect(w[0].message).toContain('“考试得分率”');
    expect(w[0].message).toContain('below the floor of 1.00%');
    expect(w[0].message).toContain('nearly constant across units (coefficient of variation 0.0082)');
  });

  it('a constant column is named as constant; the floor is adjustable', () => {
    const flat = data.map(([a, b]) => [a, b, 5]);
    const r = computeEntropyWeights(flat, { criteria });
    expect(entropyLowWeights(r, flat)[0].message).toContain('every unit has the same value');
    expect(entropyLowWeights(computeEntropyWeights(data, { criteria }), data, 0)).toEqual([]);
  });

  it('CRITIC: a column repeating another (r = 1) is named as redundant', () => {
    // A' = 2·A is perfectly correlated with A; D varies independently.
    const d = [
      [1, 2, 3],
      [2, 4, 1],
      [3, 6, 4],
      [4, 8, 2],
    ];
    const r = computeCriticWeights(d, { criteria: ['A', 'A2', 'D'] });
    // A and A2 have the same min-max values, so the same weight; the floor at 40% catches both.
    expect(r.weights[0]).toBeCloseTo(r.weights[1], 12);
    const w = criticLowWeights(r, d, 0.4, 'x.csv');
    expect(w.map((i) => i.message.match(/“(.+?)”/)?.[1])).toEqual(['A', 'A2']);
    expect(w[0].message).toContain('highly correlated with the other indicators');
  });

  it('the CLI prints the warning on stderr naming the file, and lists it in --json', async () => {
    const path = file('low.csv', 'unit,A,B,考试得分率\nu1,1,4,100\nu2,2,1,101\nu3,3,3,99\nu4,4,2,100\n');
    const { out, err } = await run('entropy', path, '--json');
    expect(JSON.parse(out)).toMatchObject({ floor: 0.01, warnings: [expect.stringContaining('考试得分率')] });
    expect(err).toContain(`警告 warning: ${path} 熵权法 entropy：指标“考试得分率”的权重`);
    expect((await run('entropy', path, '--floor', '0')).err).toBe('');
  });
});
