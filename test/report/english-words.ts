/** What the zh-only checks (file and browser tests) count as English in the Chinese report. */
import { FORMULA, UNSAFE_ID, XSS } from './fixture.js';

const FILES = ['data/2025/学习考勤.csv', `data/${XSS}.csv`];

/** Text a reader sees: scripts, styles and tags removed, entities decoded, user data blanked out. */
export function visibleText(html: string): string {
  const text = html.replace(/<script[\s\S]*?<\/script>/gi, ' ').replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&emsp;/g, ' ').replace(/&amp;/g, '&');
  return withoutUserData(text);
}

/** Words that must not reach a Chinese reader. */
export function englishIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z]+_[A-Za-z_]+/g)) found.add(m[0]); // ids: attendance_rate, red_line, not_graded
  for (const m of text.matchAll(/[A-Za-z][A-Za-z·/]*[A-Za-z]/g)) if (m[0] !== 'UTC') found.add(m[0]); // any other word
  return [...found];
}

/** Page text (e.g. a browser's innerText) without the fixture's user data: file names as the office named them, unit names and ids. */
export function withoutUserData(text: string): string {
  return [...FILES, XSS, FORMULA, UNSAFE_ID].reduce((t, s) => t.split(s).join(' '), text).replace(/\bU\d\b/g, ' ');
}
