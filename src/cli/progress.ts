/**
 * Progress on a terminal. While a file is read or loaded, one live line is
 * redrawn in place (the share of a CSV read, or the seconds spent loading);
 * when a file is loaded, a permanent line gives its rows, rows/s and the ETA
 * of the loading from bytes done. Silent when stderr is not a TTY (CI, pipes) or
 * with --json.
 */
import type { FileEvent } from '../ingest/ingest.js';
import type { ProgressEvent } from '../ingest/progress-ticker.js';

export interface ProgressPrinter {
  onFile: (e: FileEvent) => void;
  onProgress: (e: ProgressEvent) => void;
  /** Clear the live line (the run is over). */
  done: () => void;
}

const CLEAR = '\r\x1b[2K';
const WIDTH = 24;
const SPIN = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
const MIN_SHARE_FOR_ETA = 0.05;
const PHASE = { read: '读取 reading', load: '载入 loading' };

const bar = (share: number) => {
  const filled = Math.round(WIDTH * Math.max(0, Math.min(1, share)));
  return '█'.repeat(filled) + '░'.repeat(WIDTH - filled);
};

export function createProgressPrinter(write: (s: string) => void): ProgressPrinter {
  let loadSeconds = 0;
  let live = false;
  let ticks = 0;
  const clear = () => {
    if (live) write(CLEAR);
    live = false;
  };
  return {
    onProgress(e) {
      // A CSV read reports a share of the file; other steps only show they are alive.
      const how = e.phase === 'read' && e.percent !== undefined
        ? `${bar(e.percent / 100)} ${e.percent.toFixed(0)}%`
        : `${SPIN[ticks++ % SPIN.length]} ${e.seconds.toFixed(1)}s`;
      write(`${CLEAR}${PHASE[e.phase]} ${e.index}/${e.total} ${e.path}  ${how}`);
      live = true;
    },
    onFile(e) {
      clear();
      loadSeconds += e.seconds;
      const rate = e.seconds > 0 ? Math.round(e.counts.read / e.seconds) : 0;
      const share = e.bytesDone / Math.max(1, e.bytesTotal);
      // Extrapolated from the loading time per byte so far; from a small first file
      // (the unit list) it would be wild, so only once a twentieth is done.
      const eta = share >= MIN_SHARE_FOR_ETA ? `${((loadSeconds * (e.bytesTotal - e.bytesDone)) / e.bytesDone).toFixed(1)}s` : '—';
      write(
        `${bar(share)} ${e.index}/${e.total} ${e.path}  ${e.counts.read.toLocaleString()} 行 rows` +
          `  ${rate.toLocaleString()} 行/秒 rows/s  剩余 ETA ${eta}\n`,
      );
    },
    done: clear,
  };
}

/** The printer for stderr when it is a terminal, else undefined (no progress at all). */
export function progressPrinter(enabled: boolean): ProgressPrinter | undefined {
  return enabled ? createProgressPrinter((s) => process.stderr.write(s)) : undefined;
}
