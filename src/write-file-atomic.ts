/**
 * No half-written output file: `write` fills a temp file beside the target, which
 * is renamed into place only when it succeeded (and removed when it did not).
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function writeFileAtomic(target: string, write: (tmp: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    await write(tmp);
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    // A failed write(2) (disk full) carries no path: name the file, so the message can (errors.ts environmentError).
    if (e && typeof e === 'object' && (e as { code?: unknown }).code && !('path' in e)) Object.assign(e, { path: target });
    throw e;
  }
}
