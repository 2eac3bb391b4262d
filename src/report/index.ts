/** The report stage's API (src/index.ts and the CLI import from here). */
export { renderReports, type RenderOptions, type RenderResult } from './render.js';
export { reportPipeline, exportPipeline, formatRenderResults, type ReportPipelineOptions, type ExportPipelineOptions } from './report-pipeline.js';
export { exportTables, parseExportFormat, toCsv, EXPORT_TABLES, type ExportFormat, type ExportResult } from './export-tables.js';
export { readReportData, scoredYears, type ReportData } from './read-report-data.js';
export { buildModel, type ReportModel } from './model.js';
export { buildReportSpecs, buildUnitSpecs, type Chart } from './specs/index.js';
export { compileSpec, renderSvg } from './render-svg.js';
export { renderPng } from './render-png.js';
export { resolveReportFont, type ReportFont } from './report-font.js';
export { writeWorkbook } from './write-xlsx.js';
export { escapeHtml, jsonForScript, safeFileName, formulaSafe } from './escape.js';
export type { Lang } from './labels.js';
