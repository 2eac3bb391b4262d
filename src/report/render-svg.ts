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
 * Charts drawn once per unit (unit pages) differ only in their data: compiling, parsing and setting
 * up a View for each of them made 2,000 unit pages most of the report's time. A spec with inline
 * `data.values` is compiled once per shape (the spec without its values) into one View, which is
 * given each unit's values and drawn again. The SVG has the same elements as a full compile's; only
 * the order of entering axis ticks and grid lines may differ (test/report/render-once.test.ts).
 */
export class SameShapeCharts {
  private readonly shapes = new Map<string, { view: vega.View; warnings: string[] }>();

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
      shape = { view: new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Warn }), warnings };
      this.shapes.set(key, shape);
    }
    installFontTextWidth(this.font);
    shape.view.data(SHAPE_DATA, values).resize();
    return { svg: await shape.view.toSVG(), warnings: shape.warnings };
  }

  /** Release the Views. */
  finalize(): void {
    for (const s of this.shapes.values()) s.view.finalize();
    this.shapes.clear();
  }
}

const SHAPE_DATA = 'unit_values';
