/**
 * Loads the metrics stage's `.sql` files, which live beside this module, by name.
 * Each file holds one statement (or a parameterless script) written as named CTEs;
 * values are bound as `$name` parameters, never spliced into the text.
 */
import { readFileSync } from 'node:fs';

const cache = new Map<string, string>();

/** The text of `src/metrics/<name>` (e.g. `exam_metrics.sql`), read once per process. */
export function loadSql(name: string): string {
  if (!/^[a-z0-9_]+\.sql$/.test(name)) throw new Error(`not a metrics SQL file name: ${name}`);
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
    cache.set(name, text);
  }
  return text;
}
