/**
 * XLSX cells that hold no value are rejected, never landed as empty: an Excel error (`#DIV/0!`, with
 * or without a formula) as cell_error, a formula without a cached result as formula_without_value,
 * in any column of any kind, the reject showing the cell as written. A percent-formatted number is
 * read in percent terms (0.95 shown as 95% → 95), the scale a typed `93%` is read on. A CSV's
 * `=2+3` is text, not a formula.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest, loadPipeline, openDb } from '../../src/index.js';
import { cellText, isPercentFormat } from '../../src/ingest/read/xlsx-cell.js';
import { previewSource } from '../../src/ingest/read/preview.js';
import { withDb } from '../../src/store/db.js';
import { readSource } from '../../src/ingest/read/index.js';
import { csv, writeBundle, type Bundle } from '../helpers/bundle.js';
import { options, rowsOf } from './read-helpers.js';

const day = (d: string) => new Date(`${d}T00:00:00Z`);

async function attendanceBook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('考勤');
  ws.addRow(['单位名称', '工号', '姓名', '日期', '学习形式', '学习内容', '时长（小时）', '出勤情况']);
  const row = (date: Date | object, topic: unknown, hours: unknown, name: unknown = '王五', status: unknown = '出席') =>
    ws.addRow(['办公室', '1003', name, date, '集中学习', topic, hours, status]);
  row(day('2024-03-01'), '公式无值', { formula: '60/30' });                              // 2: formula_without_value 时长
  row(day('2024-03-02'), '除以零', { formula: '1/0', result: { error: '#DIV/0!' } });    // 3: cell_error #DIV/0!
  row(day('2024-03-03'), '引用无效', { error: '#REF!' });                                // 4: cell_error #REF!
  row(day('2024-03-04'), '姓名查找失败', 2, { error: '#N/A' });                          // 5: cell_error on 姓名 (a text column)
  row(day('2024-03-05'), '公式有值', { formula: '1+1', result: 2 }, '王五', { formula: 'IF(1=1,"出席","缺席")', result: '出席' }); // 6: loads, 2 h
  row(day('2024-03-06'), '公式得零', { formula: '1-1', result: 0 });                     // 7: loads, 0 h (not NULL)
  row(day('2024-03-07'), { formula: '"学"&"习"' }, 2);                                  // 8: formula_without_value on 学习内容
  row({ formula: 'DATE(2024,3,8)' }, '日期公式', 2);                                      // 9: formula_without_value on 日期 (not missing_value)
  row(day('2024-03-09'), '=2+3', 2);                                                     // 10: loads: text typed '=2+3 is text
  row(day('2024-03-10'), '半数', 0.5);                                                   // 11: 0.5 shown as 50%: bad_hours 50%
  ws.getCell('G11').numFmt = '0%';
  await wb.xlsx.writeFile(path);
}

async function publicationsBook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('论文');
  ws.addRow(['单位名称', '作者', '题目', '刊物名称', '刊物级别', '发表时间']);
  ws.addRow(['办公室', '王五', { formula: '"论"&"文"' }, '金融时报', 'CSSCI', day('2024-07-03')]);  // 2: formula_without_value 题目 (free text)
  ws.addRow(['办公室', '王五', { error: '#VALUE!' }, '金融时报', 'CSSCI', day('2024-07-04')]);     // 3: cell_error 题目
  ws.addRow(['办公室', '王五', '公式之外', '金融时报', 'CSSCI', day('2024-07-05')]);              // 4: loads
  await wb.xlsx.writeFile(path);
}

async function profileBook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('概况');
  ws.addRow(['单位名称', '年度', '民主测评满意度（%）']);
  ws.addRow(['江海区支行', 2024, 0.95]);   // shown 95%
  ws.getCell('C2').numFmt = '0%';
  ws.addRow(['东湖县支行', 2024, '93%']);  // typed
  ws.addRow(['办公室', 2024, 0.125]);      // shown 12.5%
  ws.getCell('C4').numFmt = '0.0%';
  await wb.xlsx.writeFile(path);
}

interface Reject { source_file: string; sheet: string; source_row: number; column_header: string; code: string; value: string | null }

let b: Bundle;
let rejects: Reject[];
let attendance: { topic: string; hours: number | null; status: string; date: string }[];
let titles: string[];
let profile: { unit_id: string; value: number }[];

beforeAll(async () => {
  b = writeBundle();
  await attendanceBook(join(b.data, '2024/考勤公式.xlsx'));
  await publicationsBook(join(b.data, '2024/论文公式.xlsx'));
  await profileBook(join(b.data, '2024/概况百分比.xlsx'));
  appendFileSync(join(b.data, '2024/考试.csv'), csv([
    ['办公室', '1003', '王五', '测验二', '2024-06-03', '80', '100', '=2+3'],     // row 5: bad_attempt (text, not a formula)
    ['办公室', '1003', '王五', '测验三', '2024-06-04', '#DIV/0!', '100', ''],   // row 6: cell_error (a CSV saved by Excel)
  ]));
  appendFileSync(b.pipeline, [
    '  - {kind: attendance, files: 2024/考勤公式.xlsx, year: 2024}',
    '  - {kind: publications, files: 2024/论文公式.xlsx, year: 2024}',
    '  - {kind: unit_profile, files: 2024/概况百分比.xlsx, year: 2024}',
    '',
  ].join('\n'));
  const p = loadPipeline(b.pipeline);
  await ingest(p);
  const db = await openDb(p.database);
  try {
    rejects = await db.all<Reject>(`
      SELECT source_file, sheet, source_row, column_header, code, value FROM rejects
      WHERE source_file LIKE '%公式%' OR source_file LIKE '%百分比%' OR (source_file LIKE '%考试.csv' AND source_row >= 5)
      ORDER BY source_file, source_row, column_header`);
    attendance = await db.all(`SELECT topic, hours, status, strftime("date", '%Y-%m-%d') AS date FROM attendance WHERE source_file LIKE '%考勤公式%' ORDER BY source_row`);
    titles = (await db.all<{ title: string }>(`SELECT title FROM publications WHERE source_file LIKE '%论文公式%' ORDER BY source_row`)).map((r) => r.title);
    profile = await db.all(`SELECT unit_id, value FROM unit_profile WHERE metric = '民主测评满意度（%）' ORDER BY unit_id`);
  } finally {
    db.close();
  }
});

const rowsOfFile = (part: string) => rejects.filter((r) => r.source_file.includes(part)).map(({ source_row, column_header, code, value }) => [source_row, column_header, code, value]);

describe('XLSX cells without a value', () => {
  it('rejects error cells and formulas without a cached result, naming file, row, column and the cell as written', () => {
    expect(rejects.filter((r) => r.source_file.includes('考勤公式')).every((r) => r.sheet === '考勤' && r.source_file.endsWith('2024/考勤公式.xlsx'))).toBe(true);
    expect(rowsOfFile('考勤公式')).toEqual([
      [2, '时长（小时）', 'formula_without_value', '=60/30'],
      [3, '时长（小时）', 'cell_error', '#DIV/0!'],
      [4, '时长（小时）', 'cell_error', '#REF!'],
      [5, '姓名', 'cell_error', '#N/A'],
      [8, '学习内容', 'formula_without_value', '="学"&"习"'],
      [9, '日期', 'formula_without_value', '=DATE(2024,3,8)'],
      [11, '时长（小时）', 'bad_hours', '50%'],
    ]);
  });

  it('loads formulas with a cached result, a result of 0 included, and text that merely starts with =', () => {
    expect(attendance).toEqual([
      { topic: '公式有值', hours: 2, status: 'present', date: '2024-03-05' },
      { topic: '公式得零', hours: 0, status: 'present', date: '2024-03-06' },
      { topic: '=2+3', hours: 2, status: 'present', date: '2024-03-09' },
    ]);
  });

  it('rejects them in a free-text column too (a publication title)', () => {
    expect(rowsOfFile('论文公式')).toEqual([
      [2, '题目', 'formula_without_value', '="论"&"文"'],
      [3, '题目', 'cell_error', '#VALUE!'],
    ]);
    expect(titles).toEqual(['公式之外']);
  });

  it('a CSV: =2+3 is text (bad_attempt as before), #DIV/0! an Excel error', () => {
    expect(rowsOfFile('考试.csv')).toEqual([
      [5, '考试次数', 'bad_attempt', '=2+3'],
      [6, '成绩', 'cell_error', '#DIV/0!'],
    ]);
  });
});

describe('percent-formatted numbers', () => {
  it('are read in percent terms, like a typed 93%: one scale in the column', () => {
    expect(rowsOfFile('百分比')).toEqual([]);
    // A1 江海区支行 0.95 (0%), A2 东湖县支行 93% typed, D1 办公室 0.125 (0.0%)
    expect(profile).toEqual([
      { unit_id: 'A1', value: 95 },
      { unit_id: 'A2', value: 93 },
      { unit_id: 'D1', value: 12.5 },
    ]);
  });

  it('render without binary noise, and only where Excel multiplies by 100', () => {
    expect(cellText(0.95, '0%')).toBe('95%');
    expect(cellText(0.125, '0.0%')).toBe('12.5%');
    expect(cellText(0.07, '0.00%')).toBe('7%');
    expect(cellText(0.285, '0.0%')).toBe('28.5%');
    expect(cellText(-0.5, '0%;[Red]-0%')).toBe('-50%');
    expect(cellText(1.5, '0')).toBe('1.5');
    expect(cellText(95, '0"%"')).toBe('95');     // a quoted % is a literal sign: Excel shows 95%, the number is 95
    expect(cellText(95, '0\\%')).toBe('95');
    expect(isPercentFormat('0;0%', 5)).toBe(false);
    expect(isPercentFormat('0;0%', -5)).toBe(true);
    expect(cellText({ formula: 'B1', result: 0.95 }, '0%')).toBe('95%');
  });
});

describe('the read layer and inspect', () => {
  it('lands error literals, marked formulas and percent text; inspect shows the formula as written', async () => {
    const file = join(b.data, '2024/考勤公式.xlsx');
    await withDb(async (db) => {
      const [t] = (await readSource(db, file, options())).tables;
      const rows = await rowsOf(db, t.table);
      expect(rows.map((r) => r.cells[6])).toEqual(['\u0001=60/30', '#DIV/0!', '#REF!', '2', '2', '0', '2', '2', '2', '50%']);
    });
    const { tables } = await previewSource(file, options(), 10);
    expect(tables[0].sample.map((r) => r[6])).toEqual(['=60/30', '#DIV/0!', '#REF!', '2', '2', '0', '2', '2', '2', '50%']);
    expect(tables[0].sample[6][5]).toBe('="学"&"习"');
  });
});
