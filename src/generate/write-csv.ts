/**
 * Buffered CSV output in UTF-8, UTF-8 with BOM, or GBK. Text is collected into
 * ~1 M-character chunks, encoded per chunk (Buffer for UTF-8, `encodeGbkInto`
 * for GBK) and written with one `write` per chunk, so 10 M rows cost a few
 * thousand syscalls. Files are written to `<file>.<pid>.tmp` and renamed into
 * place on `close()`, so a failed run never leaves a half-written export.
 */
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isoDate, MS_PER_DAY } from './calendar.js';
import { encodeGbk, encodeGbkInto } from './gbk.js';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gbk';
export type Cell = string | number | Date | null | undefined;

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field as Excel writes it: quoted only when it must be. */
export function csvField(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return isoDate(Math.floor(v.getTime() / MS_PER_DAY));
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A CSV record line including its newline; an empty array is a blank line. */
export function csvLine(cells: readonly Cell[], newline = '\r\n'): string {
  let s = '';
  for (let i = 0; i < cells.length; i++) s += (i === 0 ? '' : ',') + csvField(cells[i]);
  return s + newline;
}

export class CsvWriter {
  private parts: string[] = [];
  private chars = 0;
  private scratch: Uint8Array | null = null;
  bytes = 0;

  private constructor(
    readonly file: string,
    private readonly tmp: string,
    private readonly fh: FileHandle,
    readonly encoding: CsvEncoding,
    private readonly chunkChars: number,
  ) {}

  static async open(file: string, encoding: CsvEncoding, chunkChars = 1 << 20): Promise<CsvWriter> {
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    const w = new CsvWriter(file, tmp, await open(tmp, 'w'), encoding, chunkChars);
    if (encoding === 'utf-8-bom') await w.writeBytes(UTF8_BOM);
    return w;
  }

  /**
   * Append text. Returns a promise only when a chunk is flushed; callers in hot
   * loops do `const p = w.write(s); if (p) await p;`.
   */
  write(text: string): Promise<void> | undefined {
    this.parts.push(text);
    this.chars += text.length;
    return this.chars >= this.chunkChars ? this.flush() : undefined;
  }

  writeRow(cells: readonly Cell[]): Promise<void> | undefined {
    return this.write(csvLine(cells));
  }

  async flush(): Promise<void> {
    if (this.chars === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.chars = 0;
    await this.writeBytes(this.encode(text));
  }

  /** Encode a text fragment in this writer's encoding (for callers that assemble bytes themselves). */
  encodeFragment(text: string): Buffer {
    return this.encoding === 'gbk' ? encodeGbk(text) : Buffer.from(text, 'utf8');
  }

  /** Append bytes already in this writer's encoding, after any buffered text. */
  async writeEncoded(buf: Uint8Array): Promise<void> {
    await this.flush();
    await this.writeBytes(buf);
  }

  private encode(text: string): Uint8Array {
    if (this.encoding !== 'gbk') return Buffer.from(text, 'utf8');
    const need = text.length * 2;
    if (!this.scratch || this.scratch.length < need) this.scratch = new Uint8Array(Math.max(need, this.chunkChars * 2 + 1024));
    return this.scratch.subarray(0, encodeGbkInto(text, this.scratch, 0));
  }

  private async writeBytes(buf: Uint8Array): Promise<void> {
    let off = 0;
    while (off < buf.length) {
      const { bytesWritten } = await this.fh.write(buf, off, buf.length - off);
      off += bytesWritten;
    }
    this.bytes += buf.length;
  }

  /** Flush, close and move the file into place. */
  async close(): Promise<void> {
    await this.flush();
    await this.fh.close();
    await rename(this.tmp, this.file);
  }

  /** Close and delete the temporary file (after an error). */
  async abort(): Promise<void> {
    await this.fh.close().catch(() => undefined);
    await rm(this.tmp, { force: true });
  }
}

/** Write a whole CSV file from a header and rows. Returns the number of data rows. */
export async function writeCsv(file: string, encoding: CsvEncoding, headers: readonly string[], rows: Iterable<readonly Cell[]>): Promise<number> {
  const w = await CsvWriter.open(file, encoding);
  let n = 0;
  try {
    await w.writeRow(headers);
    for (const row of rows) {
      const p = w.writeRow(row);
      if (p) await p;
      n++;
    }
    await w.close();
  } catch (e) {
    await w.abort();
    throw e;
  }
  return n;
}
