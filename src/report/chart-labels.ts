/**
 * The charts' own words, in Chinese and English: what a screen reader says about a chart
 * (specs/aria.ts), the texts of vega-embed's "…" menu (its `i18n` keys; the menu reads "Save as SVG"
 * without them), and the titles of a few chart fields. The rest of the report's words are in
 * labels.ts.
 */
import type { Lang } from './labels.js';

const zh = {
  flagCount: '预警数', loadOutcome: '载入情况', changeSource: '变化来源',
  /** Between the "title：value" parts of a mark's description. */
  listSep: '；',
  /** vega-embed's i18n keys (vega-embed 7: its I18N object); source, compiled and editor are off but named too. */
  menu: {
    CLICK_TO_VIEW_ACTIONS: '图表操作', SVG_ACTION: '保存为矢量图', PNG_ACTION: '保存为图片',
    SOURCE_ACTION: '查看图表定义', COMPILED_ACTION: '查看编译后的图表定义', EDITOR_ACTION: '在图表编辑器中打开',
  } as Record<string, string>,
  /** What a screen reader calls a mark, by Vega mark type; `group` and `title` replace Vega's fixed "… mark container" and "title". */
  roles: { bar: '条形', rect: '色块', point: '数据点', line: '折线', tick: '刻度线', rule: '区间线', text: '文字', group: '图形组', title: '标题' } as Record<string, string>,
  /** Vega describes axes and legends in English only ("X-axis titled …"): off in the Chinese charts. */
  guideAria: false,
};

const en: typeof zh = {
  flagCount: 'Warnings', loadOutcome: 'Rows', changeSource: 'Source of change',
  listSep: '; ',
  menu: {
    CLICK_TO_VIEW_ACTIONS: 'Chart actions', SVG_ACTION: 'Save as SVG', PNG_ACTION: 'Save as PNG',
    SOURCE_ACTION: 'View source', COMPILED_ACTION: 'View compiled Vega', EDITOR_ACTION: 'Open in the Vega editor',
  },
  // Vega's own words
  roles: { bar: 'bar', rect: 'rect mark', point: 'point', line: 'line mark', tick: 'tick', rule: 'rule mark', text: 'text mark', group: 'group mark container', title: 'title' },
  guideAria: true,
};

export type ChartLabels = typeof zh;
export function chartLabelsFor(lang: Lang): ChartLabels {
  return lang === 'en' ? en : zh;
}
