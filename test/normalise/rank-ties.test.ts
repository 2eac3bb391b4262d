/**
 * rank normalisation with ties: `normalise: {method: rank, ties: min | max | average}`.
 *
 * Places are counted from the worst (1 = worst), as R's rank() on the oriented values, which is
 * what COINr's n_rank / n_prank use (ties.method = "min"); the score is 100·(r − 1)/(n − 1).
 * Expected values by hand for x = a 5, b 5, c 10, d 20, e 20 (f missing), n = 5, n − 1 = 4:
 *   places if the ties were broken:  a, b → 1–2;  c → 3;  d, e → 4–5
 *   min     (COINr, OECD/JRC; default): a, b 1;   c 3; d, e 4   → 0, 0, 50, 75, 75
 *   max     (the best shared place):    a, b 2;   c 3; d, e 5   → 25, 25, 50, 100, 100
 *   average:                            a, b 1.5; c 3; d, e 4.5 → 12.5, 12.5, 50, 87.5, 87.5
 * lower_is_better reverses the order (20 is worst): min → d, e 0; c 50; a, b 75.
 */
import { describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import { scoreYear } from '../../src/score/score.js';
import { parseIndicatorTree } from '../../src/indicators/load-tree.js';
import { flatTree, metric, normalisedOf, seedInputs, treeFrom } from '../score/helpers.js';

const X = { a: 5, b: 5, c: 10, d: 20, e: 20, f: null };

async function scoresWith(normalise: string, extraLeaf = ''): Promise<Record<string, number | null>> {
  return withDb(async (db) => {
    await seedInputs(db, metric(2025, 'm', X));
    await scoreYear(db, treeFrom(flatTree([`m normalise: ${normalise}${extraLeaf}`])), { year: 2025 });
    return normalisedOf(db, 'm');
  });
}

describe('rank ties', () => {
  it('min: tied units share the lower place (tied bottom units score 0)', async () => {
    expect(await scoresWith('{method: rank, ties: min}')).toEqual({ a: 0, b: 0, c: 50, d: 75, e: 75, f: null });
  });

  it('max: tied units share the higher place', async () => {
    expect(await scoresWith('{method: rank, ties: max}')).toEqual({ a: 25, b: 25, c: 50, d: 100, e: 100, f: null });
  });

  it('average: tied units share the mean of their places', async () => {
    expect(await scoresWith('{method: rank, ties: average}')).toEqual({ a: 12.5, b: 12.5, c: 50, d: 87.5, e: 87.5, f: null });
  });

  it('the default is min (COINr n_rank, OECD/JRC Handbook), and the run records it', async () => {
    await withDb(async (db) => {
      await seedInputs(db, metric(2025, 'm', X));
      await scoreYear(db, treeFrom(flatTree(['m normalise: rank'])), { year: 2025 });
      expect(await normalisedOf(db, 'm')).toEqual({ a: 0, b: 0, c: 50, d: 75, e: 75, f: null });
      expect(await db.one(`select p_ties from tree_nodes where node_id = 'm'`)).toEqual({ p_ties: 'min' });
    });
  });

  it('lower_is_better: the order turns round, ties as chosen', async () => {
    expect(await scoresWith('{method: rank, ties: min}', ', direction: lower_is_better')).toEqual({ a: 75, b: 75, c: 50, d: 0, e: 0, f: null });
  });

  it('a tree recorded before ties existed (no ties on the leaf) replays with max, its convention', async () => {
    await withDb(async (db) => {
      await seedInputs(db, metric(2025, 'm', X));
      const tree = treeFrom(flatTree(['m normalise: rank']));
      const old = { ...tree, nodes: tree.nodes.map((n) => (n.normalise ? { ...n, normalise: { ...n.normalise, ties: undefined } } : n)) };
      await scoreYear(db, old, { year: 2025 });
      expect(await normalisedOf(db, 'm')).toEqual({ a: 25, b: 25, c: 50, d: 100, e: 100, f: null });
    });
  });

  it('ties on another method is a warning (ignored); an unknown ties value is an error', () => {
    const warned = parseIndicatorTree('t.yaml', flatTree(['m normalise: {method: minmax, ties: min}']), ['m']);
    expect(warned.tree).toBeDefined();
    expect(warned.issues.map((i) => [i.code, i.severity])).toEqual([['unused_parameter', 'warning']]);
    expect(parseIndicatorTree('t.yaml', flatTree(['m normalise: {method: rank, ties: first}']), ['m']).tree).toBeUndefined();
  });

  it('topsis options on a group that does not aggregate by TOPSIS are a warning', () => {
    const yaml = flatTree(['m']).replace('dimensions:', 'composite: {topsis: {normalise: none}}\ndimensions:');
    const r = parseIndicatorTree('t.yaml', yaml, ['m']);
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([['unused_parameter', 'warning']]);
  });
});
