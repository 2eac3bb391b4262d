import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import { scoreYears } from '../../src/score/score.js';
import { isYardstickError } from '../../src/errors.js';
import { DEFAULT_METRIC_IDS, DEFAULT_TREE_METRICS } from '../../src/indicators/default-metrics.js';
import { seedInputs, type MetricRow } from './helpers.js';

const rows = (year: number): MetricRow[] =>
  ['a', 'b', 'c'].flatMap((u, i) => DEFAULT_TREE_METRICS.map((m): MetricRow => [year, u, m, i + (m.length % 3)]));

describe('scoreYears', () => {
  it('scores each file’s own year, one run each', async () => {
    await withDb(async (db) => {
      await seedInputs(db, [...rows(2023), ...rows(2024)]);
      const s = await scoreYears(db, ['indicators/2023.yaml', 'indicators/2024.yaml'], DEFAULT_METRIC_IDS);
      expect(s.map((x) => [x.year, x.units, x.scored])).toEqual([[2023, 3, 3], [2024, 3, 3]]);
      expect(await db.all('select year, count(*) as n from runs join tree_nodes using (run_id) group by year order by year')).toEqual([
        { year: 2023, n: 24 },
        { year: 2024, n: 24 },
      ]);
    });
  });

  it('scores nothing when any file has an error, and reports all of them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-years-'));
    const bad = readFileSync('indicators/2024.yaml', 'utf8').replace('metric: study_space', 'metric: study_spaces');
    writeFileSync(join(dir, '2024.yaml'), bad);
    await withDb(async (db) => {
      await seedInputs(db, [...rows(2023), ...rows(2024)]);
      const e = await scoreYears(db, ['indicators/2023.yaml', join(dir, '2024.yaml')], DEFAULT_METRIC_IDS).catch((x) => x);
      expect(isYardstickError(e)).toBe(true);
      expect(e.issues.map((i: { code: string }) => i.code)).toEqual(['unknown_metric']);
      expect(await db.one(`select count(*) as n from duckdb_tables() where table_name = 'scores'`)).toEqual({ n: 0 });
    });
  });
});
