/**
 * 加分 / 扣分 in the unit profile may be negative (offices enter 扣分 as −3): the row loads with
 * every other column of the unit; another known number below 0 still rejects its row.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, loadPipeline, openDb } from '../../src/index.js';
import { csv, writeBundle } from '../helpers/bundle.js';

describe('signed profile values', () => {
  it('a negative 加分 or 扣分 loads; a negative 党员人数 is rejected', async () => {
    const b = writeBundle();
    writeFileSync(join(b.data, '2024/单位概况.csv'), csv([
      ['单位名称', '党员人数', '加分', '通报扣分'],
      ['江海区支行', '20', '-3', ''],   // loaded: bonus_points −3 (counted as a deduction when scored)
      ['东湖县支行', '12', '2', '-2'],  // loaded: deduction_points −2 (applied as 2 when scored)
      ['办公室', '-8', '1', '1'],       // rejected: negative 党员人数
    ]));
    const p = loadPipeline(b.pipeline);
    await ingest(p);
    const db = await openDb(p.database);
    try {
      const rows = await db.all<{ metric: string; value: number; n: number }>(
        `select metric, value, count(*)::integer as n from unit_profile
         where metric in ('bonus_points', 'deduction_points', 'members') group by all order by metric, value`,
      );
      expect(rows).toEqual([
        { metric: 'bonus_points', value: -3, n: 1 },
        { metric: 'bonus_points', value: 2, n: 1 },
        { metric: 'deduction_points', value: -2, n: 1 },
        { metric: 'members', value: 12, n: 1 },
        { metric: 'members', value: 20, n: 1 },
      ]);
      const rejects = await db.all<{ code: string }>(`select code from rejects where source_file like '%单位概况%'`);
      expect(rejects.map((r) => r.code)).toEqual(['negative_number']);
    } finally {
      db.close();
    }
  });
});
