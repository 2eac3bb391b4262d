/**
 * SVG → PNG with resvg. resvg reads TTF/OTF/TTC only, and drops every glyph when it has no font
 * (trap 2): a CJK font is loaded explicitly — the path given, else $YARDSTICK_CJK_FONT, else
 * Debian's WenQuanYi Micro Hei when installed — and system fonts are used only as a fallback.
 */
import { existsSync } from 'node:fs';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

export const DEFAULT_CJK_FONTS = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/wqy-microhei/wqy-microhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
];

/** The CJK font file to load: the option, $YARDSTICK_CJK_FONT, or the first default that exists. */
export function findCjkFont(path?: string): string | null {
  const candidates = [path, process.env.YARDSTICK_CJK_FONT, ...DEFAULT_CJK_FONTS].filter((p): p is string => Boolean(p));
  return candidates.find((p) => existsSync(p)) ?? null;
}

export interface PngOptions { fontFile?: string | null; scale?: number }

export function renderPng(svg: string, opts: PngOptions = {}): Buffer {
  const font = opts.fontFile === undefined ? findCjkFont() : opts.fontFile;
  const family = font && /wqy/i.test(font) ? 'WenQuanYi Micro Hei' : font && /noto/i.test(font) ? 'Noto Sans CJK SC' : undefined;
  const options: ResvgRenderOptions = {
    background: 'white',
    fitTo: { mode: 'zoom', value: opts.scale ?? 1.5 },
    font: font
      ? { fontFiles: [font], loadSystemFonts: false, defaultFontFamily: family, sansSerifFamily: family }
      : { loadSystemFonts: true },
  };
  return new Resvg(svg, options).render().asPng();
}
