/**
 * A cell that holds no value, in any column of any kind: an Excel error or a formula without a
 * saved result. Read by the typed step (typed-sql.ts) and by the cells read outside it (the
 * sub-columns of a two-level choice group, source.ts).
 */
import { quotedString as s } from '../../store/db.js';
import { FORMULA_MARK } from '../read/xlsx-cell.js';

/**
 * Excel's error values (what a formula that failed shows, and what Excel writes for it when it saves
 * a CSV), and `#ERROR`, the reader's text for an error result it could not name (read/xlsx-cell.ts).
 */
const EXCEL_ERRORS = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!',
  '#CALC!', '#FIELD!', '#BLOCKED!', '#CONNECT!', '#BUSY!', '#UNKNOWN!', '#PYTHON!', '#EXTERNAL!', '#ERROR'];

/**
 * The CASE branches (`WHEN … THEN ys_err(…)`) rejecting a cell that holds no value, whatever its
 * column's type (a text column would otherwise load `#N/A` as a name, an optional number column
 * an empty cell as NULL):
 *   formula_without_value  an XLSX formula without a cached result, landed as FORMULA_MARK + `=…`
 *                          by the reader; the reject shows `=…`. Only the reader writes the mark:
 *                          a CSV's `=2+3` is text and is parsed (or rejected) as its column says.
 *   cell_error             an Excel error value, `#DIV/0!` …, from an XLSX error cell or a CSV
 *                          saved by Excel (the same literal either way: no mark needed).
 * `col` is an SQL string (the reject's column), `written` the SQL of the cell as landed.
 */
export function cellValueErrors(col: string, written: string): string {
  const errors = EXCEL_ERRORS.map((e) => s(e)).join(', ');
  return `WHEN starts_with(${written}, chr(${FORMULA_MARK.codePointAt(0)})) THEN ys_err(${col}, 'formula_without_value', substr(${written}, ${FORMULA_MARK.length + 1})) `
    + `WHEN (contains(${written}, '#') OR contains(${written}, '＃')) AND upper(ys_clean(${written})) IN (${errors}) THEN ys_err(${col}, 'cell_error', ${written}) `;
}

/** The same as one expression: the error of a cell holding no value, else NULL (for models reading cells outside `typed`). */
export const cellValueError = (col: string, written: string): string => `CASE ${cellValueErrors(col, written)}END`;
