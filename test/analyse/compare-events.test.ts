/**
 * compare names the unit changes between its two years (src/analyse/compare-events.ts), read from the
 * ingest's unit_events table (docs/unit-changes.md): merged away, absorbing, abolished, created.
 */
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { ensureSchema } from '../../src/store/schema.js';
import { compareEvents, formatCompareEvents } from '../../src/analyse/compare-events.js';

describe('compare: unit changes between the two years', () => {
  it('lists the events of the years after the base year, up to the year, one line each with the other unit by name', async () => {
    const db = await openDb(':memory:');
    try {
      await ensureSchema(db);
      await db.run(`INSERT INTO units (unit_id, name, valid_from, valid_to) VALUES
        ('U1', '货币信贷科', NULL, NULL), ('U2', '外汇管理科', NULL, 2024), ('U3', '东港县支行', NULL, 2024), ('U4', '金融科技科', 2023, NULL)`);
      await db.run(`INSERT INTO unit_events VALUES
        (2025, 'U2', 'merged_into', 'U1', '并入货币信贷科', 'merged into 货币信贷科', 'r.csv', 3),
        (2025, 'U1', 'absorbed', 'U2', '外汇管理科并入', 'absorbed 外汇管理科', 'r.csv', 3),
        (2025, 'U3', 'abolished', NULL, '撤销', 'abolished', 'r.csv', 4),
        (2023, 'U4', 'created', NULL, '新设', 'created', 'r.csv', 2)`);
      const names = new Map([['U1', '货币信贷科'], ['U2', '外汇管理科'], ['U3', '东港县支行'], ['U4', '金融科技科']]);

      const events = await compareEvents(db, 2025, 2024);
      expect(events.map((e) => [e.unit_id, e.kind, e.other_id]).sort()).toEqual([
        ['U1', 'absorbed', 'U2'], ['U2', 'merged', 'U1'], ['U3', 'abolished', null],
      ]);
      const text = formatCompareEvents(events, names);
      expect(text).toContain('外汇管理科: 2025 年起并入货币信贷科');
      expect(text).toContain('东港县支行: 2025 年撤销');
      expect(text).toContain('货币信贷科: 2025 年起外汇管理科并入本单位');
      expect(text).not.toContain('金融科技科');

      // Comparing 2022 with 2025 spans the creation too; 2023 → 2024 has nothing to say.
      expect((await compareEvents(db, 2025, 2022)).map((e) => e.unit_id).sort()).toEqual(['U1', 'U2', 'U3', 'U4']);
      expect(formatCompareEvents(await compareEvents(db, 2024, 2023), names)).toBe('');
    } finally {
      db.close();
    }
  });
});
