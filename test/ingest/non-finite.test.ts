/**
 * DuckDB's DOUBLE accepts '1e999', 'inf' and 'NaN'. No export means them, and one of them in a profile
 * or an exam would poison every sum and rate, so they are refused at read like any non-number, with
 * the file, row and column.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, loadPipeline, openDb } from '../../src/index.js';
import { csv, writeBundle } from '../helpers/bundle.js';

describe('non-finite numbers at ingest', () => {
  it('rejects 1e999, inf and NaN in numeric cells, located', async () => {
    const b = writeBundle();
    writeFileSync(join(b.data, '2024/单位概况.csv'), csv([
      ['单位名称', '党员人数', '学习经费（万元）', '年度学习计划'],
      ['江海区支行', '20', '1e999', '是'],   // row 2: rejected, bad_number on 学习经费
      ['东湖县支行', 'inf', '0.8', '否'],    // row 3: rejected, bad_number on 党员人数
      ['办公室', '8', '1e200', '有'],        // row 4: loaded (finite, however large)
    ]));
    writeFileSync(join(b.data, '2024/考试.csv'), csv([
      ['单位名称', '工号', '姓名', '考试名称', '考试日期', '成绩', '满分', '考试次数'],
      ['办公室', '1003', '王五', '党章测试', '2024-06-01', 'NaN', '100', '首次'],   // row 2: rejected
      ['办公室', '1003', '王五', '强国答题', '2024-06-20', '9', '1e999', ''],       // row 3: rejected
    ]));
    await ingest(loadPipeline(b.pipeline));
    const db = await openDb(loadPipeline(b.pipeline).database);
    try {
      const rejects = await db.all<{ file: string; row: number; col: string; value: string; code: string }>(
        `SELECT regexp_extract(source_file, '[^/]+$') AS file, source_row AS row, column_header AS col, value, code
         FROM rejects WHERE value IN ('1e999', 'inf', 'NaN') ORDER BY file, row`);
      expect(rejects).toEqual([
        { file: '单位概况.csv', row: 2, col: '学习经费（万元）', value: '1e999', code: 'bad_number' },
        { file: '单位概况.csv', row: 3, col: '党员人数', value: 'inf', code: 'bad_number' },
        { file: '考试.csv', row: 2, col: '成绩', value: 'NaN', code: 'bad_number' },
        { file: '考试.csv', row: 3, col: '满分', value: '1e999', code: 'bad_number' },
      ]);
      const budget = await db.one<{ v: number }>(
        `SELECT value AS v FROM unit_profile WHERE metric = 'study_budget' AND year = 2024 AND unit_id = 'D1'`);
      expect(budget?.v).toBe(1e200 * 10000);
    } finally {
      db.close();
    }
  });
});
