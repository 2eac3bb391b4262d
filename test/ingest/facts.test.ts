/**
 * The fact models (src/ingest/stage/<kind>.sql): values typed once per distinct
 * written text, every file of a kind as one relation, duplicates decided on the
 * staging values (the earliest file and row kept).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, loadPipeline, openDb, YardstickError } from '../../src/index.js';
import { csv, gbk } from '../helpers/bundle.js';

const HEADER = ['单位名称', '工号', '姓名', '日期', '学习形式', '学习内容', '时长（小时）', '出勤情况'];

function bundle(files: Record<string, string[][]>, encode: (text: string) => string | Buffer = (t) => t) {
  const dir = mkdtempSync(join(tmpdir(), 'ys-facts-'));
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'units.csv'), csv([['单位名称', '单位类型'], ['东湖县支行', '县支行'], ['办公室', '内设部门']]));
  for (const [name, rows] of Object.entries(files)) writeFileSync(join(data, name), encode(csv([HEADER, ...rows])));
  const pipeline = join(dir, 'pipeline.yaml');
  writeFileSync(pipeline, [`database: ${join(dir, 'db/t.duckdb')}`, `data: ${data}`, `reports: ${join(dir, 'out')}`, 'sources:',
    '  - {kind: units, files: units.csv}', '  - {kind: attendance, files: "att*.csv", year: 2024}', ''].join('\n'));
  return { pipeline, database: join(dir, 'db/t.duckdb') };
}

async function rows(database: string, sql: string) {
  const db = await openDb(database);
  try { return await db.all<Record<string, unknown>>(sql); } finally { db.close(); }
}

describe('fact rows', () => {
  it('counts rows that differ in writing but not in value as duplicates, keeping the first', async () => {
    const b = bundle({
      'att1.csv': [
        ['东湖县支行', '1001', '张三', '2024-03-05', '党课', '学习党章', '1.5', '出席'],
        ['东湖县支行', '1001', '张三', '2024/3/5', '党课', '学习党章', '1.5小时', '是'],        // same values
        [' 东湖县支行', '１００１', '张三', '2024年3月5日', '党课 ', '学习党章', '1.5h', '√'],  // same after cleaning
        ['东湖县支行', '1001', '张三', '2024-03-05', '党课', '学习党章', '2', '出席'],          // other hours: loaded
        ['办公室', '1002', '李四', '2024-03-05', '党课', '学习党章', '1.5', '出席'],
      ],
    });
    const s = await ingest(loadPipeline(b.pipeline));
    const att = s.files.find((f) => f.kind === 'attendance')!;
    expect(att).toMatchObject({ read: 5, loaded: 3, duplicate: 2, rejected: 0 });
    const loaded = await rows(b.database, 'SELECT source_row, hours, status FROM attendance ORDER BY source_row');
    expect(loaded).toEqual([
      { source_row: 2, hours: 1.5, status: 'present' },
      { source_row: 5, hours: 2, status: 'present' },
      { source_row: 6, hours: 1.5, status: 'present' },
    ]);
  });

  it('keeps the first of rows equal after cleaning, rejects the rest per cell', async () => {
    const b = bundle({ 'att1.csv': [
      ['东湖县支行', '1001', '张三', '2024-03-05', '党课', '学习党章', '1.5', '出席'],
      ['东湖县支行', '1001', '张三', '2024/3/5', '党课', '学习党章', '1.5小时', '是'], // the same after cleaning
      ['东湖县支行', '1001', '张三', '2024-03-05', '党课', '学习党章', '2', '出席'],
      ['东湖县支行', '1001', '张三', '2024-03-06', '党课', '学习党章', '1.5', '出席'],
      ['办公室', '1002', '李四', '2024-03-05', '党课', '学习党章', '1.5', '出席'],
      ['办公室', '1002', '李四', '2024-03-05', '党课', '学习党章', '1.5', '出席'], // the same as written
      ['办公室', '1002', '李四', '2024-03-05', '党课', '学习党章', '1.5', '待定'], // rejected
    ] });
    const s = await ingest(loadPipeline(b.pipeline));
    expect(s.files.find((f) => f.kind === 'attendance')).toMatchObject({ read: 7, loaded: 4, duplicate: 2, rejected: 1 });
    expect((await rows(b.database, 'SELECT source_row FROM attendance ORDER BY source_row')).map((r) => r.source_row)).toEqual([2, 4, 5, 6]);
  });

  it('counts a row already staged from another file as a duplicate, however it is written', async () => {
    const row = ['办公室', '1002', '李四', '2024-04-01', '中心组学习', '学习二十大报告', '3', '出席'];
    const sameValues = ['办公室 ', '１００２', '李四', '2024年4月1日', '中心组学习', '学习二十大报告', '3小时', '√'];
    const other = [...row.slice(0, 6), '2', '出席'];
    // In one run both files are one relation; in two runs the first file's rows are already staged.
    for (const twoRuns of [false, true]) {
      const b = bundle({ 'att1.csv': [row, ['东湖县支行', '1001', '张三', '2024-04-01', '党课', '学习党章', '1', '出席']], 'att2.csv': [row, sameValues, other] });
      const att2 = join(dirname(b.pipeline), 'data/att2.csv');
      const kept = readFileSync(att2);
      if (twoRuns) {
        rmSync(att2);
        await ingest(loadPipeline(b.pipeline));
        writeFileSync(att2, kept);
      }
      const s = await ingest(loadPipeline(b.pipeline));
      const second = s.files.find((f) => f.path.endsWith('att2.csv'))!;
      expect(second).toMatchObject({ read: 3, loaded: 1, duplicate: 2 });
      expect(await rows(b.database, 'SELECT source_file LIKE \'%att2.csv\' AS second, hours FROM attendance ORDER BY second, hours'))
        .toEqual([{ second: false, hours: 1 }, { second: false, hours: 3 }, { second: true, hours: 2 }]);
    }
  });

  it('rejects per cell with the value as written, and loads the rest of the file', async () => {
    const b = bundle({
      'att1.csv': [
        ['东湖县支行', '1001', '张三', '2024-13-05', '党课', '学习党章', '1.5', '出席'],
        ['东湖县支行', '1001', '张三', '2024-03-06', '党课', '学习党章', '1.5', '待定'],
        ['东湖县支行', '1001', '张三', '2024-03-07', '党课', '学习党章', '1.5', '出席'],
        // Quotes (written quoted, as Excel does), a backslash and JSON-like text survive the spool's JSON.
        ['东湖县支行', '1001', '张三', '2024-03-08', '党课', '学习党章', '1.5', '"""待定""\\{""a"":1}"'],
        ['"西山""县""支行\\"', '1001', '张三', '2024-03-09', '党课', '学习党章', '1.5', '出席'],
      ],
    });
    await ingest(loadPipeline(b.pipeline));
    expect(await rows(b.database, `SELECT source_row, code, value FROM rejects ORDER BY source_row`)).toEqual([
      { source_row: 2, code: 'bad_date', value: '2024-13-05' },
      { source_row: 3, code: 'bad_status', value: '待定' },
      { source_row: 5, code: 'bad_status', value: '"待定"\\{"a":1}' },
      { source_row: 6, code: 'unknown_unit', value: '西山"县"支行\\' },
    ]);
    expect(await rows(b.database, 'SELECT source_row FROM attendance')).toEqual([{ source_row: 4 }]);
  });

  it('stages a GBK file exactly as the same rows in UTF-8 (decoded per distinct value, not per row)', async () => {
    const input = [
      ['东湖县支行', '1001', '张三', '2024-03-05', '党课', '学习党章', '1.5', '出席'],
      ['　东湖县支行', '１００１', '张三', '2024年3月5日', '党课', '学习党章', '1.5小时', '是'], // the same after cleaning
      ['东湖县支行', '1001', '张三', '2024-03-06', '党课', '学习党章', '1.5', '待定'], // rejected, value as written
      ['办公室', '1002', '李四', '2024-03-05', '中心组学习', '学习二十大报告', '3', '缺席'],
      ['未知支部', '1003', '王五', '2024-03-05', '党课', '学习党章', '1', '出席'], // unknown unit
    ];
    const staged = async (encode?: (t: string) => string | Buffer) => {
      const b = bundle({ 'att1.csv': input }, encode);
      const s = await ingest(loadPipeline(b.pipeline));
      return {
        file: s.files.find((f) => f.kind === 'attendance'),
        rows: await rows(b.database, 'SELECT * EXCLUDE (member_key, source_file) FROM attendance ORDER BY source_row'),
        rejects: await rows(b.database, 'SELECT source_row, column_header, value, code FROM rejects ORDER BY source_row'),
      };
    };
    const [utf8, gb] = [await staged(), await staged(gbk)];
    expect(gb.file).toMatchObject({ encoding: 'gb18030', read: 5, loaded: 2, duplicate: 1, rejected: 2 });
    expect(gb.rows).toEqual(utf8.rows);
    expect(gb.rejects).toEqual(utf8.rejects);
    expect(gb.rejects.map((r) => r.value)).toEqual(['待定', '未知支部']);
    expect(gb.rows.map((r) => r.topic)).toEqual(['学习党章', '学习二十大报告']);
  });

  it('loads a file where nearly every row has its own topic, with the same checks', async () => {
    // 20,050 sessions with distinct topics: dictionaries as large as the file.
    const many = Array.from({ length: 20_050 }, (_, i) =>
      ['东湖县支行', '1001', '张三', `2024-03-${String(1 + (i % 28)).padStart(2, '0')}`, '党课', `专题${i}`, '1.5', '出席']);
    const b = bundle({ 'att1.csv': [
      ...many,
      ['东湖县支行', '１００１', '张三', '2024/3/1', '党课 ', '专题0', '1.5小时', '√'], // = row 2 after cleaning
      ['东湖县支行', '1001', '张三', '2024-03-02', '党课', '专题1', '25', '出席'], // hours out of range
      ['东湖县支行', '1001', '张三', '2024-03-02', '党课', '专题1', '1.5', '待定'], // unknown status
    ] });
    const s = await ingest(loadPipeline(b.pipeline));
    expect(s.files.find((f) => f.kind === 'attendance')).toMatchObject({ read: many.length + 3, loaded: many.length, duplicate: 1, rejected: 2 });
    expect(await rows(b.database, 'SELECT source_row, code, value FROM rejects ORDER BY source_row')).toEqual([
      { source_row: many.length + 3, code: 'hours_out_of_range', value: '25' },
      { source_row: many.length + 4, code: 'bad_status', value: '待定' },
    ]);
    expect(await rows(b.database, `SELECT count(DISTINCT topic) AS topics, min(hours) AS lo, max(hours) AS hi, any_value(status) AS status FROM attendance`))
      .toEqual([{ topics: many.length, lo: 1.5, hi: 1.5, status: 'present' }]);
  });

  it('loads a cell holding U+001F as text (no packing: nothing is joined by a separator)', async () => {
    const b = bundle({ 'att1.csv': [['东湖县支行', '1001', '张三', '2024-03-06', '党课', '学习\x1f党章', '1.5', '出席']] });
    await ingest(loadPipeline(b.pipeline));
    expect(await rows(b.database, 'SELECT topic FROM attendance')).toEqual([{ topic: '学习\x1f党章' }]);
  });

  it('loads a header-only file as zero rows and counts an all-empty row as blank', async () => {
    const b = bundle({ 'att1.csv': [], 'att2.csv': [['', '', '', '', '', '', '', ''], ['办公室', '1002', '李四', '2024-04-01', '党课', '学习', '3', '出席']] });
    const s = await ingest(loadPipeline(b.pipeline));
    expect(s.files.find((f) => f.path.endsWith('att1.csv'))).toMatchObject({ read: 0, loaded: 0, rejected: 0, blank: 0 });
    expect(s.files.find((f) => f.path.endsWith('att2.csv'))).toMatchObject({ read: 1, loaded: 1, rejected: 0, blank: 1 });
  });

  it('removes its spool folder after a run, and after a failed one', async () => {
    const b = bundle({ 'att1.csv': [['办公室', '1002', '李四', '2024-04-01', '党课', '学习', '3', '出席']] });
    const spool = join(dirname(b.database), '.t.duckdb.spool');
    await ingest(loadPipeline(b.pipeline));
    expect(existsSync(spool)).toBe(false);
    writeFileSync(join(dirname(dirname(b.database)), 'data/att2.csv'), csv([['单位名称', '日期'], ['办公室', '2024-01-01']]));
    await expect(ingest(loadPipeline(b.pipeline))).rejects.toBeInstanceOf(YardstickError);
    expect(existsSync(spool)).toBe(false);
    expect(readdirSync(dirname(b.database)).filter((f) => f.includes('spool'))).toEqual([]);
  });
});
