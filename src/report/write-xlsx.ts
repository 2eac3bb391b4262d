/**
 * `results.xlsx`: scores, ranks and grades with the composite's parts (加权得分, 加分, 扣分) and
 * each unit's grading status and veto or not-graded reason; the bonus / deduction / veto items;
 * dimension and indicator values; flags, follow-up and coverage with headers in the report's
 * language; the rejects summary when present; the draft preview when there is a draft. Headers are
 * frozen and numbers formatted. Every text cell is written as a string (never a formula); text that
 * a spreadsheet could read as a formula (`= + - @`) is also given the text format '@'.
 *
 * The file is streamed (exceljs's WorkbookWriter): sheets are built as plain rows, one sheet at a
 * time, and written row by row. It does not read the database: the model holds everything.
 */
import ExcelJS from 'exceljs';
import { KIND_LABELS, type Kind } from '../domain/kinds.js';
import { gradeLabel, valueLabel } from './labels.js';
import { adjustmentLabel, unitName, type ReportModel } from './model.js';
import { notRankedReason, vetoReasons } from './grading-rules.js';
import { coverageCell, hasParts, partCells, withResultParts } from './result-sections.js';
import { oneLanguage, ruleLabel, rulesLabel, severityLabel, tableHeader } from './analysis-sections.js';
import { coverageHeader } from './coverage-columns.js';
import type { LooseTable } from './read-report-data.js';
import { metricNumFmt, metricUnit } from './format-number.js';
import { ruleMetric } from './flag-cells.js';
import { previewSheet } from './preview-section.js';
import { adjustmentKind, adjustmentNote } from './adjustment-text.js';

/** A cell; a number may carry its own format (a rate among hours shows as 93.3%). */
type Cell = string | number | null | undefined | { value: number; numFmt: string };
interface Col { header: string; width?: number; numFmt?: string }
/**
 * A sheet before it is written. Rows stay plain values until the writer takes them one at a time:
 * holding every cell of a 2,000-unit workbook as exceljs objects cost hundreds of MB (bench/RESULTS.md).
 */
interface Sheet { name: string; cols: Col[]; rows: Cell[][] }

/** The sheets of results.xlsx, in order; each returns null when its data is absent. */
const SHEETS: ((m: ReportModel) => Sheet | null)[] = [
  scoresSheet, adjustmentsSheet, indicatorsSheet, flagsSheet, followUpSheet, coverageSheet, filesSheet, rejectsSheet, draftPreviewSheet,
];

/** Writes results.xlsx to `file`, streaming: one sheet's rows are built at a time and each row leaves memory once written. */
export async function writeWorkbook(m: ReportModel, file: string): Promise<void> {
  // shared strings, as the in-memory writer wrote them: text cells stay plain strings (t="s", not the
  // formula-string type t="str" the inline option writes), the file is smaller, and the table holds only
  // distinct strings (unit names, labels, reasons): no more peak memory than inline strings (bench/RESULTS.md)
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  wb.creator = 'yardstick';
  for (const build of SHEETS) {
    const sheet = build(m);
    if (sheet) writeSheet(wb, sheet);
  }
  await wb.commit();
}

/**
 * One sheet through the streaming writer. Its order is the file's order: the frozen view, the columns
 * and the autofilter belong to the sheet's head, so they are set before any row; a committed row is
 * final, so each cell's format is set before its row is committed.
 */
function writeSheet(wb: ExcelJS.Workbook, sheet: Sheet): void {
  const ws = wb.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.cols.map((c) => ({ header: c.header, width: c.width ?? 14, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  if (sheet.rows.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.cols.length } };
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.commit();
  for (const r of sheet.rows) writeRow(ws, r);
  ws.commit();
}

/** Every text cell is a string, never a formula; text a spreadsheet could read as one (= + - @) also gets the text format. */
function writeRow(ws: ExcelJS.Worksheet, r: Cell[]): void {
  const row = ws.addRow(r.map((v) => (v === undefined ? null : v !== null && typeof v === 'object' ? v.value : v)));
  r.forEach((v, i) => {
    if (typeof v === 'string' && /^[=+\-@]/.test(v)) row.getCell(i + 1).numFmt = '@';
    if (v !== null && typeof v === 'object') row.getCell(i + 1).numFmt = v.numFmt;
  });
  row.commit();
}

const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const s = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'number' ? null : String(v));

/** Ranks, grades, the composite's parts, status and note, then each dimension. */
function scoresSheet(m: ReportModel): Sheet {
  const { l, data } = m;
  const byId = new Map(data.totals.map((t) => [t.unit_id, t]));
  const dim = new Map(data.dims.map((d) => [`${d.unit_id}\u0000${d.node_id}`, d.score]));
  const parts = hasParts(m);
  return { name: m.lang === 'en' ? 'Scores' : '综合得分', cols: [
    { header: l.rank, width: 7 }, { header: l.unitId, width: 12 }, { header: l.unit, width: 28 }, { header: l.type, width: 10 },
    ...(parts ? [{ header: l.weighted, numFmt: '0.00' }, { header: l.bonus, numFmt: '0.00' }, { header: l.deduction, numFmt: '0.00' }] : []),
    { header: l.composite, numFmt: '0.00' }, { header: l.grade, width: 10 }, { header: l.rankInType, width: 10 },
    { header: l.status, width: 16 }, { header: l.note, width: 40 },
    ...m.dimensions.map((d) => ({ header: m.nodeLabel(d.node_id), numFmt: '0.00' })),
  ], rows: m.unitOrder.map((id) => {
    const t = byId.get(id)!;
    const status = m.status.get(id)!;
    const note = status === 'graded' ? vetoReasons(m, id).join('；') || null : notRankedReason(m, id);
    return [t.rank, id, unitName(m, id), l.types[t.unit_type] ?? t.unit_type, ...(parts ? partCells(t) : []), t.score,
      status === 'graded' ? gradeLabel(l, t.grade) : null, t.rank_in_type, l.statuses[status], note,
      ...m.dimensions.map((d) => dim.get(`${id}\u0000${d.node_id}`) ?? null)];
  }) };
}

/** The bonus, deduction and veto items, in the units' order. */
function adjustmentsSheet(m: ReportModel): Sheet | null {
  const { l, data } = m;
  if (!data.adjustments) return null;
  // As the report's items table: a negative bonus entry named a deduction, signed points with a true minus sign.
  return { name: m.lang === 'en' ? 'Bonus and veto' : '加分扣分与否决', cols: [
    { header: l.unitId, width: 12 }, { header: l.unit, width: 28 }, { header: l.type, width: 22 }, { header: l.adjustmentItem, width: 20 },
    { header: l.adjustmentRaw, numFmt: '0.00;"−"0.00;0.00' }, { header: l.adjustmentPoints, numFmt: '"+"0.00;"−"0.00;0.00' },
    { header: l.effect, width: 14 }, { header: l.reason, width: 40 },
  ], rows: [...data.adjustments].sort((a, b) => m.unitOrder.indexOf(a.unit_id) - m.unitOrder.indexOf(b.unit_id)).map((a) => [
    a.unit_id, unitName(m, a.unit_id), adjustmentKind(m, a), adjustmentLabel(m, a), a.raw,
    a.kind === 'deduction' && a.points !== null ? -a.points : a.points, a.effect ? l.effects[a.effect] ?? a.effect : null, adjustmentNote(m, a),
  ]) };
}

/** One row per unit and indicator: raw value in its own unit's format, normalised value, weights, contribution. */
function indicatorsSheet(m: ReportModel): Sheet {
  const { l, data } = m;
  const order = new Map(m.unitOrder.map((id, i) => [id, i]));
  const leafOrder = new Map(m.leaves.map((x, i) => [x.node_id, i]));
  const values = [...data.indicators].sort((a, b) => (order.get(a.unit_id) ?? 1e9) - (order.get(b.unit_id) ?? 1e9)
    || (leafOrder.get(a.indicator_id) ?? 1e9) - (leafOrder.get(b.indicator_id) ?? 1e9));
  // indicator ids are English: the Chinese workbook names indicators in words only
  const withId = m.lang === 'en';
  const metricOf = new Map(data.tree.map((x) => [x.node_id, x.metric_id ?? null]));
  const raw = (id: string, v: number | null): Cell => (v === null ? null : { value: v, numFmt: metricNumFmt(metricOf.get(id) ?? null) });
  return { name: m.lang === 'en' ? 'Indicators' : '指标得分', cols: [
    { header: l.unitId, width: 12 }, { header: l.unit, width: 28 }, { header: l.dimension, width: 14 }, ...(withId ? [{ header: l.indicatorId, width: 26 }] : []),
    { header: l.indicator, width: 26 }, { header: l.raw }, { header: l.measureUnit, width: 14 }, { header: l.value, numFmt: '0.00' },
    { header: l.weight, numFmt: '0.0%' }, { header: l.effectiveWeight, numFmt: '0.0%' }, { header: l.contribution, numFmt: '0.00' },
  ], rows: values.map((v) => [v.unit_id, unitName(m, v.unit_id), m.nodeLabel(m.dimensionOf.get(v.indicator_id) ?? ''), ...(withId ? [v.indicator_id] : []),
    m.nodeLabel(v.indicator_id), raw(v.indicator_id, v.raw), metricUnit(metricOf.get(v.indicator_id) ?? null, m.lang) || null,
    v.normalised, v.weight, v.effective_weight, v.contribution]) };
}

function flagsSheet(m: ReportModel): Sheet | null {
  return m.data.flags ? looseSheet(m, m.lang === 'en' ? 'Flags' : '预警', 'flags', m.data.flags) : null;
}

function followUpSheet(m: ReportModel): Sheet | null {
  return m.data.followUp ? looseSheet(m, m.lang === 'en' ? 'Follow-up' : '跟踪事项', 'follow_up', withResultParts(m, m.data.followUp)) : null;
}

/** Units that could not be scored and why; the root unit evaluates and is not evaluated: it is listed under 不参加评定, not 数据不足. */
function coverageSheet(m: ReportModel): Sheet | null {
  const coverage = m.data.coverage && { ...m.data.coverage, rows: m.data.coverage.rows.filter((r) => m.status.get(String(r.unit_id)) !== 'root') };
  return coverage?.rows.length ? looseSheet(m, m.lang === 'en' ? 'Coverage' : '数据不足', 'score_coverage', coverage) : null;
}

/** The files read, with rows read, loaded, rejected and duplicate. */
function filesSheet(m: ReportModel): Sheet | null {
  const { l, data } = m;
  if (!data.manifest) return null;
  return { name: m.lang === 'en' ? 'Files' : '文件', cols: [
    { header: l.file, width: 48 }, { header: l.kind }, { header: l.rowsRead, numFmt: '0' }, { header: l.rowsLoaded, numFmt: '0' },
    { header: l.rowsRejectedCol, numFmt: '0' }, { header: l.rowsDuplicate, numFmt: '0' },
  ], rows: data.manifest.map((r) => [r.source_file, KIND_LABELS[r.kind as Kind]?.[m.lang] ?? r.kind, r.rows_read, r.rows_loaded, r.rows_rejected, r.rows_duplicate]) };
}

/** The rejects summary: per file and reason, how many rows. */
function rejectsSheet(m: ReportModel): Sheet | null {
  const { l, data } = m;
  if (!data.rejects) return null;
  // reason codes are English ids: the Chinese workbook gives the reason in words only, as the HTML does
  const withCode = m.lang === 'en';
  return { name: withCode ? 'Rejects' : '被拒记录', cols: [
    { header: l.file, width: 48 }, ...(withCode ? [{ header: l.code, width: 22 }] : []), { header: l.reason, width: 36 }, { header: l.count, numFmt: '0' },
  ], rows: data.rejects.map((r) => [r.source_file, ...(withCode ? [r.code] : []), withCode ? r.reason_en : r.reason_zh, r.rows]) };
}

/** The draft preview (草案预览), last and only with a draft: the columns of the HTML table (preview-section.ts), unit id first. */
function draftPreviewSheet(m: ReportModel): Sheet | null {
  if (!m.data.preview) return null;
  const { headers, rows } = previewSheet(m, m.data.preview);
  const fmts = [null, null, '0.00', '0', null, '0.00', '0', null, '+0.00;-0.00;0.00', '+0;-0;0', null];
  return { name: m.l.previewSheet, rows, cols: headers.map((header, i) => ({ header, width: i === 1 ? 28 : i === 10 ? 24 : 12, numFmt: fmts[i] ?? undefined })) };
}

/** Text columns of the other language are left out; bookkeeping columns too. */
function sheetColumns(m: ReportModel, t: LooseTable): string[] {
  return oneLanguage(t.columns, m.lang).filter((c) => !['run_id', 'year', 'unit_name', 'label_zh', 'label_en'].includes(c));
}

/**
 * An analysis or coverage table as a sheet, generic over its columns (the stages that write them
 * may add columns): unit name beside the unit id, headers and stored codes in the report's language.
 */
function looseSheet(m: ReportModel, name: string, table: string, t: LooseTable): Sheet {
  const cols = sheetColumns(m, t);
  // the flag columns hold words and formatted numbers here, not the ids the contract describes (规则编号)
  const flagHeaders: Record<string, string> = { node_id: m.l.node, rule_id: m.l.rule, severity: m.l.severity, value: m.l.flagValue, reference: m.l.reference };
  const header = (c: string) => (table === 'score_coverage' ? coverageHeader(m.lang, c) : table === 'flags' && flagHeaders[c] ? flagHeaders[c] : tableHeader(m, table, c));
  const value = (c: string, r: Record<string, unknown>): Cell => {
    const v = r[c];
    if (v === null || v === undefined) return null;
    if (table === 'score_coverage') return coverageCell(m, c, r);
    if (c === 'rule_id') return ruleLabel(m, v);
    if (c === 'rules' || c === 'rule_ids') return rulesLabel(m, v);
    if (c === 'severity') return severityLabel(m, v);
    if (table === 'flags' && (c === 'value' || c === 'reference') && typeof v === 'number') {
      const metric = ruleMetric(r.rule_id);
      return { value: v, numFmt: metric ? metricNumFmt(metric) : '0.0' };
    }
    if (c === 'node_id' || c === 'metric_id') return m.nodeLabel(String(v));
    if (typeof v === 'boolean') return v ? m.l.yes : m.l.no;
    if (c === 'grade' || c === 'base_grade') return gradeLabel(m.l, String(v));
    if (/^reason|_name$|^message|^label/.test(c)) return s(v);
    return n(v) ?? (typeof v === 'string' ? valueLabel(m.l, v) : s(v));
  };
  const hasUnit = cols.includes('unit_id');
  return { name, cols: [
    ...(hasUnit ? [{ header: m.l.unitId, width: 12 }, { header: m.l.unit, width: 28 }] : []),
    ...cols.filter((c) => c !== 'unit_id').map((c) => ({ header: header(c), width: /reason|message/.test(c) ? 48 : 14 })),
  ], rows: t.rows.map((r) => [
    ...(hasUnit ? [s(r.unit_id), r.unit_id == null ? null : unitName(m, String(r.unit_id))] : []),
    ...cols.filter((c) => c !== 'unit_id').map((c) => value(c, r)),
  ]) };
}
