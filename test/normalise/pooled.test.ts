/**
 * Pooled minmax (`normalise: {method: minmax, pool: [from, to]}`): bounds are the min and max over
 * every unit of the pooled years, so a raw value scores the same in every pooled year. Expected
 * values are worked by hand in the comments; the shipped trees are checked to have no leaf that
 * normalises within one year.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { withDb } from '../../src/store/db.js';
import { rerunScore, scoreYear } from '../../src/score/score.js';
import { loadIndicatorTree, parseIndicatorTree } from '../../src/indicators/load-tree.js';
import { knownMetricIds } from '../../src/metrics/catalog.js';
import { treeLeaves } from '../../src/indicators/indicator-schema.js';
import { flatTree, metric, rounded, seedInputs, treeFrom } from '../score/helpers.js';

const POOLED = (from: number, to: number, extra = '') => `m normalise: {method: minmax, pool: [${from}, ${to}]}${extra}`;

async function normalisedIn(db: Db, year: number, leaf = 'm'): Promise<Record<string, number | null>> {
  const rows = await db.all<{ unit_id: string; normalised: number | null }>(
    'select unit_id, normalised from indicator_values where indicator_id = $leaf and year = $year order by unit_id',
    { leaf, year },
  );
  return rounded(Object.fromEntries(rows.map((r) => [r.unit_id, r.normalised])));
}

// 2021: u1 10, u2 20, u3 30; 2022: u1 30, u2 50. Pooled over 2021–2022: lo 10, hi 50, range 40.
const TWO_YEARS = [...metric(2021, 'm', { u1: 10, u2: 20, u3: 30 }), ...metric(2022, 'm', { u1: 30, u2: 50 })];

describe('pooled minmax', () => {
  it('takes the bounds over every unit of the pooled years, so the same raw value scores the same each year', async () => {
    await withDb(async (db) => {
      await seedInputs(db, TWO_YEARS);
      const tree = treeFrom(flatTree([POOLED(2021, 2022)]));
      await scoreYear(db, tree, { year: 2021 });
      await scoreYear(db, tree, { year: 2022 });
      // 2021: (10−10)/40 = 0, (20−10)/40 = 25, (30−10)/40 = 50 — not 0/50/100 as within 2021
      expect(await normalisedIn(db, 2021)).toEqual({ u1: 0, u2: 25, u3: 50 });
      // 2022: (30−10)/40 = 50 (= u3's 30 in 2021), (50−10)/40 = 100
      expect(await normalisedIn(db, 2022)).toEqual({ u1: 50, u2: 100 });
    });
  });

  it('flips for lower_is_better: (hi − x)/(hi − lo)', async () => {
    await withDb(async (db) => {
      await seedInputs(db, TWO_YEARS);
      await scoreYear(db, treeFrom(flatTree([POOLED(2021, 2022, ', direction: lower_is_better')])), { year: 2021 });
      // (50−10)/40 = 100, (50−20)/40 = 75, (50−30)/40 = 50
      expect(await normalisedIn(db, 2021)).toEqual({ u1: 100, u2: 75, u3: 50 });
    });
  });

  it('records the bounds used in tree_nodes and runs.params_json', async () => {
    await withDb(async (db) => {
      await seedInputs(db, TWO_YEARS);
      const s = await scoreYear(db, treeFrom(flatTree([POOLED(2021, 2022)])), { year: 2021 });
      const node = await db.one(
        `select p_pool_from, p_pool_to, p_pool_lo, p_pool_hi, p_pool_years from tree_nodes where run_id = $r and node_id = 'm'`,
        { r: s.runId },
      );
      expect(node).toEqual({ p_pool_from: 2021, p_pool_to: 2022, p_pool_lo: 10, p_pool_hi: 50, p_pool_years: '2021,2022' });
      const run = await db.one<{ params_json: string }>('select params_json from runs where run_id = $r', { r: s.runId });
      expect(JSON.parse(run!.params_json).pooledBounds).toEqual([{ metric: 'm', from: 2021, to: 2022, lo: 10, hi: 50, years: [2021, 2022] }]);
    });
  });

  it('ignores pooled years without data and says so (pool_years_missing)', async () => {
    await withDb(async (db) => {
      await seedInputs(db, TWO_YEARS);
      const s = await scoreYear(db, treeFrom(flatTree([POOLED(2020, 2022)])), { year: 2021 });
      // 2020 has no rows: bounds still 10..50
      expect(await normalisedIn(db, 2021)).toEqual({ u1: 0, u2: 25, u3: 50 });
      const w = s.warnings.find((x) => x.code === 'pool_years_missing');
      expect(w?.message).toMatch(/2020/);
      expect(w?.message).toMatch(/2021, 2022/);
    });
  });

  it('clamps a year scored outside its pool to 0..100 and warns year_outside_pool', async () => {
    await withDb(async (db) => {
      await seedInputs(db, [...TWO_YEARS, ...metric(2023, 'm', { u1: 5, u2: 30, u3: 60 })]);
      const s = await scoreYear(db, treeFrom(flatTree([POOLED(2021, 2022)])), { year: 2023 });
      // bounds 10..50: 5 → −12.5 → 0; 30 → 50; 60 → 125 → 100
      expect(await normalisedIn(db, 2023)).toEqual({ u1: 0, u2: 50, u3: 100 });
      expect(s.warnings.map((w) => w.code)).toContain('year_outside_pool');
    });
  });

  it('scores 50 when every pooled value is equal (constant_indicator)', async () => {
    await withDb(async (db) => {
      await seedInputs(db, [...metric(2021, 'm', { u1: 4, u2: 4 }), ...metric(2022, 'm', { u1: 4 })]);
      const s = await scoreYear(db, treeFrom(flatTree([POOLED(2021, 2022)])), { year: 2021 });
      expect(await normalisedIn(db, 2021)).toEqual({ u1: 50, u2: 50 });
      expect(s.warnings.map((w) => w.code)).toContain('constant_indicator');
    });
  });

  it('does not warn constant_indicator for a year whose own values are equal but the pool is not', async () => {
    await withDb(async (db) => {
      await seedInputs(db, [...metric(2021, 'm', { u1: 20, u2: 20 }), ...metric(2022, 'm', { u1: 10, u2: 50 })]);
      const s = await scoreYear(db, treeFrom(flatTree([POOLED(2021, 2022)])), { year: 2021 });
      // (20−10)/40 = 25 for both
      expect(await normalisedIn(db, 2021)).toEqual({ u1: 25, u2: 25 });
      expect(s.warnings.map((w) => w.code)).not.toContain('constant_indicator');
    });
  });

  it('re-runs with the recorded bounds even after another pooled year changed', async () => {
    await withDb(async (db) => {
      await seedInputs(db, TWO_YEARS);
      const first = await scoreYear(db, treeFrom(flatTree([POOLED(2021, 2022)])), { year: 2021 });
      // 2022's u2 becomes 90: fresh bounds would be 10..90
      await db.run(`update unit_year_metrics set value = 90 where year = 2022 and unit_id = 'u2'`);
      await rerunScore(db, first.runId);
      expect(await normalisedIn(db, 2021)).toEqual({ u1: 0, u2: 25, u3: 50 });
      await scoreYear(db, treeFrom(flatTree([POOLED(2021, 2022)])), { year: 2021 });
      // fresh: (20−10)/80 = 12.5, (30−10)/80 = 25
      expect(await normalisedIn(db, 2021)).toEqual({ u1: 0, u2: 12.5, u3: 25 });
    });
  });
});

describe('pool in the indicator file', () => {
  const issuesOf = (leaf: string) => {
    const { issues } = parseIndicatorTree('t.yaml', flatTree([leaf]), ['m']);
    return issues.map((i) => i.code);
  };

  it('is refused on another method than minmax, and with the years reversed', () => {
    expect(issuesOf('m normalise: {method: zscore, pool: [2021, 2025]}')).toContain('pool_not_minmax');
    expect(issuesOf('m normalise: {method: minmax, pool: [2025, 2021]}')).toContain('pool_order');
    expect(issuesOf('m normalise: {method: minmax, pool: [2021, 2025]}')).toEqual([]);
  });
});

describe('shipped trees (indicators/*.yaml)', () => {
  const dir = join(import.meta.dirname, '../../indicators');
  const files = readdirSync(dir).filter((f) => /^\d{4}\.ya?ml$/.test(f));

  it.each(files)('%s: no leaf normalises within one year', (f) => {
    const { tree, issues } = loadIndicatorTree(join(dir, f), knownMetricIds());
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const relative = treeLeaves(tree!).filter((n) => {
      const p = n.normalise!;
      if (p.method === 'goalposts' || p.method === 'percent_of_target') return false;
      return !(p.method === 'minmax' && p.pool && p.pool[0] === 2021 && p.pool[1] === 2025);
    });
    expect(relative.map((n) => `${n.id}: ${n.normalise!.method}`)).toEqual([]);
  });
});
