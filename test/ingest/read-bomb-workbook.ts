/**
 * Workbooks written part by part (test helper): a minimal .xlsx whose shared
 * strings can be made huge while the file stays small (deflate packs a run of
 * one character ~1000:1), streamed so the test process never holds the text.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { crc32, createDeflateRaw } from 'node:zlib';

/** A part's content: text, or `repeat` copies of `chunk` between `head` and `tail`. */
export type Part = string | { head: string; chunk: string; repeat: number; tail: string };

interface Entry { name: Buffer; crc: number; compressed: number; size: number; offset: number }

const enc = (s: string) => Buffer.from(s, 'utf8');

/** The minimal parts of a one-sheet workbook; `sharedStrings` and `sheet` are given. */
export function workbookParts(sharedStrings: Part, sheet: string): [string, Part][] {
  return [
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'],
    ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
    ['xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="考勤" sheetId="1" r:id="rId1"/></sheets></workbook>'],
    ['xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'],
    ['xl/sharedStrings.xml', sharedStrings],
    ['xl/worksheets/sheet1.xml', sheet],
  ];
}

/** A sheet XML with `rows` of shared-string indexes (or inline text for strings). */
export function sheetXml(rows: (number | string)[][]): string {
  const col = (i: number) => String.fromCharCode(65 + i);
  const cell = (v: number | string, r: number, c: number) => (typeof v === 'number'
    ? `<c r="${col(c)}${r}" t="s"><v>${v}</v></c>`
    : `<c r="${col(c)}${r}" t="inlineStr"><is><t>${v}</t></is></c>`);
  const body = rows.map((row, i) => `<row r="${i + 1}">${row.map((v, c) => cell(v, i + 1, c)).join('')}</row>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

/**
 * Write a zip of `parts` (deflated, streamed). `declare` may understate an entry's
 * uncompressed size in the central directory, as a hostile archive could.
 */
export async function writeZip(file: string, parts: [string, Part][], declare: (name: string, size: number) => number = (_, n) => n): Promise<void> {
  const out = createWriteStream(file);
  let offset = 0;
  const write = async (b: Buffer) => {
    offset += b.length;
    if (!out.write(b)) await once(out, 'drain');
  };
  const entries: Entry[] = [];
  for (const [name, part] of parts) {
    const e = await deflatePart(part);
    const entry = { name: enc(name), crc: e.crc, compressed: e.data.length, size: e.size, offset };
    entries.push(entry);
    await write(localHeader(entry));
    await write(e.data);
  }
  const dirStart = offset;
  for (const e of entries) await write(centralEntry({ ...e, size: declare(e.name.toString(), e.size) }));
  await write(endOfDirectory(entries.length, offset - dirStart, dirStart));
  out.end();
  await once(out, 'finish');
}

async function deflatePart(part: Part): Promise<{ data: Buffer; crc: number; size: number }> {
  const p = typeof part === 'string' ? { head: part, chunk: '', repeat: 0, tail: '' } : part;
  const z = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  z.on('data', (c: Buffer) => chunks.push(c));
  let crc = 0;
  let size = 0;
  const feed = async (b: Buffer) => {
    crc = crc32(b, crc);
    size += b.length;
    if (!z.write(b)) await once(z, 'drain');
  };
  await feed(enc(p.head));
  const chunk = enc(p.chunk);
  for (let i = 0; i < p.repeat; i++) await feed(chunk);
  await feed(enc(p.tail));
  z.end();
  await once(z, 'end');
  return { data: Buffer.concat(chunks), crc, size };
}

function localHeader(e: Entry): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(0x0800, 6); // UTF-8 names
  h.writeUInt16LE(8, 8); // deflate
  h.writeUInt32LE(e.crc, 14);
  h.writeUInt32LE(e.compressed, 18);
  h.writeUInt32LE(e.size, 22);
  h.writeUInt16LE(e.name.length, 26);
  return Buffer.concat([h, e.name]);
}

function centralEntry(e: Entry): Buffer {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(0x0800, 8);
  h.writeUInt16LE(8, 10);
  h.writeUInt32LE(e.crc, 16);
  h.writeUInt32LE(e.compressed, 20);
  h.writeUInt32LE(e.size, 24);
  h.writeUInt16LE(e.name.length, 28);
  h.writeUInt32LE(e.offset, 42);
  return Buffer.concat([h, e.name]);
}

function endOfDirectory(entries: number, size: number, offset: number): Buffer {
  const h = Buffer.alloc(22);
  h.writeUInt32LE(0x06054b50, 0);
  h.writeUInt16LE(entries, 8);
  h.writeUInt16LE(entries, 10);
  h.writeUInt32LE(size, 12);
  h.writeUInt32LE(offset, 16);
  return h;
}
