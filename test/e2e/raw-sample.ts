/**
 * The sample's raw export files (data-samples/) read the plain way, WITHOUT the project's
 * ingest code: csv-parse for CSV (UTF-8, or GBK when the bytes are not UTF-8), exceljs for
 * XLSX, and the header words of these particular files listed by hand below. The e2e test
 * computes the metrics from these rows (metrics-oracle.ts) and compares them with what
 * `ingest` + `score` wrote, so a misread in either place shows up as a difference.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

export const SAMPLE_DIR = 'data-samples';

/** A cell as written: text, a number, or a date (xlsx date cells). */
export type Cell = string | number | Date | null;
export interface RawRow { file: string; row: number; cells: Record<string, Cell> }

/** Header words seen in the sample's files, per meaning (written from the files, not from kinds.ts). */
const HEADERS = {
  unit: ['单位名称', '部门', '所在支部', '科室', '支部名称', '单位', '所在单位', '党组织名称'],
  id: ['工号', '员工号', '人员编号', '职工编号'],
  name: ['姓名', '党员姓名', '人员姓名'],
  date: ['学习日期', '日期', '活动日期', '学习时间', '考试日期', '测试日期', '发表时间', '发表日期', '完成时间', '完成日期'],
  session_type: ['学习形式', '活动类型', '会议类型', '学习类型'],
  hours: ['学时', '时长（小时）', '时长', '学习时长'],
  minutes: ['时长（分钟）'],
  status: ['出勤情况', '是否出勤', '状态', '签到', '出勤', '考勤'],
  exam: ['考试名称', '测试名称'],
  score: ['成绩', '得分', '分数'],
  full_mark: ['满分', '总分', '试卷总分'],
  pass_mark: ['及格线', '及格分'],
  attempt: ['考试次数', '第几次'],
  title: ['题目', '篇名', '文章名称', '调研题目', '报告名称'],
  venue: ['刊物名称', '发表刊物', '报刊名称'],
  level: ['刊物级别', '级别', '发表级别'],
  adoption: ['采纳层级', '采用情况'],
  from_date: ['转入日期'],
  to_date: ['转出日期'],
  unit_code: ['单位编码'],
  members: ['在册党员数', '党员人数', '党员数'],
  leaders: ['班子成员数', '领导干部人数', '中心组成员数'],
  rooms: ['学习场所', '学习室数量', '学习室'],
  research_days: ['调研天数', '基层调研天数'],
  presenter: ['主讲人', '领学人', '主持人'],
  partner: ['联学单位', '共建单位'],
  is_leader: ['是否领导干部', '领导干部'],
  report_kind: ['类别', '成果类型'],
  profile_year: ['年份'],
} as const;
export type Field = keyof typeof HEADERS;

/** Full-width ASCII and the ideographic space → half-width, then trimmed; '' → null. */
export function clean(v: Cell): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'number') return String(v);
  const s = v.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\u3000\u00A0]/g, ' ').trim();
  return s === '' ? null : s;
}

/** A date cell: an xlsx date, an Excel serial, or 2024-03-05 / 2024/3/5 / 2024.3.5 / 2024年3月5日. ISO text. */
export function parseDate(v: Cell): string | null {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return new Date(Date.UTC(1899, 11, 30) + v * 86_400_000).toISOString().slice(0, 10);
  const s = clean(v);
  const m = s && /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (!m) return null;
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

export function parseNumber(v: Cell): number | null {
  if (typeof v === 'number') return v;
  const s = clean(v);
  return s !== null && /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

function readCsv(file: string): RawRow[] {
  const records: string[][] = parse(decode(readFileSync(join(SAMPLE_DIR, file))), { relax_column_count: true, skip_empty_lines: false });
  const [header, ...data] = records;
  // the line number the user sees: header on line 1; a blank line keeps its number but is no row
  return data.flatMap((cells, i) => cells.every((c) => c === '') ? [] : [{
    file, row: i + 2, cells: Object.fromEntries(header.map((h, j) => [h, cells[j] === '' ? null : cells[j]])),
  }]);
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'result' in v) return cellValue(v.result as ExcelJS.CellValue);
  return String(v);
}

async function readXlsx(file: string): Promise<RawRow[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(SAMPLE_DIR, file));
  const out: RawRow[] = [];
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible') continue;
    const values = (r: number) => (ws.getRow(r).values as ExcelJS.CellValue[]).slice(1).map(cellValue);
    // a merged title repeats one text across the row; the header row has distinct words
    const headerRow = new Set(values(1).filter((c) => c !== null)).size > 3 ? 1 : 2;
    const header = values(headerRow).map((h) => (typeof h === 'string' ? h.trim() : ''));
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const cells = values(r);
      if (cells.every((c) => c === null)) continue;
      out.push({ file: `${file}#${ws.name}`, row: r, cells: Object.fromEntries(header.map((h, j) => [h, cells[j] ?? null])) });
    }
  }
  return out;
}

export async function readRaw(file: string): Promise<RawRow[]> {
  return file.endsWith('.xlsx') ? readXlsx(file) : readCsv(file);
}

/** The cell of `field` in a row, by the header words above (null when the file has no such column). */
export function get(row: RawRow, field: Field): Cell {
  const hit = (HEADERS[field] as readonly string[]).find((h) => h in row.cells);
  return hit === undefined ? null : row.cells[hit];
}
export function has(row: RawRow, field: Field): boolean {
  return (HEADERS[field] as readonly string[]).some((h) => h in row.cells);
}

/** Files of the sample for a year folder whose name starts with `prefix`. */
export function yearFiles(year: number, prefix: string): string[] {
  return readdirSync(join(SAMPLE_DIR, String(year))).filter((f) => f.startsWith(prefix)).map((f) => `${year}/${f}`).sort();
}
