/**
 * For every browser test: the Chromium to run, or null to skip — with a message, and never in CI:
 * .ci/run installs Chromium and sets YARDSTICK_REQUIRE_BROWSER=1, so a missing browser fails the
 * run instead of letting the browser tests skip silently (issue 14, item 9).
 */
import { findChromium } from '../../src/report/chromium.js';

export function chromiumForTests(what: string): string | null {
  const exe = findChromium();
  if (exe) return exe;
  if (process.env.YARDSTICK_REQUIRE_BROWSER === '1') {
    throw new Error(`YARDSTICK_REQUIRE_BROWSER=1 but no Chromium was found for ${what} (apt-get install chromium, or set CHROMIUM_PATH)`);
  }
  console.warn(`SKIP ${what}: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)`);
  return null;
}
