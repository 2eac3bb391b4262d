import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/store/db.js';
import { renderReports, type RenderResult } from '../../src/report/render.js';
import { safeFileName } from '../../src/report/escape.js';
import { createReportFixture, ROOT_ID, UNSAFE_ID, XSS } from './fixture.js';

let db: Db;
let out: string;
let zh: RenderResult;

beforeAll(async () => {
  db = await openDb(':memory:');
  await createReportFixture(db, { analysis: true });
  out = mkdtempSync(join(tmpdir(), 'yardstick-report-'));
  zh = await renderReports(db, { reports: out }, { year: 2025, lang: 'zh', png: false, now: new Date('2026-01-01T00:00:00Z') });
});
afterAll(() => {
  db.close();
  rmSync(out, { recursive: true, force: true });
});

/** Assertions that do not print a 700 KB page when they fail. */
const expectHas = (text: string, part: string) => expect(text.includes(part), `expected to contain ${part}`).toBe(true);
const expectNot = (text: string, part: string) => expect(text.includes(part), `expected not to contain ${part}`).toBe(false);
const expectRe = (text: string, re: RegExp) => expect(re.test(text), `expected to match ${re}: ${text.match(/<p class="paragraph">[^<]*/)?.[0] ?? ''}`).toBe(true);
const read = (rel: string) => readFileSync(join(zh.dir, rel), 'utf8');

describe('renderReports', () => {
  it('writes index.html, charts, unit pages and the workbook into <reports>/<year>', () => {
    expect(zh.dir).toBe(join(out, '2025'));
    for (const f of ['index.html', 'results.xlsx', 'charts/ranking.vl.json', 'charts/ranking.svg', 'charts/heatmap.svg', 'charts/slope.svg', 'charts/flags.svg', 'charts/sensitivity.svg'])
      expect(zh.files).toContain(f);
    for (const f of zh.files) expect(existsSync(join(zh.dir, f))).toBe(true);
    expect(zh.warnings).toEqual({});
    // no temp folders left behind
    expect(readdirSync(out)).toEqual(['2025']);
  });

  it('escapes a unit named like an XSS payload everywhere in the HTML', () => {
    const html = read('index.html');
    expectNot(html, XSS);
    expectHas(html, '&lt;img src=x onerror=alert(1)&gt;');
    const page = read('units/U2.html');
    expectNot(page, XSS);
    expectHas(page, '&lt;img');
  });

  it('is self-contained: no external script, stylesheet or URL to fetch', () => {
    const html = read('index.html');
    expect(/<script[^>]+src=/i.test(html)).toBe(false);
    expect(/<link[^>]+href=/i.test(html)).toBe(false);
    expect(/sourceMappingURL/.test(html)).toBe(false);
    expect(html.includes('source: false')).toBe(true);
    expect(html.includes('id="yardstick-specs"')).toBe(true);
  });

  it('names unit pages safely', () => {
    const safe = safeFileName(UNSAFE_ID);
    expect(safe).not.toMatch(/[/\\. ]/);
    expect(zh.files).toContain(`units/${safe}.html`);
    expectHas(read('index.html'), `href="units/${safe}.html"`);
  });

  it('writes a generated paragraph with the numbers filled in', () => {
    const page = read('units/U1.html');
    // 3 graded units: the root, the vetoed unit and the unit without data are not counted
    // 2024: 0.4·65 + 0.6·71 = 68.6 → 88.6 is 20.0 up
    expectRe(page, /南湖县支行综合得分 88\.6，较上年上升 20\.0 分，在 3 个单位中列第 1 位，较上年上升 \d 位/);
    expectHas(read('units/U5.html'), '未计算综合得分');
  });

  it('shows analysis sections only when their tables exist', async () => {
    const html = read('index.html');
    expectHas(html, 'id="flags"');
    expectHas(html, '学习过程得分低于同类中位数');
    const db2 = await openDb(':memory:');
    try {
      await createReportFixture(db2);
      const r = await renderReports(db2, { reports: out }, { year: 2025, lang: 'en', png: false, outDir: join(out, 'plain') });
      expect(r.dir).toBe(join(out, 'plain', '2025-en')); // beside the Chinese report, not over it
      const plain = readFileSync(join(r.dir, 'index.html'), 'utf8');
      expectNot(plain, 'id="flags"');
      expectNot(plain, 'id="sensitivity"');
      expectHas(plain, 'Ranking by composite score');
      expect(readFileSync(join(r.dir, 'units/U1.html'), 'utf8')).toMatch(/scored 88\.6 overall \(up 20\.0 on last year\), ranking 1st of 3, up \d place/);
    } finally {
      db2.close();
    }
  });

  it('links the other years, the other language, the workbook and the announcement from the top of index.html', () => {
    const links = read('index.html').match(/<div class="links[^"]*">([\s\S]*?)<\/div>/)![1];
    const hrefs = [...links.matchAll(/href="([^"]+)"/g)].map((x) => x[1]);
    expect(hrefs).toEqual(['../2024/index.html', '../2025-en/index.html', 'results.xlsx', '考核结果通报.docx']);
    for (const f of ['results.xlsx', '考核结果通报.docx']) expect(zh.files).toContain(f);
  });

  it('never evaluates the root unit: no scores or indicators on its page, no heatmap row, no warning', () => {
    const page = read(`units/${ROOT_ID}.html`);
    expectHas(page, '不参加评定');
    for (const part of ['优势指标', '薄弱指标', '同类中位数', '加权得分 99.00']) expectNot(page, part);
    // 江海市分行 is the root's name; its indicators (all 99) would be a heatmap row and dimension bars
    for (const chart of ['heatmap', 'dimensions', 'ranking']) expectNot(read(`charts/${chart}.vl.json`), '江海市分行');
    const warnings = read('index.html').match(/<div class="dt" id="warnings-table"[\s\S]*?<\/table>/)?.[0] ?? '';
    expectNot(warnings, '江海市分行');
  });

  it('refuses a year without scores', async () => {
    await expect(renderReports(db, { reports: out }, { year: 1999 })).rejects.toThrow(/1999/);
  });
});

describe('renderReports with the analyse stage tables', () => {
  it('renders comparisons, weight impact and follow-up from the contract tables and keeps follow_up.csv', async () => {
    const { ensureAnalyseTables } = await import('../../src/analyse/contract.js');
    const { writeFileSync } = await import('node:fs');
    const db2 = await openDb(':memory:');
    try {
      await createReportFixture(db2);
      await ensureAnalyseTables(db2);
      await db2.run(`INSERT INTO comparisons (year, base_year, unit_id, node_id, level, score, base_score, score_change, rank, base_rank, rank_change)
        VALUES (2025, 2024, 'U1', 'total', 0, 88, 70, 18, 1, 3, 2), (2025, 2024, 'U1', 'budget', 2, 95, 60, 35, 1, 2, 1)`);
      await db2.run(`INSERT INTO weight_impact (year, base_year, unit_id, total_change, weights_effect, performance_effect, attribution) VALUES (2025, 2024, 'U2', -5, -4, -1, 'weights')`);
      await db2.run(`INSERT INTO follow_up (year, unit_id, unit_name, score, rank, grade, flagged, severity, reasons_zh, reasons_en, outcome)
        VALUES (2025, 'U3', 'x', 45, 4, '较差', true, 'high', '综合得分低于红线', 'below the red line', NULL)`);
      // U1 is graded; U3 is vetoed (not graded) and the root U6 is never graded: neither is warned
      await db2.run(`INSERT INTO flags (year, unit_id, node_id, rule_id, severity, value, reference, reason_zh, reason_en)
        VALUES (2025, 'U1', 'total', 'red_line', 'high', 45, 60, '综合得分低于红线 60', 'Composite below the red line 60'),
               (2025, 'U3', 'total', 'red_line', 'high', 45, 60, '否决单位的预警', 'A vetoed unit flagged'),
               (2025, 'U6', 'total', 'lowest_grade', 'high', 45, 60, '全辖汇总的预警', 'The root flagged')`);
      const dir = join(out, 'analysed');
      const keep = join(dir, '2025');
      (await import('node:fs')).mkdirSync(keep, { recursive: true });
      writeFileSync(join(keep, 'follow_up.csv'), 'kept');
      const r = await renderReports(db2, { reports: dir }, { year: 2025, png: false });
      expect(r.warnings).toEqual({});
      const html = readFileSync(join(r.dir, 'index.html'), 'utf8');
      for (const id of ['comparisons', 'weight-impact', 'follow-up', 'flags', 'sensitivity']) expectHas(html, `id="${id}"`);
      expectHas(html, '综合得分低于红线 60');
      expectNot(html, '否决单位的预警');
      expectNot(html, '全辖汇总的预警');
      expectHas(html, '<th>得分变化</th>');
      expectNot(html, 'below the red line');
      expect(readFileSync(join(r.dir, 'follow_up.csv'), 'utf8')).toBe('kept');
    } finally {
      db2.close();
    }
  });
});
