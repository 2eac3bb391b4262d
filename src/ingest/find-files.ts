/**
 * Expand a source's glob under the data folder. Supports `*`, `?`, `**` and
 * `{year}` (a 4-digit year that becomes the file's declared year). Sorted so runs
 * are deterministic.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface FoundFile {
  /** Path as stored in lineage: data folder + relative path, with forward slashes. */
  path: string;
  year?: number;
}

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (glob.startsWith('{year}', i)) { re += '(\\d{4})'; i += 5; }
    else if (glob.startsWith('**/', i)) { re += '(?:.*/)?'; i += 2; }
    else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'u');
}

/**
 * Every file under `dir`. A data folder that does not exist is empty (the source then
 * matches nothing, which is said); any other failure (no permission, a symbolic link
 * loop) is thrown with its path, for the CLI to name with its remedy (environmentError).
 * A dangling link is listed like a file: if the glob matches it, reading it says so.
 */
function walk(dir: string, out: string[] = []): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw e;
  }
  for (const name of entries) {
    const full = join(dir, name);
    if (isDirectory(full)) walk(full, out);
    else out.push(full);
  }
  return out;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && lstatSync(path).isSymbolicLink()) return false;
    throw e;
  }
}

export function findFiles(dataDir: string, glob: string): FoundFile[] {
  const re = globToRegExp(glob.normalize('NFC'));
  const found: FoundFile[] = [];
  for (const full of walk(dataDir)) {
    const rel = relative(dataDir, full).split(sep).join('/').normalize('NFC');
    const m = re.exec(rel);
    if (!m) continue;
    const year = m[1] ? Number(m[1]) : undefined;
    found.push({ path: join(dataDir, rel).split(sep).join('/'), year });
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}
