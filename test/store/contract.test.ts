import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderReadme } from '../../src/docs/readme-sections.js';
import { STAGING_TABLES } from '../../src/store/contract.js';
import { withDb } from '../../src/store/db.js';
import { ensureSchema } from '../../src/store/schema.js';

describe('output contract', () => {
  it('staging tables match the documented columns and types exactly', async () => {
    await withDb(async (db) => {
      await ensureSchema(db);
      for (const t of STAGING_TABLES) {
        const cols = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE ${t.table}`);
        expect(cols.map((c) => [c.column_name, c.column_type]), t.table).toEqual(t.columns.map((c) => [c.name, c.type]));
      }
    });
  });

  it('docs/reference.md carries the generated alias, metric and table sections (run `npm run docs`)', () => {
    const reference = readFileSync(new URL('../../docs/reference.md', import.meta.url), 'utf8');
    expect(renderReadme(reference)).toBe(reference);
  });

  it('the README stays a user guide of at most 300 lines', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(300);
  });
});
