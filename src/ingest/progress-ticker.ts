/**
 * Live progress while a file is read or loaded. DuckDB reports how far a
 * statement is only when asked, so the run is polled (about 4× a second) rather
 * than pushed: a 10M-row file spends seconds inside single statements, and a
 * per-file event alone would leave the terminal silent meanwhile.
 */
import type { Db } from '../store/db.js';

export interface ProgressEvent {
  /** `read`: files land as raw text (before the transaction); `load`: typed, resolved and staged. */
  phase: 'read' | 'load';
  path: string;
  /** 1-based position of the file in this phase, and the number of files. */
  index: number;
  total: number;
  /** Seconds since this file's phase began. */
  seconds: number;
  /** 0–100: how far the statement running now is (for a CSV read, the share of the file read); undefined when unknown. */
  percent?: number;
}

export interface Ticker {
  /** The file now being worked on. */
  at(phase: ProgressEvent['phase'], path: string, index: number, total: number): void;
  /** Between files: nothing to report. */
  idle(): void;
  stop(): void;
}

export function startTicker(db: Db, emit: ((e: ProgressEvent) => void) | undefined, everyMs = 250): Ticker {
  if (!emit) return { at() {}, idle() {}, stop() {} };
  let now: (Omit<ProgressEvent, 'seconds' | 'percent'> & { since: number }) | undefined;
  const timer = setInterval(() => {
    if (!now) return;
    const { since, ...at } = now;
    emit({ ...at, seconds: (Date.now() - since) / 1000, percent: db.progress() });
  }, everyMs);
  timer.unref(); // never what keeps the process alive
  return {
    at(phase, path, index, total) { now = { phase, path, index, total, since: Date.now() }; },
    idle() { now = undefined; },
    stop() { clearInterval(timer); now = undefined; },
  };
}
