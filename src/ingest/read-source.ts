/**
 * Entry point of the readers: one export file → RawTables (temp tables of
 * text, see raw-table.ts). The format is decided by the file's first bytes
 * before its extension, so a renamed or protected file gets a clear message
 * instead of a parser error:
 *
 *   zip (PK…)   .xlsx/.xlsm (or an .xls that is really .xlsx) → read-xlsx.ts
 *   OLE2 (D0CF…) old .xls, or an encrypted .xlsx (OLE2 with EncryptionInfo) → error
 *   text        .csv/.txt/.tsv → read-csv.ts;   anything else → unsupported_format
 *
 * Temp tables are named `<tablePrefix>_raw<n>` with the first free n, and are
 * dropped again if reading fails part-way.
 */
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Db } from '../store/db.js';
import { quotedIdentifier } from '../store/db.js';
import { YardstickError, type Issue } from '../errors.js';
import { readCsv } from './read-csv.js';
import { readXlsx } from './read-xlsx.js';
import { corruptXlsx, encryptedXlsx, fileNotFound, oldXls, unsupportedFormat, zipNamedAsText } from './read-messages.js';
import type { RawTable, ReadOptions } from './raw-table.js';

export interface ReadResult {
  tables: RawTable[];
  /** Things dropped or kept on the reader's own judgement (`sheet_skipped`, `extra_columns`). */
  warnings: Issue[];
}

const CSV_EXTS = ['.csv', '.txt', '.tsv'];
const XLSX_EXTS = ['.xlsx', '.xlsm', '.xls'];
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from('PK\x03\x04', 'latin1');

/** Land `file` as one RawTable per CSV or per XLSX sheet with a header. */
export async function readSource(db: Db, file: string, opts: ReadOptions): Promise<RawTable[]> {
  return (await readSourceWithWarnings(db, file, opts)).tables;
}

/** As `readSource`, plus the warnings (skipped sheets, extra columns) for the run log. */
export async function readSourceWithWarnings(db: Db, file: string, opts: ReadOptions): Promise<ReadResult> {
  const format = await sniffFormat(file);
  const created: string[] = [];
  const nextTable = async () => {
    const name = await freeTableName(db, opts.tablePrefix, created);
    created.push(name);
    return name;
  };
  try {
    if (format === 'xlsx') return await readXlsx(db, file, opts, nextTable);
    const r = await readCsv(db, file, await nextTable(), opts);
    return { tables: [r.table], warnings: r.warnings };
  } catch (e) {
    await dropQuietly(db, created);
    throw e;
  }
}

/** Best-effort cleanup: inside a transaction a failed statement may have aborted it (the caller rolls back). */
async function dropQuietly(db: Db, tables: string[]): Promise<void> {
  for (const t of tables) {
    const drops = [`DROP VIEW IF EXISTS ${quotedIdentifier(t)}`,
      ...[t, `${t}_rej`, `${t}_rejscan`].map((name) => `DROP TABLE IF EXISTS ${quotedIdentifier(name)}`)];
    for (const sql of drops) {
      try {
        await db.run(sql);
      } catch {
        // The name may be the other kind of relation, or the transaction aborted (the caller rolls back).
      }
    }
  }
}

export type Format = 'csv' | 'xlsx';

/** Decide how to read `file`, or throw a YardstickError saying why it cannot be read. */
export async function sniffFormat(file: string): Promise<Format> {
  const ext = extname(file).toLowerCase();
  const head = await readHead(file, 8);
  if (head.subarray(0, 8).equals(OLE2)) {
    const encrypted = ext !== '.xls' && (await containsUtf16(file, 'EncryptionInfo'));
    throw new YardstickError([encrypted ? encryptedXlsx(file) : oldXls(file)]);
  }
  const zip = head.subarray(0, 4).equals(ZIP);
  if (zip && XLSX_EXTS.includes(ext)) return 'xlsx';
  if (zip && CSV_EXTS.includes(ext)) throw new YardstickError([zipNamedAsText(file)]);
  if (CSV_EXTS.includes(ext)) return 'csv';
  if (XLSX_EXTS.includes(ext)) throw new YardstickError([corruptXlsx(file, 'not a zip archive')]);
  throw new YardstickError([unsupportedFormat(file, ext)]);
}

async function readHead(file: string, n: number): Promise<Buffer> {
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
    const fh = await open(file, 'r');
    try {
      const buf = Buffer.alloc(n);
      const { bytesRead } = await fh.read(buf, 0, n, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch {
    throw new YardstickError([fileNotFound(file)]);
  }
}

/** Whether the file holds `text` in UTF-16LE (an OLE2 stream name), scanned in chunks. */
async function containsUtf16(file: string, text: string): Promise<boolean> {
  const needle = Buffer.from(text, 'utf16le');
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(4 << 20);
    for (let pos = 0; ; ) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (buf.subarray(0, bytesRead).includes(needle)) return true;
      if (bytesRead < buf.length) return false;
      pos += bytesRead - needle.length;
    }
  } finally {
    await fh.close();
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
