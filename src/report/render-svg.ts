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

/**
 * Charts drawn once per unit (unit pages) differ only in their data: compiling and parsing each of
 * them again made 2,000 unit pages most of the report's time. A spec with inline `data.values` is
 * compiled and parsed once per shape (the spec without its values) and each unit's values are fed
 * to a fresh View of the parsed runtime — the SVG is the same as a full compile's.
 */
export class SameShapeCharts {
  private readonly shapes = new Map<string, { runtime: vega.Runtime; warnings: string[] }>();

  constructor(private readonly font?: ReportFont) {}

  async render(spec: TopLevelSpec): Promise<{ svg: string; warnings: string[] }> {
    const values = (spec as { data?: { values?: unknown } }).data?.values;
    if (!Array.isArray(values)) {
      const { vega: compiled, warnings } = compileSpec(spec);
      return { svg: await renderSvg(compiled, this.font), warnings };
    }
    const named = { ...spec, data: { name: SHAPE_DATA } } as TopLevelSpec;
    const key = JSON.stringify(named);
    let shape = this.shapes.get(key);
    if (!shape) {
      const { vega: compiled, warnings } = compileSpec(named);
      shape = { runtime: vega.parse(compiled), warnings };
      this.shapes.set(key, shape);
    }
    installFontTextWidth(this.font);
    const view = new vega.View(shape.runtime, { renderer: 'none', logLevel: vega.Warn });
    try {
      view.data(SHAPE_DATA, values);
      return { svg: await view.toSVG(), warnings: shape.warnings };
    } finally {
      view.finalize();
    }
  }
}

const SHAPE_DATA = 'unit_values';
