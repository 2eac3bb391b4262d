/**
 * `results.xlsx`: scores, ranks and grades with the composite's parts (加权得分, 加分, 扣分) and
 * each unit's grading status and veto or not-graded reason; the bonus / deduction / veto items;
 * dimension and indicator values; flags, follow-up and coverage with headers in the report's
 * language; the rejects summary when present. Headers are frozen and numbers formatted. Every text cell is
 * written as a string (never a formula); text that a spreadsheet could read as a formula
 * (`= + - @`) is also given the text format '@'.
 */
import ExcelJS from 'exceljs';
import { KIND_LABELS, type Kind } from '../domain/kinds.js';
import { gradeLabel, valueLabel } from './labels.js';
import { adjustmentLabel, notRankedReason, unitName, vetoReasons, type ReportModel } from './model.js';
import { coverageCell, hasParts, partCells, withResultParts } from './result-sections.js';
import { oneLanguage, ruleLabel, rulesLabel, severityLabel, tableHeader } from './analysis-sections.js';
import { coverageHeader } from './coverage-columns.js';
import type { LooseTable } from './read-report-data.js';
import { metricNumFmt, metricUnit } from './format-number.js';
import { ruleMetric } from './flag-cells.js';

/** A cell; a number may carry its own format (a rate among hours shows as 93.3%). */
type Cell = string | number | null | undefined | { value: number; numFmt: string };
interface Col { header: string; width?: number; numFmt?: string }

function addSheet(wb: ExcelJS.Workbook, name: string, cols: Col[], rows: Cell[][]): void {
  const ws = wb.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c) => ({ header: c.header, width: c.width ?? 14, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const row = ws.addRow(r.map((v) => (v === undefined ? null : v !== null && typeof v === 'object' ? v.value : v)));
    r.forEach((v, i) => {
      if (typeof v === 'string' && /^[=+\-@]/.test(v)) row.getCell(i + 1).numFmt = '@';
      if (v !== null && typeof v === 'object') row.getCell(i + 1).numFmt = v.numFmt;
    });
  }
  if (rows.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
}

const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const s = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'number' ? null : String(v));

export async function buildWorkbook(m: ReportModel): Promise<ExcelJS.Workbook> {
  const { l, data } = m;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'yardstick';
  const byId = new Map(data.totals.map((t) => [t.unit_id, t]));
  const dim = new Map(data.dims.map((d) => [`${d.unit_id}\u0000${d.node_id}`, d.score]));
  const parts = hasParts(m);
  addSheet(wb, m.lang === 'en' ? 'Scores' : '综合得分', [
    { header: l.rank, width: 7 }, { header: l.unitId, width: 12 }, { header: l.unit, width: 28 }, { header: l.type, width: 10 },
    ...(parts ? [{ header: l.weighted, numFmt: '0.00' }, { header: l.bonus, numFmt: '0.00' }, { header: l.deduction, numFmt: '0.00' }] : []),
    { header: l.composite, numFmt: '0.00' }, { header: l.grade, width: 10 }, { header: l.rankInType, width: 10 },
    { header: l.status, width: 16 }, { header: l.note, width: 40 },
    ...m.dimensions.map((d) => ({ header: m.nodeLabel(d.node_id), numFmt: '0.00' })),
  ], m.unitOrder.map((id) => {
    const t = byId.get(id)!;
    const status = m.status.get(id)!;
    const note = status === 'graded' ? vetoReasons(m, id).join('；') || null : notRankedReason(m, id);
    return [t.rank, id, unitName(m, id), l.types[t.unit_type] ?? t.unit_type, ...(parts ? partCells(t) : []), t.score,
      status === 'graded' ? gradeLabel(l, t.grade) : null, t.rank_in_type, l.statuses[status], note,
      ...m.dimensions.map((d) => dim.get(`${id}\u0000${d.node_id}`) ?? null)];
  }));
  if (data.adjustments) {
    const reason = (zh: string | null, en: string | null) => (m.lang === 'en' ? en ?? zh : zh ?? en);
    addSheet(wb, m.lang === 'en' ? 'Bonus and veto' : '加分扣分与否决', [
      { header: l.unitId, width: 12 }, { header: l.unit, width: 28 }, { header: l.type, width: 10 }, { header: l.adjustmentItem, width: 20 },
      { header: l.adjustmentRaw, numFmt: '0.00' }, { header: l.adjustmentPoints, numFmt: '0.00' }, { header: l.effect, width: 14 }, { header: l.reason, width: 40 },
    ], [...data.adjustments].sort((a, b) => m.unitOrder.indexOf(a.unit_id) - m.unitOrder.indexOf(b.unit_id)).map((a) => [
      a.unit_id, unitName(m, a.unit_id), l.kinds[a.kind] ?? valueLabel(l, a.kind), adjustmentLabel(m, a), a.raw,
      a.kind === 'deduction' && a.points !== null ? -a.points : a.points, a.effect ? l.effects[a.effect] ?? a.effect : null, reason(a.reason_zh, a.reason_en),
    ]));
  }
  const order = new Map(m.unitOrder.map((id, i) => [id, i]));
  const leafOrder = new Map(m.leaves.map((x, i) => [x.node_id, i]));
  const values = [...data.indicators].sort((a, b) => (order.get(a.unit_id) ?? 1e9) - (order.get(b.unit_id) ?? 1e9)
    || (leafOrder.get(a.indicator_id) ?? 1e9) - (leafOrder.get(b.indicator_id) ?? 1e9));
  // indicator ids are English: the Chinese workbook names indicators in words only
  const withId = m.lang === 'en';
  const metricOf = new Map(data.tree.map((x) => [x.node_id, x.metric_id ?? null]));
  const raw = (id: string, v: number | null): Cell => (v === null ? null : { value: v, numFmt: metricNumFmt(metricOf.get(id) ?? null) });
  addSheet(wb, m.lang === 'en' ? 'Indicators' : '指标得分', [
    { header: l.unitId, width: 12 }, { header: l.unit, width: 28 }, { header: l.dimension, width: 14 }, ...(withId ? [{ header: l.indicatorId, width: 26 }] : []),
    { header: l.indicator, width: 26 }, { header: l.raw }, { header: l.measureUnit, width: 14 }, { header: l.value, numFmt: '0.00' },
    { header: l.weight, numFmt: '0.0%' }, { header: l.effectiveWeight, numFmt: '0.0%' }, { header: l.contribution, numFmt: '0.00' },
  ], values.map((v) => [v.unit_id, unitName(m, v.unit_id), m.nodeLabel(m.dimensionOf.get(v.indicator_id) ?? ''), ...(withId ? [v.indicator_id] : []),
    m.nodeLabel(v.indicator_id), raw(v.indicator_id, v.raw), metricUnit(metricOf.get(v.indicator_id) ?? null, m.lang) || null,
    v.normalised, v.weight, v.effective_weight, v.contribution]));
  if (data.flags) looseSheet(wb, m, m.lang === 'en' ? 'Flags' : '预警', 'flags', data.flags);
  if (data.followUp) looseSheet(wb, m, m.lang === 'en' ? 'Follow-up' : '跟踪事项', 'follow_up', withResultParts(m, data.followUp));
  // the root unit evaluates and is not evaluated: it is listed under 不参加评定, not 数据不足
  const coverage = data.coverage && { ...data.coverage, rows: data.coverage.rows.filter((r) => m.status.get(String(r.unit_id)) !== 'root') };
  if (coverage?.rows.length) looseSheet(wb, m, m.lang === 'en' ? 'Coverage' : '数据不足', 'score_coverage', coverage);
  if (data.manifest) addSheet(wb, m.lang === 'en' ? 'Files' : '文件', [
    { header: l.file, width: 48 }, { header: l.kind }, { header: l.rowsRead, numFmt: '0' }, { header: l.rowsLoaded, numFmt: '0' },
    { header: l.rowsRejectedCol, numFmt: '0' }, { header: l.rowsDuplicate, numFmt: '0' },
  ], data.manifest.map((r) => [r.source_file, KIND_LABELS[r.kind as Kind]?.[m.lang] ?? r.kind, r.rows_read, r.rows_loaded, r.rows_rejected, r.rows_duplicate]));
  // reason codes are English ids: the Chinese workbook gives the reason in words only, as the HTML does
  const withCode = m.lang === 'en';
  if (data.rejects) addSheet(wb, withCode ? 'Rejects' : '被拒记录', [
    { header: l.file, width: 48 }, ...(withCode ? [{ header: l.code, width: 22 }] : []), { header: l.reason, width: 36 }, { header: l.count, numFmt: '0' },
  ], data.rejects.map((r) => [r.source_file, ...(withCode ? [r.code] : []), withCode ? r.reason_en : r.reason_zh, r.rows]));
  return wb;
}

/** Text columns of the other language are left out; bookkeeping columns too. */
function sheetColumns(m: ReportModel, t: LooseTable): string[] {
  return oneLanguage(t.columns, m.lang).filter((c) => !['run_id', 'year', 'unit_name', 'label_zh', 'label_en'].includes(c));
}

/**
 * An analysis or coverage table as a sheet, generic over its columns (the stages that write them
 * may add columns): unit name beside the unit id, headers and stored codes in the report's language.
 */
function looseSheet(wb: ExcelJS.Workbook, m: ReportModel, name: string, table: string, t: LooseTable): void {
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
  addSheet(wb, name, [
    ...(hasUnit ? [{ header: m.l.unitId, width: 12 }, { header: m.l.unit, width: 28 }] : []),
    ...cols.filter((c) => c !== 'unit_id').map((c) => ({ header: header(c), width: /reason|message/.test(c) ? 48 : 14 })),
  ], t.rows.map((r) => [
    ...(hasUnit ? [s(r.unit_id), r.unit_id == null ? null : unitName(m, String(r.unit_id))] : []),
    ...cols.filter((c) => c !== 'unit_id').map((c) => value(c, r)),
  ]));
}

export async function writeWorkbook(m: ReportModel, file: string): Promise<void> {
  const wb = await buildWorkbook(m);
  await wb.xlsx.writeFile(file);
}
