/** Child process: the baseline, DuckDB's own read_csv into a fresh database file. */
import { rmSync } from 'node:fs';
import { openDb, quotedString } from '../src/store/db.js';

const [file, dbPath] = process.argv.slice(2);
rmSync(dbPath, { force: true });
const db = await openDb(dbPath);
const t0 = performance.now();
await db.run(`CREATE TABLE attendance AS SELECT * FROM read_csv(${quotedString(file)}, header = true)`);
await db.run('CHECKPOINT');
const seconds = (performance.now() - t0) / 1000;
const row = await db.one<{ n: number }>('SELECT count(*) AS n FROM attendance');
db.close();
process.stdout.write(JSON.stringify({ seconds, rows: row!.n, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
