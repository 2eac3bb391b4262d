/**
 * exceljs's streaming WorkbookReader, fed text that is safe to hold:
 *
 * - Whole characters. exceljs (4.4) decodes each decompressed chunk on its own
 *   (lib/utils/parse-sax.js), so a character whose UTF-8 bytes straddle a chunk
 *   boundary turns into U+FFFD (exceljs issues #2063, #2084): 支付结算科 became
 *   支付结��科. Sheet chunks go through one StringDecoder per part instead.
 * - Bounded text. The XML parser holds a text node whole before handing it on,
 *   and the shared strings are all held for the sheets to look up: a 312 KB
 *   workbook can unpack to 300 MB of one string. So the inflated text is counted
 *   as it streams, before the parser sees it: a run of text without markup far
 *   longer than `max_cell_chars` could hold (10 characters per character covers
 *   `&#x10FFFF;`) stops the read, and so does more text in all than
 *   `max_xlsx_uncompressed_mb` (the zip's directory may understate it).
 *   Cells within the run bound are checked exactly as they land (sheet-sink.ts).
 */
import { PassThrough, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { YardstickError, isYardstickError } from '../../errors.js';
import type { Limits } from '../../config/pipeline-schema.js';
import { corruptXlsx, limitTextInWorkbook, limitXlsxSize } from './messages.js';

type ReaderOptions = ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookReader>[1];

/** The two exceljs internals that receive a sheet's or the shared strings' raw chunks. */
interface ChunkInternals {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
}

const base = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ChunkInternals;

/** Markup may inflate a character to 10 (`&#x10FFFF;`); a few more for the tags around it. */
const MARKUP_FACTOR = 10;

/** Chunks re-cut at character boundaries: the bytes of a split character wait for the next chunk. */
export async function* wholeCharacters(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Counts the workbook's inflated text across its parts and throws at a limit. */
export class TextBudget {
  private total = 0;
  constructor(private readonly file: string, private readonly limits: Limits) {}

  /** `chunks` passed through, measured; `part` names where a too-long text was found. */
  async *guard(chunks: AsyncIterable<string>, part: string): AsyncGenerator<string> {
    const maxRun = MARKUP_FACTOR * this.limits.max_cell_chars + 64;
    const maxTotal = this.limits.max_xlsx_uncompressed_mb * (1 << 20);
    let run = 0; // characters since the last '<'
    for await (const text of chunks) {
      this.total += text.length;
      if (this.total > maxTotal) throw new YardstickError([limitXlsxSize(this.file, this.total / (1 << 20), this.limits.max_xlsx_uncompressed_mb)]);
      // A run inside one chunk is at most a chunk long: only runs across chunks can grow unbounded.
      const first = text.indexOf('<');
      if (first < 0) run += text.length;
      else if (run + first > maxRun) run += first;
      else run = text.length - text.lastIndexOf('<') - 1;
      if (run > maxRun) throw new YardstickError([limitTextInWorkbook(this.file, part, this.limits.max_cell_chars)]);
      yield text;
    }
  }
}

/** exceljs's streaming WorkbookReader over whole characters, with every part's text bounded by `budget`. */
export function workbookReader(file: string, options: ReaderOptions, budget?: TextBudget): ExcelJS.stream.xlsx.WorkbookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, options);
  const internals = reader as unknown as ChunkInternals;
  const bounded = (chunks: AsyncIterable<Buffer | string>, part: string) => (budget ? budget.guard(wholeCharacters(chunks), part) : wholeCharacters(chunks));
  internals._parseWorksheet = (iterator, sheetNo) => base._parseWorksheet.call(reader, errorsAsText(bounded(iterator, `sheet${sheetNo}.xml`)), sheetNo);
  internals._parseSharedStrings = (entry) => {
    const chunks = entry.pipe(new PassThrough()) as unknown as AsyncIterable<Buffer>;
    const text = Readable.from(bounded(chunks, 'sharedStrings.xml'));
    return base._parseSharedStrings.call(reader, text);
  };
  return reader;
}

/**
 * A sheet's XML with every error cell (`<c t="e">`) turned into a string cell (`t="str"`), so that
 * its cached `<v>#DIV/0!</v>` reaches xlsx-cell.ts as the text `#DIV/0!`. exceljs's streaming
 * reader keeps an error without a formula (`{error}`), but parses a formula's error result as a
 * number: NaN, the error's name lost, and its value getter then drops the NaN, so the cell read
 * as a formula without a result. Only the `t` attribute of `<c …>` start tags is changed: a raw `<`
 * is always markup (text holds `&lt;`), and a tag cut by a chunk boundary waits for the next chunk.
 */
export async function* errorsAsText(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let carry = '';
  for await (const chunk of chunks) {
    let text = carry + chunk;
    const open = text.lastIndexOf('<');
    if (open >= 0 && text.indexOf('>', open) < 0) {
      carry = text.slice(open);
      text = text.slice(0, open);
    } else carry = '';
    if (text) yield ERROR_CELL_TYPE.test(text) ? text.replace(CELL_TAG, (tag) => tag.replace(ERROR_CELL_TYPE, '$1$2str$2')) : text;
  }
  if (carry) yield carry;
}

const CELL_TAG = /<c\s[^>]*>/g;
/** ` t="e"` in a tag (either quote, spaces around `=`). */
const ERROR_CELL_TYPE = /(\st\s*=\s*)(["'])e\2/;

/**
 * exceljs 4.4 reads a workbook's zip entries through unzipper's streaming parser, and now and then
 * (seen in this project's tests on a loaded machine) the entries end before `xl/workbook.xml`,
 * which exceljs writes last: the read fails on a sound file. Callers read such a
 * file once more (`readTwice`); a file that really lacks its workbook part fails twice, as damaged.
 */
export class WorkbookCutShort extends YardstickError {}

/** What a failed read of `file` by `reader` tells the user: a limit or other YardstickError as is, else damaged. */
export function workbookFailure(file: string, e: unknown, reader: ExcelJS.stream.xlsx.WorkbookReader): YardstickError {
  if (isYardstickError(e)) return e;
  const issue = corruptXlsx(file, String((e as Error).message ?? e).split('\n')[0]);
  // No workbook.xml read: its entries ended early, or the file has none.
  return (reader as unknown as { model?: unknown }).model ? new YardstickError([issue]) : new WorkbookCutShort([issue]);
}

/** `read()` once more when its workbook's entries were cut short (`cleanup` first undoes the failed read). */
export async function readTwice<T>(read: () => Promise<T>, cleanup: () => Promise<void> = async () => {}): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (!(e instanceof WorkbookCutShort)) throw e;
    await cleanup();
    return read();
  }
}
