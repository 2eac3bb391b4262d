/**
 * Which text encoding a CSV export uses. Excel on Chinese Windows saves "CSV"
 * in GBK, other tools write UTF-8 (with or without a BOM), and "Unicode text"
 * is UTF-16 with a BOM. DuckDB reads only UTF-8 without its `encodings`
 * extension (not downloadable on an intranet), so anything else is
 * transcoded in Node first (see to-utf8.ts).
 *
 * Detection: a BOM decides; otherwise a strict UTF-8 decode of the first
 * megabyte either succeeds (UTF-8) or fails (GB18030, a superset of GBK).
 * The decode streams, so a multibyte character cut at the sample's end is
 * held back rather than counted as invalid.
 */
import { open } from 'node:fs/promises';
import type { ReadOptions } from './types.js';

export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export const SAMPLE_BYTES = 1 << 20;

export interface Sample {
  bytes: Buffer;
  /** True when the sample holds the whole file. */
  complete: boolean;
}

/** The first `size` bytes of a file. */
export async function readSample(file: string, size = SAMPLE_BYTES): Promise<Sample> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(size + 1);
    let got = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
      if (got === buf.length) break;
    }
    return { bytes: buf.subarray(0, Math.min(got, size)), complete: got <= size };
  } finally {
    await fh.close();
  }
}

/** The encoding to decode with: a BOM wins, then the declared one, then detection. */
export function resolveEncoding(declared: ReadOptions['encoding'], sample: Sample): TextEncoding {
  const bom = bomEncoding(sample.bytes);
  if (bom) return bom;
  if (declared === 'utf-8') return 'utf-8';
  if (declared === 'gbk' || declared === 'gb18030') return 'gb18030';
  return isUtf8(sample) ? 'utf-8' : 'gb18030';
}

export function bomEncoding(b: Uint8Array): TextEncoding | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * A UTF-8 file with some lines in another encoding (a row pasted from a GBK file): the 1-based
 * line of the sample's first such line, when more lines hold valid non-ASCII UTF-8 (Chinese) than
 * fail. A GBK export's Chinese lines essentially never decode as UTF-8, so it is never taken for
 * this; reading a mixed file as GBK would garble its UTF-8 lines, so it is refused, the line named.
 */
export function strayNonUtf8Line(sample: Sample): number | undefined {
  const lines = new TextDecoder('utf-8').decode(sample.bytes, { stream: !sample.complete }).split('\n');
  const bad = lines.map((l, i) => (l.includes('\uFFFD') ? i + 1 : 0)).filter((i) => i > 0);
  const good = lines.filter((l) => !l.includes('\uFFFD') && /[^\x00-\x7F]/.test(l)).length;
  return bad.length > 0 && good > bad.length ? bad[0] : undefined;
}

/** Strict UTF-8 check; a character cut at the end of an incomplete sample is not an error. */
export function isUtf8(sample: Sample): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    decoder.decode(sample.bytes, { stream: !sample.complete });
    return true;
  } catch {
    return false;
  }
}
