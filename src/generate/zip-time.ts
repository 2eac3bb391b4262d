/**
 * Make a zip (an .xlsx) byte-reproducible: exceljs's archiver stamps every
 * entry with the current time, so the same workbook written twice differs. This
 * rewrites the DOS time/date of every central-directory and local header to one
 * fixed instant, in place, touching only those bytes (works on files of any size).
 */
import { open } from 'node:fs/promises';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** 2025-01-01 00:00:00 as DOS date and time. */
const DOS_DATE = ((2025 - 1980) << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

export async function normaliseZipTimes(file: string): Promise<void> {
  const fh = await open(file, 'r+');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let at = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw new Error(`${file}: not a zip file (no end-of-central-directory record)`);
    const cdSize = tail.readUInt32LE(at + 12);
    const cdOffset = tail.readUInt32LE(at + 16);
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const stamp = Buffer.alloc(4);
    stamp.writeUInt16LE(DOS_TIME, 0);
    stamp.writeUInt16LE(DOS_DATE, 2);
    for (let p = 0; p + 46 <= cdSize; ) {
      if (cd.readUInt32LE(p) !== CENTRAL) throw new Error(`${file}: bad central directory entry at ${cdOffset + p}`);
      stamp.copy(cd, p + 12);
      const local = cd.readUInt32LE(p + 42);
      const sig = Buffer.alloc(4);
      await fh.read(sig, 0, 4, local);
      if (sig.readUInt32LE(0) !== LOCAL) throw new Error(`${file}: bad local header at ${local}`);
      await fh.write(stamp, 0, 4, local + 10);
      p += 46 + cd.readUInt16LE(p + 28) + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    }
    await fh.write(cd, 0, cdSize, cdOffset);
  } finally {
    await fh.close();
  }
}
