/**
 * `results.xlsx`: scores, ranks and grades; dimension and indicator values; flags with reasons and
 * the rejects summary when present. Headers are frozen and numbers formatted. Every text cell is
 * written as a string (never a formula); text that a spreadsheet could read as a formula
 * (`= + - @`) is also given the text format '@'.
 */
import ExcelJS from 'exceljs';
import { gradeLabel } from './labels.js';
import { unitName, type ReportModel } from './model.js';

type Cell = string | number | null | undefined;
interface Col { header: string; width?: number; numFmt?: string }

function addSheet(wb: ExcelJS.Workbook, name: string, cols: Col[], rows: Cell[][]): void {
  const ws = wb.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c) => ({ header: c.header, width: c.width ?? 14, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const row = ws.addRow(r.map((v) => (v === undefined ? null : v)));
    r.forEach((v, i) => {
      if (typeof v === 'string' && /^[=+\-@]/.test(v)) row.getCell(i + 1).numFmt = '@';
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
  addSheet(wb, m.lang === 'en' ? 'Scores' : '综合得分', [
    { header: l.rank, width: 7 }, { header: l.unitId, width: 12 }, { header: l.unit, width: 28 }, { header: l.type, width: 10 },
    { header: l.score, numFmt: '0.00' }, { header: l.grade, width: 10 }, { header: l.rankInType, width: 10 },
    ...m.dimensions.map((d) => ({ header: m.nodeLabel(d.node_id), numFmt: '0.00' })),
  ], m.unitOrder.map((id) => {
    const t = byId.get(id)!;
    return [t.rank, id, unitName(m, id), l.types[t.unit_type] ?? t.unit_type, t.score, gradeLabel(l, t.grade), t.rank_in_type,
      ...m.dimensions.map((d) => dim.get(`${id}\u0000${d.node_id}`) ?? null)];
  }));
  const order = new Map(m.unitOrder.map((id, i) => [id, i]));
  const leafOrder = new Map(m.leaves.map((x, i) => [x.node_id, i]));
  const values = [...data.indicators].sort((a, b) => (order.get(a.unit_id) ?? 1e9) - (order.get(b.unit_id) ?? 1e9)
    || (leafOrder.get(a.indicator_id) ?? 1e9) - (leafOrder.get(b.indicator_id) ?? 1e9));
  addSheet(wb, m.lang === 'en' ? 'Indicators' : '指标得分', [
    { header: l.unitId, width: 12 }, { header: l.unit, width: 28 }, { header: l.dimension, width: 14 }, { header: 'indicator_id', width: 26 },
    { header: l.indicator, width: 26 }, { header: l.raw, numFmt: '0.000' }, { header: l.value, numFmt: '0.00' },
    { header: l.weight, numFmt: '0.0%' }, { header: l.effectiveWeight, numFmt: '0.0%' }, { header: l.contribution, numFmt: '0.00' },
  ], values.map((v) => [v.unit_id, unitName(m, v.unit_id), m.nodeLabel(m.dimensionOf.get(v.indicator_id) ?? ''), v.indicator_id,
    m.nodeLabel(v.indicator_id), v.raw, v.normalised, v.weight, v.effective_weight, v.contribution]));
  if (data.flags) {
    const cols = data.flags.columns.filter((c) => c !== 'run_id');
    addSheet(wb, m.lang === 'en' ? 'Flags' : '预警', [{ header: l.unit, width: 28 }, ...cols.map((c) => ({ header: c, width: c.startsWith('reason') ? 40 : 14 }))],
      data.flags.rows.map((r) => [r.unit_id == null ? null : unitName(m, String(r.unit_id)), ...cols.map((c) => n(r[c]) ?? s(r[c]))]));
  }
  if (data.manifest) addSheet(wb, m.lang === 'en' ? 'Files' : '文件', [
    { header: l.file, width: 48 }, { header: 'kind' }, { header: l.rowsRead, numFmt: '0' }, { header: l.rowsLoaded, numFmt: '0' },
    { header: l.rowsRejectedCol, numFmt: '0' }, { header: l.rowsDuplicate, numFmt: '0' },
  ], data.manifest.map((r) => [r.source_file, r.kind, r.rows_read, r.rows_loaded, r.rows_rejected, r.rows_duplicate]));
  if (data.rejects) addSheet(wb, m.lang === 'en' ? 'Rejects' : '被拒记录', [
    { header: l.file, width: 48 }, { header: l.code, width: 22 }, { header: l.reason, width: 36 }, { header: l.count, numFmt: '0' },
  ], data.rejects.map((r) => [r.source_file, r.code, m.lang === 'en' ? r.reason_en : r.reason_zh, r.rows]));
  return wb;
}

export async function writeWorkbook(m: ReportModel, file: string): Promise<void> {
  const wb = await buildWorkbook(m);
  await wb.xlsx.writeFile(file);
}
