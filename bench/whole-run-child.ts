/** `yardstick run` of one pipeline in its own process (bench/whole-run.ts): prints seconds, skipped reports, peak RSS as JSON. */
import { loadPipeline } from '../src/config/load-pipeline.js';
import { runAll } from '../src/run/run.js';

const t0 = performance.now();
const s = await runAll(loadPipeline(process.argv[2]), { runs: 1000, seed: 1 });
const seconds = (performance.now() - t0) / 1000;
const skipped = s.reports.filter((r) => r.skipped).length;
console.log(JSON.stringify({ seconds, rows: 0, reports: s.reports.length, skipped, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
