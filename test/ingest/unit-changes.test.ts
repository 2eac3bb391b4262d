/**
 * Merged and abolished units carried through (docs/unit-changes.md), on the bundled sample's
 * 2025: the sample is loaded twice, as shipped and with two registry lines added —
 * 外汇管理科 merged into 货币信贷科 and 东港县支行 abolished, both from 2025. Every expected
 * number comes from the load without the lines (what each unit reported on its own).
 * Only units/ and 2025/ are copied: the rest of the sample adds time, not cases.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMetrics, ingest, loadPipeline, openDb, type Db, type Issue } from '../../src/index.js';
import { csv, writeBundle } from '../helpers/bundle.js';

const MERGED = '外汇管理科';
const ABSORBING = '货币信贷科';
const ABOLISHED = '东港县支行';
const YEAR = 2025;
const FACT_KINDS = ['attendance', 'exams', 'publications', 'research_reports'] as const;

/** A copy of the sample's reference files and 2025 folder, with `registryLines` appended to 单位沿革.csv. */
async function loadCopy(registryLines: string[]): Promise<{ db: Db; registry: string; issues: Issue[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'ys-unit-changes-'));
  const data = join(dir, 'data');
  cpSync('data-samples/units', join(data, 'units'), { recursive: true });
  cpSync(`data-samples/${YEAR}`, join(data, String(YEAR)), { recursive: true });
  const registry = join(data, 'units/单位沿革.csv');
  if (registryLines.length) {
    const text = readFileSync(registry, 'utf8');
    appendFileSync(registry, (text.endsWith('\n') ? '' : '\r\n') + registryLines.map((l) => `${l}\r\n`).join(''));
  }
  const p = { ...loadPipeline('pipelines/sample.yaml'), data, database: join(dir, 'db.duckdb'), reports: join(dir, 'out') };
  const { issues } = await ingest(p);
  const db = await openDb(p.database);
  await computeMetrics(db);
  return { db, registry, issues };
}

/** Row number (as Excel shows it, header = 1) of the registry line starting with `name`. */
function registryRow(file: string, name: string): number {
  const lines = readFileSync(file, 'utf8').replace(/^\ufeff/, '').split(/\r?\n/);
  return lines.findIndex((l) => l.startsWith(`${name},`)) + 1;
}

describe('merged and abolished units (2025)', () => {
  let plain: Db;
  let changed: Db;
  let registry: string;
  let issues: Issue[];
  const ids = new Map<string, string>();

  beforeAll(async () => {
    plain = (await loadCopy([])).db;
    ({ db: changed, registry, issues } = await loadCopy([`${MERGED},${ABSORBING},${YEAR},合并`, `${ABOLISHED},,${YEAR},撤销`]));
    for (const r of await plain.all<{ unit_id: string; name: string }>('SELECT unit_id, name FROM units')) ids.set(r.name, r.unit_id);
  }, 240_000);
  afterAll(() => {
    plain?.close();
    changed?.close();
  });

  const count = async (db: Db, table: string, unit: string) =>
    Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE unit_id = $u AND year = $y`, { u: ids.get(unit)!, y: YEAR }))!.n);

  it('counts the merged unit’s facts in the absorbing unit, and none stay on the merged one', async () => {
    for (const table of FACT_KINDS) {
      const expected = (await count(plain, table, ABSORBING)) + (await count(plain, table, MERGED));
      expect(await count(changed, table, ABSORBING), table).toBe(expected);
      expect(await count(changed, table, MERGED), table).toBe(0);
    }
    // The sample has attendance and exams for both units, so the sum above is not 0 + 0.
    expect(await count(plain, 'attendance', MERGED)).toBeGreaterThan(0);
    expect(await count(plain, 'exams', MERGED)).toBeGreaterThan(0);
  });

  it('recomputes the absorbing unit’s attendance rate from the summed rows', async () => {
    const present = await plain.one<{ present: number; total: number }>(`
      SELECT count(*) FILTER (WHERE status = 'present') AS present, count(*) AS total
      FROM attendance WHERE year = $y AND unit_id IN ($a, $m)`, { y: YEAR, a: ids.get(ABSORBING)!, m: ids.get(MERGED)! });
    const rate = await changed.one<{ value: number }>(
      `SELECT value FROM unit_year_metrics WHERE year = $y AND unit_id = $a AND metric_id = 'attendance_rate'`, { y: YEAR, a: ids.get(ABSORBING)! });
    expect(rate!.value).toBeCloseTo(Number(present!.present) / Number(present!.total), 10);
  });

  it('sums the additive profile values and keeps the absorbing unit’s own yes/no items', async () => {
    const profile = async (db: Db, unit: string) => new Map((await db.all<{ metric: string; value: number }>(
      'SELECT metric, value FROM unit_profile WHERE unit_id = $u AND year = $y', { u: ids.get(unit)!, y: YEAR })).map((r) => [r.metric, r.value]));
    const own = await profile(plain, ABSORBING);
    const merged = await profile(plain, MERGED);
    const after = await profile(changed, ABSORBING);
    for (const metric of ['members', 'study_budget']) {
      expect(after.get(metric), metric).toBe(own.get(metric)! + merged.get(metric)!);
    }
    for (const flag of ['has_study_plan', 'has_attendance_register', 'has_study_archive', 'veto']) {
      expect(after.get(flag), flag).toBe(own.get(flag));
    }
    // One row per metric: nothing left for a metric to pick from.
    const rows = await changed.one<{ n: number; metrics: number }>(
      'SELECT count(*) AS n, count(DISTINCT metric) AS metrics FROM unit_profile WHERE unit_id = $u AND year = $y', { u: ids.get(ABSORBING)!, y: YEAR });
    expect(Number(rows!.n)).toBe(Number(rows!.metrics));
  });

  it('rejects every 2025 row of the abolished unit, naming the registry line', async () => {
    const row = registryRow(registry, ABOLISHED);
    expect(row).toBeGreaterThan(1);
    for (const kind of FACT_KINDS) {
      const loadedBefore = await count(plain, kind, ABOLISHED);
      const rejects = await changed.all<{ reason_zh: string; reason_en: string }>(
        `SELECT reason_zh, reason_en FROM rejects WHERE kind = $k AND code = 'unit_abolished'`, { k: kind });
      // Rejected rows are not checked for duplicates: a repeated row (the sample has a few) is
      // rejected too, so the count may exceed the rows loaded before by the duplicates of the kind.
      const dups = Number((await plain.one<{ n: number }>(`SELECT coalesce(sum(rows_duplicate), 0) AS n FROM manifest WHERE kind = $k`, { k: kind }))!.n);
      expect(rejects.length, kind).toBeGreaterThanOrEqual(loadedBefore);
      expect(rejects.length, kind).toBeLessThanOrEqual(loadedBefore + dups);
      expect(await count(changed, kind, ABOLISHED), kind).toBe(0);
      for (const r of rejects) {
        expect(r.reason_zh).toContain(`单位沿革.csv 第 ${row} 行`);
        expect(r.reason_en).toContain(`单位沿革.csv row ${row}`);
      }
    }
    // The run summary says it once, with the number of rows.
    const rows = await changed.one<{ n: number }>(`SELECT count(DISTINCT (source_file, sheet, source_row)) AS n FROM rejects WHERE code = 'unit_abolished'`);
    const notes = issues.filter((i) => i.code === 'unit_change_rejects');
    expect(notes).toHaveLength(1);
    expect(notes[0].message).toContain(`${ABOLISHED} 自 ${YEAR} 年撤销：${Number(rows!.n)} 行数据不予计入`);
    expect(notes[0].row).toBe(row);
    const profileRejects = await changed.all<{ value: string }>(`SELECT value FROM rejects WHERE kind = 'unit_profile' AND code = 'unit_abolished'`);
    expect(profileRejects.map((r) => r.value)).toEqual([ABOLISHED]);
    expect(await count(changed, 'unit_profile', ABOLISHED)).toBe(0);
  });

  it('does not score the merged or the abolished unit in 2025, and still scores the absorbing one', async () => {
    const scored = async (unit: string) => count(changed, 'unit_year_metrics', unit);
    expect(await scored(MERGED)).toBe(0);
    expect(await scored(ABOLISHED)).toBe(0);
    expect(await scored(ABSORBING)).toBeGreaterThan(0);
    // Without the registry lines both were scored: the lines are what removed them.
    expect(await count(plain, 'unit_year_metrics', MERGED)).toBeGreaterThan(0);
    expect(await count(plain, 'unit_year_metrics', ABOLISHED)).toBeGreaterThan(0);
  });

  it('lists the events per unit and year in unit_events, with the registry line', async () => {
    const events = await changed.all<{ unit_id: string; event: string; other_unit_id: string | null; label_zh: string; registry_row: number }>(
      'SELECT unit_id, event, other_unit_id, label_zh, registry_row FROM unit_events WHERE year = $y ORDER BY unit_id, event', { y: YEAR });
    expect(events).toEqual(expect.arrayContaining([
      { unit_id: ids.get(MERGED), event: 'merged_into', other_unit_id: ids.get(ABSORBING), label_zh: `并入${ABSORBING}`, registry_row: registryRow(registry, MERGED) },
      { unit_id: ids.get(ABSORBING), event: 'absorbed', other_unit_id: ids.get(MERGED), label_zh: `${MERGED}并入`, registry_row: registryRow(registry, MERGED) },
      { unit_id: ids.get(ABOLISHED), event: 'abolished', other_unit_id: null, label_zh: '撤销', registry_row: registryRow(registry, ABOLISHED) },
    ]));
    expect(events).toHaveLength(3);
  });
});

describe('a split unit (拆分)', () => {
  it('ends the old unit, starts the new ones, and rejects rows under the old name from the split on, naming the registry line', async () => {
    // The test bundle (test/helpers/bundle.ts) with 东湖县支行 (A2) split into two new units in 2024,
    // the year of the bundle's facts: rows 3 and 4 of the registry (row 2 is a rename).
    const b = writeBundle();
    appendFileSync(join(b.data, 'ref/units.csv'), csv([['N1', '东湖一支行', 'C0', '县支行', '', ''], ['N2', '东湖二支行', 'C0', '县支行', '', '']]));
    appendFileSync(join(b.data, 'ref/registry.csv'), csv([['东湖县支行', '东湖一支行', '2024', '拆分'], ['东湖县支行', '东湖二支行', '2024', '拆分']]));
    const p = loadPipeline(b.pipeline);
    await ingest(p);
    const db = await openDb(p.database);
    try {
      const units = await db.all<{ unit_id: string; valid_from: number | null; valid_to: number | null }>(
        `SELECT unit_id, valid_from, valid_to FROM units WHERE unit_id IN ('A2', 'N1', 'N2') ORDER BY unit_id`);
      expect(units).toEqual([
        { unit_id: 'A2', valid_from: null, valid_to: 2023 },
        { unit_id: 'N1', valid_from: 2024, valid_to: null },
        { unit_id: 'N2', valid_from: 2024, valid_to: null },
      ]);
      // The bundle's 2024 rows under 东湖县支行 that loaded before (its comments): attendance rows 5, 6 and 7
      // (7 was the duplicate of 6), research reports 1 and 2 (row 3 keeps its own bad_adoption).
      const rejected = await db.all<{ kind: string; n: number; zh: string; en: string }>(`
        SELECT kind, count(*)::INTEGER AS n, min(reason_zh) AS zh, min(reason_en) AS en FROM rejects
        WHERE code = 'unit_split' AND kind IN ('attendance', 'research_reports') GROUP BY kind ORDER BY kind`);
      expect(rejected.map((r) => [r.kind, r.n])).toEqual([['attendance', 3], ['research_reports', 2]]);
      for (const r of rejected) {
        expect(r.zh).toContain('registry.csv 第 3 行');
        expect(r.en).toContain('registry.csv row 3');
      }
      const staged = await db.one<{ n: number }>(`
        SELECT (SELECT count(*) FROM attendance WHERE unit_id = 'A2') + (SELECT count(*) FROM research_reports WHERE unit_id = 'A2') AS n`);
      expect(Number(staged!.n)).toBe(0);
      const events = await db.all<{ unit_id: string; event: string; other_unit_id: string }>(
        `SELECT unit_id, event, other_unit_id FROM unit_events WHERE year = 2024 ORDER BY unit_id, other_unit_id`);
      expect(events).toEqual([
        { unit_id: 'A2', event: 'split_into', other_unit_id: 'N1' },
        { unit_id: 'A2', event: 'split_into', other_unit_id: 'N2' },
        { unit_id: 'N1', event: 'split_from', other_unit_id: 'A2' },
        { unit_id: 'N2', event: 'split_from', other_unit_id: 'A2' },
      ]);
    } finally {
      db.close();
    }
  }, 60_000);
});

describe('a chain of merges', () => {
  it('follows 办公室 → 东湖县支行 (2023) → 江海区支行 (2024): 2024 rows of both land in 江海区支行, roster spans cut at each merge', async () => {
    const load = async (lines: string[][]) => {
      const b = writeBundle();
      if (lines.length) appendFileSync(join(b.data, 'ref/registry.csv'), csv(lines));
      const p = loadPipeline(b.pipeline);
      await ingest(p);
      return openDb(p.database);
    };
    const plain = await load([]);
    const chained = await load([['办公室', '东湖县支行', '2023', '合并'], ['东湖县支行', '江海区支行', '2024', '合并']]);
    try {
      const perUnit = async (db: Db, table: string) => new Map((await db.all<{ unit_id: string; n: number }>(
        `SELECT unit_id, count(*)::INTEGER AS n FROM ${table} WHERE year = 2024 GROUP BY unit_id`)).map((r) => [r.unit_id, r.n]));
      for (const table of ['attendance', 'exams', 'publications', 'research_reports']) {
        const before = await perUnit(plain, table);
        const expected = ['A1', 'A2', 'D1'].reduce((n, u) => n + (before.get(u) ?? 0), 0);
        expect(Object.fromEntries(await perUnit(chained, table)), table).toEqual(expected ? { A1: expected } : {});
      }
      // 王五 (办公室, no dates: a member since before the records, still one) follows the chain.
      const spans = await chained.all<{ unit_id: string; from_date: string | null; to_date: string | null }>(`
        SELECT unit_id, from_date::VARCHAR AS from_date, to_date::VARCHAR AS to_date FROM members
        WHERE source_row = (SELECT min(source_row) FROM members WHERE unit_id = 'D1') ORDER BY from_date NULLS FIRST`);
      expect(spans).toEqual([
        { unit_id: 'D1', from_date: null, to_date: '2022-12-31' },
        { unit_id: 'A2', from_date: '2023-01-01', to_date: '2023-12-31' },
        { unit_id: 'A1', from_date: '2024-01-01', to_date: null },
      ]);
    } finally {
      plain.close();
      chained.close();
    }
  }, 60_000);
});
