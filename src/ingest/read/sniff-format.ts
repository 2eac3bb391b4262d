/**
 * How to read a file, decided by its first bytes before its extension, so a
 * renamed or protected file gets a clear message instead of a parser error:
 *
 *   zip (PK…)    .xlsx/.xlsm (or an .xls that is really .xlsx) → xlsx
 *   OLE2 (D0CF…) old .xls, or an encrypted .xlsx (OLE2 with EncryptionInfo) → error
 *   text         .csv/.txt/.tsv → csv;   anything else → unsupported_format
 */
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { environmentError, YardstickError } from '../../errors.js';
import { corruptXlsx, encryptedXlsx, fileNotFound, oldXls, unsupportedFormat, zipNamedAsText } from './messages.js';

const CSV_EXTS = ['.csv', '.txt', '.tsv'];
const XLSX_EXTS = ['.xlsx', '.xlsm', '.xls'];
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from('PK\x03\x04', 'latin1');

export type Format = 'csv' | 'xlsx';

/** Decide how to read `file`, or throw a YardstickError saying why it cannot be read. */
export async function sniffFormat(file: string): Promise<Format> {
  const ext = extname(file).toLowerCase();
  const head = await readHead(file, 8);
  if (head.subarray(0, 8).equals(OLE2)) {
    const encrypted = ext !== '.xls' && (await containsUtf16(file, 'EncryptionInfo'));
    throw new YardstickError([encrypted ? encryptedXlsx(file) : oldXls(file)]);
  }
  const zip = head.subarray(0, 4).equals(ZIP);
  if (zip && XLSX_EXTS.includes(ext)) return 'xlsx';
  if (zip && CSV_EXTS.includes(ext)) throw new YardstickError([zipNamedAsText(file)]);
  if (CSV_EXTS.includes(ext)) return 'csv';
  if (XLSX_EXTS.includes(ext)) throw new YardstickError([corruptXlsx(file, 'not a zip archive')]);
  throw new YardstickError([unsupportedFormat(file, ext)]);
}

async function readHead(file: string, n: number): Promise<Buffer> {
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
    const fh = await open(file, 'r');
    try {
      const buf = Buffer.alloc(n);
      const { bytesRead } = await fh.read(buf, 0, n, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (e) {
    // A permission problem or a symlink loop says so, with the remedy; anything else reads as missing.
    throw environmentError(e) ?? new YardstickError([fileNotFound(file)]);
  }
}

/** Whether the file holds `text` in UTF-16LE (an OLE2 stream name), scanned in chunks. */
async function containsUtf16(file: string, text: string): Promise<boolean> {
  const needle = Buffer.from(text, 'utf16le');
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(4 << 20);
    for (let pos = 0; ; ) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (buf.subarray(0, bytesRead).includes(needle)) return true;
      if (bytesRead < buf.length) return false;
      pos += bytesRead - needle.length;
    }
  } finally {
    await fh.close();
  }
}
