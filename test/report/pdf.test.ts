/**
 * Printing (issue 14, item 7), in Debian's Chromium: `report --pdf` writes an A4 report.pdf whose
 * page 1 is the title and the first screen; a unit page prints on at most two A4 pages; tables
 * repeat their header row on every printed page and break only between rows. Without Chromium,
 * --pdf stops with a message saying how to get it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDb } from '../../src/store/db.js';
import { renderReports } from '../../src/report/render.js';
import { launchChromium, type Chromium } from '../../src/report/chromium.js';
import { chromiumForPdf, PdfWriter, PDF_FILE } from '../../src/report/write-pdf.js';
import { safeFileName } from '../../src/report/escape.js';
import { createReportFixture, UNSAFE_ID, VETOED_ID } from './fixture.js';
import { chromiumForTests } from './chromium.js';

/** Pages of a PDF as Chromium (Skia) writes it: one `/Type /Page` object per page. */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

describe('--pdf without Chromium', () => {
  it('stops with a zh/en message saying how to install it', () => {
    const saved = { path: process.env.PATH, ys: process.env.YARDSTICK_CHROMIUM, cp: process.env.CHROMIUM_PATH };
    process.env.PATH = '/nonexistent';
    process.env.YARDSTICK_CHROMIUM = '/nonexistent/chromium';
    delete process.env.CHROMIUM_PATH;
    try {
      expect(() => chromiumForPdf()).toThrow(/无法生成 PDF：找不到 Chromium 浏览器.*apt-get install chromium.*Chromium was not found/s);
    } finally {
      process.env.PATH = saved.path;
      if (saved.ys === undefined) delete process.env.YARDSTICK_CHROMIUM; else process.env.YARDSTICK_CHROMIUM = saved.ys;
      if (saved.cp !== undefined) process.env.CHROMIUM_PATH = saved.cp;
    }
  });
});

const exe = chromiumForTests('the PDF tests');

describe.skipIf(!exe)('printing the report in Chromium', () => {
  let out: string;
  let dir: string;
  let chromium: Chromium;

  beforeAll(async () => {
    const db = await openDb(':memory:');
    try {
      await createReportFixture(db, { analysis: true });
      out = mkdtempSync(join(tmpdir(), 'ys-pdf-'));
      dir = (await renderReports(db, { reports: out }, { year: 2025, png: false, draft: false })).dir;
    } finally {
      db.close();
    }
    chromium = await launchChromium(exe!);
  }, 120_000);
  afterAll(async () => {
    await chromium?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  /** Open a page in print mode; `keep` removes everything after that section first. */
  async function printPage(file: string, keep?: string): Promise<Buffer> {
    const page = await chromium.browser.newPage();
    try {
      await page.goto(pathToFileURL(file).href);
      await page.emulateMedia({ media: 'print' });
      if (keep) await page.evaluate((id) => { let s = document.getElementById(id)?.nextElementSibling; while (s) { const n = s.nextElementSibling; if (s.tagName === 'SECTION') s.remove(); s = n; } }, keep);
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await page.close();
    }
  }

  it('writes report.pdf in A4 beside index.html', async () => {
    const writer = new PdfWriter(exe!);
    try {
      expect(await writer.write(dir)).toBe(join(dir, PDF_FILE));
    } finally {
      await writer.close();
    }
    const pdf = readFileSync(join(dir, PDF_FILE));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(pdf)).toBeGreaterThan(1);
    // A4 is 595 × 842 points (Letter would be 612 × 792)
    const box = pdf.toString('latin1').match(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/);
    expect(Number(box?.[1])).toBeCloseTo(595, -0.5);
    expect(Number(box?.[2])).toBeCloseTo(842, -0.5);
  }, 120_000);

  it('page 1 carries the title and the whole first screen; the ranking starts on page 2', async () => {
    expect(pageCount(await printPage(join(dir, 'index.html'), 'headline'))).toBe(1);
    const page = await chromium.browser.newPage();
    try {
      await page.goto(pathToFileURL(join(dir, 'index.html')).href);
      await page.emulateMedia({ media: 'print' });
      const style = await page.evaluate(() => ({
        headline: getComputedStyle(document.getElementById('headline')!).breakAfter,
        nav: getComputedStyle(document.querySelector('nav')!).display,
        thead: getComputedStyle(document.querySelector('#ranking thead')!).display,
        row: getComputedStyle(document.querySelector('#ranking tbody tr')!).breakInside,
        table: getComputedStyle(document.querySelector('#ranking table')!).breakInside,
      }));
      // tables: header row repeated on every page, breaks between rows only, not kept whole
      expect(style).toEqual({ headline: 'page', nav: 'none', thead: 'table-header-group', row: 'avoid', table: 'auto' });
    } finally {
      await page.close();
    }
  }, 120_000);

  it('a unit page prints on at most two A4 pages', async () => {
    for (const id of ['U1', VETOED_ID, UNSAFE_ID]) {
      const pages = pageCount(await printPage(join(dir, 'units', `${safeFileName(id)}.html`)));
      expect(pages, id).toBeGreaterThanOrEqual(1);
      expect(pages, id).toBeLessThanOrEqual(2);
    }
  }, 120_000);
});
