import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { withDb } from '../../src/store/db.js';
import { exportTables, parseExportFormat } from '../../src/report/export-tables.js';
import { createReportFixture } from './fixture.js';

const out = mkdtempSync(join(tmpdir(), 'yardstick-export-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('exportTables', () => {
  it('exports scores, indicator_values and flags as Parquet, Arrow and CSV', async () => {
    await withDb(async (db) => {
      await createReportFixture(db, { analysis: true });
      await db.run(`UPDATE scores SET grade = '=1+1' WHERE unit_id = 'U1' AND year = 2025 AND level = 0`);
      const pq = await exportTables(db, { year: 2025, format: 'parquet', outDir: join(out, 'pq') });
      expect(pq.files.map((f) => f.table)).toEqual(['scores', 'score_adjustments', 'indicator_values', 'score_coverage', 'flags']);
      const n = await db.one<{ n: number }>(`SELECT count(*) AS n FROM read_parquet('${join(out, 'pq', 'scores.parquet')}')`);
      expect(n?.n).toBe(pq.files[0].rows);
      expect(pq.files[0].rows).toBe(16); // 2025 only: 6 composites + 5 units × 2 dimensions (U5 has none)

      const ar = await exportTables(db, { year: 2025, format: 'arrow', outDir: join(out, 'arrow') });
      const t = tableFromIPC(readFileSync(ar.files[0].file));
      expect(t.numRows).toBe(16);
      expect(String(t.schema.fields.find((f) => f.name === 'score')?.type)).toBe('Float64');

      const csv = await exportTables(db, { year: 2025, format: 'csv', outDir: join(out, 'csv') });
      const text = readFileSync(csv.files[0].file, 'utf8');
      expect(text.startsWith('\uFEFFyear,unit_id')).toBe(true);
      expect(text).toContain(",'=1+1,");
      expect(text).not.toMatch(/,=1\+1,/);
      expect(readFileSync(csv.files.find((f) => f.table === 'flags')!.file, 'utf8')).toContain('学习过程得分低于同类中位数');
      expect(readFileSync(csv.files.find((f) => f.table === 'score_adjustments')!.file, 'utf8')).toContain('honours');
      expect(csv.files[0].file.endsWith('.csv')).toBe(true);
    });
  });

  it('rejects an unknown format', () => {
    expect(() => parseExportFormat('xml')).toThrow(/xml/);
  });
});
