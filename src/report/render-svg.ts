/**
 * Vega-Lite → Vega → SVG in Node, without a browser or node-canvas. Compilation warnings are
 * collected (a test asserts there are none); text widths come from the report's font.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { installFontTextWidth } from './text-width.js';
import type { ReportFont } from './report-font.js';

export interface Compiled { vega: vega.Spec; warnings: string[] }

/** Compile a Vega-Lite spec, collecting warnings instead of printing them. */
export function compileSpec(spec: TopLevelSpec): Compiled {
  const warnings: string[] = [];
  const logger = {
    level(): never { return logger as never; },
    warn: (...a: unknown[]) => { warnings.push(a.map(String).join(' ')); return logger; },
    info: () => logger, debug: () => logger,
    error: (...a: unknown[]) => { throw new Error(a.map(String).join(' ')); },
  };
  const out = compile(spec, { logger: logger as never });
  return { vega: out.spec as vega.Spec, warnings };
}

/** Render a compiled Vega spec to an SVG string, text laid out in `font` (default: the report's font). */
export async function renderSvg(spec: vega.Spec, font?: ReportFont): Promise<string> {
  installFontTextWidth(font);
  const view = new vega.View(vega.parse(spec), { renderer: 'none', logLevel: vega.Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
