/**
 * Opens the generated index.html from disk in a real Chromium (Debian's, driven by playwright-core):
 * no console error, every chart drew marks, no request other than file:, and the unit named like
 * an XSS payload shows as text. Skips when no Chromium is installed (.ci/run installs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { openDb } from '../../src/store/db.js';
import { renderReports } from '../../src/report/render.js';
import { safeFileName } from '../../src/report/escape.js';
import { createReportFixture, UNSAFE_ID, XSS } from './fixture.js';
import { englishIn, withoutUserData } from './english-words.js';

function findChromium(): string | null {
  const env = process.env.CHROMIUM_PATH;
  if (env && existsSync(env)) return env;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const p = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (p) return p;
    } catch {
      /* not installed */
    }
  }
  return null;
}

const exe = findChromium();
if (!exe) console.warn('SKIP browser test: no chromium found (apt-get install chromium, or set CHROMIUM_PATH)');

describe.skipIf(!exe)('index.html in a real browser', () => {
  let browser: Browser;
  let out: string;
  let dir: string;

  beforeAll(async () => {
    const db = await openDb(':memory:');
    try {
      await createReportFixture(db, { analysis: true });
      out = mkdtempSync(join(tmpdir(), 'yardstick-browser-'));
      dir = (await renderReports(db, { reports: out }, { year: 2025, png: false })).dir;
    } finally {
      db.close();
    }
    browser = await chromium.launch({
      executablePath: exe!,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  async function open(file: string) {
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

  it('renders every chart offline, without errors, and shows the XSS name as text', async () => {
    const { page, problems, requests } = await open('index.html');
    await page.waitForFunction(() => [...document.querySelectorAll('.chart')].every((c) => c.querySelector('svg .mark-group, canvas')), null, { timeout: 20_000 });
    const marks = await page.$$eval('.chart', (cs) => cs.map((c) => ({ id: c.id, marks: c.querySelectorAll('svg .mark-group *, svg [class^="mark-"] path').length })));
    expect(marks.map((m) => m.id)).toEqual(expect.arrayContaining(['chart-ranking', 'chart-heatmap', 'chart-slope', 'chart-flags', 'chart-sensitivity', 'chart-weight-impact']));
    for (const m of marks) expect(m.marks, m.id).toBeGreaterThan(0);
    const actions = await page.$$eval('.vega-actions a', (as) => as.map((a) => a.textContent ?? ''));
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((a) => /source|compiled|editor/i.test(a))).toEqual([]);
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

  it('opens a unit page with inline charts and no requests', async () => {
    const { page, problems, requests } = await open(`units/${safeFileName('U2')}.html`);
    expect(await page.$$eval('.chart svg', (s) => s.length)).toBeGreaterThan(0);
    expect((await page.evaluate(() => document.title)).includes(XSS)).toBe(true);
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    await page.close();
    expect(existsSync(join(dir, 'units', `${safeFileName(UNSAFE_ID)}.html`))).toBe(true);
  });
  it('what-if sliders re-rank the units live, and reset restores this year\'s weights', async () => {
    const { page, problems } = await open('index.html');
    await page.waitForSelector('#chart-whatif input[type=range]', { timeout: 20_000 });
    const sliders = page.locator('#chart-whatif input[type=range]');
    const values = () => sliders.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const initial = await values();
    expect(initial.length).toBeGreaterThan(1);
    // Visual order of the unit labels, top to bottom.
    const order = () => page.$$eval('#chart-whatif .role-axis-label text', (els) => els
      .map((e) => ({ t: e.textContent ?? '', y: e.getBoundingClientRect().top }))
      .filter((x) => !/^[0-9]+$/.test(x.t)).sort((a, b) => a.y - b.y).map((x) => x.t));
    const before = await order();
    // All the weight on one dimension at a time: some weighting must change the order.
    const orders: string[] = [];
    for (let only = 0; only < initial.length; only++) {
      for (let i = 0; i < initial.length; i++) {
        await sliders.nth(i).evaluate((e, v) => { (e as HTMLInputElement).value = v; e.dispatchEvent(new Event('input', { bubbles: true })); }, i === only ? '100' : '0');
      }
      await page.waitForTimeout(200);
      orders.push((await order()).join(','));
    }
    expect(orders.some((o) => o !== before.join(','))).toBe(true);
    await page.click('button[data-reset="whatif"]');
    await page.waitForTimeout(200);
    expect(await values()).toEqual(initial);
    expect(await order()).toEqual(before);
    expect(problems).toEqual([]);
    await page.close();
  });
});
