/**
 * What a screen reader (and an SVG pasted into Word) says about a chart, in the report's language.
 * Left alone, Vega-Lite describes every mark from its encoding with field ids ("unit: 东港县支行;
 * dimension: …"), and Vega describes axes and legends in English ("X-axis titled '得分' for a
 * linear scale…") and names marks by their type ("bar", "rect mark container"). Here, for every
 * chart of the report:
 *  - a mark with a tooltip is described by its tooltip, titles from the catalogue ("单位：东港县支行；
 *    得分：65.77"), as a field computed in the mark's own layer;
 *  - a mark without one (bar-end labels, median ticks, line-end names) repeats what another mark
 *    says and is hidden from screen readers;
 *  - marks are named from the catalogue (chart-labels.ts `roles`), and axis and legend descriptions
 *    are off where Vega can only write them in English (`guideAria`);
 *  - vega-embed's "…" menu gets the catalogue's texts (`menu`, through `usermeta.embedOptions`);
 *  - what Vega-Lite does not pass on is left to render-svg.ts through `usermeta`: the names of
 *    Vega's "… mark container" and "title" (no setting takes them) and, with `guideAria` false,
 *    titles described by their text, not "Title text '学习条件'" (the header config has no `aria`).
 */
import type { Chart } from './common.js';
import type { Labels, Lang } from '../labels.js';
import { chartLabelsFor, type ChartLabels } from '../chart-labels.js';

type Json = Record<string, unknown>;
interface TooltipDef { field: string; type?: string; title?: string | null; format?: string }

/** The field each described layer computes its description into. */
export const ARIA_FIELD = '__aria';

export function withAria(chart: Chart, l: Labels, lang: Lang): Chart {
  const c = chartLabelsFor(lang);
  const spec = structuredClone(chart.spec) as unknown as Json;
  describeUnits(spec, undefined, l, c);
  const config = { ...(spec.config as Json | undefined) };
  for (const [mark, role] of Object.entries(c.roles)) {
    if (mark !== 'group' && mark !== 'title') config[mark] = { ...(config[mark] as Json | undefined), ariaRoleDescription: role };
  }
  if (!c.guideAria) {
    for (const guide of ['axis', 'legend', 'title', 'header']) config[guide] = { ...(config[guide] as Json | undefined), aria: false };
  }
  spec.config = config;
  // vega-embed takes options from a spec's usermeta too (render-html.ts inlines the compiled spec):
  // its "…" menu in the report's language and a download named after the chart; charts.js sets the actions
  const embedOptions = { i18n: c.menu, downloadFileName: chart.title };
  spec.usermeta = { ...(spec.usermeta as Json | undefined), ariaGroup: c.roles.group, ariaTitle: c.roles.title, guideAria: c.guideAria, embedOptions };
  return { ...chart, spec: spec as unknown as Chart['spec'] };
}

/** Walk a (layered) spec: each unit with a mark gets a description from its tooltip, or none. */
function describeUnits(unit: Json, inherited: TooltipDef[] | undefined, l: Labels, c: ChartLabels): void {
  const encoding = unit.encoding as Json | undefined;
  const own = encoding?.tooltip;
  const tooltip = Array.isArray(own) ? (own as TooltipDef[]) : inherited;
  if (Array.isArray(unit.layer)) {
    for (const child of unit.layer as Json[]) describeUnits(child, tooltip, l, c);
    return;
  }
  if (unit.mark === undefined) return;
  const mark: Json = typeof unit.mark === 'string' ? { type: unit.mark } : { ...(unit.mark as Json) };
  if (tooltip?.length) {
    unit.transform = [...((unit.transform as Json[] | undefined) ?? []), { calculate: descriptionExpr(tooltip, l, c), as: ARIA_FIELD }];
    unit.encoding = { ...encoding, description: { field: ARIA_FIELD, type: 'nominal' } };
  } else {
    mark.aria = false;
  }
  unit.mark = mark;
}

/** A Vega expression: "title：value；title：value" over the tooltip's fields, — for a missing value. */
export function descriptionExpr(tooltip: TooltipDef[], l: Labels, c: ChartLabels): string {
  const parts = tooltip.filter((t) => typeof t.field === 'string').map((t) => {
    const v = `datum[${JSON.stringify(t.field)}]`;
    const shown = t.format && t.type === 'quantitative' ? `format(${v}, ${JSON.stringify(t.format)})` : `'' + ${v}`;
    const title = t.title?.trim() ? JSON.stringify(`${t.title.trim()}${l.colon}`) : "''";
    return `${title} + (isValid(${v}) && ${v} !== '' ? ${shown} : '—')`;
  });
  return parts.join(` + ${JSON.stringify(c.listSep)} + `);
}
