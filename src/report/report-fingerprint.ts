/**
 * A year whose report inputs did not change is not rendered again (issue 14: `run` on five years
 * re-rendered 5 × 2,023 files every time). The fingerprint is a SHA-256 of everything the report
 * is made from: the tables read for that year (`ReportData`, draft preview included), the options
 * that change the files (language, PNG, zoom, font files) and the report code itself (every file
 * under src/report, so a new version renders again). It is stored in the report folder; a folder
 * without it, or without its index.html, is rendered.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportData } from './read-report-data.js';
import type { ReportFont } from './report-font.js';

export const FINGERPRINT_FILE = '.report-inputs.sha256';

export interface FingerprintOptions { lang: string; png: boolean; pngScale?: number; font: ReportFont }

/**
 * JSON with bigint, Map, Set and Date written out, so every value counts. A Map's entries are sorted
 * by key: lookups do not depend on their order, and the order of a query without ORDER BY (the
 * unit names) varies between two reads of the same database. Run ids are left out.
 */
function stableJson(v: unknown): string {
  return JSON.stringify(v, (k, x: unknown) => {
    // A run id names a scoring run, not what it computed: re-scoring unchanged data must not re-render.
    if (k === 'run_id' || k === 'runId') return undefined;
    if (typeof x === 'bigint') return `${x}n`;
    if (x instanceof Map) return { $map: [...x.entries()].sort(([a], [b]) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0)) };
    if (x instanceof Set) return { $set: [...x] };
    if (typeof x === 'number' && !Number.isFinite(x)) return String(x);
    return x;
  });
}

let codeHash: string | null = null;

/** Hash of the report's own source (this folder, recursively), computed once per process. */
function reportCodeHash(): string {
  if (codeHash) return codeHash;
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|js|sql|css|json)$/.test(name)) h.update(name).update(readFileSync(p));
    }
  };
  walk(dirname(fileURLToPath(import.meta.url)));
  return (codeHash = h.digest('hex'));
}

export function reportFingerprint(data: ReportData, opts: FingerprintOptions): string {
  const h = createHash('sha256');
  h.update(reportCodeHash());
  const fonts = opts.font.files.map((f) => ({ f, size: statSync(f).size, mtime: statSync(f).mtimeMs }));
  h.update(stableJson({ lang: opts.lang, png: opts.png, pngScale: opts.pngScale ?? null, fonts }));
  h.update(stableJson(data));
  return h.digest('hex');
}

/** The fingerprint stored in a complete report folder, or null. */
export function storedFingerprint(dir: string): string | null {
  const file = join(dir, FINGERPRINT_FILE);
  if (!existsSync(file) || !existsSync(join(dir, 'index.html'))) return null;
  return readFileSync(file, 'utf8').trim();
}

/** The files of an existing report folder, relative to it (what an unchanged year still has). */
export function listReportFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string) => {
    for (const name of readdirSync(join(dir, sub)).sort()) {
      const rel = sub ? `${sub}/${name}` : name;
      if (name.startsWith('.')) continue;
      if (statSync(join(dir, rel)).isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out;
}
