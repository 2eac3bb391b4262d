/**
 * The read layer: one export file → RawTables (types.ts: `source_row`, the
 * cells as written, `extra`), one per CSV or per XLSX sheet with a header. It
 * knows nothing of kinds: the header row is found with the caller's
 * `scoreHeader`. Relations are named `<tablePrefix>_raw<n>` with the first free
 * n, and are dropped again if reading fails part-way. A workbook whose zip entries
 * ended early (xlsx-workbook.ts, WorkbookCutShort) is read once more.
 */
import type { Db } from '../../store/db.js';
import { quotedIdentifier } from '../../store/db.js';
import { readCsv } from './read-csv.js';
import { readXlsx } from './read-xlsx.js';
import { readTwice } from './xlsx-workbook.js';
import { sniffFormat } from './sniff-format.js';
import type { ReadOptions, ReadResult } from './types.js';

export { dropRaw, EXTRA, colName, type RawTable, type ReadOptions, type ReadResult } from './types.js';
export { sniffFormat } from './sniff-format.js';
export { previewSource, type PreviewTable, type PreviewOptions } from './preview.js';

/** Land `file`: one RawTable per CSV, or per XLSX sheet with a header, and the reader's warnings. */
export async function readSource(db: Db, file: string, opts: ReadOptions): Promise<ReadResult> {
  const format = await sniffFormat(file);
  const created: string[] = [];
  const nextTable = async () => {
    const name = await freeTableName(db, opts.tablePrefix, created);
    created.push(name);
    return name;
  };
  const dropCreated = () => dropQuietly(db, created.splice(0));
  try {
    if (format === 'xlsx') return await readTwice(() => readXlsx(db, file, opts, nextTable), dropCreated);
    return { tables: [await readCsv(db, file, await nextTable(), opts)], warnings: [] };
  } catch (e) {
    await dropCreated();
    throw e;
  }
}

/** The relations a read of `t` may have made (read-csv.ts, land-csv.ts, gbk-as-latin1.ts). */
const MADE = ['', '_land', '_text', '_lines', '_rej', '_rejscan'];

/** Best-effort cleanup: inside a transaction a failed statement may have aborted it (the caller rolls back). */
async function dropQuietly(db: Db, tables: string[]): Promise<void> {
  for (const t of tables) {
    for (const name of MADE.map((s) => quotedIdentifier(`${t}${s}`))) {
      for (const sql of [`DROP VIEW IF EXISTS ${name}`, `DROP TABLE IF EXISTS ${name}`]) {
        try {
          await db.run(sql);
        } catch {
          // The name may be the other kind of relation, or the transaction aborted (the caller rolls back).
        }
      }
    }
  }
}

/** `<prefix>_raw<n>` for the smallest n not taken by a table or view of this connection. */
async function freeTableName(db: Db, prefix: string, taken: string[]): Promise<string> {
  const rows = await db.all<{ name: string }>(
    `SELECT lower(table_name) AS name FROM duckdb_tables() WHERE starts_with(lower(table_name), lower($p))
     UNION ALL SELECT lower(view_name) FROM duckdb_views() WHERE starts_with(lower(view_name), lower($p))`,
    { p: `${prefix}_raw` },
  );
  const used = new Set([...rows.map((r) => r.name), ...taken.map((t) => t.toLowerCase())]);
  for (let n = 0; ; n++) {
    const name = `${prefix}_raw${n}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}
