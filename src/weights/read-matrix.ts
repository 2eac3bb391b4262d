/**
 * Read the two CSV layouts the weighting commands take (UTF-8, BOM allowed; save from
 * Excel as “CSV UTF-8”). Rows and columns are located as the user sees them: `row` is
 * the 1-based line in the file, `column` the header text.
 *
 * Pairwise (AHP) matrix — header: a corner cell (normally empty), then the criterion
 * names; then one row per criterion, in the same order, starting with its name:
 *
 *     ,学习条件,学习过程,学习成效
 *     学习条件,1,1/3,1/2
 *     学习过程,3,1,2
 *     学习成效,2,1/2,1
 *
 * Judgements may be integers, decimals or fractions (`1/3`); full-width digits and
 * slashes (`１／３`) are accepted. Shape, positivity and reciprocity are checked by
 * `ahp.ts` using `locate`.
 *
 * Data (entropy, CRITIC) — header: the unit column's title, then one column per
 * indicator; then one row per unit with a numeric cell for each indicator. Empty cells
 * are errors (impute before weighting).
 *
 * Rows whose cells are all empty and trailing empty header cells (common in Excel
 * exports) are ignored; anything else out of place is an error.
 */
import { readFileSync } from 'node:fs';
import { CsvError, parse } from 'csv-parse/sync';
import { error, YardstickError, type Issue } from '../errors.js';
import * as msg from './messages.js';

export interface PairwiseCsv {
  file: string;
  criteria: string[];
  values: number[][];
  /** File line of each criterion's row. */
  lines: number[];
  /** Location of judgement (i, j) in the file, for `computeAhp({locate})`. */
  locate: (i: number, j: number) => Partial<Issue>;
}

export interface DataCsv {
  file: string;
  /** Title of the first column. */
  unitHeader: string;
  units: string[];
  criteria: string[];
  /** Rows = units, columns = criteria. */
  values: number[][];
  lines: number[];
}

interface CsvRow {
  cells: string[];
  line: number;
}

export function readPairwiseCsv(file: string): PairwiseCsv {
  return parsePairwiseCsv(readUtf8(file), file);
}

export function readDataCsv(file: string): DataCsv {
  return parseDataCsv(readUtf8(file), file);
}

export function parsePairwiseCsv(text: string, file: string): PairwiseCsv {
  const { names, rows, issues } = splitTable(text, file);
  if (rows.length !== names.length) issues.push(error('matrix_row_count', msg.matrixRowCount(rows.length, names.length), { file }));
  const values = rows.map((r, i) => {
    if (i < names.length && r.cells[0] !== names[i])
      issues.push(error('row_name_mismatch', msg.rowNameMismatch(names[i], r.cells[0]), { file, row: r.line, column: 1 }));
    return names.map((name, j) => {
      const where = { file, row: r.line, column: name };
      const text = r.cells[j + 1];
      if (text === '') return issues.push(error('missing_cell', msg.missingCell(), where)), NaN;
      const v = parseJudgement(text);
      if (v === null) issues.push(error('bad_judgement', msg.badJudgementText(text), where));
      return v ?? NaN;
    });
  });
  YardstickError.throwIfErrors(issues);
  const lines = rows.map((r) => r.line);
  return { file, criteria: names, values, lines, locate: (i, j) => ({ file, row: lines[i], column: names[j] }) };
}

export function parseDataCsv(text: string, file: string): DataCsv {
  const { corner, names, rows, issues } = splitTable(text, file);
  if (!rows.length) issues.push(error('no_data_rows', msg.noDataRows(), { file }));
  const seen = new Set<string>();
  const values = rows.map((r) => {
    const unit = r.cells[0];
    if (unit === '') issues.push(error('missing_cell', msg.missingCell(), { file, row: r.line, column: corner || 1 }));
    else if (seen.has(unit)) issues.push(error('duplicate_unit', msg.duplicateName('单位 unit', unit), { file, row: r.line, column: corner || 1 }));
    seen.add(unit);
    return names.map((name, j) => {
      const where = { file, row: r.line, column: name };
      const text = r.cells[j + 1];
      if (text === '') return issues.push(error('missing_cell', msg.missingCell(), where)), NaN;
      const v = parseNumber(text);
      if (v === null) issues.push(error('bad_number', msg.badNumberText(text), where));
      return v ?? NaN;
    });
  });
  YardstickError.throwIfErrors(issues);
  return { file, unitHeader: corner, units: rows.map((r) => r.cells[0]), criteria: names, values, lines: rows.map((r) => r.line) };
}

/** `3`, `0.5`, `1/3`, `2.5/1` (full-width forms too) → number; anything else → null. */
export function parseJudgement(text: string): number | null {
  const t = text.normalize('NFKC').trim();
  const parts = t.split('/').map((s) => s.trim());
  if (parts.length > 2) return null;
  const nums = parts.map(parseNumber);
  if (nums.some((x) => x === null)) return null;
  if (nums.length === 1) return nums[0];
  return nums[1] === 0 ? null : nums[0]! / nums[1]!;
}

/** A plain decimal number (`12`, `-3.5`, `.5`, `1e3`; full-width digits allowed) or null. */
export function parseNumber(text: string): number | null {
  const t = text.normalize('NFKC').trim();
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : null;
}

/**
 * Header names (after the first cell) and data rows padded to the header width, with the
 * header's and stray cells' issues (returned, so the caller reports them with its own).
 */
function splitTable(text: string, file: string): { corner: string; names: string[]; rows: CsvRow[]; issues: Issue[] } {
  const records = parseCsv(text, file);
  if (!records.length) throw new YardstickError([error('empty_file', msg.emptyFile(), { file })]);
  const [head, ...body] = records;
  const header = dropTrailingEmpty(head.cells);
  const names = header.slice(1);
  const issues: Issue[] = [];
  if (!names.length) issues.push(error('no_columns', msg.noColumns(), { file, row: head.line }));
  const seen = new Set<string>();
  names.forEach((name, j) => {
    if (name === '') issues.push(error('empty_header', msg.emptyHeader(j + 2), { file, row: head.line, column: j + 2 }));
    else if (seen.has(name)) issues.push(error('duplicate_header', msg.duplicateName('指标 criterion', name), { file, row: head.line, column: name }));
    seen.add(name);
  });
  const rows = body.map((r) => {
    r.cells.slice(header.length).forEach((extra, k) => {
      if (extra !== '') issues.push(error('extra_cell', msg.extraCell(extra), { file, row: r.line, column: header.length + k + 1 }));
    });
    return { line: r.line, cells: Array.from({ length: header.length }, (_, k) => r.cells[k] ?? '') };
  });
  return { corner: header[0], names, rows, issues };
}

function parseCsv(text: string, file: string): CsvRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info: true` each record comes as {record, info}; the typings do not follow the option.
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (e) {
    if (e instanceof CsvError) {
      const row = typeof e.lines === 'number' ? e.lines : undefined;
      throw new YardstickError([error('csv_syntax', msg.csvSyntax(e.message), { file, row })]);
    }
    throw e;
  }
  return records
    .map(({ record, info }) => ({ cells: record, line: info.lines }))
    .filter((r) => r.cells.some((c) => c !== ''));
}

function dropTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 1 && cells[end - 1] === '') end--;
  return cells.slice(0, end);
}

function readUtf8(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new YardstickError([error('cannot_read', msg.cannotRead(String((e as NodeJS.ErrnoException).code ?? e)), { file })]);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new YardstickError([error('not_utf8', msg.notUtf8(), { file })]);
  }
}
