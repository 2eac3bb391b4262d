/**
 * One report render in its own process (bench/report.ts): `report-child.ts <source root> <db> <out> <year> [png|nopng]`.
 * <source root> is this checkout or an older one (a git worktree), so the old and the new renderer
 * are timed on the same database in the same bench run. Prints one JSON line: seconds, files,
 * index.html size, whether the year was skipped as unchanged, peak RSS.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, dbPath, out, year, png] = process.argv.slice(2);
const mod = (rel: string) => import(pathToFileURL(join(root, rel)).href);
const { openDb } = await mod('src/store/db.ts');
const { renderReports } = await mod('src/report/render.ts');
const db = await openDb(dbPath);
try {
  const t0 = performance.now();
  const r = await renderReports(db, { reports: out }, { year: Number(year), png: png !== 'nopng', draft: false });
  const seconds = (performance.now() - t0) / 1000;
  const indexBytes = statSync(join(r.dir, 'index.html')).size;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ seconds, rows: r.files.length, files: r.files.length, pngs: r.files.filter((f: string) => f.endsWith('.png')).length, indexBytes, skipped: Boolean(r.skipped), dir: r.dir, maxRssMb }));
} finally {
  db.close();
}
