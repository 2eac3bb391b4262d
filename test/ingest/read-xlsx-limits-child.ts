/** Child process of read-xlsx-limits.test.ts: read one workbook, print the issues and the peak RSS as JSON. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withDb } from '../../src/store/db.js';
import { readSource } from '../../src/ingest/read/index.js';
import { isYardstickError, type Issue } from '../../src/errors.js';

const [file, limits] = process.argv.slice(2);
const known = new Set(['单位名称', '姓名', '日期', '出勤情况']);
let issues: Issue[] = [];
let rows = 0;
await withDb(async (db) => {
  try {
    const { tables } = await readSource(db, file, {
      encoding: 'auto', limits: JSON.parse(limits), scoreHeader: (cells) => cells.filter((c) => known.has(c)).length,
      minHeaderScore: 2, tablePrefix: 't', spool: mkdtempSync(join(tmpdir(), 'ys-limits-')),
    });
    rows = tables.reduce((n, t) => n + t.rows, 0);
  } catch (e) {
    if (!isYardstickError(e)) throw e;
    issues = e.issues;
  }
});
process.stdout.write(JSON.stringify({ issues, rows, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
