/**
 * Child process: the baseline, DuckDB's own read_csv of each file into a table of
 * a fresh database file, with DuckDB's defaults (no Yardstick settings), or with a
 * given storage format (`v1.3.0`, the one Yardstick writes) to show what that
 * choice alone is worth. Usage: native-child.ts <db> <storage|-> <file>...
 * Prints seconds, rows (all files) and peak RSS as JSON.
 */
import { rmSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { quotedString } from '../src/store/db.js';

const [dbPath, storage, ...files] = process.argv.slice(2);
rmSync(dbPath, { force: true });
const instance = await DuckDBInstance.create(dbPath, storage !== '-' ? { storage_compatibility_version: storage } : {});
const conn = await instance.connect();
const t0 = performance.now();
for (const [i, file] of files.entries()) await conn.run(`CREATE TABLE t${i} AS SELECT * FROM read_csv(${quotedString(file)}, header = true)`);
await conn.run('CHECKPOINT');
const seconds = (performance.now() - t0) / 1000;
let rows = 0;
for (let i = 0; i < files.length; i++) rows += Number((await conn.runAndReadAll(`SELECT count(*) AS n FROM t${i}`)).getRowObjects()[0].n);
conn.closeSync();
instance.closeSync();
process.stdout.write(JSON.stringify({ seconds, rows, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
