import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_DOCS, renderReference } from '../../src/docs/reference-sections.js';
import { INGEST_TABLES, LINEAGE_TABLES } from '../../src/contract/index.js';
import { withDb, type Db } from '../../src/store/db.js';
import { ensureSchema } from '../../src/store/schema.js';
import { createStaging } from '../metrics/fixtures.js';

const describeTable = (db: Db, table: string) =>
  db.all<{ column_name: string; column_type: string }>(`DESCRIBE ${table}`).then((r) => r.map((c) => [c.column_name, c.column_type]));

describe('output contract', () => {
  it('staging tables match the documented columns and types exactly', async () => {
    await withDb(async (db) => {
      await ensureSchema(db);
      for (const t of INGEST_TABLES) {
        expect(await describeTable(db, t.table), t.table).toEqual(t.columns.map((c) => [c.name, c.type]));
      }
    });
  });

  it('the metrics test fixtures have the same tables as an ingested database', async () => {
    await withDb(async (ingested) => {
      await ensureSchema(ingested);
      await withDb(async (fixture) => {
        await createStaging(fixture);
        const tables = await fixture.all<{ name: string }>('select table_name as name from information_schema.tables order by 1');
        expect(tables.map((t) => t.name)).toEqual(['attendance', 'exams', 'members', 'publications', 'research_reports', 'unit_profile', 'units']);
        for (const { name } of tables) expect(await describeTable(fixture, name), name).toEqual(await describeTable(ingested, name));
      });
    });
  });

  it('an older database gets the columns added since, after its own, and keeps its rows', async () => {
    await withDb(async (db) => {
      await db.run(`CREATE TABLE manifest (source_file VARCHAR, sha256 VARCHAR)`);
      await db.run(`INSERT INTO manifest VALUES ('a.csv', 'abc')`);
      await ensureSchema(db);
      const manifest = INGEST_TABLES.find((t) => t.table === 'manifest')!;
      expect(await describeTable(db, 'manifest')).toEqual(manifest.columns.map((c) => [c.name, c.type]));
      expect(await db.all('SELECT source_file, sha256, kind FROM manifest')).toEqual([{ source_file: 'a.csv', sha256: 'abc', kind: null }]);
      await ensureSchema(db); // idempotent
      expect(await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM manifest')).toEqual({ n: 1 });
    });
  });

  it('names the tables a reloaded file is removed from (every table with a source_file column)', () => {
    expect(LINEAGE_TABLES).toEqual(['units', 'unit_aliases', 'members', 'unit_profile', 'attendance', 'exams', 'publications',
      'research_reports', 'rejects', 'manifest', 'ingest_warnings']);
  });

  it('settings keeps one value per key', async () => {
    await withDb(async (db) => {
      await ensureSchema(db);
      await db.run(`INSERT INTO settings VALUES ('k', '1')`);
      await expect(db.run(`INSERT INTO settings VALUES ('k', '2')`)).rejects.toThrow(/constraint|duplicate/i);
    });
  });

  it.each(GENERATED_DOCS.map((d) => d.file))('%s carries the generated sections (run `npm run docs`)', (file) => {
    const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    expect(renderReference(file, text)).toBe(text);
  });

  it('src/contract/ and src/domain/ import nothing from the stages', () => {
    for (const dir of ['contract', 'domain']) {
      const folder = new URL(`../../src/${dir}/`, import.meta.url);
      for (const f of readdirSync(folder).filter((n) => n.endsWith('.ts'))) {
        const imports = [...readFileSync(new URL(f, folder), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
        expect(imports.filter((i) => i.startsWith('.') && !i.startsWith('./')), `src/${dir}/${f}`).toEqual([]);
      }
    }
  });

  it('the README stays a user guide of at most 300 lines', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(300);
  });
});
