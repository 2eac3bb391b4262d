/**
 * Through a real ingest: each file's header map is stored in the manifest and its
 * unused headers printed; a changed source definition reloads its files without
 * --force and says so; a duplicate header stops the run and changes nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest, loadPipeline, openDb, type IngestSummary } from '../../src/index.js';
import { formatIngestSummary } from '../../src/ingest/status.js';
import { isYardstickError } from '../../src/errors.js';
import { csv, writeBundle, type Bundle } from '../helpers/bundle.js';

async function query<T>(b: Bundle, sql: string): Promise<T[]> {
  const db = await openDb(loadPipeline(b.pipeline).database, { readOnly: true });
  try {
    return await db.all<T>(sql);
  } finally {
    db.close();
  }
}

describe('header maps through ingest', () => {
  let b: Bundle;
  let s: IngestSummary;
  let pubs: string;
  beforeAll(async () => {
    b = writeBundle();
    // The unit list names its code column 单位编号 (was unread: the name became the id).
    const units = join(b.data, 'ref/units.csv');
    writeFileSync(units, readFileSync(units, 'utf8').replace('单位编码', '单位编号'));
    pubs = join(b.data, '2024/论文.csv');
    writeFileSync(pubs, csv([
      ['序号', '单位名称', '作者', '题目', '刊物名称', '刊物级别', '发表时间', '审核意见'],
      ['1', '办公室', '王五', '论学习', '金融时报', 'CSSCI', '2024-07-01', '同意'],
    ]));
    s = await ingest(loadPipeline(b.pipeline));
  });

  it('单位编号 is the unit code: ids are the codes and names stay names', async () => {
    expect(await query(b, 'SELECT unit_id, name FROM units ORDER BY unit_id')).toEqual([
      { unit_id: 'A1', name: '江海区支行' }, { unit_id: 'A2', name: '东湖县支行' }, { unit_id: 'C0', name: '江海市中心支行' },
      { unit_id: 'D1', name: '办公室' }, { unit_id: 'D2', name: '金融科技科' },
    ]);
  });

  it('the manifest holds every header of every file and what it became', async () => {
    const rows = await query<{ source_file: string; header_map: string }>(b, 'SELECT source_file, header_map FROM manifest');
    expect(rows).toHaveLength(8);
    const map = (file: string) => JSON.parse(rows.find((r) => r.source_file === file)!.header_map);
    expect(map(pubs)).toEqual([{ sheet: null, header_row: 1, headers: [
      { header: '序号', column: null, ignored: true }, { header: '单位名称', column: 'unit_name' }, { header: '作者', column: 'author' },
      { header: '题目', column: 'title' }, { header: '刊物名称', column: 'venue' }, { header: '刊物级别', column: 'level' },
      { header: '发表时间', column: 'date' }, { header: '审核意见', column: null },
    ] }]);
    // The GBK attendance file has a title row: its header is on row 2.
    const att = map(join(b.data, '2024/考勤.csv'));
    expect(att[0].header_row).toBe(2);
    expect(att[0].headers.map((h: { column: string | null }) => h.column)).toEqual(['unit_name', 'person_id', 'person_name', 'date', 'session_type', 'hours', 'status']);
  });

  it('the summary prints each file\'s unused headers (序号 is not one)', () => {
    const text = formatIngestSummary(s);
    expect(text).toContain(`未使用的列 unused headers: ${pubs}: H“审核意见”`);
    expect(text.split('\n').filter((l) => l.startsWith('未使用的列'))).toHaveLength(1);
  });

  it('a changed source definition reloads only its files, without --force, and says so', async () => {
    writeFileSync(b.pipeline, readFileSync(b.pipeline, 'utf8').replace('files: "{year}/论文.csv"}', 'files: "{year}/论文.csv", ignore: [审核意见]}'));
    const again = await ingest(loadPipeline(b.pipeline));
    expect(again.files.map((f) => f.path)).toEqual([pubs]);
    expect(again.reconfigured).toEqual([pubs]);
    expect(formatIngestSummary(again)).toContain('配置已变更，重新载入 1 个文件 / source definition changed: reloading 1 files');
    const [row] = await query<{ header_map: string }>(b, `SELECT header_map FROM manifest WHERE source_file = '${pubs}'`);
    expect(JSON.parse(row.header_map)[0].headers[7]).toEqual({ header: '审核意见', column: null, ignored: true });
    const third = await ingest(loadPipeline(b.pipeline));
    expect(third.files).toEqual([]);
    expect(third.reconfigured).toEqual([]);
    expect(formatIngestSummary(third)).not.toContain('配置已变更');
  });

  it('a duplicate header stops the run naming both columns, and the database is as before', async () => {
    const before = await query(b, 'SELECT source_file, sha256, rows_loaded FROM manifest ORDER BY source_file');
    writeFileSync(pubs, csv([
      ['单位名称', '作者', '题目', '刊物名称', '刊物级别', '发表时间', '发表日期'],
      ['办公室', '王五', '论学习', '金融时报', 'CSSCI', '2024-07-01', '2024-07-02'],
    ]));
    const e = await ingest(loadPipeline(b.pipeline)).catch((x: unknown) => x);
    expect(isYardstickError(e)).toBe(true);
    if (!isYardstickError(e)) return;
    const dup = e.issues.find((i) => i.code === 'duplicate_column')!;
    expect(dup).toMatchObject({ severity: 'error', file: pubs, row: 1, column: 7 });
    expect(dup.message).toContain('第 F 列“发表时间”与第 G 列“发表日期”都是“发表时间”列');
    expect(await query(b, 'SELECT source_file, sha256, rows_loaded FROM manifest ORDER BY source_file')).toEqual(before);
  });
});
