/**
 * Values an office writes that used to load wrongly without a word (a probe of real-export habits):
 * an hours and a minutes column side by side, a minutes column holding another unit, a score
 * written as a percentage, and 学习形式 under an everyday name or one no metric counts.
 * Every expected value is written by hand from the rows in this file.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest, loadPipeline, openDb, type IngestSummary } from '../../src/index.js';
import { csv } from '../helpers/bundle.js';

const dir = mkdtempSync(join(tmpdir(), 'ys-durations-'));
const data = join(dir, 'data');
const database = join(dir, 'db/t.duckdb');

function write(): string {
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'units.csv'), csv([['单位编码', '单位名称'], ['D1', '办公室']]));
  writeFileSync(join(data, 'att-parts.csv'), csv([
    ['单位名称', '工号', '日期', '学习形式', '时长（小时）', '时长（分钟）', '出勤情况'],
    ['办公室', '1', '2024-03-01', '集中学习', '1', '30', '出席'],       // row 2: parts → 1.5 h
    ['办公室', '1', '2024-03-02', '集中学习', '1.5', '90', '出席'],     // row 3: the same duration twice → 1.5 h
    ['办公室', '1', '2024-03-03', '集中学习', '2', '120', '出席'],      // row 4: the same twice → 2 h
    ['办公室', '1', '2024-03-04', '集中学习', '', '45', '出席'],        // row 5: minutes only → 0.75 h
    ['办公室', '1', '2024-03-05', '集中学习', '2', '', '出席'],         // row 6: hours only → 2 h
    ['办公室', '1', '2024-03-06', '集中学习', '2', '90', '出席'],       // row 7: 2 h against 1.5 h → hours_conflict
    ['办公室', '1', '2024-03-07', '集中学习', '1.5', '30', '出席'],     // row 8: not whole hours + minutes → hours_conflict
  ]));
  writeFileSync(join(data, 'att-minutes.csv'), csv([
    ['单位名称', '工号', '日期', '学习形式', '时长（分钟）', '出勤情况'],
    ['办公室', '2', '2024-04-01', '党课', '90', '出席'],                // row 2: 1.5 h
    ['办公室', '2', '2024-04-02', '党课', '1.5小时', '出席'],           // row 3: says hours → 1.5 h
    ['办公室', '2', '2024-04-03', '党课', '半天', '出席'],              // row 4: 4 h
    ['办公室', '2', '2024-04-04', '党课', '2h', '出席'],                // row 5: 2 h
    ['办公室', '2', '2024-04-05', '党课', '一个半钟头', '出席'],        // row 6: bad_hours (was a crash)
  ]));
  writeFileSync(join(data, 'att-forms.csv'), csv([
    ['单位名称', '工号', '日期', '学习形式', '时长（小时）', '出勤情况'],
    ['办公室', '3', '2024-05-01', '支部大会', '1', '出席'],             // row 2: stored as 党员大会, noted
    ['办公室', '3', '2024-05-02', '理论学习中心组学习', '2', '出席'],   // row 3: stored as 中心组学习, noted
    ['办公室', '3', '2024-05-03', '随便写的形式', '2', '出席'],         // row 4: loaded as written, noted as not counted
    ['办公室', '3', '2024-05-04', '随便写的形式', '1', '出席'],         // row 5: the same note (and 1 more)
    ['办公室', '3', '2024-05-05', '集中学习', '2', '出席'],             // row 6: a counted name: no note
  ]));
  // The same session sent twice: 缺席 in the first export, 补学 in the corrected one.
  writeFileSync(join(data, 'att-resend1.csv'), csv([
    ['单位名称', '工号', '日期', '学习形式', '学习内容', '时长（小时）', '出勤情况'],
    ['办公室', '5', '2024-07-01', '党课', '学习党章', '2', '缺席'],        // row 2: conflicts with resend2 row 3
    ['办公室', '6', '2024-07-01', '党课', '学习党章', '2', '出席'],        // row 3: the same in both files: a duplicate, no conflict
  ]));
  writeFileSync(join(data, 'att-resend2.csv'), csv([
    ['单位名称', '工号', '日期', '学习形式', '学习内容', '时长（小时）', '出勤情况'],
    ['办公室', '6', '2024-07-01', '党课', '学习党章', '2', '出席'],
    ['办公室', '5', '2024-07-01', '党课', '学习党章', '2', '补学'],
  ]));
  // A two-level 出勤情况 group: an Excel error under 出席 is no mark (it used to count as one: present).
  writeFileSync(join(data, 'att-choice.csv'), csv([
    ['单位名称', '工号', '日期', '学习形式', '出勤情况', ''],
    ['', '', '', '', '出席', '缺席'],
    ['办公室', '7', '2024-08-01', '党课', '#N/A', ''],       // row 3: cell_error
    ['办公室', '7', '2024-08-02', '党课', '', '√'],          // row 4: absent
  ]));
  writeFileSync(join(data, 'exams.csv'), csv([
    ['单位名称', '工号', '考试名称', '日期', '成绩', '满分'],
    ['办公室', '4', '测验一', '2024-06-01', '85分', '100'],              // row 2: 85
    ['办公室', '4', '测验二', '2024-06-02', '95%', '120'],              // row 3: percent_score
    ['办公室', '4', '测验三', '2024-06-03', '90', '100%'],              // row 4: percent_score (满分)
  ]));
  const pipeline = join(dir, 'pipeline.yaml');
  writeFileSync(pipeline, [`database: ${database}`, `data: ${data}`, `reports: ${join(dir, 'out')}`, 'keep_names: true', 'sources:',
    '  - {kind: units, files: units.csv}',
    '  - {kind: attendance, files: "att-*.csv", year: 2024}',
    '  - {kind: exams, files: exams.csv, year: 2024}', ''].join('\n'));
  return pipeline;
}

async function rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  const db = await openDb(database);
  try { return await db.all<T>(sql); } finally { db.close(); }
}

describe('durations, scores and session types as offices write them', () => {
  let s: IngestSummary;
  beforeAll(async () => {
    s = await ingest(loadPipeline(write()));
  }, 120_000);

  it('adds an hours and a minutes column when they are parts, keeps one when they agree, rejects a conflict', async () => {
    expect(await rows(`SELECT source_row, hours FROM attendance WHERE source_file LIKE '%parts.csv' ORDER BY source_row`)).toEqual([
      { source_row: 2, hours: 1.5 }, { source_row: 3, hours: 1.5 }, { source_row: 4, hours: 2 }, { source_row: 5, hours: 0.75 }, { source_row: 6, hours: 2 },
    ]);
    expect(await rows(`SELECT source_row, column_header, value, code FROM rejects WHERE source_file LIKE '%parts.csv' ORDER BY source_row`)).toEqual([
      { source_row: 7, column_header: '时长（分钟）', value: '90', code: 'hours_conflict' },
      { source_row: 8, column_header: '时长（分钟）', value: '30', code: 'hours_conflict' },
    ]);
  });

  it('reads a minutes cell that names another unit as it says, and rejects an unreadable one instead of failing the run', async () => {
    expect(await rows(`SELECT source_row, hours FROM attendance WHERE source_file LIKE '%minutes.csv' ORDER BY source_row`)).toEqual([
      { source_row: 2, hours: 1.5 }, { source_row: 3, hours: 1.5 }, { source_row: 4, hours: 4 }, { source_row: 5, hours: 2 },
    ]);
    expect(await rows(`SELECT source_row, column_header, value, code FROM rejects WHERE source_file LIKE '%minutes.csv'`)).toEqual([
      { source_row: 6, column_header: '时长（分钟）', value: '一个半钟头', code: 'bad_hours' },
    ]);
  });

  it('rejects an Excel error under a two-level choice group instead of taking it for a mark', async () => {
    expect(await rows(`SELECT source_row, status FROM attendance WHERE source_file LIKE '%att-choice.csv'`)).toEqual([{ source_row: 4, status: 'absent' }]);
    expect(await rows(`SELECT source_row, column_header, value, code FROM rejects WHERE source_file LIKE '%att-choice.csv'`)).toEqual([
      { source_row: 3, column_header: '出勤情况', value: '#N/A', code: 'cell_error' },
    ]);
  });

  it('rejects a score or full mark written as a percentage, naming the cell as written', async () => {
    expect(await rows(`SELECT source_row, score FROM exams ORDER BY source_row`)).toEqual([{ source_row: 2, score: 85 }]);
    expect(await rows(`SELECT source_row, column_header, value, code FROM rejects WHERE source_file LIKE '%exams.csv' ORDER BY source_row`)).toEqual([
      { source_row: 3, column_header: '成绩', value: '95%', code: 'percent_score' },
      { source_row: 4, column_header: '满分', value: '100%', code: 'percent_score' },
    ]);
  });

  it('stores an everyday name of a counted 学习形式 under that type and says so; warns about a type no metric counts', async () => {
    expect(await rows(`SELECT source_row, session_type FROM attendance WHERE source_file LIKE '%forms.csv' ORDER BY source_row`)).toEqual([
      { source_row: 2, session_type: '党员大会' }, { source_row: 3, session_type: '中心组学习' },
      { source_row: 4, session_type: '随便写的形式' }, { source_row: 5, session_type: '随便写的形式' }, { source_row: 6, session_type: '集中学习' },
    ]);
    const notes = s.issues.filter((i) => i.code.startsWith('session_type')).map((i) => [i.code, i.row]).sort();
    expect(notes).toEqual([['session_type_synonym', 2], ['session_type_synonym', 3], ['session_type_uncounted', 4]]);
    const uncounted = s.issues.find((i) => i.code === 'session_type_uncounted')!;
    expect(uncounted.message).toContain('“随便写的形式”');
    expect(uncounted.message).toContain('等 2 行');
    expect(uncounted.file).toMatch(/forms\.csv$/);
    expect(s.issues.find((i) => i.code === 'session_type_synonym' && i.row === 2)!.message).toContain('“支部大会”按“党员大会”计');
  });

  it('warns when the same person and session loads twice with another status, naming both rows, also across runs', async () => {
    const found = s.issues.filter((i) => i.code === 'conflicting_rows');
    expect(found.map((i) => [i.file!.replace(/.*\//, ''), i.row])).toEqual([['att-resend2.csv', 3]]);
    expect(found[0].message).toMatch(/att-resend1\.csv:2 与 .*att-resend2\.csv:3/);
    // A correction sent in a later run: the earlier run's row is named.
    writeFileSync(join(data, 'att-resend3.csv'), csv([
      ['单位名称', '工号', '日期', '学习形式', '学习内容', '时长（小时）', '出勤情况'],
      ['办公室', '3', '2024-05-05', '集中学习', '', '1.5', '出席'],   // att-forms.csv row 6 said 2 h
    ]));
    const again = await ingest(loadPipeline(join(dir, 'pipeline.yaml')));
    const later = again.issues.filter((i) => i.code === 'conflicting_rows');
    expect(later.map((i) => [i.file!.replace(/.*\//, ''), i.row])).toEqual([['att-resend3.csv', 2]]);
    expect(later[0].message).toMatch(/att-forms\.csv:6 与 .*att-resend3\.csv:2/);
  });
});
