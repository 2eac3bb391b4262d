/**
 * Opens the generated index.html from disk in a real Chromium (Debian's, driven by playwright-core):
 * no console error, every chart drew marks, no request other than file:, the unit named like an
 * XSS payload shows as text; the numbers on the page equal the scores table (queried here, not
 * taken from the renderer); the tables sort, filter, search and page; a chart mark opens the
 * unit's page; and the what-if, moved to random weights, equals a re-score by the engine of a
 * tree with those weights, unit by unit (composite to 0.01, rank, grade).
 * Skips with a message when no Chromium is installed; fails instead when YARDSTICK_REQUIRE_BROWSER=1
 * (.ci/run installs Chromium and sets it; chromium.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openDb, type Db } from '../../src/store/db.js';
import { renderReports } from '../../src/report/render.js';
import { safeFileName } from '../../src/report/escape.js';
import { scoreYear } from '../../src/score/score.js';
import { createReportFixture, UNSAFE_ID, XSS } from './fixture.js';
import { englishIn, withoutUserData } from './english-words.js';
import { createWhatIfDb, normalisedPercent, officialResults, whatIfTree } from './what-if-fixture.js';
import { prng } from '../score/helpers.js';
import { chromiumForTests } from './chromium.js';

const exe = chromiumForTests('the browser tests (test/report/browser.test.ts)');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

async function open(browser: Browser, dir: string, file: string) {
  const page = await browser.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(join(dir, file)).href);
  return { page, problems, requests };
}

/** The visible rows of a table: each cell's text. */
const visibleRows = (page: Page, table: string) => page.$$eval(`${table} tbody tr`, (trs) => trs
  .filter((tr) => !(tr as HTMLElement).hidden).map((tr) => [...(tr as HTMLTableRowElement).cells].map((c) => (c.textContent ?? '').trim())));

const num = (s: string) => Number(s.replace(/,/g, '').replace('\u2212', '-'));
/** A number shown with 2 decimals equals `value` (half a unit of the last decimal, and a hair for binary rounding). */
const shows2 = (shown: string, value: number, where = '') => expect(Math.abs(num(shown) - value), `${where} ${shown} vs ${value}`).toBeLessThanOrEqual(0.005 + 1e-9);

describe.skipIf(!exe)('index.html in a real browser', () => {
  let browser: Browser;
  let out: string;
  let dir: string;
  let db: Db;

  beforeAll(async () => {
    db = await openDb(':memory:');
    await createReportFixture(db, { analysis: true });
    out = mkdtempSync(join(tmpdir(), 'yardstick-browser-'));
    dir = (await renderReports(db, { reports: out }, { year: 2025, png: false })).dir;
    browser = await chromium.launch({ executablePath: exe!, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    db?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('renders every chart offline, without errors, and shows the XSS name as text', async () => {
    const { page, problems, requests } = await open(browser, dir, 'index.html');
    await page.waitForFunction(() => [...document.querySelectorAll('.chart')].every((c) => c.querySelector('svg .mark-group, canvas')), null, { timeout: 20_000 });
    const marks = await page.$$eval('.chart', (cs) => cs.map((c) => ({ id: c.id, marks: c.querySelectorAll('svg .mark-group *, svg [class^="mark-"] path').length })));
    expect(marks.map((m) => m.id)).toEqual(expect.arrayContaining(['chart-ranking', 'chart-heatmap', 'chart-slope', 'chart-flags', 'chart-sensitivity', 'chart-weight-impact']));
    for (const m of marks) expect(m.marks, m.id).toBeGreaterThan(0);
    const actions = await page.$$eval('.vega-actions a', (as) => as.map((a) => a.textContent ?? ''));
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((a) => /source|compiled|editor/i.test(a))).toEqual([]);
    // the "…" menu speaks Chinese (vega-embed's own default is "Save as SVG"), and so do the marks' aria-labels
    const menus = await page.$$eval('.chart details', (ds) => ds.map((d) => d.getAttribute('title') ?? ''));
    expect(menus.length).toBeGreaterThan(0);
    expect(englishIn([...actions, ...menus].join(' '))).toEqual([]);
    expect(actions.every((a) => /[\u4e00-\u9fff]/.test(a))).toBe(true);
    const ariaLabels = await page.$$eval('.chart svg [aria-label]', (es) => es.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(ariaLabels.length).toBeGreaterThan(0);
    expect(englishIn(withoutUserData(ariaLabels.join('\n')))).toEqual([]);
    const text = await page.evaluate(() => document.body.innerText);
    expect(text.includes(XSS)).toBe(true);
    // what a reader sees, the charts' axes, legends and bar labels included, is Chinese
    const svgText = await page.$$eval('.chart svg text', (ts) => ts.map((t) => t.textContent ?? '').join(' '));
    expect(svgText).toContain('88.6 良好');
    expect(englishIn(withoutUserData(`${text} ${svgText}`))).toEqual([]);
    expect(await page.$$eval('img', (imgs) => imgs.length)).toBe(0);
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    await page.close();
  });

  it('shows the scores table\'s numbers: ranking rows, grade counts, the first screen', async () => {
    const scores = await db.all<{ unit_id: string; name: string; score: number; rank: number; grade: string; weighted: number; bonus: number; deduction: number }>(
      `select s.unit_id, u.name, s.score, s.rank, s.grade, s.weighted, s.bonus, s.deduction from scores s join units u using (unit_id)
       where s.year = 2025 and s.level = 0 and s.grade_status = 'graded' order by s.rank`);
    const { page, problems } = await open(browser, dir, 'index.html');
    const headers = await page.$$eval('#ranking-table thead th', (ths) => ths.map((t) => (t.textContent ?? '').trim()));
    const col = (h: string) => headers.indexOf(h);
    for (const h of ['名次', '单位', '等级', '综合得分', '得分变化', '名次变化', '加权得分', '加分', '扣分']) expect(headers, h).toContain(h);
    const rows = await visibleRows(page, '#ranking-table');
    expect(rows.length).toBe(scores.length);
    for (const [i, s] of scores.entries()) {
      const r = rows[i];
      expect(r[col('单位')]).toBe(s.name);
      expect(num(r[col('名次')])).toBe(s.rank);
      shows2(r[col('综合得分')], s.score);
      shows2(r[col('加权得分')], s.weighted);
      shows2(r[col('加分')], s.bonus);
      shows2(r[col('扣分')], s.deduction);
      expect(r[col('等级')]).toContain(s.grade);
    }
    // rank change against 2024 among graded units, positive = up
    const before = new Map((await db.all<{ unit_id: string; rank: number }>(
      `select unit_id, rank from scores where year = 2024 and level = 0 and grade_status = 'graded'`)).map((r) => [r.unit_id, r.rank]));
    for (const [i, s] of scores.entries()) {
      const b = before.get(s.unit_id);
      expect(rows[i][col('名次变化')]).toBe(b === undefined ? '—' : b - s.rank > 0 ? `+${b - s.rank}` : b - s.rank < 0 ? `\u2212${s.rank - b}` : '0');
    }
    // the first screen: graded units of all units, and each grade's count
    const first = await page.$eval('.first-screen', (e) => (e as HTMLElement).innerText);
    const all = await db.one<{ n: number }>(`select count(*)::int as n from scores where year = 2025 and level = 0`);
    expect(first).toContain(`参评 ${scores.length} 个单位（共 ${all!.n} 个）`);
    const counts = await db.all<{ grade: string; n: number }>(
      `select grade, count(*)::int as n from scores where year = 2025 and level = 0 and grade_status = 'graded' group by grade`);
    const gradeItems = await page.$$eval('.first-screen ul.grades li', (lis) => lis.map((li) => (li.textContent ?? '').trim()));
    for (const c of counts) expect(gradeItems.some((g) => g.startsWith(`${c.grade} ${c.n}`)), `${c.grade} ${c.n} in ${gradeItems.join(' | ')}`).toBe(true);
    // the movers: each line's ranks are the unit's 2024 and 2025 ranks among graded units
    const rankOf = async (year: number) => new Map((await db.all<{ name: string; rank: number }>(
      `select u.name, s.rank from scores s join units u using (unit_id) where s.year = ${year} and s.level = 0 and s.grade_status = 'graded'`)).map((r) => [r.name, r.rank]));
    const [r2024, r2025] = [await rankOf(2024), await rankOf(2025)];
    const moverLines = await page.$$eval('.first-screen ul.movers li', (lis) => lis.map((li) => (li.textContent ?? '').trim()));
    expect(moverLines.length).toBeGreaterThan(0);
    for (const line of moverLines) {
      const [, name, from, to] = line.match(/^(.+)：第 (\d+) 名 → 第 (\d+) 名/)!;
      expect([Number(from), Number(to)], line).toEqual([r2024.get(name), r2025.get(name)]);
    }
    // the root unit and the vetoed unit are never among the units that need attention, nor warned
    const attention = await page.$$eval('.first-screen ol.attention li a', (as) => as.map((a) => a.textContent));
    const notGraded = await db.all<{ name: string }>(`select u.name from scores s join units u using (unit_id) where s.year = 2025 and s.level = 0 and s.grade_status <> 'graded'`);
    const warned = (await visibleRows(page, '#warnings-table')).map((r) => r[0]);
    for (const u of notGraded) {
      expect(attention).not.toContain(u.name);
      expect(warned).not.toContain(u.name);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sorts, filters, searches the ranking table, and a chart bar opens the unit\'s page', async () => {
    const { page, problems } = await open(browser, dir, 'index.html');
    const composite = async () => (await visibleRows(page, '#ranking-table')).map((r) => num(r[4]));
    await page.click('#ranking-table thead th:nth-child(5)');
    const asc = await composite();
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    await page.click('#ranking-table thead th:nth-child(5)');
    const desc = await composite();
    expect(desc).toEqual([...asc].reverse());
    const gradeFilter = '#ranking-table select[data-dt="filter"] >> nth=1';
    await page.selectOption(gradeFilter, '良好');
    const good = await visibleRows(page, '#ranking-table');
    const n = await db.one<{ n: number }>(`select count(*)::int as n from scores where year = 2025 and level = 0 and grade_status = 'graded' and grade = '良好'`);
    expect(good.length).toBe(n!.n);
    expect(good.every((r) => r[3].includes('良好'))).toBe(true);
    await page.selectOption(gradeFilter, '');
    await page.fill('#ranking-table input[data-dt="search"]', '南湖');
    expect((await visibleRows(page, '#ranking-table')).map((r) => r[1])).toEqual(['南湖县支行']);
    expect(await page.$eval('#ranking-table [data-dt="count"]', (e) => e.textContent)).toContain('共 1 条');
    // a bar of the ranking chart links to its unit's page
    await page.waitForSelector('#chart-ranking svg .mark-rect path', { timeout: 20_000 });
    await Promise.all([page.waitForURL(/units\/U1\.html$/), page.click('#chart-ranking svg .mark-rect path >> nth=0')]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens a unit page with inline charts and no requests', async () => {
    const { page, problems, requests } = await open(browser, dir, `units/${safeFileName('U2')}.html`);
    expect(await page.$$eval('.chart svg', (s) => s.length)).toBeGreaterThan(0);
    expect((await page.evaluate(() => document.title)).includes(XSS)).toBe(true);
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    await page.close();
    expect(existsSync(join(dir, 'units', `${safeFileName(UNSAFE_ID)}.html`))).toBe(true);
  });
});

describe.skipIf(!exe)('the what-if in the browser = a re-score by the engine', () => {
  let browser: Browser;
  let out: string;
  let dir: string;
  let db: Db;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: exe!, args: ARGS });
    out = mkdtempSync(join(tmpdir(), 'yardstick-whatif-'));
    db = await openDb(':memory:');
    await createWhatIfDb(db);
    dir = (await renderReports(db, { reports: out }, { year: 2025, png: false })).dir;
  });
  afterAll(async () => {
    await browser?.close();
    db?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  async function setSliders(page: Page, values: number[]) {
    const sliders = page.locator('#whatif-app input[type=range]');
    for (const [i, v] of values.entries()) {
      await sliders.nth(i).evaluate((e, x) => { (e as HTMLInputElement).value = x; e.dispatchEvent(new Event('input', { bubbles: true })); }, String(v));
    }
  }

  /** Every unit's what-if composite, rank and grade as the page shows them. */
  async function pageResults(page: Page) {
    const all = page.locator('#whatif-app button[data-whatif="all"]');
    if (await all.isVisible()) await all.click();
    return page.$$eval('#whatif-app table.whatif-results tbody tr', (trs) => trs.map((tr) => {
      const c = [...(tr as HTMLTableRowElement).cells].map((x) => (x.textContent ?? '').trim());
      return { unit: tr.getAttribute('data-unit')!, rank: c[0], score: c[2], grade: c[3] };
    }));
  }

  it('equals the engine for random weights, unit by unit', async () => {
    const { page, problems } = await open(browser, dir, 'index.html');
    await page.waitForSelector('#whatif-app input[type=range]', { timeout: 20_000 });
    const rnd = prng(Date.now() % 100000);
    for (let round = 0; round < 3; round++) {
      const sliders = [0, 1, 2].map(() => 1 + Math.floor(rnd() * 100));
      if (round === 2) sliders.splice(0, 3, 10, 10, 80); // some units drop below the missing threshold
      await setSliders(page, sliders);
      const shown = await pageResults(page);
      // the weights as entered, normalised, and their total
      const weights = await visibleRows(page, '#whatif-app table.whatif-weights');
      expect(weights.map((r) => num(r[2]))).toEqual(sliders);
      // shown with 1 decimal: within half of it
      normalisedPercent(sliders).forEach((w, i) => expect(Math.abs(num(weights[i][3].replace('%', '')) - w)).toBeLessThanOrEqual(0.05 + 1e-9));
      expect(await page.$eval('#whatif-app table.whatif-weights tfoot', (e) => e.textContent)).toContain(String(sliders.reduce((s, x) => s + x, 0)));

      // the page was written from this year's scores; each round re-scores the year with its weights
      await scoreYear(db, whatIfTree(normalisedPercent(sliders)), { year: 2025 });
      const official = await officialResults(db);
      expect(shown.map((r) => r.unit).sort()).toEqual(official.map((r) => r.unit_id));
      const byUnit = new Map(shown.map((r) => [r.unit, r]));
      for (const o of official) {
        const r = byUnit.get(o.unit_id)!;
        const where = `${o.unit_id} at ${sliders.join('/')}`;
        if (o.grade_status === 'graded') {
          shows2(r.score, o.score!, where);
          expect(Number(r.rank), where).toBe(o.rank);
          expect(r.grade, where).toBe(o.grade);
        } else {
          expect(r.rank, where).toBe('—');
          expect(r.grade, where).toBe(o.grade_status === 'not_graded' ? '不参加评定' : '数据不足');
        }
      }
      if (round === 2) expect(official.some((o) => o.grade_status === 'unscored')).toBe(true);
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);

  it('says so when every weight is 0, and reset restores this year\'s weights and result', async () => {
    const { page, problems } = await open(browser, dir, 'index.html');
    await page.waitForSelector('#whatif-app input[type=range]', { timeout: 20_000 });
    const initial = await pageResults(page);
    await setSliders(page, [0, 0, 0]);
    expect(await page.$eval('#whatif-app .whatif-message', (e) => e.textContent)).toContain('所有维度的权重都是 0');
    expect(await page.$eval('#whatif-app table.whatif-results', (e) => (e as HTMLElement).hidden)).toBe(true);
    await page.click('#whatif-app button[data-whatif="reset"]');
    expect(await page.$$eval('#whatif-app input[type=range]', (els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['30', '45', '25']);
    expect(await pageResults(page)).toEqual(initial);
    expect(await page.$eval('#whatif-app .whatif-message', (e) => e.textContent)).toContain('名次变化 0 个单位，等级变化 0 个单位');
    expect(problems).toEqual([]);
    await page.close();
  });
});
