/**
 * Rows of one sheet into a temp table through DuckDB's appender: `source_row`
 * (the Excel row number), `c0 … c{n-1}` as text, then `extra` (the non-empty
 * cells beyond the header, types.ts). Limits are checked per cell and per row
 * as rows arrive, so an oversized sheet stops early.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import type { Db } from '../../store/db.js';
import { quotedIdentifier as q } from '../../store/db.js';
import { YardstickError } from '../../errors.js';
import type { Limits } from '../../config/pipeline-schema.js';
import { limitCellChars, limitRows } from './messages.js';
import { colName, EXTRA, EXTRA_SEPARATOR } from './types.js';
import { shownText } from './xlsx-cell.js';

export type Cells = (string | null)[];

export interface SinkWhere {
  file: string;
  sheet: string;
  table: string;
  headers: string[];
  limits: Limits;
}

export class SheetSink {
  rows = 0;
  private constructor(private readonly where: SinkWhere, private readonly appender: DuckDBAppender) {}

  static async create(db: Db, where: SinkWhere): Promise<SheetSink> {
    const cols = where.headers.map((_, i) => `, ${q(colName(i))} VARCHAR`).join('');
    await db.run(`CREATE TEMP TABLE ${q(where.table)} (source_row INTEGER${cols}, ${EXTRA} VARCHAR)`);
    return new SheetSink(where, await db.conn.createAppender(where.table));
  }

  /** Append one data row (Excel row `n`). */
  append(n: number, cells: Cells): void {
    if (++this.rows > this.where.limits.max_rows_per_sheet) {
      throw new YardstickError([limitRows(this.where.file, this.where.sheet, this.where.limits.max_rows_per_sheet)]);
    }
    const a = this.appender;
    const width = this.where.headers.length;
    a.appendInteger(n);
    for (let i = 0; i < width; i++) {
      const v = cells[i];
      if (v === null || v === undefined) a.appendNull();
      else {
        this.checkChars(n, i, v);
        a.appendVarchar(v);
      }
    }
    // A formula without a value beyond the header is shown as written (`=…`), without the reader's mark.
    const extra = cells.length > width ? cells.slice(width).filter((c) => c !== null && c !== '').map((c) => shownText(c)!) : [];
    if (extra.length) a.appendVarchar(extra.join(EXTRA_SEPARATOR));
    else a.appendNull();
    a.endRow();
  }

  private checkChars(row: number, col: number, v: string): void {
    const limit = this.where.limits.max_cell_chars;
    if (v.length <= limit) return;
    const chars = [...v].length; // code points, not UTF-16 units
    if (chars <= limit) return;
    const column = this.where.headers[col] || columnLetter(col);
    throw new YardstickError([limitCellChars(this.where.file, this.where.sheet, row, column, chars, limit)]);
  }

  /** Flush the remaining rows and close. */
  close(): void {
    this.appender.closeSync();
  }

  /** Close after a failure without hiding it (the caller drops the table). */
  abort(): void {
    try {
      this.appender.closeSync();
    } catch {
      /* the original error matters */
    }
  }
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
