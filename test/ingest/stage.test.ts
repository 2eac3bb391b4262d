/**
 * The stage layer's behaviours on real exports (src/ingest/stage/): status marks per the
 * contract (shared/domain/metrics.md), two-level choice groups, footers in any column, cells
 * beyond the header, rejects showing the cell as written, inner-space and name-only rows
 * matched to the roster, and parents resolved by code and by name. Every expected value
 * below is written by hand from the rows in this file.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest, loadPipeline, openDb, type IngestSummary } from '../../src/index.js';
import { csv } from '../helpers/bundle.js';

const dir = mkdtempSync(join(tmpdir(), 'ys-stage-'));
const data = join(dir, 'data');
const database = join(dir, 'db/t.duckdb');

function write() {
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'units.csv'), csv([
    ['单位编码', '单位名称', '上级单位'],
    ['C0', '江海市中心支行', ''],
    ['A2', '东湖县支行', 'C0'],          // parent by code
    ['D1', '办公室', '江海市中心支行'],   // parent by name
    ['D9', '其他科', '不存在的处'],       // unknown parent: kept as written, with a warning
  ]));
  writeFileSync(join(data, 'roster.csv'), csv([
    ['工号', '姓名', '所在支部'],
    ['1001', '张三', '东湖县支行'],
    ['1002', '李四', '东湖县支行'],
    ['1003', '王五', '办公室'],
    ['1004', '王五', '办公室'],           // a second 王五 in the same unit
  ]));
  writeFileSync(join(data, 'att1.csv'), csv([
    ['序号', '单位名称', '工号', '姓名', '日期', '学习形式', '时长（小时）', '出勤情况'],
    ['1', '东湖县支行', '1001', '张三', '2024-03-05', '党课', '2', '✔'],          // row 2: present (U+2714)
    ['2', '东湖县支行', '', '张 三', '2024-03-06', '党课', '2', '✓'],             // row 3: present; 张三 → id:1001, noted
    ['3', '办公室', '', '王五', '2024-03-07', '党课', '2', '○'],                  // row 4: absent; two 王五: name:王五, noted
    ['4', '东湖县支行', '', '李四', '2024-03-08', '党课', '2', '✓(补学)'],        // row 5: present; 李四 → id:1002; note
    ['5', '东湖县支行', '1001', '张三', '2024-03-09', '党课', '2', '✘'],          // row 6: absent
    ['6', '东湖县支行', '1001', '张三', '2024-03-10', '党课', '2', '☑'],          // row 7: present
    ['7', '　东湖县支行x', '1001', '张三', '2024-03-11', '党课', '2', '出席'],    // row 8: unknown_unit, as written
    ['8', '东湖县支行', '1001', '张三', '２０２４-13-01', '党课', '2', '出席'],    // row 9: bad_date, as written
    ['9', '东湖县支行', '1001', '张三', '2024-03-12', '党课', '2', '出席', '多余', '', '又一格'], // row 10: extra_cells
    ['合计', '', '', '', '', '', '14', ''],                                       // row 11: footer_row (序号 column)
    ['', '', '', '', '', '制表人：王五', '', ''],                                 // row 12: footer_row (another column)
  ]));
  writeFileSync(join(data, 'att2.csv'), csv([
    ['单位名称', '工号', '姓名', '日期', '学习形式', '出勤情况', '', ''],
    ['', '', '', '', '', '出席', '缺席', '请假'],
    ['东湖县支行', '1001', '张三', '2024-04-01', '党课', '√', '', ''],    // row 3: present
    ['东湖县支行', '1001', '张三', '2024-04-02', '党课', '', '√', ''],    // row 4: absent
    ['东湖县支行', '1001', '张三', '2024-04-03', '党课', '', '', '√'],    // row 5: leave
    ['东湖县支行', '1001', '张三', '2024-04-04', '党课', '√', '√', ''],   // row 6: ambiguous_choice
    ['东湖县支行', '1001', '张三', '2024-04-05', '党课', '×', '', '√'],   // row 7: leave (× is no mark)
    ['东湖县支行', '1001', '张三', '2024-04-06', '党课', '', '', ''],     // row 8: missing_value (no mark)
  ]));
  writeFileSync(join(data, 'att3.csv'), csv([
    ['单位名称', '工号', '姓名', '日期', '学习形式', '时长（小时）', '出勤情况'],
    ['东湖县支行', '1002.0', '李四', '2024-05-01', '党课', '2', '出席'],   // row 2: id saved as a number → id:1002, no note
    ['东湖县支行', '9999', '赵六', '2024-05-02', '党课', '2', '出席'],     // row 3: id no member has → person_not_in_roster
    ['东湖县支行', '9999', '赵六', '2024-05-03', '党课', '2', '出席'],     // row 4: the same note (等 2 行)
    ['东湖县支行', '', '孙七', '2024-05-04', '党课', '2', '出席'],         // row 5: name no member of the unit has → noted
    ['东湖县支行', '', '李四', '2024-05-05', '党课', '2', '出席'],         // row 6: name of a member → id:1002, no note
  ]));
  const pipeline = join(dir, 'pipeline.yaml');
  writeFileSync(pipeline, [`database: ${database}`, `data: ${data}`, `reports: ${join(dir, 'out')}`, 'keep_names: true', 'sources:',
    '  - {kind: units, files: units.csv}', '  - {kind: members, files: roster.csv}',
    '  - {kind: attendance, files: "att*.csv", year: 2024}', ''].join('\n'));
  return pipeline;
}

async function rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  const db = await openDb(database);
  try { return await db.all<T>(sql); } finally { db.close(); }
}

describe('the stage layer on real-export dirt', () => {
  let s: IngestSummary;
  beforeAll(async () => {
    s = await ingest(loadPipeline(write()));
  }, 120_000);

  it('reads status marks per the contract and keys name-only rows through the roster', async () => {
    const loaded = await rows(`SELECT source_row, status, member_key FROM attendance WHERE source_file LIKE '%att1.csv' ORDER BY source_row`);
    expect(loaded).toEqual([
      { source_row: 2, status: 'present', member_key: 'id:1001' },
      { source_row: 3, status: 'present', member_key: 'id:1001' },
      { source_row: 4, status: 'absent', member_key: 'name:王五' },
      { source_row: 5, status: 'present', member_key: 'id:1002' },
      { source_row: 6, status: 'absent', member_key: 'id:1001' },
      { source_row: 7, status: 'present', member_key: 'id:1001' },
    ]);
    expect(s.files.find((f) => f.path.endsWith('att1.csv'))).toMatchObject({ read: 11, loaded: 6, rejected: 5, duplicate: 0, blank: 0 });
  });

  it('rejects with the cell as written: one footer_row per footer (any column), extra_cells naming the extra cells', async () => {
    expect(await rows(`SELECT source_row, column_header, value, code FROM rejects WHERE source_file LIKE '%att1.csv' ORDER BY source_row`)).toEqual([
      { source_row: 8, column_header: '单位名称', value: '　东湖县支行x', code: 'unknown_unit' },
      { source_row: 9, column_header: '日期', value: '２０２４-13-01', code: 'bad_date' },
      { source_row: 10, column_header: '', value: '多余 | 又一格', code: 'extra_cells' },
      { source_row: 11, column_header: '', value: '合计', code: 'footer_row' },
      { source_row: 12, column_header: '', value: '制表人：王五', code: 'footer_row' },
    ]);
  });

  it('reads a two-level 出勤情况 group as the status of its marked cell; two marks or none reject the row', async () => {
    expect(await rows(`SELECT source_row, status FROM attendance WHERE source_file LIKE '%att2.csv' ORDER BY source_row`)).toEqual([
      { source_row: 3, status: 'present' }, { source_row: 4, status: 'absent' }, { source_row: 5, status: 'leave' }, { source_row: 7, status: 'leave' },
    ]);
    expect(await rows(`SELECT source_row, column_header, value, code FROM rejects WHERE source_file LIKE '%att2.csv' ORDER BY source_row`)).toEqual([
      { source_row: 6, column_header: '出勤情况', value: '出席=√ | 缺席=√', code: 'ambiguous_choice' },
      { source_row: 8, column_header: '出勤情况', value: null, code: 'missing_value' },
    ]);
  });

  it('says which names were normalised or ambiguous and which statuses carried a note', () => {
    const notes = s.issues.filter((i) => ['name_normalised', 'name_ambiguous', 'status_note'].includes(i.code)).map((i) => [i.code, i.row]);
    expect(notes.sort()).toEqual([['name_ambiguous', 4], ['name_normalised', 3], ['status_note', 5]]);
    expect(s.issues.find((i) => i.code === 'name_normalised')!.message).toContain('“张 三”');
    expect(s.issues.find((i) => i.code === 'name_ambiguous')!.message).toContain('2');
  });

  it('resolves parents by code and by name in the unit model; an unknown parent is kept and warned about', async () => {
    expect(await rows(`SELECT unit_id, parent_id FROM units ORDER BY unit_id`)).toEqual([
      { unit_id: 'A2', parent_id: 'C0' }, { unit_id: 'C0', parent_id: null }, { unit_id: 'D1', parent_id: 'C0' }, { unit_id: 'D9', parent_id: '不存在的处' },
    ]);
    expect(s.issues.filter((i) => i.code === 'unknown_parent').map((i) => i.row)).toEqual([5]);
  });

  it('keys an id saved as a number (1002.0) as the id, and notes a person the roster does not know, by id or by name', async () => {
    expect(await rows(`SELECT source_row, member_key FROM attendance WHERE source_file LIKE '%att3.csv' ORDER BY source_row`)).toEqual([
      { source_row: 2, member_key: 'id:1002' }, { source_row: 3, member_key: 'id:9999' }, { source_row: 4, member_key: 'id:9999' },
      { source_row: 5, member_key: 'name:孙七' }, { source_row: 6, member_key: 'id:1002' },
    ]);
    const notes = s.issues.filter((i) => i.code === 'person_not_in_roster' && i.file!.endsWith('att3.csv'));
    expect(notes.map((i) => [i.row, /“([^”]+)”/.exec(i.message)![1]])).toEqual([[3, '9999'], [5, '孙七']]);
    expect(notes[0].message).toContain('等 2 行');
    // att1.csv's rows are all roster members (or ambiguous between two): no such note there.
    expect(s.issues.filter((i) => i.code === 'person_not_in_roster' && i.file!.endsWith('att1.csv'))).toEqual([]);
  });
});
