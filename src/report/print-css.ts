/**
 * How a report prints (a browser's Print, or `report --pdf`), included by html-page.ts. What an
 * A4 print of the old page got wrong (issue 14): page 1 was ~70 % blank because every section was
 * kept whole and pushed to the next page; long tables were kept whole too, and lost their header
 * after the first page. Now page 1 carries the title and the first screen (the three questions),
 * sections flow, tables break between rows and repeat their header row on every page, charts
 * and short boxes are kept whole, and what only works on screen (navigation, search boxes,
 * sliders, chart menus) is left out. A unit page fits on two A4 pages.
 */
export const PRINT_CSS = `
@media print {
  @page { size: A4; margin: 12mm 11mm 14mm; }
  html, body { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 9.5pt; line-height: 1.4; }
  h1 { font-size: 17pt; margin: 0 0 2mm; padding-bottom: 1.5mm; }
  h2 { font-size: 13pt; margin: 5mm 0 2mm; break-after: avoid; }
  h3 { font-size: 11pt; margin: 3mm 0 1.5mm; break-after: avoid; }
  nav, .vega-actions, .vega-embed summary, .vega-bindings, .no-print, .dt-tools, .whatif-weights, .links { display: none !important; }
  a { color: inherit; text-decoration: none; }
  section { break-inside: auto; }
  /* page 1: the title and the leaders' three questions, side by side; everything else from page 2 */
  #headline { break-after: page; }
  #headline h2 { margin-top: 2mm; }
  .first-screen { grid-template-columns: repeat(3, 1fr); gap: 3mm; }
  .first-screen .q, .card, .paragraph, .chart, figure, li { break-inside: avoid; }
  .cards { gap: 2mm; } .card { padding: 1.5mm 3mm; min-width: 0; } .card .v { font-size: 13pt; }
  /* tables: break between rows, the header row again on every page, wrap instead of overflowing */
  table { break-inside: auto; font-size: 8.5pt; margin: 2mm 0 4mm; width: auto; max-width: 100%; }
  thead { display: table-header-group; } tfoot { display: table-footer-group; }
  tr, th, td { break-inside: avoid; }
  /* a cell wraps rather than run off the page, but never narrower than a short word (县支行, 良好) */
  th, td { padding: 1px 4px; min-width: 3.8em; }
  table.data td, table.data th, td a { white-space: normal; }
  td.n { white-space: nowrap; min-width: 0; }
  table.data td.wrap, table.data th.wrap { min-width: 16em; }
  .dt-scroll, .chart { overflow: visible; }
  .chart { margin: 2mm 0 3mm; }
  .chart svg, .chart canvas, .chart img { max-width: 100% !important; height: auto !important; }
  .units a { margin: 0 6px 0 0; }
}`;
