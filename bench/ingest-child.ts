/** Child process: ingest one pipeline, print seconds, rows and peak RSS as JSON. */
import { ingest, loadPipeline } from '../src/index.js';

const t0 = performance.now();
const s = await ingest(loadPipeline(process.argv[2]), { force: true });
const seconds = (performance.now() - t0) / 1000;
const att = s.files.filter((f) => f.kind === 'attendance');
process.stdout.write(JSON.stringify({
  seconds,
  rows: att.reduce((n, f) => n + f.read, 0),
  loaded: att.reduce((n, f) => n + f.loaded, 0),
  maxRssMb: process.resourceUsage().maxRSS / 1024,
}) + '\n');
