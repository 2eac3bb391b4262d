/**
 * Rows of one sheet into a temp table through DuckDB's appender: `source_row`
 * (the Excel row number) then `c0 … c{n-1}` as text. A row wider than the
 * table (cells beyond the header) adds columns: the appender is flushed and
 * closed, the table altered, a new appender opened. Limits are checked per
 * cell and per row as rows arrive, so an oversized sheet stops early.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import type { Db } from '../store/db.js';
import { quotedIdentifier } from '../store/db.js';
import { YardstickError } from '../errors.js';
import type { Limits } from '../config/pipeline-schema.js';
import { limitCellChars, limitRows } from './read-messages.js';

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
  private constructor(
    private readonly db: Db,
    private readonly where: SinkWhere,
    private appender: DuckDBAppender,
    public columns: number,
  ) {}

  static async create(db: Db, where: SinkWhere): Promise<SheetSink> {
    const columns = where.headers.length;
    const cols = Array.from({ length: columns }, (_, i) => `, ${quotedIdentifier(`c${i}`)} VARCHAR`).join('');
    await db.run(`CREATE TEMP TABLE ${quotedIdentifier(where.table)} (source_row INTEGER${cols})`);
    return new SheetSink(db, where, await db.conn.createAppender(where.table), columns);
  }

  /** Append one data row (Excel row `n`); async only when the row is wider than the table. */
  async push(n: number, cells: Cells): Promise<void> {
    if (cells.length > this.columns) await this.widen(cells.length);
    this.append(n, cells);
  }

  /** Append a row that fits (`cells.length <= columns`): synchronous, the per-row path. */
  append(n: number, cells: Cells): void {
    if (++this.rows > this.where.limits.max_rows_per_sheet) {
      throw new YardstickError([limitRows(this.where.file, this.where.sheet, this.where.limits.max_rows_per_sheet)]);
    }
    const a = this.appender;
    a.appendInteger(n);
    for (let i = 0; i < this.columns; i++) {
      const v = cells[i];
      if (v === null || v === undefined) a.appendNull();
      else {
        this.checkChars(n, i, v);
        a.appendVarchar(v);
      }
    }
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

  private async widen(to: number): Promise<void> {
    this.appender.closeSync();
    for (let i = this.columns; i < to; i++) {
      await this.db.run(`ALTER TABLE ${quotedIdentifier(this.where.table)} ADD COLUMN ${quotedIdentifier(`c${i}`)} VARCHAR`);
    }
    this.columns = to;
    this.appender = await this.db.conn.createAppender(this.where.table);
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
