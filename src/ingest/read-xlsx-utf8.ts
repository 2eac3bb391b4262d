/**
 * exceljs (4.4) streams a sheet's XML in decompressed chunks and decodes each chunk on its own
 * (lib/utils/parse-sax.js), so a character whose UTF-8 bytes straddle a chunk boundary turns into
 * U+FFFD (exceljs issues #2063, #2084): in a Chinese export 支付结算科 becomes 支付结��科 and the row is
 * rejected as an unknown unit, or a topic or exam name is changed without a word. The reader made
 * here hands exceljs text decoded across chunk boundaries instead: sheet chunks go through one
 * StringDecoder per sheet, and the shared-strings entry is read as UTF-8 text.
 */
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';

type ReaderOptions = ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookReader>[1];

/** The two exceljs internals that receive a sheet's or the shared strings' raw chunks. */
interface ChunkInternals {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
}

const base = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ChunkInternals;

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

/** exceljs's streaming WorkbookReader, with multi-byte characters kept whole across chunks. */
export function utf8WorkbookReader(file: string, options: ReaderOptions): ExcelJS.stream.xlsx.WorkbookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, options);
  const internals = reader as unknown as ChunkInternals;
  internals._parseWorksheet = (iterator, sheetNo) => base._parseWorksheet.call(reader, wholeCharacters(iterator), sheetNo);
  internals._parseSharedStrings = (entry) => {
    entry.setEncoding('utf8');
    return base._parseSharedStrings.call(reader, entry);
  };
  return reader;
}
