/**
 * Headless Chromium for `report --pdf` (and the browser tests): Debian's `chromium` (or the one
 * named in $YARDSTICK_CHROMIUM / $CHROMIUM_PATH) driven by playwright-core, which downloads no
 * browser of its own. The flags keep it from reaching the network (see the report notes). The
 * shipped Chinese font is added to the browser's fontconfig, so a machine without a Chinese
 * font prints Chinese, not boxes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { shippedFontFiles } from './report-font.js';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The Chromium program: $YARDSTICK_CHROMIUM, $CHROMIUM_PATH, else chromium / chromium-browser / google-chrome on PATH. */
export function findChromium(): string | null {
  for (const env of [process.env.YARDSTICK_CHROMIUM, process.env.CHROMIUM_PATH]) if (env && existsSync(env)) return env;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const p = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (p) return p;
    } catch {
      /* not on PATH */
    }
  }
  return null;
}

/** A fontconfig file: the system's configuration plus the shipped font's folder. */
function fontConfig(dir: string): string {
  const file = join(dir, 'fonts.conf');
  writeFileSync(file, `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${dirname(shippedFontFiles().regular)}</dir>
  <cachedir>${join(dir, 'cache')}</cachedir>
</fontconfig>
`);
  return file;
}

export interface Chromium { browser: Browser; close(): Promise<void> }

/** Launch headless Chromium at `exe`; `close()` also removes its temporary profile. */
export async function launchChromium(exe: string): Promise<Chromium> {
  const { chromium } = await import('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'yardstick-chromium-'));
  try {
    const env = { ...process.env, FONTCONFIG_FILE: fontConfig(dir) } as Record<string, string>;
    const browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS, env });
    return {
      browser,
      async close() {
        await browser.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
