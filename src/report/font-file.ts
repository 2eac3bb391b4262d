/**
 * Reads what the report needs from a TTF/OTF/TTC file — its family name, which characters it has
 * and their advance widths — so that Vega lays text out with the widths resvg will draw (trap 1:
 * an estimate made titles overlap labels) and so that a font without Chinese glyphs is refused
 * before it turns every label into boxes. Only the `cmap`, `hmtx`, `hhea`, `head` and `name`
 * tables are read (no glyph outlines), which takes a few milliseconds even for an 8 MB CJK font.
 */
import { readFileSync } from 'node:fs';

export interface FontFile {
  path: string;
  /** The family name resvg and browsers know it by (name table, English). */
  family: string;
  /** Glyph id of a code point (0 = missing, drawn as a box). */
  glyph(cp: number): number;
  /** Advance width of a code point in em (the missing glyph's width when absent). */
  advanceEm(cp: number): number;
}

interface Tables { [tag: string]: { offset: number; length: number } }

function tableDirectory(b: Buffer, at: number): Tables {
  const n = b.readUInt16BE(at + 4);
  const out: Tables = {};
  for (let i = 0; i < n; i++) {
    const r = at + 12 + i * 16;
    out[b.toString('latin1', r, r + 4)] = { offset: b.readUInt32BE(r + 8), length: b.readUInt32BE(r + 12) };
  }
  return out;
}

/** Best Unicode subtable of `cmap` as a code point → glyph id function. */
function cmapLookup(b: Buffer, cmap: number): (cp: number) => number {
  const n = b.readUInt16BE(cmap + 2);
  let fmt4 = -1;
  let fmt12 = -1;
  for (let i = 0; i < n; i++) {
    const r = cmap + 4 + i * 8;
    const platform = b.readUInt16BE(r);
    const encoding = b.readUInt16BE(r + 2);
    const sub = cmap + b.readUInt32BE(r + 4);
    const format = b.readUInt16BE(sub);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    if (format === 12 && fmt12 < 0) fmt12 = sub;
    if (format === 4 && fmt4 < 0) fmt4 = sub;
  }
  if (fmt12 >= 0) {
    const groups = b.readUInt32BE(fmt12 + 12);
    return (cp) => {
      let lo = 0;
      let hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const g = fmt12 + 16 + mid * 12;
        const start = b.readUInt32BE(g);
        const end = b.readUInt32BE(g + 4);
        if (cp < start) hi = mid - 1;
        else if (cp > end) lo = mid + 1;
        else return b.readUInt32BE(g + 8) + (cp - start);
      }
      return 0;
    };
  }
  if (fmt4 < 0) return () => 0;
  const segs = b.readUInt16BE(fmt4 + 6) / 2;
  const ends = fmt4 + 14;
  const starts = ends + segs * 2 + 2;
  const deltas = starts + segs * 2;
  const rangeOffsets = deltas + segs * 2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let i = 0; i < segs; i++) {
      if (cp > b.readUInt16BE(ends + i * 2)) continue;
      const start = b.readUInt16BE(starts + i * 2);
      if (cp < start) return 0;
      const delta = b.readInt16BE(deltas + i * 2);
      const ro = b.readUInt16BE(rangeOffsets + i * 2);
      if (ro === 0) return (cp + delta) & 0xffff;
      const g = b.readUInt16BE(rangeOffsets + i * 2 + ro + (cp - start) * 2);
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
}

/** Family name: typographic family (16) before family (1), Windows English before Mac Roman. */
function familyName(b: Buffer, name: number): string {
  const count = b.readUInt16BE(name + 2);
  const strings = name + b.readUInt16BE(name + 4);
  const found = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const r = name + 6 + i * 12;
    const [platform, , language, id, length, offset] = [0, 2, 4, 6, 8, 10].map((o) => b.readUInt16BE(r + o));
    if (id !== 1 && id !== 16) continue;
    const raw = b.subarray(strings + offset, strings + offset + length);
    if (platform === 3 && language === 0x409) found.set(`w${id}`, Buffer.from(raw).swap16().toString('utf16le'));
    else if (platform === 1 && language === 0) found.set(`m${id}`, raw.toString('latin1'));
  }
  return found.get('w16') ?? found.get('w1') ?? found.get('m16') ?? found.get('m1') ?? '';
}

/** Parse the first face of a TTF/OTF/TTC file. Throws on a file that is not a font. */
export function readFontFile(path: string): FontFile {
  const b = readFileSync(path);
  const tag = b.toString('latin1', 0, 4);
  const at = tag === 'ttcf' ? b.readUInt32BE(12) : 0;
  const kind = b.toString('latin1', at, at + 4);
  if (!['\0\x01\0\0', 'OTTO', 'true'].includes(kind)) throw new Error(`not a TTF/OTF/TTC font: ${path}`);
  const t = tableDirectory(b, at);
  for (const need of ['cmap', 'hmtx', 'hhea', 'head', 'name']) if (!t[need]) throw new Error(`font ${path} has no ${need} table`);
  const unitsPerEm = b.readUInt16BE(t.head.offset + 18);
  const hMetrics = b.readUInt16BE(t.hhea.offset + 34);
  const lookup = cmapLookup(b, t.cmap.offset);
  const advance = (gid: number) => b.readUInt16BE(t.hmtx.offset + Math.min(gid, hMetrics - 1) * 4) / unitsPerEm;
  const cache = new Map<number, number>();
  return {
    path,
    family: familyName(b, t.name.offset),
    glyph: lookup,
    advanceEm(cp) {
      let w = cache.get(cp);
      if (w === undefined) cache.set(cp, (w = advance(lookup(cp))));
      return w;
    },
  };
}
