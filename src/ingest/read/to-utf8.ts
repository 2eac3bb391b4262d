/**
 * Temp copies of a CSV that DuckDB can read as is: GBK and UTF-16 re-encoded to
 * UTF-8 (streamed in 4 MB chunks through `TextDecoder`, never the whole file in
 * memory), line endings unified when a file mixes them (DuckDB's reader wants
 * one kind), and a plain-named link for paths DuckDB would take as a glob
 * (`*`, `?`, `[`, `{`). The caller deletes the copy once it is loaded.
 *
 * Decoding GBK in JS runs at ~66 MB/s on the bench machine (10 s for a 10M-row
 * export), which is why a GBK file with one kind of line ending is landed
 * without a copy by default (gbk-as-latin1.ts).
 */
import { mkdtemp, open, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TextEncoding } from './detect-encoding.js';

const CHUNK = 4 << 20;

export interface TempFile {
  path: string;
  remove(): Promise<void>;
}

/** A fresh folder under `parent` (the run's spool beside the database: a GBK copy can be ~1 GB, /tmp may be small). */
async function tempPath(parent = tmpdir()): Promise<{ dir: string; path: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(parent, 'yardstick-'));
  return { dir, path: join(dir, 'data.csv'), remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Copy `file` as UTF-8 (no BOM) into a temp file. With `unifyNewlines`, every
 * CRLF and lone CR becomes LF, inside quoted cells too.
 */
export async function transcodeToUtf8(file: string, encoding: TextEncoding, unifyNewlines: boolean, parent?: string): Promise<TempFile> {
  const out = await tempPath(parent);
  try {
    await copyDecoded(file, out.path, new TextDecoder(encoding), unifyNewlines);
  } catch (e) {
    await out.remove();
    throw e;
  }
  return out;
}

async function copyDecoded(from: string, to: string, decoder: TextDecoder, unify: boolean): Promise<void> {
  const src = await open(from, 'r');
  const dst = await open(to, 'w');
  try {
    // Decoding copies into a string, so one buffer serves; the write of chunk i overlaps the read of i+1.
    const buf = Buffer.allocUnsafe(CHUNK);
    let carry = '';
    let writing: Promise<unknown> = Promise.resolve();
    for (;;) {
      const { bytesRead } = await src.read(buf, 0, CHUNK, null);
      const last = bytesRead === 0;
      let text = carry + (last ? decoder.decode() : decoder.decode(buf.subarray(0, bytesRead), { stream: true }));
      carry = '';
      if (unify) [text, carry] = unifyNewlines(text, last);
      await writing;
      writing = dst.write(text);
      if (last) break;
    }
    await writing;
  } finally {
    await src.close();
    await dst.close();
  }
}

/** CRLF/CR → LF; a trailing CR is held back (its LF may start the next chunk). */
function unifyNewlines(text: string, last: boolean): [string, string] {
  const hold = !last && text.endsWith('\r');
  const body = hold ? text.slice(0, -1) : text;
  return [body.replace(/\r\n?/g, '\n'), hold ? '\r' : ''];
}

/** DuckDB expands `*`, `?`, `[…]` and `{…}` in a read_csv path. */
export function isGlobLike(path: string): boolean {
  return /[*?[\]{}]/.test(path);
}

/** A symlink with a plain name pointing at `file`, for paths DuckDB would glob. */
export async function plainLink(file: string, parent?: string): Promise<TempFile> {
  const out = await tempPath(parent);
  await symlink(resolve(file), out.path);
  return out;
}
