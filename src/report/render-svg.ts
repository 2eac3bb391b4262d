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
  const compiled = out.spec as vega.Spec;
  if (ariaMeta(compiled).guideAria === false) describeTitles(compiled);
  return { vega: compiled, warnings };
}

/** The accessibility settings a chart builder left for this step (specs/aria.ts). */
function ariaMeta(spec: vega.Spec): { ariaGroup?: string; ariaTitle?: string; guideAria?: boolean } {
  const meta = (spec as { usermeta?: Record<string, unknown> }).usermeta ?? {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { ariaGroup: str(meta.ariaGroup), ariaTitle: str(meta.ariaTitle), guideAria: typeof meta.guideAria === 'boolean' ? meta.guideAria : undefined };
}

/**
 * Titles (the chart's, facet headers) are described by their own text: Vega's default is
 * "Title text '…'", and Vega-Lite's header config takes no `aria`.
 */
function describeTitles(node: unknown): void {
  if (Array.isArray(node)) node.forEach(describeTitles);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'title' && v && typeof v === 'object' && !Array.isArray(v) && 'text' in v) {
        const t = v as { text: unknown; encode?: { title?: { update?: Record<string, unknown> } } };
        const text = typeof t.text === 'string' || Array.isArray(t.text) ? { value: [t.text].flat().join(' ') } : t.text;
        t.encode = { ...t.encode, title: { ...t.encode?.title, update: { ...t.encode?.title?.update, description: text } } };
      }
      describeTitles(v);
    }
  }
}

const attrText = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** What Vega names with fixed English words, which no setting reaches: groups of marks and titles. */
export function localiseSvg(svg: string, spec: vega.Spec): string {
  const { ariaGroup, ariaTitle } = ariaMeta(spec);
  let out = svg;
  if (ariaGroup) out = out.replace(/aria-roledescription="[a-z]+ mark container"/g, `aria-roledescription="${attrText(ariaGroup)}"`);
  if (ariaTitle) out = out.replace(/aria-roledescription="(?:sub)?title"/g, `aria-roledescription="${attrText(ariaTitle)}"`);
  return out;
}

/** Render a compiled Vega spec to an SVG string, text laid out in `font` (default: the report's font). */
export async function renderSvg(spec: vega.Spec, font?: ReportFont): Promise<string> {
  installFontTextWidth(font);
  const view = new vega.View(vega.parse(spec), { renderer: 'none', logLevel: vega.Warn });
  try {
    return localiseSvg(await view.toSVG(), spec);
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
  private readonly shapes = new Map<string, { view: vega.View; warnings: string[]; spec: vega.Spec }>();

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
      shape = { view: new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Warn }), warnings, spec: compiled };
      this.shapes.set(key, shape);
    }
    installFontTextWidth(this.font);
    shape.view.data(SHAPE_DATA, values).resize();
    return { svg: localiseSvg(await shape.view.toSVG(), shape.spec), warnings: shape.warnings };
  }

  /** Release the Views. */
  finalize(): void {
    for (const s of this.shapes.values()) s.view.finalize();
    this.shapes.clear();
  }
}

const SHAPE_DATA = 'unit_values';
