/**
 * Report benchmark (issues #5, #14): 2000 units × 5 years scored, then one year's report rendered
 * (index.html, 2000 unit pages, charts as SVG and PNG, xlsx) by this checkout and — in the same
 * bench run, on the same database — by an older checkout (`--old-report <dir>`: a git worktree of
 * the base commit with node_modules linked), each in its own process (peak RSS its own); then the
 * same year again, which is left as it was (inputs unchanged); index.html sizes and the time for
 * headless Chromium to load and draw each.
 */
import { statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDb } from '../src/store/db.js';
import { findChromium, launchChromium } from '../src/report/chromium.js';
import { scoreBenchYears, seedBenchDb } from './score.js';
import { child, type Timed } from './child.js';

type Rendered = Timed & { files: number; pngs: number; indexBytes: number; skipped: boolean; dir: string };

export async function benchReport(oldRoot?: string): Promise<string[]> {
  const out = mkdtempSync(join(tmpdir(), 'ys-bench-report-'));
  try {
    const dbFile = join(out, 'ys.duckdb');
    const db = await openDb(dbFile);
    try {
      await seedBenchDb(db);
      await scoreBenchYears(db);
    } finally {
      db.close();
    }
    const render = (root: string, to: string) => child('bench/report-child.ts', [root, dbFile, join(out, to), '2025', 'png']) as Rendered;
    const line = (name: string, r: Rendered) =>
      `  ${name.padEnd(34)} ${r.seconds.toFixed(1).padStart(6)} s  ${String(r.files).padStart(5)} files (${r.pngs} PNG)  index.html ${(r.indexBytes / 1048576).toFixed(2)} MB  peak RSS ${Math.round(r.maxRssMb)} MB${r.skipped ? '  (not re-rendered: inputs unchanged)' : ''}`;
    const lines: string[] = [];
    const old = oldRoot ? render(resolve(oldRoot), 'old') : null;
    const now = render(resolve('.'), 'new');
    const again = render(resolve('.'), 'new');
    if (old) lines.push(line('old renderer (base commit)', old));
    lines.push(line('this renderer', now), line('this renderer, same inputs again', again));
    if (old) lines.push(`  time ratio this/old: ${(now.seconds / old.seconds).toFixed(2)}×; index.html ${(now.indexBytes / old.indexBytes).toFixed(2)}×`);
    for (const [name, r] of [['old', old], ['this', now]] as const) if (r) lines.push(`  headless Chromium load + draw index.html (${name}): ${await chromiumLoad(join(r.dir, 'index.html'))}`);
    return lines;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function chromiumLoad(html: string): Promise<string> {
  const exe = findChromium();
  if (!exe) return 'skipped (no chromium)';
  const c = await launchChromium(exe);
  try {
    const page = await c.browser.newPage();
    const t0 = performance.now();
    await page.goto(pathToFileURL(html).href);
    const paint = (performance.now() - t0) / 1000;
    await page.waitForFunction(() => [...document.querySelectorAll('.chart')].every((e) => e.querySelector('svg .mark-group, canvas')), null, { timeout: 300_000 });
    const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    return `load ${paint.toFixed(1)} s, charts drawn ${((performance.now() - t0) / 1000).toFixed(1)} s, ${nodes.toLocaleString()} DOM nodes`;
  } finally {
    await c.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--old-report');
  console.log('\n== report, 2000 units (issues #5, #14) ==');
  for (const l of await benchReport(i > 0 ? process.argv[i + 1] : undefined)) console.log(l);
}
