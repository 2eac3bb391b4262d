/**
 * The boundary between readers and cleaning: a file (or one sheet of it) landed
 * as all-text columns in a temporary DuckDB table, exactly as the user sees it.
 * Readers never interpret values; cleaning (SQL) does.
 *
 * Shape: `source_row INTEGER` (the row number the user sees in Excel, or the
 * 1-based line of the record in a CSV), then `c0 … c{n-1} VARCHAR` in header order.
 * Rows that are entirely empty are kept (cleaning counts them as blank).
 */
import type { Limits } from '../config/pipeline-schema.js';
import type { Db } from '../store/db.js';
import { quotedIdentifier } from '../store/db.js';

export interface RawTable {
  /** Temp table or view name holding the rows. */
  table: string;
  /** A CSV is a view over its landed Parquet file (see read-csv.ts); an XLSX sheet a table. */
  relation: 'table' | 'view';
  /** Path as given by the pipeline (for messages and lineage). */
  file: string;
  /** Sheet name for XLSX, null for CSV. */
  sheet: string | null;
  /** Header texts verbatim; header i ↔ column c{i}. */
  headers: string[];
  /** 1-based row of the header as the user sees it. */
  headerRow: number;
  /** Data rows landed (after the header, blanks included). */
  rows: number;
  /** Encoding detected or declared (CSV), 'xlsx' otherwise. */
  encoding: string;
  /**
   * GBK landed as latin-1 (read-csv-gbk.ts): `table` is then a decoding view over
   * `encoded.table`, whose non-ASCII cells are decoded through `encoded.lookup`
   * (enc → txt). Bulk paths may join on the landed text and decode per value.
   */
  encoded?: { table: string; relation: 'table' | 'view'; lookup: string };
}

export interface ReadOptions {
  encoding: 'auto' | 'utf-8' | 'gbk' | 'gb18030';
  /** XLSX sheet names to read (undefined = every sheet with a recognisable header). */
  sheets?: string[];
  limits: Limits;
  /** How many cells of a candidate row are known headers of this kind; the best row (≥ minHeaderScore) wins. */
  scoreHeader: (cells: string[]) => number;
  minHeaderScore: number;
  /** Prefix for temp table names (unique per run). */
  tablePrefix: string;
  /** Folder for landed files (a CSV becomes `<table>.parquet` there); the caller removes it. */
  spool: string;
}

/** Drop a landed table or view, and what it reads from (its Parquet file goes with the spool folder). */
export async function dropRaw(db: Db, raw: Pick<RawTable, 'table' | 'relation' | 'encoded'>): Promise<void> {
  await db.run(`DROP ${raw.relation === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS ${quotedIdentifier(raw.table)}`);
  if (raw.encoded) {
    await dropRaw(db, raw.encoded);
    await db.run(`DROP TABLE IF EXISTS ${quotedIdentifier(raw.encoded.lookup)}`);
  }
}
