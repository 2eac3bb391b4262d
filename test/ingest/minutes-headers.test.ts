/**
 * A duration header that says minutes is read as minutes, and is never hinted to `hours:`:
 * following `hours: [学习时长（分钟）]` would load 20 minutes as 20 hours.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, loadPipeline, openDb } from '../../src/index.js';
import { durationUnit, mapHeaders, nearestAlias, unknownColumnWarnings } from '../../src/ingest/map-headers.js';
import { normaliseHeader } from '../../src/domain/kinds.js';
import { csv, writeBundle } from '../helpers/bundle.js';

const BASE = ['单位名称', '工号', '姓名', '日期', '学习形式', '出勤情况'];
const where = { file: '考勤.csv', sheet: null, headerRow: 1 };

describe('minutes headers', () => {
  it.each(['学习时长（分钟）', '学习时长(分钟)', '学时（分钟）', '时长（min）', '时长(分)', '时长（分）', '时长（分钟）'])(
    '%s is the minutes column', (header) => {
      const { map, issues } = mapHeaders('attendance', [...BASE, header], {}, where);
      expect(issues).toEqual([]);
      expect(map.columns.get('minutes')).toBe(6);
      expect(map.columns.has('hours')).toBe(false);
    });

  it('an unknown header naming minutes is hinted to minutes:, never hours:', () => {
    for (const [header, alias] of [['学习用时（分钟）', '学习时长(分钟)'], ['培训时长(分)', '时长(分)'], ['学时（min）', '学习时长(min)']]) {
      const [w] = unknownColumnWarnings('attendance', [...BASE, header], mapHeaders('attendance', [...BASE, header], {}, where).map, { columns: {} }, where);
      expect(w.message, header).toContain(`Did you mean “${alias}” (minutes)? If so, add minutes: [${header}]`);
      expect(w.message, header).not.toContain('hours:');
    }
  });

  it('one naming hours is hinted to hours:; one naming no unit keeps the nearest alias', () => {
    expect(nearestAlias(normaliseHeader('学习时长（时）'), 'attendance', {}, new Set())).toMatchObject({ column: 'hours', alias: '学习时长' });
    expect(nearestAlias(normaliseHeader('学习小时数'), 'attendance', {}, new Set())?.column).not.toBe('minutes');
    expect(nearestAlias(normaliseHeader('学习时长数'), 'attendance', {}, new Set())).toMatchObject({ column: 'hours' });
  });

  it('with the minutes column already found, a second minutes header gets no hours: hint', () => {
    const near = nearestAlias(normaliseHeader('学习用时（分钟）'), 'attendance', {}, new Set(['minutes']));
    expect(near?.column).not.toBe('hours');
    expect(near?.column).not.toBe('minutes');
  });

  it('durationUnit: 分钟, min, 时长（分） are minutes; 小时 hours; 学分 and 得分 nothing', () => {
    expect(['学习时长（分钟）', '时长(min)', '时长（分）', '学时(分)'].map((h) => durationUnit(normaliseHeader(h)))).toEqual(['minutes', 'minutes', 'minutes', 'minutes']);
    expect(['时长（小时）', 'hours'].map((h) => durationUnit(normaliseHeader(h)))).toEqual(['hours', 'hours']);
    expect(['学分', '得分', '时长'].map((h) => durationUnit(normaliseHeader(h)))).toEqual([undefined, undefined, undefined]);
  });

  it('an export with 学习时长（分钟） loads 90 as 1.5 hours', async () => {
    const b = writeBundle();
    writeFileSync(join(b.data, '2024/考勤分钟.csv'), csv([
      ['单位名称', '工号', '姓名', '日期', '学习形式', '学习时长（分钟）', '出勤情况'],
      ['办公室', '1003', '王五', '2024-09-10', '集中学习', '90', '出席'],   // row 2: 1.5 h
      ['办公室', '1003', '王五', '2024-09-11', '集中学习', '20', '出席'],   // row 3: 20 min = 1/3 h
    ]));
    writeFileSync(b.pipeline, `${readFileSync(b.pipeline, 'utf8')}  - {kind: attendance, files: 2024/考勤分钟.csv, year: 2024}\n`);
    const summary = await ingest(loadPipeline(b.pipeline));
    expect(summary.issues.filter((i) => i.code === 'unknown_column' && String(i.file).endsWith('考勤分钟.csv'))).toEqual([]);
    const db = await openDb(loadPipeline(b.pipeline).database);
    try {
      const rows = await db.all<{ source_row: number; hours: number }>(
        `SELECT source_row, round(hours, 4) AS hours FROM attendance WHERE source_file LIKE '%考勤分钟.csv' ORDER BY source_row`);
      expect(rows).toEqual([{ source_row: 2, hours: 1.5 }, { source_row: 3, hours: 0.3333 }]);
    } finally {
      db.close();
    }
  });
});
