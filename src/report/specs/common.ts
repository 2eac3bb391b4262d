/** What every chart builder shares: the chart type, fonts and base config. */
import type { TopLevelSpec } from 'vega-lite';

/** One chart of a report: a stable id (file name), its title and its Vega-Lite spec. */
export interface Chart { id: string; title: string; spec: TopLevelSpec }

/** Browsers pick the first CJK font they have; resvg is given the font explicitly (render-png.ts). */
export const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC", sans-serif';

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export const baseConfig = {
  font: FONT,
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 220 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 200 },
  title: { fontSize: 14, anchor: 'start' as const },
};

/** Height for a chart with one band per unit. */
export const bandHeight = (n: number, band = 20) => Math.max(60, n * band);
