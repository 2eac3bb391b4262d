/**
 * Decide what a run must (re)load by comparing files on disk with the manifest.
 * A file is unchanged when its bytes (sha256) and its source definition in the
 * pipeline (config hash: kind, glob, sheets, encoding, year, columns, ignore,
 * limits, keep_names) are as recorded; unchanged files are left alone, a changed file
 * replaces its own rows (a changed unit-profile file: every unit-profile file's). When a
 * reference file (units, registry, roster) changes, every file is reloaded,
 * because unit and person resolution of all facts depends on them.
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import type { Db } from '../store/db.js';
import type { Kind } from '../domain/kinds.js';
import type { Limits, Source } from '../config/pipeline-schema.js';
import { STAGE_VERSION } from './stage/index.js';

export const REFERENCE_KINDS: Kind[] = ['units', 'unit_registry', 'members'];

export interface PlannedFile {
  path: string;
  kind: Kind;
  sourceIndex: number;
  year?: number;
  /**
   * The file's SHA-256, computed in the background: planning waits for it only
   * when the manifest knows the path, so a new file is landed while it is hashed
   * (measured at 10M rows: 0.3 s of the 0.6 s hash hidden behind the load).
   */
  sha256: Promise<string>;
  bytes: number;
  /** sourceConfigHash of the file's source; a file without one is compared by its bytes only. */
  configHash?: string;
}

/**
 * What of a source decides how its files load, as one hash: everything but its
 * `name` (messages only). Object keys are sorted, so reordering `columns:` in the
 * YAML changes nothing; reordering a header list does (the first alias is tried first).
 * The stage's version is part of it: rows staged by an older stage (other key format) reload once.
 * So is `keep_names`: it decides the format of every person key, and rows keyed one way must not
 * be counted with rows keyed the other (it enters the hash only when set, so that turning the
 * option into part of the fingerprint reloaded nothing).
 */
export function sourceConfigHash(source: Source, limits: Limits, keepNames = false): string {
  const { name: _name, ...def } = source;
  const names = keepNames ? { keep_names: true } : {};
  return createHash('sha256').update(stableJson({ source: def, limits, stage: STAGE_VERSION, ...names })).digest('hex');
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * Hash files one after another in the background (one read stream at a time);
 * `hash: false` (check) reads nothing.
 */
export function hashInBackground(paths: string[], hash = true): Map<string, Promise<string>> {
  const out = new Map<string, Promise<string>>();
  let chain: Promise<unknown> = Promise.resolve();
  for (const path of paths) {
    const digest = hash ? chain.then(() => sha256File(path)).then((d) => d.sha256) : Promise.resolve('');
    digest.catch(() => undefined); // awaited (and reported) by whoever needs it
    chain = digest.catch(() => undefined);
    out.set(path, digest);
  }
  return out;
}

export function fileBytes(path: string): number {
  return statSync(path).size;
}

export interface Plan {
  load: PlannedFile[];
  unchanged: PlannedFile[];
  /** Files in the manifest that are gone or changed: their rows are removed first. */
  remove: string[];
  full: boolean;
  /** Files loaded again because their source definition changed (their bytes did not): said in the summary. */
  reconfigured: string[];
}

export function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let bytes = 0;
    createReadStream(path, { highWaterMark: 4 << 20 })
      .on('data', (chunk) => { hash.update(chunk); bytes += chunk.length; })
      .on('end', () => resolve({ sha256: hash.digest('hex'), bytes }))
      .on('error', reject);
  });
}

export async function planRun(db: Db, files: PlannedFile[], force: boolean): Promise<Plan> {
  const manifest = await db.all<{ source_file: string; sha256: string; kind: Kind; config_hash: string | null }>(
    'SELECT source_file, sha256, kind, config_hash FROM manifest');
  const before = new Map(manifest.map((m) => [m.source_file, m]));
  const now = new Map(files.map((f) => [f.path, f]));
  // A forced run or a new path loads whatever the hash; only a known path waits for it.
  const known = force ? [] : files.filter((f) => before.has(f.path));
  const hashes = new Map(await Promise.all(known.map(async (f) => [f.path, await f.sha256] as const)));
  const sameBytes = (f: PlannedFile) => hashes.has(f.path) && before.get(f.path)?.sha256 === hashes.get(f.path);
  // A manifest row from before config hashes were recorded (NULL) counts as changed: it is not known to match.
  const sameConfig = (f: PlannedFile) => f.configHash === undefined || before.get(f.path)?.config_hash === f.configHash;
  const reconfigured = files.filter((f) => sameBytes(f) && !sameConfig(f));
  const gone = manifest.filter((m) => !now.has(m.source_file));
  const edited = files.filter((f) => !sameBytes(f) || !sameConfig(f));
  // Unit-profile files are checked against each other (two files, one unit-year item, two
  // values: stage/profile.ts rejects both rows): a change to one reloads them all.
  const profileTouched = [...edited, ...gone].some((f) => f.kind === 'unit_profile');
  const changed = files.filter((f) => edited.includes(f) || (profileTouched && f.kind === 'unit_profile'));
  const referenceTouched = [...changed, ...gone].some((f) => REFERENCE_KINDS.includes(f.kind));
  const full = force || referenceTouched;
  const reloaded = reconfigured.map((f) => f.path);
  if (full) return { load: files, unchanged: [], remove: manifest.map((m) => m.source_file), full, reconfigured: reloaded };
  return {
    load: changed,
    unchanged: files.filter((f) => !changed.includes(f)),
    remove: [...changed.filter((f) => before.has(f.path)).map((f) => f.path), ...gone.map((g) => g.source_file)],
    full,
    reconfigured: reloaded,
  };
}
