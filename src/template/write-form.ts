/**
 * One fill-in form as an .xlsx workbook (exceljs): the data sheet (canonical headers, one
 * validation per column over the rows to fill), the instructions sheet and the unit list sheet.
 * The extra sheets carry no row that ingest would take for a header (fewer than two known
 * headers in any row), so ingest reads the data sheet only.
 */
import ExcelJS from 'exceljs';
import { KIND_LABELS, type Kind } from '../domain/kinds.js';
import { formColumns, type CellRule, type FormColumn } from './form-columns.js';
import * as msg from './messages.js';

/** Rows of the data sheet that get validations (a branch's year of attendance fits easily). */
export const FORM_ROWS = 10_000;
/** Rows of a blank unit list the dropdown reads, for the office to fill in. */
const BLANK_UNIT_ROWS = 500;

type Validation = ExcelJS.DataValidation;
interface WithValidations { dataValidations: { add(range: string, v: Validation): void } }

export function buildForm(kind: Kind, year: number, units: string[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const label = KIND_LABELS[kind].zh;
  const columns = formColumns(kind);
  const unitRange = `'${msg.SHEET_UNITS}'!$A$2:$A$${1 + (units.length || BLANK_UNIT_ROWS)}`;
  addDataSheet(wb.addWorksheet(label, { views: [{ state: 'frozen', ySplit: 1 }] }), columns, year, unitRange);
  addInstructions(wb.addWorksheet(msg.SHEET_INSTRUCTIONS), label, columns, year, units.length);
  addUnitSheet(wb.addWorksheet(msg.SHEET_UNITS), units);
  return wb;
}

function addDataSheet(ws: ExcelJS.Worksheet, columns: FormColumn[], year: number, unitRange: string): void {
  const header = ws.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFCE4D6' : 'FFEDEDED' } };
    const col = ws.getColumn(i + 1);
    col.width = Math.max(12, c.header.length * 2 + 4);
    if (c.rule.type === 'date') col.numFmt = 'yyyy-mm-dd';
    const v = validation(c.rule, year, unitRange);
    const letter = col.letter;
    if (v) (ws as unknown as WithValidations).dataValidations.add(`${letter}2:${letter}${FORM_ROWS + 1}`, v);
  });
}

/** The cell validation for a rule; undefined for free text. */
function validation(rule: CellRule, year: number, unitRange: string): Validation | undefined {
  const common = {
    allowBlank: true, showInputMessage: true, prompt: msg.ruleText(rule, year),
    showErrorMessage: true, errorStyle: 'stop', errorTitle: msg.ERROR_TITLE, error: msg.errorText(rule, year),
  } as const;
  switch (rule.type) {
    case 'text': return undefined;
    case 'unit': return { ...common, type: 'list', formulae: [unitRange] };
    case 'list': return { ...common, type: 'list', formulae: [`"${rule.values.join(',')}"`] };
    case 'date':
      return rule.inYear
        ? { ...common, type: 'date', operator: 'between', formulae: [new Date(Date.UTC(year, 0, 1)), new Date(Date.UTC(year, 11, 31))] }
        : { ...common, type: 'date', operator: 'greaterThan', formulae: [new Date(Date.UTC(1900, 0, 1))] };
    case 'decimal':
      if (rule.min !== undefined && rule.max !== undefined) return { ...common, type: 'decimal', operator: 'between', formulae: [rule.min, rule.max] };
      if (rule.min !== undefined) return { ...common, type: 'decimal', operator: 'greaterThanOrEqual', formulae: [rule.min] };
      return { ...common, type: 'decimal', operator: 'between', formulae: [-1e9, 1e9] };
    case 'whole': return { ...common, type: 'whole', operator: 'between', formulae: [rule.min, rule.max] };
    case 'formYear': return { ...common, type: 'whole', operator: 'equal', formulae: [year] };
  }
}

function addInstructions(ws: ExcelJS.Worksheet, label: string, columns: FormColumn[], year: number, unitCount: number): void {
  ws.getColumn(1).width = 22;
  ws.getColumn(2).width = 10;
  ws.getColumn(3).width = 70;
  ws.addRow([msg.formTitle(year, label)]).font = { bold: true, size: 14 };
  ws.addRow([]);
  for (const line of msg.instructions(year, label, unitCount)) ws.addRow([line]);
  ws.addRow([]);
  ws.addRow(msg.COLUMN_TABLE_HEADER).font = { bold: true };
  for (const c of columns) ws.addRow([c.header, c.required ? msg.REQUIRED : msg.OPTIONAL, msg.ruleText(c.rule, year)]);
}

function addUnitSheet(ws: ExcelJS.Worksheet, units: string[]): void {
  ws.getColumn(1).width = 40;
  ws.addRow([msg.UNITS_HEADER]).font = { bold: true };
  for (const name of units) ws.addRow([name]);
}
