/**
 * Every issue the readers raise, one function each (zh / en), so tests can
 * compare against the same function and the wording lives in one place.
 * Location goes into the issue fields (`file`, `row`, `column`), which
 * `formatIssue` prints as `file:row:column`; the sheet goes into the text.
 * A limit's message names the setting to raise (`limits.<name>` in the pipeline file).
 */
import { error, warning, type Issue } from '../../errors.js';
import { HEADER_SEARCH_ROWS } from './find-header.js';

/** Where to raise a limit: `limits:` in the pipeline file. */
const RAISE_ZH = (name: string) => `（如确需读取，请在管道文件的 limits: 中调高 ${name}）`;
const RAISE_EN = (name: string) => ` (to read it anyway, raise limits.${name} in the pipeline file)`;

const inSheet = (sheet: string | null) => (sheet === null ? '' : `工作表“${sheet}”：`);
const inSheetEn = (sheet: string | null) => (sheet === null ? '' : `sheet "${sheet}": `);

export function noHeader(file: string, sheet: string | null, rows = HEADER_SEARCH_ROWS): Issue {
  return error(
    'no_header',
    `${inSheet(sheet)}前 ${rows} 行中找不到可识别的表头行 / ${inSheetEn(sheet)}no recognisable header row was found in the first ${rows} rows`,
    { file },
  );
}

export function sheetSkipped(file: string, sheet: string, rows = HEADER_SEARCH_ROWS): Issue {
  return warning(
    'sheet_skipped',
    `已跳过工作表“${sheet}”：前 ${rows} 行中没有可识别的表头 / skipped sheet "${sheet}": no recognisable header in the first ${rows} rows`,
    { file },
  );
}

export function unknownSheets(file: string, missing: string[], present: string[]): Issue {
  const m = missing.join('、');
  const p = present.join('、') || '—';
  return error(
    'unknown_sheet',
    `找不到工作表 ${m}（文件中的工作表：${p}） / sheet(s) not found: ${missing.join(', ')} (sheets present: ${present.join(', ') || 'none'})`,
    { file },
  );
}

export function fileNotFound(file: string): Issue {
  return error('file_not_found', `文件不存在或无法读取 / file not found or not readable`, { file });
}

export function oldXls(file: string): Issue {
  return error(
    'xls_format',
    '文件为旧版 .xls 格式，请在 Excel 中另存为 .xlsx 后重试 / old .xls format: open it in Excel and save as .xlsx',
    { file },
  );
}

export function encryptedXlsx(file: string): Issue {
  return error(
    'xlsx_encrypted',
    '工作簿设有打开密码（已加密），请在 Excel 中取消密码后重新保存 / the workbook is password-protected (encrypted): remove the password in Excel and save it again',
    { file },
  );
}

export function zipNamedAsText(file: string): Issue {
  return error(
    'xlsx_named_as_text',
    '文件内容是 Excel 工作簿而不是 CSV 文本，请将扩展名改为 .xlsx / the file is an Excel workbook, not CSV text: rename it to .xlsx',
    { file },
  );
}

export function unsupportedFormat(file: string, ext: string): Issue {
  return error(
    'unsupported_format',
    `不支持的文件类型“${ext || '无扩展名'}”，请另存为 .xlsx 或 .csv / unsupported file type "${ext || 'no extension'}": save it as .xlsx or .csv`,
    { file },
  );
}

export function corruptXlsx(file: string, detail: string): Issue {
  return error(
    'xlsx_corrupt',
    `无法读取 .xlsx 文件（文件损坏或不是 Excel 工作簿）：${detail} / cannot read the .xlsx file (damaged or not an Excel workbook): ${detail}`,
    { file },
  );
}

export function limitXlsxSize(file: string, mb: number, limitMb: number): Issue {
  return error(
    'limit_xlsx_uncompressed',
    `工作簿解压后约 ${Math.ceil(mb)} MB，超过上限 max_xlsx_uncompressed_mb = ${limitMb}${RAISE_ZH('max_xlsx_uncompressed_mb')} / the workbook unpacks to about ${Math.ceil(mb)} MB, over the limit max_xlsx_uncompressed_mb = ${limitMb}${RAISE_EN('max_xlsx_uncompressed_mb')}`,
    { file },
  );
}

export function limitCellChars(file: string, sheet: string | null, row: number, column: string, chars: number, limit: number): Issue {
  return error(
    'limit_cell_chars',
    `${inSheet(sheet)}单元格有 ${chars} 个字符，超过上限 max_cell_chars = ${limit}${RAISE_ZH('max_cell_chars')} / ${inSheetEn(sheet)}cell has ${chars} characters, over the limit max_cell_chars = ${limit}${RAISE_EN('max_cell_chars')}`,
    { file, row, column },
  );
}

export function limitRows(file: string, sheet: string | null, limit: number): Issue {
  return error(
    'limit_rows',
    `${inSheet(sheet)}数据行超过上限 max_rows_per_sheet = ${limit}${RAISE_ZH('max_rows_per_sheet')} / ${inSheetEn(sheet)}more data rows than the limit max_rows_per_sheet = ${limit}${RAISE_EN('max_rows_per_sheet')}`,
    { file },
  );
}

export function csvEncoding(file: string, encoding: string, bom = false): Issue {
  // Behind a UTF-8 mark (BOM) the mark decides the encoding, so no setting helps: the file must be saved again.
  return error('csv_encoding', bom
    ? '文件开头有 UTF-8 标记（BOM），但内容不是 UTF-8 文本（可能是 GBK 内容被另存时加了标记）：请用 Excel 打开后另存为“CSV UTF-8”再试 / the file starts with a UTF-8 mark (BOM) but its text is not UTF-8 (GBK text saved behind the mark?): open it in Excel and save it as "CSV UTF-8"'
    : `文件不是有效的 ${encoding} 文本，请在管道文件中设置 encoding: gbk（或 auto） / the file is not valid ${encoding} text: set encoding: gbk (or auto) for this source`,
  { file });
}

export function csvMixedEncoding(file: string, line: number): Issue {
  return error(
    'csv_encoding',
    `文件是 UTF-8 文本，但第 ${line} 行不是（可能是从 GBK 文件粘贴的内容）：请在 Excel 中修正该行后另存为“CSV UTF-8”再试 / the file is UTF-8 text but line ${line} is not (pasted from a GBK file?): fix that line in Excel and save as "CSV UTF-8"`,
    { file, row: line },
  );
}

export function csvUnreadable(file: string, detail: string): Issue {
  return error(
    'csv_unreadable',
    `无法解析 CSV（引号不配对、换行符混用或格式不规范），请用 Excel 打开后另存为“CSV UTF-8”再试：${detail} / cannot parse the CSV (unbalanced quotes, mixed line endings or malformed rows); open it in Excel and save as "CSV UTF-8": ${detail}`,
    { file },
  );
}

export function csvInconsistent(file: string, row: number): Issue {
  return error(
    'csv_inconsistent',
    '两次解析 CSV 的结果不一致（格式不规范），请用 Excel 打开后另存为“CSV UTF-8”再试 / the CSV reads differently on two passes (malformed file); open it in Excel and save as "CSV UTF-8"',
    { file, row },
  );
}


export function sheetHidden(file: string, sheet: string, state: string): Issue {
  const zh = state === 'veryHidden' ? '深度隐藏' : '隐藏';
  const en = state === 'veryHidden' ? 'very hidden' : 'hidden';
  return warning(
    'sheet_hidden',
    `已跳过${zh}的工作表“${sheet}”；如需读取，请在数据源的 sheets: 中列出它 / skipped ${en} sheet "${sheet}"; list it under the source's sheets: to read it`,
    { file },
  );
}

/** A text in the workbook (shared strings or a sheet) far over the cell limit, found before it is held in memory. */
export function limitTextInWorkbook(file: string, part: string, limit: number): Issue {
  return error(
    'limit_cell_chars',
    `工作簿的 ${part} 中有一段文本超过上限 max_cell_chars = ${limit}${RAISE_ZH('max_cell_chars')} / the workbook's ${part} holds a text longer than the limit max_cell_chars = ${limit}${RAISE_EN('max_cell_chars')}`,
    { file },
  );
}
