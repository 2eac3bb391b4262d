/**
 * The comparison with the previous year (与上年比较) lists the unit changes of the year from the
 * ingest's unit_events table (docs/unit-changes.md): a unit merged away, abolished or new is named
 * with what happened, in the report's language. Without events the list is absent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/store/db.js';
import { renderReports } from '../../src/report/render.js';
import { createReportFixture } from './fixture.js';
import { englishIn, visibleText } from './english-words.js';

let db: Db;
let out: string;

beforeAll(async () => {
  db = await openDb(':memory:');
  await createReportFixture(db, { analysis: true });
  out = mkdtempSync(join(tmpdir(), 'yardstick-unit-events-'));
});
afterAll(() => {
  db.close();
  rmSync(out, { recursive: true, force: true });
});

const section = (html: string, id: string) => new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? null;

describe('report: unit changes under the comparison with the previous year', () => {
  it('is absent when the year has no unit events', async () => {
    const r = await renderReports(db, { reports: join(out, 'none') }, { year: 2025, lang: 'zh', png: false });
    const html = readFileSync(join(r.dir, 'index.html'), 'utf8');
    expect(html).not.toContain('单位变动');
    expect(section(html, 'comparisons')).toBeNull(); // the fixture has no comparisons table either
  });

  it('lists 并入 / 撤销 / 新设 of the year, by name, in zh and en; earlier events are not listed', async () => {
    await db.run(`INSERT INTO units VALUES ('U7', '外汇管理科', NULL, 'department'), ('U8', '东港县支行', NULL, 'county'), ('U9', '金融科技科', NULL, 'department')`);
    await db.run(`CREATE TABLE unit_events (year INTEGER, unit_id VARCHAR, event VARCHAR, other_unit_id VARCHAR, label_zh VARCHAR, label_en VARCHAR, registry_file VARCHAR, registry_row INTEGER)`);
    await db.run(`INSERT INTO unit_events VALUES
      (2025, 'U7', 'merged_into', 'U1', '并入南湖县支行', 'merged into 南湖县支行', 'r.csv', 2),
      (2025, 'U1', 'absorbed', 'U7', '外汇管理科并入', 'absorbed 外汇管理科', 'r.csv', 2),
      (2025, 'U8', 'abolished', NULL, '撤销', 'abolished', 'r.csv', 3),
      (2025, 'U9', 'created', NULL, '新设', 'created', 'r.csv', 4),
      (2024, 'U2', 'created', NULL, '新设', 'created', 'r.csv', 5)`);

    const zh = await renderReports(db, { reports: join(out, 'zh') }, { year: 2025, lang: 'zh', png: false });
    const s = section(readFileSync(join(zh.dir, 'index.html'), 'utf8'), 'comparisons')!;
    expect(s).toContain('<h3>单位变动</h3>');
    const items = [...s.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]);
    expect(items.sort()).toEqual([
      '东港县支行：2025 年撤销，不再评价',
      '南湖县支行：2025 年起外汇管理科并入本单位，其数据计入本单位',
      '外汇管理科：2025 年起并入南湖县支行，不再单独评价',
      '金融科技科：2025 年新设，自该年起评价',
    ].sort());
    expect(englishIn(visibleText(s))).toEqual([]);

    const en = await renderReports(db, { reports: join(out, 'en') }, { year: 2025, lang: 'en', png: false });
    const e = section(readFileSync(join(en.dir, 'index.html'), 'utf8'), 'comparisons')!;
    expect(e).toContain('<h3>Unit changes</h3>');
    expect(e).toContain('<li>外汇管理科: merged into 南湖县支行 from 2025; no longer assessed on its own</li>');
    expect(e).toContain('<li>东港县支行: abolished in 2025; no longer assessed</li>');

    // the 2024 report has the 2024 creation only
    const r2024 = await renderReports(db, { reports: join(out, 'y2024') }, { year: 2024, lang: 'zh', png: false });
    const s2024 = section(readFileSync(join(r2024.dir, 'index.html'), 'utf8'), 'comparisons')!;
    expect([...s2024.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1])).toEqual(['&lt;img src=x onerror=alert(1)&gt;：2024 年新设，自该年起评价']);
  });
});
