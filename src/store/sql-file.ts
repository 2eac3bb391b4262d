/** Load a `.sql` file that sits beside the module asking for it. */
import { readFileSync } from 'node:fs';

const cache = new Map<string, string>();

export function sqlFile(base: string, name: string): string {
  const url = new URL(name, base);
  let text = cache.get(url.href);
  if (text === undefined) {
    text = readFileSync(url, 'utf8');
    cache.set(url.href, text);
  }
  return text;
}
