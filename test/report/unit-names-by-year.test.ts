/**
 * A report names each unit as it was called in the report's year (review B9): the sample's 2021
 * report and 通报 called 江海县支行 by the name it got only in 2023. Renames from the registry
 * (unit_aliases, event 'rename', effective_year = the first year under the new name).
 */
import { describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import { readReportData } from '../../src/report/read-report-data.js';
import { buildModel, unitName } from '../../src/report/model.js';
import { createReportFixture, UNSAFE_ID } from './fixture.js';

describe('unit names by year', () => {
  it('uses the name the unit had in the report year: the old name before a rename took effect', async () => {
    await withDb(async (db) => {
      await createReportFixture(db, { analysis: false });
      await db.run('CREATE TABLE unit_aliases (alias VARCHAR, unit_id VARCHAR, event VARCHAR, effective_year INTEGER)');
      await db.run(`INSERT INTO unit_aliases VALUES
        ('南湖县支行（旧）', 'U1', 'rename', 2027),   -- a later rename: not yet in 2025
        ('南湖县办事处', 'U1', 'rename', 2026),       -- the next one after 2025: the 2025 name
        ('旧办公室', '../U 4', 'rename', 2025),       -- took effect in 2025: the current name already
        ('被并入的科', 'U1', 'merge', 2026)`);        // not a rename
      const m = buildModel(await readReportData(db, 2025), 'zh');
      expect(unitName(m, 'U1')).toBe('南湖县办事处');
      expect(m.data.totals.find((t) => t.unit_id === 'U1')!.name).toBe('南湖县办事处');
      expect(unitName(m, UNSAFE_ID)).toBe('办公室');
      expect(unitName(m, 'U5')).toBe('中心支行');
    });
  });
});
