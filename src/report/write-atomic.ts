/**
 * No half-written report: everything is written into a temp folder beside the target, which then
 * replaces the target by rename (the old folder is moved aside first and removed after). On
 * failure the temp folder is removed and the previous report stays untouched. Entries of the old
 * folder that the new one does not have (e.g. the analyse stage's follow_up.csv) are carried over,
 * except those named in `dropOld` (e.g. a PDF printed from the old pages, which would now be stale).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export async function writeDirAtomic<T>(target: string, fill: (tmp: string) => Promise<T>, dropOld: string[] = []): Promise<T> {
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const stamp = `${process.pid}-${Date.now()}`;
  const tmp = join(parent, `.${basename(target)}.tmp-${stamp}`);
  mkdirSync(tmp, { recursive: true });
  let out: T;
  try {
    out = await fill(tmp);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  const old = join(parent, `.${basename(target)}.old-${stamp}`);
  if (existsSync(target)) {
    for (const entry of readdirSync(target)) if (!existsSync(join(tmp, entry)) && !dropOld.includes(entry)) renameSync(join(target, entry), join(tmp, entry));
    renameSync(target, old);
  }
  try {
    renameSync(tmp, target);
  } catch (e) {
    if (existsSync(old)) renameSync(old, target);
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  rmSync(old, { recursive: true, force: true });
  return out;
}
