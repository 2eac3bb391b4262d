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
   * A CSV whose landing differs from `table` (read-csv.ts): `table` is then a view
   * over `landed.table` that unpacks packed columns and, for GBK landed as latin-1
   * (read-csv-gbk.ts), decodes non-ASCII text through `landed.lookup` (enc → txt).
   * The bulk fact path reads `landed` directly: it joins on packed and undecoded
   * text and unpacks and decodes once per distinct value.
   */
  landed?: Landed;
}

/** Columns landed as one: `p<k>` holds the cells of columns `cols` joined by PACK_SEPARATOR (NULL as ''). */
export interface Pack { name: string; cols: number[] }

/** The landed relation: `source_row`, then `c<i>` for each column not in a pack and `p<k>` for each pack. */
export interface Landed {
  table: string;
  relation: 'table' | 'view';
  packs: Pack[];
  lookup?: string;
}

/**
 * U+001F (unit separator). Landed cells are never '' (an empty cell lands as NULL),
 * so '' can stand for NULL; a cell that itself holds U+001F is refused when the
 * fact path finds a pack with the wrong number of parts (stage-facts.ts).
 */
export const PACK_SEPARATOR = 'chr(31)';

/** Name of raw column i. */
export const colName = (i: number) => `c${i}`;

/** SQL for column `col` of a pack: its part, NULL when empty. `packed` is SQL for the pack's text. */
export function unpackSql(pack: Pack, col: number, packed: string): string {
  return `nullif(split_part(${packed}, ${PACK_SEPARATOR}, ${pack.cols.indexOf(col) + 1}), '')`;
}

/** Names of the landed columns for `columns` raw columns: c<i> outside packs, then the packs. */
export function physicalNames(columns: number, packs: Pack[]): string[] {
  const packed = new Set(packs.flatMap((p) => p.cols));
  return [...Array.from({ length: columns }, (_, i) => i).filter((i) => !packed.has(i)).map(colName), ...packs.map((p) => p.name)];
}

/** SQL for raw columns c0…c{columns-1}, each unpacked from its pack where it has one; `landed(name)` is SQL for a landed column. */
export function unpackedCells(columns: number, packs: Pack[], landed: (name: string) => string): string[] {
  return Array.from({ length: columns }, (_, i) => {
    const pack = packs.find((p) => p.cols.includes(i));
    return pack ? unpackSql(pack, i, landed(pack.name)) : landed(colName(i));
  });
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
  /**
   * Groups of columns (by index, from the header found) to land packed, one value
   * per group instead of one per cell (CSV only): what the fact path reads through
   * one dictionary. Fewer values to write (measured: −0.4 s per 10M rows).
   */
  pack?: (headers: string[]) => number[][];
}

/** Drop a landed table or view, and what it reads from (its Parquet file goes with the spool folder). */
export async function dropRaw(db: Db, raw: Pick<RawTable, 'table' | 'relation' | 'landed'>): Promise<void> {
  await db.run(`DROP ${raw.relation === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS ${quotedIdentifier(raw.table)}`);
  if (raw.landed) {
    await dropRaw(db, raw.landed);
    if (raw.landed.lookup) await db.run(`DROP TABLE IF EXISTS ${quotedIdentifier(raw.landed.lookup)}`);
  }
}
