/**
 * CJK-aware text width for rendering Vega in Node (trap 1 in the report notes): without
 * node-canvas Vega estimates every character at 0.8 × font size, but a Chinese character is a full
 * em, so axis titles overlap labels. We count CJK and full-width characters as 1.0 em and Latin
 * as ~0.6 em, close to WenQuanYi Micro Hei, the font used for PNG.
 */
import * as vega from 'vega';

const FULL = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u3000-\u303f]/u;

/** Width of one character in em. */
function charEm(ch: string): number {
  if (FULL.test(ch) || (ch.codePointAt(0) ?? 0) > 0x1ffff) return 1;
  if (/[il.,:;|!'’`]/.test(ch)) return 0.3;
  if (ch === ' ') return 0.32;
  if (/[A-Z@%&MW]/.test(ch) || /[mw]/.test(ch)) return 0.72;
  return 0.58;
}

/** Width in pixels of `text` at `fontSize`. */
export function cjkTextWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em * fontSize;
}

interface TextItem { text?: unknown; fontSize?: number }

/** Replace Vega's text width estimate (idempotent). */
export function installCjkTextWidth(): void {
  const tm = (vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number; __cjk?: boolean } }).textMetrics;
  if (tm.__cjk) return;
  tm.width = (item: TextItem, text?: unknown) => {
    const t = text ?? item.text;
    const lines = Array.isArray(t) ? t.map(String) : [t == null ? '' : String(t)];
    return Math.max(0, ...lines.map((l) => cjkTextWidth(l, item.fontSize ?? 11)));
  };
  tm.__cjk = true;
}
