/**
 * Child process: the read layer alone (src/ingest/read/) — land each file as the
 * ingest does, before its transaction — into a fresh database file. Shows what
 * reading costs apart from staging. Usage: read-child.ts <db> <spool> [--plain-gbk] <file>...
 * (`--plain-gbk`: GBK through a decoded UTF-8 copy, not the latin-1 landing.)
 * Prints seconds, rows and peak RSS as JSON.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { openDb } from '../src/store/db.js';
import { readSource } from '../src/ingest/read/index.js';
import { COLUMNS, normaliseHeader } from '../src/domain/kinds.js';

const [dbPath, spool, ...rest] = process.argv.slice(2);
const plainGbk = rest[0] === '--plain-gbk';
const files = plainGbk ? rest.slice(1) : rest;
rmSync(dbPath, { force: true });
rmSync(spool, { recursive: true, force: true });
mkdirSync(spool, { recursive: true });
const aliases = new Set(Object.values(COLUMNS).flatMap((cols) => cols.flatMap((c) => c.aliases.map(normaliseHeader))));
// The pipeline's default memory limit, as the ingest opens the database (else DuckDB takes 80% of RAM).
const db = await openDb(dbPath, { memoryLimit: '300MB' });
const t0 = performance.now();
let rows = 0;
for (const [i, file] of files.entries()) {
  const { tables } = await readSource(db, file, {
    encoding: 'auto', limits: { max_cell_chars: 32_767, max_rows_per_sheet: 1_048_576, max_xlsx_uncompressed_mb: 1024 },
    scoreHeader: (cells) => cells.filter((c) => aliases.has(normaliseHeader(c))).length, minHeaderScore: 2, tablePrefix: `r${i}`, spool, gbkAsLatin1: !plainGbk,
  });
  rows += tables.reduce((n, t) => n + t.rows, 0);
}
const seconds = (performance.now() - t0) / 1000;
db.close();
rmSync(spool, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ seconds, rows, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
