/**
 * Report benchmark (issue #5): 2000 units × 5 years scored, then one year's report
 * rendered in full (index.html, 2000 unit pages, charts as SVG and PNG, xlsx),
 * its HTML size, and the time for headless Chromium to load and draw it.
 */
import { statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { withDb } from '../src/store/db.js';
import { renderReports } from '../src/report/render.js';
import { scoreBenchYears, seedBenchDb } from './score.js';

export async function benchReport(): Promise<string[]> {
  const out = mkdtempSync(join(tmpdir(), 'ys-bench-report-'));
  try {
    return await withDb(async (db) => {
      await seedBenchDb(db);
      await scoreBenchYears(db);
      const t0 = performance.now();
      const r = await renderReports(db, { reports: out }, { year: 2025 });
      const renderS = (performance.now() - t0) / 1000;
      const html = join(r.dir, 'index.html');
      const kb = Math.round(statSync(html).size / 1024);
      return [
        `  render 2025 for 2000 units: ${renderS.toFixed(1)} s, ${r.files.length} files, index.html ${kb} KB`,
        `  headless Chromium load + draw index.html: ${await chromiumLoad(html)}`,
      ];
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function chromiumLoad(html: string): Promise<string> {
  let exe: string;
  try {
    exe = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    return 'skipped (no chromium)';
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: exe, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage();
    const t0 = performance.now();
    await page.goto(pathToFileURL(html).href);
    await page.waitForFunction(() => [...document.querySelectorAll('.chart')].every((c) => c.querySelector('svg .mark-group, canvas')), null, { timeout: 120_000 });
    return `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('\n== report (issue #5) ==');
  for (const line of await benchReport()) console.log(line);
}
