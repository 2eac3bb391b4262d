/**
 * Parses the first records of a CSV sample in JS, only to find the header and
 * the layout DuckDB then loads with: delimiter, line-ending kind, how many
 * records precede the data, the line numbers the user sees and the byte where
 * the data starts. The bulk of the file is never parsed here.
 *
 * Own parser rather than csv-parse: it must segment records exactly as
 * DuckDB's reader does (a quote opens a field only at its start; blank lines
 * are not records; `""` escapes a quote) and count lines the way an editor
 * does (CRLF, LF and a lone CR are one line break each, inside quotes too),
 * which csv-parse's `info.lines` does not for CR inside quotes.
 */
export type Newline = 'lf' | 'crlf' | 'cr';

export interface SampleRecord {
  /** Cells verbatim ('' for an empty cell); [] for a blank line. */
  cells: string[];
  /** 1-based line where the record starts and where it ends (differ for quoted line breaks). */
  line: number;
  endLine: number;
  /** Char index just past the record's line break. */
  end: number;
  /** Kind of the line break ending the record; undefined at the end of the file. */
  newline?: Newline;
  blank: boolean;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Line break at `i`: its length and kind, or undefined. */
function breakAt(s: string, i: number): [number, Newline] | undefined {
  const c = s.charCodeAt(i);
  if (c === LF) return [1, 'lf'];
  if (c !== CR) return undefined;
  return s.charCodeAt(i + 1) === LF ? [2, 'crlf'] : [1, 'cr'];
}

class Cursor {
  i: number;
  line = 1;
  constructor(readonly s: string) {
    this.i = s.charCodeAt(0) === 0xfeff ? 1 : 0;
  }
  get done() {
    return this.i >= this.s.length;
  }
}

/**
 * Up to `max` records of `text`. When `complete` is false the text is a prefix
 * of the file, so a record not ended by a line break is dropped (it may be cut).
 */
export function parseSample(text: string, delim: string, max: number, complete: boolean): SampleRecord[] {
  const cur = new Cursor(text);
  const out: SampleRecord[] = [];
  while (out.length < max && !cur.done) {
    const rec = readRecord(cur, delim.charCodeAt(0));
    if (!rec || (!complete && rec.newline === undefined)) break;
    out.push(rec);
  }
  return out;
}

function readRecord(cur: Cursor, delim: number): SampleRecord | undefined {
  const line = cur.line;
  const cells: string[] = [];
  const blank = breakAt(cur.s, cur.i) !== undefined;
  for (;;) {
    const cell = cur.s.charCodeAt(cur.i) === QUOTE ? readQuoted(cur) : '';
    if (cell === undefined) return undefined; // quote not closed within the text
    cells.push(cell + readPlain(cur, delim));
    if (cur.done) return { cells, line, endLine: cur.line, end: cur.i, blank: false };
    if (cur.s.charCodeAt(cur.i) === delim) {
      cur.i++;
      continue;
    }
    const [len, newline] = breakAt(cur.s, cur.i)!;
    cur.i += len;
    cur.line++;
    return { cells: blank ? [] : cells, line, endLine: cur.line - 1, end: cur.i, newline, blank };
  }
}

/** Unquoted text up to the next delimiter or line break (a quote in it is literal, as in DuckDB). */
function readPlain(cur: Cursor, delim: number): string {
  const start = cur.i;
  while (!cur.done) {
    const c = cur.s.charCodeAt(cur.i);
    if (c === delim || c === LF || c === CR) break;
    cur.i++;
  }
  return cur.s.slice(start, cur.i);
}

/** A quoted cell starting at the opening quote; undefined if it does not close. */
function readQuoted(cur: Cursor): string | undefined {
  let out = '';
  let i = cur.i + 1;
  for (;;) {
    const q = cur.s.indexOf('"', i);
    if (q < 0) return undefined;
    out += cur.s.slice(i, q);
    cur.line += countBreaks(cur.s, i, q);
    if (cur.s.charCodeAt(q + 1) !== QUOTE) {
      cur.i = q + 1;
      return out;
    }
    out += '"';
    i = q + 2;
  }
}

function countBreaks(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF || (c === CR && s.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

/** The line-break kinds ending the records (the last record of a file may have none). */
export function newlineKinds(records: readonly SampleRecord[]): Set<Newline> {
  const kinds = new Set<Newline>();
  for (const r of records) if (r.newline) kinds.add(r.newline);
  return kinds;
}
