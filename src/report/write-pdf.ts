/**
 * `yardstick report --pdf`: the report's index.html printed to A4 by headless Chromium (print CSS in
 * print-css.ts), written as report.pdf beside it. Charts are drawn by the page's own script, so the
 * print waits until every chart holds its SVG. Where no Chromium is installed the command says so
 * before rendering anything (pdfNoChromium); nothing falls back silently.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { YardstickError } from '../errors.js';
import { findChromium, launchChromium, type Chromium } from './chromium.js';
import { pdfFailed, pdfNoChromium } from './render-messages.js';

export const PDF_FILE = 'report.pdf';

/** Chromium for --pdf, or the zh/en error that says how to get it. */
export function chromiumForPdf(): string {
  const exe = findChromium();
  if (!exe) throw new YardstickError(pdfNoChromium());
  return exe;
}

/** Print one HTML file to an A4 PDF (written to a temp name, then renamed). */
export async function printToPdf(browser: Browser, html: string, pdf: string): Promise<void> {
  const page = await browser.newPage();
  const tmp = `${pdf}.tmp-${process.pid}`;
  try {
    await page.goto(pathToFileURL(html).href);
    await page.waitForFunction(() => [...document.querySelectorAll('div.chart')].every((c) => c.querySelector('svg, canvas')), null, { timeout: 120_000 });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: tmp, format: 'A4', printBackground: true, preferCSSPageSize: true });
    renameSync(tmp, pdf);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new YardstickError(pdfFailed(html, (e as Error).message.split('\n')[0]));
  } finally {
    await page.close();
  }
}

/** One Chromium for all the years of a `report --pdf`. */
export class PdfWriter {
  private chromium: Chromium | null = null;

  constructor(private readonly exe: string) {}

  /** `<dir>/report.pdf` from `<dir>/index.html`; returns the PDF's path. */
  async write(dir: string): Promise<string> {
    this.chromium ??= await launchChromium(this.exe);
    const pdf = join(dir, PDF_FILE);
    await printToPdf(this.chromium.browser, join(dir, 'index.html'), pdf);
    return pdf;
  }

  async close(): Promise<void> {
    await this.chromium?.close();
    this.chromium = null;
  }
}

/** Whether a report folder already has its PDF (an unchanged year keeps it). */
export const hasPdf = (dir: string) => existsSync(join(dir, PDF_FILE));
