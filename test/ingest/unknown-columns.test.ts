/**
 * Intake never misreads silently: every column whose header no alias of its kind
 * knows is reported with file, header row and column (letter, number, text), in the
 * run summary and in the ingest_warnings table; `columns:` and `ignore:` silence it,
 * and 序号/备注 are never reported.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest, loadPipeline, openDb, type IngestSummary } from '../../src/index.js';
import { columnLetter, editDistance, mapHeaders, unknownColumnWarnings } from '../../src/ingest/map-headers.js';
import { formatIngestSummary } from '../../src/ingest/status.js';
import type { Kind } from '../../src/domain/kinds.js';
import { csv, writeBundle, type Bundle } from '../helpers/bundle.js';

const ATTENDANCE = ['单位名称', '工号', '姓名', '日期', '学习形式', '时长', '出勤情况'];

function warningsFor(kind: Kind, headers: string[], source: { columns?: Record<string, string[]>; ignore?: string[] } = {}, sheet: string | null = null) {
  const where = { file: 'data/2024/考勤.csv', sheet, headerRow: 2 };
  const columns = source.columns ?? {};
  const { map } = mapHeaders(kind, headers, columns, where);
  return unknownColumnWarnings(kind, headers, map, { columns, ignore: source.ignore }, where);
}

describe('unknown column warnings', () => {
  it('Excel column letters: A, Z, AA, AZ, BA', () => {
    expect([0, 25, 26, 51, 52].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA']);
  });

  it('edit distance counts single-character edits', () => {
    expect(editDistance('出勤状况', '出勤情况')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('names the file, header row and column (letter, number, text) of a header no alias knows', () => {
    const w = warningsFor('attendance', [...ATTENDANCE, '学习心得']);
    expect(w).toHaveLength(1);
    // 学习心得 is the 8th column: H.
    expect(w[0]).toMatchObject({ severity: 'warning', code: 'unknown_column', file: 'data/2024/考勤.csv', row: 2, column: 8 });
    expect(w[0].message).toContain('data/2024/考勤.csv');
    expect(w[0].message).toContain('表头第 2 行第 H 列（第 8 列）“学习心得”');
    expect(w[0].message).toContain('header row 2, column H (#8) “学习心得”');
    expect(w[0].message).toContain('ignore:');
    expect(w[0].message).not.toContain('Did you mean'); // no alias is near
  });

  it('an XLSX sheet is named with its file', () => {
    const [w] = warningsFor('attendance', [...ATTENDANCE, '学习心得'], {}, '第一季度');
    expect(w.file).toBe('data/2024/考勤.csv[第一季度]');
  });

  it('suggests the nearest alias of a column not yet found, without applying it', () => {
    // 主讲人员 contains the alias 主讲人 (presenter); 联学单位名称 contains 联学单位 (partner_unit).
    const headers = [...ATTENDANCE, '主讲人员', '联学单位名称'];
    const w = warningsFor('attendance', headers);
    expect(w.map((i) => i.column)).toEqual([8, 9]);
    expect(w[0].message).toContain('Did you mean “主讲人” (presenter)?');
    expect(w[0].message).toContain('presenter: [主讲人员]');
    expect(w[1].message).toContain('Did you mean “联学单位” (partner_unit)?');
    const { map } = mapHeaders('attendance', headers, {}, { file: 'x', sheet: null, headerRow: 1 });
    expect(map.columns.has('presenter')).toBe(false);
  });

  it('says nothing of 序号 and 备注, of `ignore:` headers, or of headers given under `columns:`', () => {
    expect(warningsFor('attendance', ['序号', ...ATTENDANCE, '备注', '（备注）'])).toEqual([]);
    expect(warningsFor('attendance', [...ATTENDANCE, '学习心得'], { ignore: ['学习心得'] })).toEqual([]);
    expect(warningsFor('attendance', [...ATTENDANCE, '学习心得'], { columns: { topic: ['学习心得'] } })).toEqual([]);
  });

  it('a second column with a known header is an error of mapHeaders, not an unknown-column warning', () => {
    const headers = [...ATTENDANCE, '活动日期'];
    expect(warningsFor('attendance', headers)).toEqual([]);
    const { issues } = mapHeaders('attendance', headers, {}, { file: 'x.csv', sheet: null, headerRow: 2 });
    expect(issues.map((i) => [i.severity, i.code, i.column])).toEqual([['error', 'duplicate_column', 8]]);
  });

  it('a unit-profile column that is no named metric is reported as loaded under its header text', () => {
    const w = warningsFor('unit_profile', ['单位名称', '年度', '党员人数', '志愿服务时长', '序号']);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ code: 'unknown_column', column: 4 });
    expect(w[0].message).toContain('loaded as a metric named after its header');
  });

  it('a missing required column points at the unread column that looks like it', () => {
    const headers = ['单位名称', '日期', '学习形式', '出勤状况'];
    const { issues } = mapHeaders('attendance', headers, {}, { file: 'a.csv', sheet: null, headerRow: 1 });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'missing_column', file: 'a.csv', row: 1 });
    expect(issues[0].message).toContain('第 D 列“出勤状况”是否即此列');
    expect(issues[0].message).toContain('is column D “出勤状况” this one?');
  });
});

describe('unknown columns through a real ingest', () => {
  let b: Bundle;
  let s: IngestSummary;
  let pubs: string;
  let profile: string;
  const rows = async <T>(sql: string): Promise<T[]> => {
    const db = await openDb(loadPipeline(b.pipeline).database);
    try {
      return await db.all<T>(sql);
    } finally {
      db.close();
    }
  };
  beforeAll(async () => {
    b = writeBundle();
    pubs = join(b.data, '2024/论文.csv');
    // A row number in front and a reviewer's column at the end (H, the 8th).
    writeFileSync(pubs, csv([
      ['序号', '单位名称', '作者', '题目', '刊物名称', '刊物级别', '发表时间', '审核意见'],
      ['1', '办公室', '王五', '论学习', '金融时报', 'CSSCI', '2024-07-01', '同意'],
    ]));
    // The profile gains a numeric column no metric is named for (loaded under its header) and a text one.
    profile = join(b.data, '2024/单位概况.csv');
    writeFileSync(profile, csv([
      ['单位名称', '党员人数', '志愿服务时长', '联系人', '备注'],
      ['江海区支行', '20', '120', '张三', '无'],
      ['办公室', '8', '30', '王五', ''],
    ]));
    s = await ingest(loadPipeline(b.pipeline));
  });

  it('the summary names the file, row and column; 序号 and the profile’s 备注 stay quiet', () => {
    const unknown = s.issues.filter((i) => i.code === 'unknown_column' && i.file === pubs);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ file: pubs, row: 1, column: 8 });
    const text = formatIngestSummary(s);
    expect(text).toContain(`警告 warning: ${pubs}:1:8 ${pubs}：表头第 1 行第 H 列（第 8 列）“审核意见”`);
    expect(s.issues.some((i) => /序号|备注/.test(i.message))).toBe(false);
    expect(readFileSync(pubs, 'utf8')).toContain('审核意见'); // the file itself is untouched
  });

  it('a profile column no metric is named for gets one warning: loaded under its header if numeric, else the text-column warning', async () => {
    const mine = s.issues.filter((i) => i.file === profile).sort((a, b) => a.code.localeCompare(b.code));
    expect(mine.map((i) => [i.code, i.column])).toEqual([['profile_text_column', '联系人'], ['unknown_column', 3]]);
    expect(mine[1].message).toContain('column C (#3) “志愿服务时长” is no known profile metric');
    expect(await rows(`SELECT unit_id, value FROM unit_profile WHERE metric = '志愿服务时长' ORDER BY unit_id`)).toEqual([
      { unit_id: 'A1', value: 120 }, { unit_id: 'D1', value: 30 },
    ]);
  });

  it('is recorded in ingest_warnings with the column as letter and number, and the message in zh and en', async () => {
    const w = await rows<Record<string, unknown>>(`SELECT * EXCLUDE (run_id) FROM ingest_warnings WHERE code = 'unknown_column' AND source_file = '${pubs}'`);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ source_file: pubs, sheet: null, source_row: 1, column_ref: 'H (8)' });
    expect(w[0].message_zh).toContain('“审核意见”不是“论文发表”的已知列标题');
    expect(w[0].message_en).toContain('“审核意见” is not a known publications header');
    // The profile's 备注 is neither warned about nor loaded as a metric.
    expect(await rows(`SELECT * FROM unit_profile WHERE metric = '备注'`)).toEqual([]);
  });

  it('`ignore:` in the pipeline silences it, and the reload replaces the recorded warning', async () => {
    const text = readFileSync(b.pipeline, 'utf8').replace('files: "{year}/论文.csv"}', 'files: "{year}/论文.csv", ignore: [审核意见]}');
    writeFileSync(b.pipeline, text);
    const again = await ingest(loadPipeline(b.pipeline), { force: true });
    expect(again.issues.filter((i) => i.code === 'unknown_column' && i.file === pubs)).toEqual([]);
    expect(await rows(`SELECT * FROM ingest_warnings WHERE code = 'unknown_column' AND source_file = '${pubs}'`)).toEqual([]);
    // The profile's warning was recorded again with its reload (force), once.
    expect(await rows(`SELECT column_ref FROM ingest_warnings WHERE code = 'unknown_column'`)).toEqual([{ column_ref: 'C (3)' }]);
  });
});
