/**
 * Per-file progress on a terminal: rows, rows/s and an ETA from bytes done.
 * Silent when stderr is not a TTY (CI, pipes) or with --json.
 */
import type { FileEvent } from '../ingest/ingest.js';

export function progressPrinter(enabled: boolean): ((e: FileEvent) => void) | undefined {
  if (!enabled) return undefined;
  const started = Date.now();
  return (e) => {
    const elapsed = (Date.now() - started) / 1000;
    const rate = e.seconds > 0 ? Math.round(e.counts.read / e.seconds) : 0;
    const eta = e.bytesDone > 0 ? (elapsed * (e.bytesTotal - e.bytesDone)) / e.bytesDone : 0;
    const width = 24;
    const filled = Math.round((width * e.bytesDone) / Math.max(1, e.bytesTotal));
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    process.stderr.write(
      `${bar} ${e.index}/${e.total} ${e.path}  ${e.counts.read.toLocaleString()} 行 rows` +
        `  ${rate.toLocaleString()} 行/秒 rows/s  剩余 ETA ${eta.toFixed(1)}s\n`,
    );
  };
}
