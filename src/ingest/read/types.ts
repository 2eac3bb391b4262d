/**
 * The contract between reading and staging: one CSV, or one XLSX sheet, landed
 * as a relation of text cells exactly as written. Readers never interpret
 * values; the stage layer (SQL) does.
 *
 * Columns, in this order:
 *   source_row INTEGER   the row the user sees in Excel / the 1-based line where a CSV record starts
 *   c0 … c{n-1} VARCHAR  every cell as written (decoded to UTF-8, not trimmed; an empty cell is NULL);
 *                        n = the header width (up to the last non-empty header cell)
 *   extra VARCHAR        the non-empty cells beyond the header width joined with ' | ', NULL when none
 * Rows that are entirely empty are kept (the stage counts them as blank).
 */
import type { Limits } from '../../config/pipeline-schema.js';
import type { Issue } from '../../errors.js';
import type { Db } from '../../store/db.js';
import { quotedIdentifier } from '../../store/db.js';

export interface RawTable {
  /** Temp table or view holding the rows. */
  table: string;
  /** A CSV is a view over its landed Parquet file; an XLSX sheet (or a CSV with blank lines) a temp table. */
  relation: 'table' | 'view';
  /** Path as given by the pipeline (for messages and lineage). */
  file: string;
  /** Sheet name for XLSX, null for CSV. */
  sheet: string | null;
  /** Header texts, two-level headers combined as `parent/sub`; header i ↔ column c{i}. */
  headers: string[];
  /** 1-based row of the header as the user sees it (of the sub-header row for a two-level header). */
  headerRow: number;
  /** Data rows landed (after the header, blank rows included). */
  rows: number;
  /** Encoding detected or declared (CSV), 'xlsx' otherwise. */
  encoding: string;
  /**
   * Set when `table` is exactly its landed Parquet file numbered from the file order
   * (`source_row` = file_row_number + firstDataLine; not decoded, no breakpoints): the stage may
   * then read several such files in one scan (stage/source.ts).
   */
  landing?: { path: string; firstDataLine: number };
  /** Relations the reader made to build `table` (dropped with it by `dropRaw`). */
  parts?: { name: string; relation: 'table' | 'view' }[];
}

export interface ReadResult {
  tables: RawTable[];
  /** Things skipped on the reader's own judgement (`sheet_skipped`, `sheet_hidden`). */
  warnings: Issue[];
}

export interface ReadOptions {
  encoding: 'auto' | 'utf-8' | 'gbk' | 'gb18030';
  /** XLSX sheet names to read (undefined = every visible sheet with a recognisable header). */
  sheets?: string[];
  limits: Limits;
  /** How many cells of a candidate row are known headers of this kind; the best row (≥ minHeaderScore) wins. */
  scoreHeader: (cells: string[]) => number;
  minHeaderScore: number;
  /** Prefix for temp relation names (unique per run). */
  tablePrefix: string;
  /** Folder for landed files and temp copies; the caller removes it. */
  spool: string;
  /**
   * GBK CSVs: land the bytes as latin-1 and decode per distinct value (gbk-as-latin1.ts), the
   * default, or `false` to decode a UTF-8 copy first (the plain path that trick must equal).
   */
  gbkAsLatin1?: boolean;
}

/** Name of raw column i. */
export const colName = (i: number) => `c${i}`;

/** The column with the cells beyond the header. */
export const EXTRA = 'extra';

/** Separator between the cells of `extra`. */
export const EXTRA_SEPARATOR = ' | ';

/** Drop a landed relation and the relations it was built from (Parquet files go with the spool folder). */
export async function dropRaw(db: Db, raw: Pick<RawTable, 'table' | 'relation' | 'parts'>): Promise<void> {
  for (const r of [{ name: raw.table, relation: raw.relation }, ...(raw.parts ?? [])]) {
    await db.run(`DROP ${r.relation === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS ${quotedIdentifier(r.name)}`);
  }
}
