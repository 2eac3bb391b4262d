/**
 * Text width for rendering Vega in Node (trap 1 in the report notes): without node-canvas Vega
 * estimates every character at 0.8 × font size, but a Chinese character is a full em, so axis
 * titles overlapped labels. Widths now come from the advance widths of the font the PNG is drawn
 * with (report-font.ts), so the layout in the SVG is the layout resvg draws.
 */
import * as vega from 'vega';
import { resolveReportFont, type ReportFont } from './report-font.js';

/** Width in pixels of `text` at `fontSize` in `font` (default: the report's font). */
export function cjkTextWidth(text: string, fontSize: number, font: ReportFont = resolveReportFont(), bold = false): number {
  const face = bold && font.bold ? font.bold : font.regular;
  let em = 0;
  for (const ch of text) em += face.advanceEm(ch.codePointAt(0)!);
  return em * fontSize;
}

interface TextItem { text?: unknown; fontSize?: number; fontWeight?: string | number }
type Metrics = { width: (item: TextItem, text?: unknown) => number; __font?: ReportFont };

const isBold = (w: TextItem['fontWeight']) => w === 'bold' || (typeof w === 'number' && w >= 600) || (typeof w === 'string' && Number(w) >= 600);

/** Make Vega measure text with `font` (Vega's text metrics are global; cheap to call per render). */
export function installFontTextWidth(font: ReportFont = resolveReportFont()): void {
  const tm = (vega as unknown as { textMetrics: Metrics }).textMetrics;
  if (tm.__font === font) return;
  tm.width = (item: TextItem, text?: unknown) => {
    const t = text ?? item.text;
    const lines = Array.isArray(t) ? t.map(String) : [t == null ? '' : String(t)];
    return Math.max(0, ...lines.map((l) => cjkTextWidth(l, item.fontSize ?? 11, font, isBold(item.fontWeight))));
  };
  tm.__font = font;
}
