/**
 * End to end on the bundled data-samples/: every listed piece of dirt is caught
 * where data-samples/README.md says it is, and the row accounting adds up.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSample } from '../../src/generate/sample.js';
import { ingest, loadPipeline, openDb, type Db } from '../../src/index.js';

const EXPECTED_CODE: Record<string, string> = {
  hours_out_of_range: 'hours_out_of_range',
  date_outside_year: 'date_outside_year',
  unknown_unit: 'unknown_unit',
  score_above_full_mark: 'score_out_of_range',
  footer_total: 'footer_row',
  unknown_status: 'bad_status',
};

describe('data-samples', () => {
  let db: Db;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-samples-'));
    const p = { ...loadPipeline('pipelines/sample.yaml'), database: join(dir, 'db.duckdb'), reports: join(dir, 'out') };
    await ingest(p);
    db = await openDb(p.database);
  }, 120_000);

  it('rejects exactly the listed dirt, at the listed file, row and value', async () => {
    const { dirt } = buildSample();
    const listed = dirt.filter((d) => d.id in EXPECTED_CODE);
    const rejects = await db.all<{ source_file: string; sheet: string; source_row: number; value: string; code: string }>(
      'SELECT source_file, sheet, source_row, value, code FROM rejects ORDER BY source_file, source_row');
    expect(rejects).toHaveLength(listed.length);
    for (const d of listed) {
      expect(rejects, `${d.id} at ${d.file}:${d.row}`).toContainEqual({
        source_file: `data-samples/${d.file}`, sheet: d.sheet ?? '', source_row: d.row, value: d.value, code: EXPECTED_CODE[d.id],
      });
    }
  });

  it('counts the repeated rows as duplicates; an empty line is no row but keeps later row numbers right', async () => {
    const { dirt } = buildSample();
    const [m] = await db.all<{ dup: number }>('SELECT sum(rows_duplicate) AS dup FROM manifest');
    expect(m.dup).toBe(dirt.filter((d) => d.id === 'duplicate_row').length);
    const blank = dirt.find((d) => d.id === 'blank_line')!;
    const [r] = await db.all<{ at_blank: number; last: number; read: number }>(`
      SELECT count(*) FILTER (WHERE source_row = $row) AS at_blank, max(source_row) AS last,
             (SELECT rows_read FROM manifest WHERE source_file = $file) AS read
      FROM attendance WHERE source_file = $file`, { file: `data-samples/${blank.file}`, row: blank.row });
    expect(r.at_blank).toBe(0);
    expect(r.last).toBe(r.read + 2); // header line + the blank line
  });

  it('balances every file and loads every kind', async () => {
    const bad = await db.all('SELECT * FROM manifest WHERE rows_read <> rows_loaded + rows_rejected + rows_duplicate');
    expect(bad).toEqual([]);
    for (const t of ['units', 'unit_aliases', 'members', 'unit_profile', 'attendance', 'exams', 'publications', 'research_reports']) {
      const [r] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM ${t}`);
      expect(r.n, t).toBeGreaterThan(0);
    }
  });

  it('keeps one id for the renamed unit across all years', async () => {
    const years = await db.all<{ year: number }>(`
      SELECT DISTINCT a.year FROM attendance a JOIN units u USING (unit_id) WHERE u.name = '江海区支行' ORDER BY 1`);
    expect(years.map((y) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
  });
});
