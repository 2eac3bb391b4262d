/**
 * A GBK encoder. Node ships a GBK *decoder* (WHATWG `TextDecoder('gbk')`, full
 * ICU) but no encoder, so the table is built once per process by decoding every
 * two-byte GBK code (lead 0x81–0xFE, trail 0x40–0xFE except 0x7F) and inverting
 * it. Where several codes decode to one character the first (lowest) code wins,
 * as in the WHATWG encoder. Characters outside GBK throw: the generator only
 * writes text it can round-trip.
 */

let table: Uint16Array | null = null;

/** Code point (BMP) → GBK code (lead << 8 | trail); 0 = not encodable. Built on first use. */
export function gbkTable(): Uint16Array {
  if (table) return table;
  const t = new Uint16Array(65_536);
  const decoder = new TextDecoder('gbk', { fatal: false });
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const s = decoder.decode(pair);
      if (s.length !== 1) continue;
      const cp = s.charCodeAt(0);
      if (cp === 0xfffd || cp < 0x80 || t[cp] !== 0) continue;
      t[cp] = (lead << 8) | trail;
    }
  }
  table = t;
  return t;
}

export class GbkEncodeError extends Error {}

/**
 * Encode `text` into `out` from `pos`; returns the new position. `out` must
 * have room for 2 bytes per UTF-16 unit (the worst case).
 */
export function encodeGbkInto(text: string, out: Uint8Array, pos: number): number {
  const t = table ?? gbkTable();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      out[pos++] = c;
      continue;
    }
    const code = t[c];
    if (code === 0) {
      throw new GbkEncodeError(`“${text[i]}” (U+${c.toString(16).toUpperCase().padStart(4, '0')}) has no GBK code`);
    }
    out[pos++] = code >> 8;
    out[pos++] = code & 0xff;
  }
  return pos;
}

/** Encode a string to GBK bytes. */
export function encodeGbk(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length * 2);
  const end = encodeGbkInto(text, out, 0);
  return out.subarray(0, end);
}
