/**
 * Rewrites a zip in the form some export libraries always use: every size and
 * offset in the headers is 0xFFFFFFFF with the real value in a ZIP64 extra field,
 * and the directory is found through a ZIP64 end record. Data is copied as is.
 */
const u16 = (v: number) => { const b = Buffer.alloc(2); b.writeUInt16LE(v); return b; };
const u32 = (v: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(v); return b; };
const u64 = (v: number) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(v)); return b; };
const ALL_ONES = 0xffffffff;

export function toZip64(zip: Buffer): Buffer {
  const eocd = zip.lastIndexOf(u32(0x06054b50));
  const count = zip.readUInt16LE(eocd + 10);
  let cen = zip.readUInt32LE(eocd + 16);
  const locals: Buffer[] = [];
  const entries: Buffer[] = [];
  let offset = 0;
  for (let n = 0; n < count; n++) {
    const flags = zip.readUInt16LE(cen + 8) & ~0x08; // sizes in the header, no data descriptor
    const [method, time, date, crc] = [zip.readUInt16LE(cen + 10), zip.readUInt16LE(cen + 12), zip.readUInt16LE(cen + 14), zip.readUInt32LE(cen + 16)];
    const [csize, usize] = [zip.readUInt32LE(cen + 20), zip.readUInt32LE(cen + 24)];
    const [nameLen, extraLen, commentLen] = [zip.readUInt16LE(cen + 28), zip.readUInt16LE(cen + 30), zip.readUInt16LE(cen + 32)];
    const name = zip.subarray(cen + 46, cen + 46 + nameLen);
    const loc = zip.readUInt32LE(cen + 42);
    const dataAt = loc + 30 + zip.readUInt16LE(loc + 26) + zip.readUInt16LE(loc + 28);
    const localExtra = Buffer.concat([u16(1), u16(16), u64(usize), u64(csize)]);
    const local = Buffer.concat([u32(0x04034b50), u16(45), u16(flags), u16(method), u16(time), u16(date), u32(crc), u32(ALL_ONES), u32(ALL_ONES),
      u16(nameLen), u16(localExtra.length), name, localExtra, zip.subarray(dataAt, dataAt + csize)]);
    const cenExtra = Buffer.concat([u16(1), u16(24), u64(usize), u64(csize), u64(offset)]);
    entries.push(Buffer.concat([u32(0x02014b50), u16(45), u16(45), u16(flags), u16(method), u16(time), u16(date), u32(crc), u32(ALL_ONES), u32(ALL_ONES),
      u16(nameLen), u16(cenExtra.length), u16(0), u16(0), u16(0), zip.subarray(cen + 38, cen + 42), u32(ALL_ONES), name, cenExtra]));
    locals.push(local);
    offset += local.length;
    cen += 46 + nameLen + extraLen + commentLen;
  }
  const dir = Buffer.concat(entries);
  const record = Buffer.concat([u32(0x06064b50), u64(44), u16(45), u16(45), u32(0), u32(0), u64(count), u64(count), u64(dir.length), u64(offset)]);
  const locator = Buffer.concat([u32(0x07064b50), u32(0), u64(offset + dir.length), u32(1)]);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(0xffff), u16(0xffff), u32(ALL_ONES), u32(ALL_ONES), u16(0)]);
  return Buffer.concat([...locals, dir, record, locator, end]);
}
