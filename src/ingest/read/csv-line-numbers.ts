/**
 * Line numbers for CSV rows landed by DuckDB. DuckDB drops blank lines and
 * reports no line numbers, so `source_row` (the line where a record starts,
 * as an editor shows it) is derived here:
 *
 * - Fast path, the usual export: no blank line between records and no line
 *   break inside a quoted cell. Then record k (0-based) starts on line
 *   `firstDataLine + k`. `scanDataRegion` proves the first condition with
 *   native `Buffer.indexOf` searches (no per-row JS) while DuckDB loads; the
 *   second is checked in SQL only when the data holds a quote at all.
 * - Slow path, otherwise: `scanRecordLines` walks the bytes once with a quote
 *   state machine mirroring DuckDB's segmentation and returns breakpoints
 *   `(k, offset)`: from record k on, line = k + offset, until the next one.
 *
 * A line break is CRLF, LF or a lone CR, each counting one line.
 */
import { open } from 'node:fs/promises';
import type { Db } from '../../store/db.js';
import { quotedIdentifier as q } from '../../store/db.js';
import type { Newline } from './csv-sample.js';

const CHUNK = 4 << 20;
const CR = 13;
const LF = 10;
const QUOTE = 34;

export interface RegionFacts {
  /** A blank line lies between records (trailing blank lines at the end of the file do not count). */
  blankLines: boolean;
  /** The data holds a double quote, so a quoted cell may span lines. */
  quotes: boolean;
}

/** Two-byte needles (3× faster than `\n\r\n`); in a CRLF file `\n\r` means a blank line or a stray CR, both sent to the slow path. */
const BLANK: Record<Newline, Buffer> = {
  lf: Buffer.from('\n\n'),
  crlf: Buffer.from('\n\r'),
  cr: Buffer.from('\r\r'),
};

/**
 * Scan the data region (`start` = first byte after the header's line break) for
 * blank lines and quotes. The search starts at the header's last byte so that a
 * blank line right below the header is seen.
 */
export async function scanDataRegion(file: string, start: number, newline: Newline): Promise<RegionFacts> {
  const fh = await open(file, 'r');
  const facts: RegionFacts = { blankLines: false, quotes: false };
  const pat = BLANK[newline];
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let pos = Math.max(0, start - 1);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, pos);
      if (bytesRead === 0) break;
      const b = buf.subarray(0, bytesRead);
      if (!facts.quotes && b.indexOf(QUOTE) >= 0) facts.quotes = true;
      const hit = facts.blankLines ? -1 : b.indexOf(pat);
      if (hit >= 0 && (await hasContentAfter(fh, pos + hit))) facts.blankLines = true;
      if (facts.blankLines && facts.quotes) break;
      if (bytesRead < CHUNK) break;
      pos += bytesRead - (pat.length - 1); // overlap so a pattern across chunks is found
    }
  } finally {
    await fh.close();
  }
  return facts;
}

/** Whether any byte other than CR/LF follows `pos` (else the blank lines are trailing). */
async function hasContentAfter(fh: Awaited<ReturnType<typeof open>>, pos: number): Promise<boolean> {
  const buf = Buffer.allocUnsafe(64 << 10);
  for (;;) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
    if (bytesRead === 0) return false;
    for (let i = 0; i < bytesRead; i++) if (buf[i] !== CR && buf[i] !== LF) return true;
    pos += bytesRead;
  }
}

export interface RecordLines {
  /** Records found (must equal the rows DuckDB landed). */
  records: number;
  /** From record `ks[i]` on, line = k + `offsets[i]`. Sorted by k; ks[0] = 0. */
  ks: number[];
  offsets: number[];
}

/** States of the byte walk. */
const FIELD_START = 0;
const PLAIN = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

/** Walk the data region and find each record's first line (slow path, one JS pass over the bytes). */
export async function scanRecordLines(file: string, start: number, firstLine: number, delim: string): Promise<RecordLines> {
  const walk = new LineWalk(firstLine, delim.charCodeAt(0));
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let pos = start;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, pos);
      if (bytesRead === 0) break;
      walk.push(buf, bytesRead);
      pos += bytesRead;
    }
  } finally {
    await fh.close();
  }
  return walk.finish();
}

/** Byte state machine; state survives chunk boundaries (a CRLF may be split). */
class LineWalk {
  private state = FIELD_START;
  private inRecord = false;
  private afterCR = false;
  private line: number;
  private k = 0;
  private readonly out: RecordLines = { records: 0, ks: [], offsets: [] };

  constructor(firstLine: number, private readonly delim: number) {
    this.line = firstLine;
  }

  push(buf: Buffer, n: number): void {
    for (let i = 0; i < n; i++) {
      const c = buf[i];
      if (c === LF && this.afterCR) {
        this.afterCR = false; // second half of CRLF, already counted
        continue;
      }
      this.afterCR = c === CR;
      if (c === LF || c === CR) this.lineBreak();
      else this.byte(c);
    }
  }

  private lineBreak(): void {
    this.line++;
    if (this.state === QUOTED) return;
    if (this.inRecord) this.k++;
    this.inRecord = false;
    this.state = FIELD_START;
  }

  private byte(c: number): void {
    if (!this.inRecord) this.startRecord();
    const s = this.state;
    if (s === QUOTED) {
      if (c === QUOTE) this.state = QUOTE_IN_QUOTED;
    } else if (c === this.delim) this.state = FIELD_START;
    else if (s === FIELD_START && c === QUOTE) this.state = QUOTED;
    else if (s === QUOTE_IN_QUOTED && c === QUOTE) this.state = QUOTED; // "" inside quotes
    else if (s !== QUOTED) this.state = PLAIN;
  }

  private startRecord(): void {
    this.inRecord = true;
    const offset = this.line - this.k;
    const last = this.out.offsets.length - 1;
    if (last < 0 || this.out.offsets[last] !== offset) {
      this.out.ks.push(this.k);
      this.out.offsets.push(offset);
    }
  }

  finish(): RecordLines {
    this.out.records = this.k + (this.inRecord ? 1 : 0);
    return this.out;
  }
}

/**
 * SQL numbering the landed rows (`landed`: SQL with `file_row_number`): `source_row`
 * and the landed columns. From the file order when lines and records match;
 * otherwise (blank lines, multi-line cells) through the byte walk's breakpoints,
 * kept in the temp table `breaks` (created here; the caller drops it).
 */
export async function sourceRowSql(db: Db, landed: string, o: { breaks: string; walk: RecordLines | undefined; firstDataLine: number }): Promise<string> {
  if (!o.walk) return `SELECT (p.file_row_number + ${o.firstDataLine})::INTEGER AS source_row, p.* EXCLUDE (file_row_number) FROM ${landed} p`;
  await db.run(`CREATE OR REPLACE TEMP TABLE ${q(o.breaks)} (k BIGINT, off BIGINT)`);
  const app = await db.conn.createAppender(o.breaks);
  for (let i = 0; i < o.walk.ks.length; i++) {
    app.appendBigInt(BigInt(o.walk.ks[i]));
    app.appendBigInt(BigInt(o.walk.offsets[i]));
    app.endRow();
  }
  app.closeSync();
  return `SELECT (p.file_row_number + b.off)::INTEGER AS source_row, p.* EXCLUDE (file_row_number)
FROM ${landed} p ASOF LEFT JOIN ${q(o.breaks)} b ON p.file_row_number >= b.k`;
}
