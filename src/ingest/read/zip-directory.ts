/**
 * Total uncompressed size of a zip (an .xlsx) read from its central directory,
 * without inflating anything, so a zip bomb is refused before exceljs opens it.
 * Only the end-of-central-directory records and the directory entries are read.
 *
 * ZIP64 is read too: besides archives over 4 GB, some export libraries write
 * every workbook in ZIP64 form (sizes 0xFFFFFFFF in the directory, the real ones
 * in an extra field), and Excel opens those. Limitation: the sizes are the ones
 * the archive declares; an archive lying in its directory is caught later only
 * by the row and cell limits.
 */
import { open } from 'node:fs/promises';
import { YardstickError } from '../../errors.js';
import { corruptXlsx } from './messages.js';

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CEN_SIG = 0x02014b50;
const ZIP64_EXTRA = 0x0001;
const EOCD_MIN = 22;
const ZIP64_LOCATOR_LEN = 20;
const ZIP64_EOCD_MIN = 56;
const MAX_COMMENT = 0xffff;
const MAX_DIRECTORY = 64 << 20;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

export interface ZipTotals {
  entries: number;
  uncompressedBytes: number;
}

interface Directory { entries: number; size: number; offset: number }

type Handle = Awaited<ReturnType<typeof open>>;

export async function readZipTotals(file: string): Promise<ZipTotals> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, EOCD_MIN + MAX_COMMENT + ZIP64_LOCATOR_LEN);
    const tailStart = size - tailLen;
    const tail = await readAt(fh, tailStart, tailLen);
    const eocd = findEocd(tail);
    if (eocd < 0) throw corrupt(file, 'no end-of-central-directory record');
    let dir: Directory = { entries: tail.readUInt16LE(eocd + 10), size: tail.readUInt32LE(eocd + 12), offset: tail.readUInt32LE(eocd + 16) };
    if (dir.entries === U16_MAX || dir.size === U32_MAX || dir.offset === U32_MAX) {
      dir = await readZip64Directory(file, fh, tail, eocd, size);
    }
    if (dir.size > MAX_DIRECTORY || dir.offset + dir.size > size) throw corrupt(file, 'central directory out of range');
    const cen = await readAt(fh, dir.offset, dir.size);
    return { entries: dir.entries, uncompressedBytes: sumEntries(file, cen, dir.entries) };
  } finally {
    await fh.close();
  }
}

function findEocd(tail: Buffer): number {
  for (let i = tail.length - EOCD_MIN; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD_SIG) return i;
  return -1;
}

/** The ZIP64 end-of-central-directory record, found through the locator just before the classic record. */
async function readZip64Directory(file: string, fh: Handle, tail: Buffer, eocd: number, size: number): Promise<Directory> {
  const at = eocd - ZIP64_LOCATOR_LEN;
  if (at < 0 || tail.readUInt32LE(at) !== ZIP64_LOCATOR_SIG) throw corrupt(file, 'ZIP64 locator missing');
  const recordOffset = u64(file, tail, at + 8);
  if (recordOffset + ZIP64_EOCD_MIN > size) throw corrupt(file, 'ZIP64 record out of range');
  const rec = await readAt(fh, recordOffset, ZIP64_EOCD_MIN);
  if (rec.readUInt32LE(0) !== ZIP64_EOCD_SIG) throw corrupt(file, 'bad ZIP64 record');
  return { entries: u64(file, rec, 32), size: u64(file, rec, 40), offset: u64(file, rec, 48) };
}

function sumEntries(file: string, dir: Buffer, entries: number): number {
  let pos = 0;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (pos + 46 > dir.length || dir.readUInt32LE(pos) !== CEN_SIG) throw corrupt(file, 'bad central directory entry');
    const nameLen = dir.readUInt16LE(pos + 28);
    const extraLen = dir.readUInt16LE(pos + 30);
    const size = dir.readUInt32LE(pos + 24);
    total += size === U32_MAX ? zip64Size(file, dir.subarray(pos + 46 + nameLen, pos + 46 + nameLen + extraLen)) : size;
    pos += 46 + nameLen + extraLen + dir.readUInt16LE(pos + 32);
  }
  return total;
}

/** The uncompressed size from an entry's ZIP64 extra field (its first value when the 32-bit one is 0xFFFFFFFF). */
function zip64Size(file: string, extra: Buffer): number {
  for (let p = 0; p + 4 <= extra.length; p += 4 + extra.readUInt16LE(p + 2)) {
    if (extra.readUInt16LE(p) === ZIP64_EXTRA && extra.readUInt16LE(p + 2) >= 8 && p + 12 <= extra.length) return u64(file, extra, p + 4);
  }
  throw corrupt(file, 'ZIP64 size missing');
}

/** A 64-bit field; beyond 2^53 bytes no real file goes, so it is refused as damage. */
function u64(file: string, buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw corrupt(file, 'size out of range');
  return Number(v);
}

async function readAt(fh: Handle, pos: number, len: number): Promise<Buffer> {
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
