/**
 * What to do with the rows DuckDB's CSV reader rejected (`store_rejects`):
 *
 *   TOO MANY COLUMNS         reload declaring as many columns as the widest row
 *   LINE SIZE OVER MAXIMUM   under our length cap: reload without the cap
 *   invalid encoding         `csv_encoding` error
 *   anything else            `csv_unreadable`, with DuckDB's line and message
 *
 * The rejects tables are read and dropped here, once per attempt.
 */
import type { Db } from '../../store/db.js';
import { quotedIdentifier } from '../../store/db.js';
import { YardstickError } from '../../errors.js';
import { csvEncoding, csvUnreadable } from './messages.js';

const MAX_COLUMNS = 16_384;

export interface Attempt {
  columns: number;
  parallel: boolean;
  /** max_line_size in bytes, or undefined for DuckDB's default (2 MB). */
  maxLine?: number;
}

export interface RejectGroup {
  type: string;
  /** DuckDB's line of the first reject of this type. */
  line: number;
  /** Widest column index DuckDB reported (for TOO MANY COLUMNS: the cell count found). */
  maxColumn: number;
  message: string;
}

/** Rejects of the load into `table`, one group per error type; drops the rejects tables. */
export async function readRejects(db: Db, table: string): Promise<RejectGroup[]> {
  const rej = quotedIdentifier(`${table}_rej`);
  try {
    return await db.all<RejectGroup>(
      `SELECT error_type AS type, min(line) AS line, coalesce(max(column_idx), 0) AS "maxColumn",
              arg_min(error_message, line) AS message
       FROM ${rej} GROUP BY error_type ORDER BY min(line)`,
    );
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${rej}`);
    await db.run(`DROP TABLE IF EXISTS ${quotedIdentifier(`${table}_rejscan`)}`);
  }
}

/** The next attempt, undefined when nothing was rejected; throws for rejects a reload cannot fix. */
export function nextAttempt(file: string, encoding: string, a: Attempt, rejects: RejectGroup[]): Attempt | undefined {
  if (!rejects.length) return undefined;
  const next = { ...a };
  for (const r of rejects) {
    if (r.type === 'LINE SIZE OVER MAXIMUM' && a.maxLine !== undefined) next.maxLine = undefined;
    else if (r.type === 'TOO MANY COLUMNS' && r.maxColumn > a.columns && r.maxColumn <= MAX_COLUMNS) next.columns = r.maxColumn;
    else if (/ENCODING|UNICODE/i.test(r.type)) throw new YardstickError([csvEncoding(file, encoding)]);
    else throw new YardstickError([csvUnreadable(file, `line ${r.line}: ${r.message.split('\n')[0]}`)]);
  }
  return next;
}
