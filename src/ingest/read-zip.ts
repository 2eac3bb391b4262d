/**
 * Total uncompressed size of a zip (an .xlsx) read from its central directory,
 * without inflating anything, so a zip bomb is refused before exceljs opens it.
 * Only the end-of-central-directory record and the directory entries are read.
 * ZIP64 archives (over 4 GB or 65 535 entries) are refused outright: no real
 * export needs them. Limitation: the sizes are the ones the archive declares;
 * an archive lying in its directory is caught later only by the row and cell
 * limits.
 */
import { open } from 'node:fs/promises';
import { YardstickError } from '../errors.js';
import { corruptXlsx, zip64 } from './read-messages.js';

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
const MAX_DIRECTORY = 64 << 20;

export interface ZipTotals {
  entries: number;
  uncompressedBytes: number;
}

export async function readZipTotals(file: string): Promise<ZipTotals> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, EOCD_MIN + MAX_COMMENT);
    const tail = await readAt(fh, size - tailLen, tailLen);
    const eocd = findEocd(tail);
    if (eocd < 0) throw corrupt(file, 'no end-of-central-directory record');
    const entries = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) throw new YardstickError([zip64(file)]);
    if (dirSize > MAX_DIRECTORY || dirOffset + dirSize > size) throw corrupt(file, 'central directory out of range');
    const dir = await readAt(fh, dirOffset, dirSize);
    return { entries, uncompressedBytes: sumEntries(file, dir, entries) };
  } finally {
    await fh.close();
  }
}

function findEocd(tail: Buffer): number {
  for (let i = tail.length - EOCD_MIN; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD_SIG) return i;
  return -1;
}

function sumEntries(file: string, dir: Buffer, entries: number): number {
  let pos = 0;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (pos + 46 > dir.length || dir.readUInt32LE(pos) !== CEN_SIG) throw corrupt(file, 'bad central directory entry');
    const size = dir.readUInt32LE(pos + 24);
    if (size === 0xffffffff) throw new YardstickError([zip64(file)]);
    total += size;
    pos += 46 + dir.readUInt16LE(pos + 28) + dir.readUInt16LE(pos + 30) + dir.readUInt16LE(pos + 32);
  }
  return total;
}

async function readAt(fh: Awaited<ReturnType<typeof open>>, pos: number, len: number): Promise<Buffer> {
  const buf = Buffer.alloc(len);
  let got = 0;
  while (got < len) {
    const { bytesRead } = await fh.read(buf, got, len - got, pos + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

function corrupt(file: string, detail: string): YardstickError {
  return new YardstickError([corruptXlsx(file, detail)]);
}
