/**
 * `keep_names` decides the format of every person key (`id:1001` or a pseudonym), so it is part
 * of each file's fingerprint: switching it reloads every file without --force, and the staged
 * tables never hold keys of both formats (which would count one person as two).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest, loadPipeline, openDb } from '../../src/index.js';
import { writeBundle, type Bundle } from '../helpers/bundle.js';

async function keyFormats(b: Bundle): Promise<string[]> {
  const db = await openDb(loadPipeline(b.pipeline).database, { readOnly: true });
  try {
    // A pseudonym is the origin and 64 hex digits of a SHA-256; a kept name or id is the text itself.
    const rows = await db.all<{ format: string }>(`
      SELECT DISTINCT CASE WHEN regexp_matches(member_key, '^(id|name):[0-9a-f]{64}$') THEN 'pseudonym' ELSE 'kept' END AS format
      FROM (SELECT member_key FROM attendance UNION ALL SELECT member_key FROM exams UNION ALL SELECT member_key FROM members)
      ORDER BY format`);
    return rows.map((r) => r.format);
  } finally {
    db.close();
  }
}

describe('keep_names in the fingerprint', () => {
  let b: Bundle;
  let all: string[];
  beforeAll(async () => {
    b = writeBundle();
    all = (await ingest(loadPipeline(b.pipeline))).files.map((f) => f.path).sort();
  });

  it('pseudonymised by default', async () => {
    expect(all.length).toBeGreaterThan(3);
    expect(await keyFormats(b)).toEqual(['pseudonym']);
  });

  it('switching keep_names on reloads every file, says so, and leaves only kept keys', async () => {
    const again = await ingest(loadPipeline(b.pipeline), { keepNames: true });
    expect(again.files.map((f) => f.path).sort()).toEqual(all);
    expect([...again.reconfigured].sort()).toEqual(all);
    expect(await keyFormats(b)).toEqual(['kept']);
  });

  it('the same setting again reloads nothing; switching back reloads everything', async () => {
    expect((await ingest(loadPipeline(b.pipeline), { keepNames: true })).files).toEqual([]);
    const back = await ingest(loadPipeline(b.pipeline));
    expect(back.files.map((f) => f.path).sort()).toEqual(all);
    expect(await keyFormats(b)).toEqual(['pseudonym']);
  });
});
