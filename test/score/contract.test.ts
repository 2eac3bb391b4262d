import { describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import { SCORE_CONTRACT } from '../../src/score/contract.js';
import { scoreYear } from '../../src/score/score.js';
import { metric, seedInputs, treeFrom, flatTree } from './helpers.js';

describe('score contract', () => {
  it('every output table matches its documented columns and types after a run', async () => {
    await withDb(async (db) => {
      await seedInputs(db, metric(2025, 'm', { a: 1, b: 2 }));
      await scoreYear(db, treeFrom(flatTree(['m'])), { year: 2025 });
      for (const t of SCORE_CONTRACT) {
        const cols = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE ${t.table}`);
        expect(cols.map((c) => [c.column_name, c.column_type]), t.table).toEqual(t.columns.map((c) => [c.name, c.type]));
      }
    });
  });

  it('documents every table and column in both languages', () => {
    for (const t of SCORE_CONTRACT) {
      expect(t.description.zh && t.description.en, t.table).toBeTruthy();
      for (const c of t.columns) expect(c.zh && c.en, `${t.table}.${c.name}`).toBeTruthy();
    }
  });
});
