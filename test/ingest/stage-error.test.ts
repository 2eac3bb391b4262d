/**
 * A statement of a fact stage that fails inside the ingest transaction aborts it, and the
 * stage's clean-up statements then fail too ("transaction is aborted"): the error the user
 * sees must be the first one, which says what went wrong. Here reading the roster fails while
 * name matching (name-matches.sql) runs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { installMacros } from '../../src/store/schema.js';
import { createStageTables, registerInputs, type StageInput } from '../../src/ingest/stage/source.js';
import { stageFacts } from '../../src/ingest/stage/facts.js';

it('reports the failing statement, not the aborted transaction that follows it', async () => {
  const db = await openDb(':memory:');
  try {
    await installMacros(db);
    await db.run(`CREATE TEMP TABLE settings AS SELECT 'pseudonym_key' AS key, 'k' AS value`);
    await db.run(`CREATE TEMP TABLE unit_lookup AS SELECT '东湖县支行' AS name, 'U1' AS unit_id, 0 AS from_year, 9999 AS to_year, 'own' AS via`);
    await db.run(`CREATE TEMP VIEW members AS SELECT CASE WHEN r >= 0 THEN error('roster unreadable') END::VARCHAR AS member_key,
      'U1' AS unit_id, NULL::VARCHAR AS name_key, NULL::DATE AS from_date, NULL::DATE AS to_date FROM range(1) t(r)`);
    await db.run(`CREATE TEMP TABLE landed AS SELECT 2 AS source_row, '东湖县支行' AS c0, '张三' AS c1, '2024-03-05' AS c2, NULL::VARCHAR AS extra`);
    const input: StageInput = {
      fileNo: 0, kind: 'attendance', file: 'att.csv', sheet: null, table: 'landed', headers: ['单位名称', '姓名', '日期'], headerRow: 1,
      map: { columns: new Map([['unit_name', 0], ['person_name', 1], ['date', 2]]), unmatched: new Map(), choices: new Map(), uses: [] },
      declaredYear: 2024, hasExtra: true,
    };
    await createStageTables(db);
    await registerInputs(db, [input]);
    const staged = db.transaction(() => stageFacts(db, 'attendance', [input], { spool: mkdtempSync(join(tmpdir(), 'ys-stage-error-')), keepNames: false }));
    await expect(staged).rejects.toThrow(/roster unreadable/);
    await expect(staged).rejects.not.toThrow(/aborted/);
  } finally {
    db.close();
  }
});
