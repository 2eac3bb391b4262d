/**
 * The layout of a CSV as DuckDB must load it, worked out from the first
 * records of a sample: delimiter (comma, tab or semicolon: whichever gives the
 * best header), line-ending kind, the header (one or two rows, find-header.ts),
 * how many records `read_csv` must skip, where the data starts (byte and line),
 * how many columns to declare, and the first data records (to check DuckDB's
 * result against).
 */
import { YardstickError } from '../../errors.js';
import type { Sample } from './detect-encoding.js';
import { findHeader, HEADER_SEARCH_ROWS, singleHeader, twoLevelHeader } from './find-header.js';
import { newlineKinds, parseSample, type Newline, type SampleRecord } from './csv-sample.js';
import { noHeader } from './messages.js';
import type { ReadOptions } from './types.js';

/** Data records compared with what DuckDB loaded. */
export const VERIFY_ROWS = 20;
const DELIMITERS = [',', '\t', ';'];

export interface CsvLayout {
  delim: string;
  newline: Newline;
  /** Header texts (two-level ones combined); their count is the header width. */
  headers: string[];
  /** Line of the (last) header record. */
  headerRow: number;
  /** Records before the data, blank lines and the header included (DuckDB's `skip`). */
  skip: number;
  /** Line and byte just after the header's line break. */
  firstDataLine: number;
  dataStart: number;
  /** Columns to declare: the header's or the widest sampled record's. */
  columns: number;
  /** The first data records of the sample (blank lines left out): start line and cells as landed. */
  firstRecords: { line: number; cells: string[] }[];
}

/**
 * How the sample is read: as the text DuckDB will land (`text`, with byte
 * offsets from `byteLength`), and how a landed cell reads to a person (`cell`).
 */
export interface SampleCodec {
  text(sample: Sample): string;
  byteLength(text: string): number;
  cell(landed: string): string;
}

/** A UTF-8 sample, decoded keeping the BOM character so char offsets map to bytes. */
export const UTF8_SAMPLE: SampleCodec = {
  text: (s) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(s.bytes, { stream: !s.complete }),
  byteLength: (t) => Buffer.byteLength(t, 'utf8'),
  cell: (c) => c,
};

/** Line-ending kinds seen in the sample (more than one: the file must be rewritten). */
export function sampleNewlines(text: string, complete: boolean): Set<Newline> {
  return newlineKinds(parseSample(text, ',', HEADER_SEARCH_ROWS + VERIFY_ROWS, complete));
}

export function findCsvLayout(file: string, sample: Sample, opts: ReadOptions, codec = UTF8_SAMPLE): CsvLayout {
  const text = codec.text(sample);
  let best: { layout: CsvLayout; score: number } | undefined;
  for (const delim of DELIMITERS) {
    const records = parseSample(text, delim, HEADER_SEARCH_ROWS + VERIFY_ROWS, sample.complete)
      .map((r) => ({ ...r, cells: r.cells.map(codec.cell), landed: r.cells }));
    const rows = records.map((r, i) => ({ r, i })).filter((x) => !x.r.blank);
    const pick = findHeader(rows.map((x) => x.r.cells), opts.scoreHeader, opts.minHeaderScore);
    if (pick && (!best || pick.score > best.score)) {
      best = { layout: layoutOf(text, records, rows[pick.index].i, delim, codec), score: pick.score };
    }
  }
  if (!best) throw new YardstickError([noHeader(file, null)]);
  return best.layout;
}

type Rec = SampleRecord & { landed: string[] };

/** The layout with the header at `records[h]` (and a sub-header row right below it, if there is one). */
function layoutOf(text: string, records: Rec[], h: number, delim: string, codec: SampleCodec): CsvLayout {
  const below = records[h + 1] && !records[h + 1].blank ? records[h + 1] : undefined;
  const combined = twoLevelHeader(records[h].cells, below?.cells);
  const last = combined ? h + 1 : h; // the last header record
  const head = records[last];
  const headers = combined ?? singleHeader(records[h].cells);
  const data = records.slice(last + 1).filter((r) => !r.blank);
  const kinds = [...newlineKinds(records)];
  return {
    delim,
    newline: kinds.length === 1 ? kinds[0] : 'lf',
    headers,
    headerRow: head.line,
    skip: last + 1,
    firstDataLine: head.endLine + 1,
    dataStart: codec.byteLength(text.slice(0, head.end)),
    columns: Math.max(headers.length, ...data.map((r) => r.cells.length)),
    firstRecords: data.slice(0, VERIFY_ROWS).map((r) => ({ line: r.line, cells: r.landed })),
  };
}
