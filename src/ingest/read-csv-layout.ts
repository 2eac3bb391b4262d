/**
 * The layout of a CSV as DuckDB must load it, worked out from the first
 * records of a UTF-8 sample: delimiter (comma, tab or semicolon: whichever
 * gives the best header), line-ending kind, the header row and its line,
 * how many records `read_csv` must skip, where the data starts (byte and
 * line), the column count, and the first data records (to check DuckDB's
 * result against).
 */
import { YardstickError } from '../errors.js';
import type { Sample } from './detect-encoding.js';
import { findHeader, HEADER_SEARCH_ROWS } from './find-header.js';
import { newlineKinds, parseSample, type Newline, type SampleRecord } from './read-csv-sample.js';
import { noHeader } from './read-messages.js';
import { decodeLatin1Gbk } from './read-csv-gbk.js';
import type { ReadOptions } from './raw-table.js';

/** Data records compared with what DuckDB loaded. */
export const VERIFY_ROWS = 20;
const DELIMITERS = [',', '\t', ';'];

export interface CsvLayout {
  delim: string;
  newline: Newline;
  header: string[];
  /** Line where the header record starts. */
  headerRow: number;
  /** Records before the data, blank lines and the header included (DuckDB's `skip`). */
  skip: number;
  /** Line and byte just after the header's line break. */
  firstDataLine: number;
  dataStart: number;
  /** Columns to declare: the header's or the widest sampled record's. */
  columns: number;
  /** The first data records of the sample (blank lines left out): start line and cells verbatim. */
  firstRecords: { line: number; cells: string[] }[];
}

/** Decode a UTF-8 sample keeping the BOM character, so char offsets map to bytes. */
export function sampleText(sample: Sample): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(sample.bytes, { stream: !sample.complete });
}

/**
 * How the sample is read: as the text DuckDB will land (`text`, with byte
 * offsets from `byteLength`), and how a landed cell reads to a person (`cell`).
 * GBK is landed byte-for-byte as latin-1 (read-csv-gbk.ts).
 */
export interface SampleCodec {
  text(sample: Sample): string;
  byteLength(text: string): number;
  cell(landed: string): string;
}

export const UTF8_SAMPLE: SampleCodec = { text: sampleText, byteLength: (t) => Buffer.byteLength(t, 'utf8'), cell: (c) => c };
export const GBK_AS_LATIN1_SAMPLE: SampleCodec = { text: (s) => s.bytes.toString('latin1'), byteLength: (t) => t.length, cell: decodeLatin1Gbk };

/** Line-ending kinds seen in the sample (more than one: the file must be rewritten). */
export function sampleNewlines(text: string, complete: boolean): Set<Newline> {
  return newlineKinds(parseSample(text, ',', HEADER_SEARCH_ROWS + VERIFY_ROWS, complete));
}

export function findCsvLayout(file: string, sample: Sample, opts: ReadOptions, codec = UTF8_SAMPLE): CsvLayout {
  const text = codec.text(sample);
  let best: { layout: CsvLayout; score: number } | undefined;
  for (const delim of DELIMITERS) {
    const records = parseSample(text, delim, HEADER_SEARCH_ROWS + VERIFY_ROWS, sample.complete);
    const found = pickHeader(records.map((r) => ({ ...r, cells: r.cells.map(codec.cell) })), opts);
    if (found && (!best || found.score > best.score)) best = { layout: layoutOf(text, records, found.index, delim, codec), score: found.score };
  }
  if (!best) throw new YardstickError([noHeader(file, null)]);
  return best.layout;
}

/** Index (into `records`) of the header among the first non-blank records. */
function pickHeader(records: SampleRecord[], opts: ReadOptions): { index: number; score: number } | undefined {
  const rows = records.map((r, i) => ({ r, i })).filter((x) => !x.r.blank);
  const pick = findHeader(rows.map((x) => x.r.cells), opts.scoreHeader, opts.minHeaderScore);
  return pick && { index: rows[pick.index].i, score: pick.score };
}

/** `records` as landed; the header is decoded for people, the first records stay as landed (checkFirstRows). */
function layoutOf(text: string, records: SampleRecord[], h: number, delim: string, codec: SampleCodec): CsvLayout {
  const head = records[h];
  const data = records.slice(h + 1).filter((r) => !r.blank);
  const kinds = [...newlineKinds(records)];
  return {
    delim,
    newline: kinds.length === 1 ? kinds[0] : 'lf',
    header: head.cells.map(codec.cell),
    headerRow: head.line,
    skip: h + 1,
    firstDataLine: head.endLine + 1,
    dataStart: codec.byteLength(text.slice(0, head.end)),
    columns: Math.max(head.cells.length, ...data.map((r) => r.cells.length)),
    firstRecords: data.slice(0, VERIFY_ROWS).map((r) => ({ line: r.line, cells: r.cells })),
  };
}
