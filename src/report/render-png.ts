/**
 * SVG → PNG with resvg. resvg reads TTF/OTF/TTC only and draws boxes (or nothing) for text it has
 * no font for (trap 2), so it is given the report's font (report-font.ts: shipped Noto Sans Hans,
 * or --font / $YARDSTICK_CJK_FONT) and no system fonts: a PNG looks the same on every machine.
 */
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { resolveReportFont, type ReportFont } from './report-font.js';

export interface PngOptions {
  /** The font (default: the report's font). */
  font?: ReportFont;
  scale?: number;
}

export function renderPng(svg: string, opts: PngOptions = {}): Buffer {
  const font = opts.font ?? resolveReportFont();
  const options: ResvgRenderOptions = {
    background: 'white',
    fitTo: { mode: 'zoom', value: opts.scale ?? 1.5 },
    font: {
      fontFiles: font.files,
      loadSystemFonts: false,
      defaultFontFamily: font.family,
      sansSerifFamily: font.family,
      serifFamily: font.family,
      monospaceFamily: font.family,
    },
  };
  return new Resvg(svg, options).render().asPng();
}
