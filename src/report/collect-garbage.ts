/**
 * A full garbage collection between two reports rendered by one process (`run`: every year in
 * both languages; `report`: every year). A report at 2,000 units allocates a few hundred MB of
 * short-lived strings and Vega scenegraphs while keeping ~100 MB alive; during a busy batch V8
 * grows its heap to several times what is alive instead of collecting, and report after report
 * the process's memory climbs far above what any one report needs (bench/RESULTS.md). Collecting
 * once a report is written returns the heap to what is alive, at the cost of one full collection
 * (~0.1 s) per report.
 *
 * Node exposes `gc()` only with --expose-gc, a flag neither the CLI nor a library caller can be
 * relied on to pass: the flag is switched on just long enough to take `gc` from a new context.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
    setFlagsFromString('--no-expose-gc');
  }
  gc();
}
