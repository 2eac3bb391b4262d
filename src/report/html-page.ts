/** The page shell shared by the main report and the unit pages: head, CSS (screen and print), body. */
import { escapeHtml } from './escape.js';
import type { Lang } from './labels.js';
import { PRINT_CSS } from './print-css.js';

const CSS = `
:root { --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --accent: #b22222; }
* { box-sizing: border-box; }
body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
  color: var(--fg); margin: 0 auto; max-width: 1180px; padding: 24px 32px 64px; line-height: 1.55; }
h1 { font-size: 26px; margin: 0 0 4px; border-bottom: 3px solid var(--accent); padding-bottom: 8px; }
h2 { font-size: 20px; margin: 36px 0 12px; border-left: 4px solid var(--accent); padding-left: 10px; }
h3 { font-size: 16px; margin: 20px 0 8px; }
.meta { color: var(--muted); font-size: 13px; }
nav { margin: 16px 0; font-size: 14px; } nav a { margin-right: 14px; color: var(--accent); text-decoration: none; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 16px; min-width: 150px; }
.card .k { color: var(--muted); font-size: 13px; } .card .v { font-size: 22px; font-weight: 600; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0 16px; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } td a { white-space: nowrap; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.chart { margin: 8px 0 16px; overflow-x: auto; } .chart svg { max-width: 100%; height: auto; }
.grade { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
.paragraph { font-size: 15px; background: #f6f8fa; border-left: 4px solid var(--line); padding: 10px 14px; }
.units a { display: inline-block; margin: 2px 10px 2px 0; }
/* first screen: links, then the three questions side by side (page/first-screen.ts) */
.links { font-size: 14px; margin: 8px 0; } .links a { margin-right: 12px; color: var(--accent); } .links .k { color: var(--muted); margin-right: 4px; }
.links strong { margin-right: 12px; } .links .sep { color: var(--line); margin-right: 12px; }
.first-screen { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; }
.first-screen .q { border: 1px solid var(--line); border-radius: 6px; padding: 4px 16px 10px; }
.first-screen h3 { margin: 10px 0 6px; } .first-screen p { margin: 4px 0; } .first-screen .big { font-size: 20px; font-weight: 600; }
.first-screen ul, .first-screen ol { margin: 4px 0; padding-left: 20px; } .first-screen .k { color: var(--muted); font-size: 13px; margin-top: 8px; }
ul.grades { list-style: none; padding: 0 !important; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 15px; }
.change { color: var(--muted); font-size: 13px; }
/* data tables (page/data-table.ts, tables.js): one line per cell except free text */
.dt-tools { margin: 8px 0 4px; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.dt-tools input { padding: 3px 6px; min-width: 14em; }
.dt-scroll { overflow-x: auto; }
table.data td, table.data th { white-space: nowrap; }
table.data th.sortable { cursor: pointer; } table.data th[aria-sort=ascending]::after { content: " ▲"; } table.data th[aria-sort=descending]::after { content: " ▼"; }
table.data ul.items { margin: 0; padding-left: 16px; }
.dt-pager { font-size: 13px; color: var(--muted); margin: 0 0 16px; }
/* what-if (page/what-if-ui.js) */
.whatif-weights input[type=range] { width: 220px; }
.whatif-message { font-weight: 600; } .whatif-message.warn { color: var(--accent); }
td.bar-cell { position: relative; min-width: 160px; } td.bar-cell .bar { position: absolute; left: 0; top: 3px; bottom: 3px; background: #f2c4bf; }
td.bar-cell .bar-value { position: relative; }
${PRINT_CSS}`;

export interface PageParts { lang: Lang; title: string; body: string; tail?: string }

/** A complete HTML document; `title` is escaped here, `body` and `tail` must already be safe HTML. */
export function renderPage({ lang, title, body, tail = '' }: PageParts): string {
  return `<!doctype html>
<html lang="${lang === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'none'">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
${tail}
</body>
</html>
`;
}

/** A table of escaped cells; `numeric` columns are right-aligned. Cells given as `{html}` are trusted. */
export function htmlTable(headers: string[], rows: (string | number | null | { html: string })[][], numeric: number[] = []): string {
  const th = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c, i) => {
    const cls = numeric.includes(i) ? ' class="n"' : '';
    const v = c !== null && typeof c === 'object' ? c.html : escapeHtml(c ?? '—');
    return `<td${cls}>${v}</td>`;
  }).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

/** A number for a table: fixed decimals, or an em dash. */
export const fmt = (v: number | null | undefined, d = 1) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '—');
export const pct = (v: number | null | undefined, d = 1) => (typeof v === 'number' && Number.isFinite(v) ? `${(v * 100).toFixed(d)}%` : '—');
