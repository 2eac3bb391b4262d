/**
 * The boundary between readers and cleaning: a file (or one sheet of it) landed
 * as all-text columns in a temporary DuckDB table, exactly as the user sees it.
 * Readers never interpret values; cleaning (SQL) does.
 *
 * Table shape: `source_row INTEGER` (the row number the user sees in Excel, or the
 * 1-based line of the record in a CSV), then `c0 … c{n-1} VARCHAR` in header order.
 * Rows that are entirely empty are kept (cleaning counts them as blank).
 */
import type { Limits } from '../config/pipeline-schema.js';

export interface RawTable {
  /** Temp table name holding the rows. */
  table: string;
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
}
