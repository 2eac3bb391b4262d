import { existsSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest, loadPipeline, openDb, YardstickError, type IngestSummary } from '../../src/index.js';
import { csv, writeBundle, type Bundle } from '../helpers/bundle.js';

async function query<T = Record<string, unknown>>(b: Bundle, sql: string): Promise<T[]> {
  const db = await openDb(loadPipeline(b.pipeline).database);
  try {
    return await db.all<T>(sql);
  } finally {
    db.close();
  }
}

describe('ingest of a small dirty bundle', () => {
  let b: Bundle;
  let s: IngestSummary;
  beforeAll(async () => {
    b = writeBundle();
    s = await ingest(loadPipeline(b.pipeline));
  });

  it('accounts for every row of every file: read = loaded + rejected + duplicate', async () => {
    const rows = await query<{ source_file: string; rows_read: number; rows_loaded: number; rows_rejected: number; rows_duplicate: number }>(
      b, 'SELECT * FROM manifest ORDER BY source_file');
    expect(rows).toHaveLength(8);
    for (const r of rows) expect(r.rows_read).toBe(r.rows_loaded + r.rows_rejected + r.rows_duplicate);
    const att = rows.find((r) => r.source_file.endsWith('考勤.csv'))!;
    // 15 data lines, one blank: 14 read = 5 loaded + 1 duplicate + 8 rejected.
    expect(att).toMatchObject({ rows_read: 14, rows_loaded: 5, rows_duplicate: 1, rows_rejected: 8, rows_blank: 1 });
    expect(s.totals.read).toBe(rows.reduce((n, r) => n + r.rows_read, 0));
  });

  it('rejects each bad attendance row with file, row, header, value and a bilingual reason', async () => {
    const rej = await query<{ source_row: number; column_header: string; value: string; code: string; reason_zh: string; reason_en: string }>(
      b, `SELECT source_row, column_header, value, code, reason_zh, reason_en FROM rejects WHERE source_file LIKE '%考勤.csv' ORDER BY source_row`);
    expect(rej.map((r) => [r.source_row, r.code])).toEqual([
      [8, 'bad_date'], [9, 'date_outside_year'], [10, 'hours_out_of_range'], [11, 'bad_hours'],
      [12, 'bad_status'], [13, 'unknown_unit'], [14, 'unit_not_valid'], [17, 'footer_row'],
    ]);
    const status = rej.find((r) => r.code === 'bad_status')!;
    expect(status).toMatchObject({ column_header: '是否出勤', value: '待定' });
    expect(status.reason_zh).toContain('未知的出勤状态');
    expect(status.reason_en).toContain('unknown attendance status');
    const unknown = rej.find((r) => r.code === 'unknown_unit')!;
    expect(unknown).toMatchObject({ column_header: '单位名称', value: '办公室x' });
    expect(unknown.reason_zh).toMatch(/最接近的已知单位：办公室、/);
    expect(unknown.reason_en).toContain('closest known units: 办公室');
  });

  it('reads every date form, full-width digits and durations', async () => {
    const rows = await query<{ source_row: number; date: Date; hours: number; status: string; unit_id: string }>(
      b, `SELECT source_row, date, hours, status, unit_id FROM attendance ORDER BY source_row`);
    const iso = rows.map((r) => [r.source_row, r.date.toISOString().slice(0, 10), r.hours, r.status, r.unit_id]);
    expect(iso).toEqual([
      [3, '2024-03-05', 2, 'present', 'A1'],
      [4, '2024-09-05', 1.5, 'present', 'A2'],
      [5, '2024-04-01', 1.5, 'leave', 'A2'],
      [6, '2024-04-02', 1.5, 'absent', 'A2'],
      [16, '2024-05-01', 4, 'present', 'D1'],
    ]);
  });

  it('detects GBK and records the encoding', async () => {
    const [m] = await query<{ encoding: string }>(b, `SELECT encoding FROM manifest WHERE source_file LIKE '%考勤.csv'`);
    expect(m.encoding).toMatch(/gb/i);
  });

  it('pseudonymises people: no name or id appears in any staging table', async () => {
    const tables = ['members', 'attendance', 'exams', 'publications', 'research_reports'];
    for (const t of tables) {
      // SHA-256 digests left out: one may hold "1002" by chance (the key is random per database)
      const dump = JSON.stringify(await query(b, `SELECT * FROM ${t}`)).replace(/[0-9a-f]{64}/g, '<digest>');
      for (const name of ['张三', '李四', '王五', '1001', '1002']) expect(dump).not.toContain(name);
    }
    const keys = await query<{ n: number }>(b, `SELECT count(DISTINCT member_key) AS n FROM attendance`);
    expect(keys[0].n).toBe(3);
  });

  it('keeps the roster spans of a mover and a part-year member', async () => {
    const m = await query<{ unit_id: string; from_date: Date | null; to_date: Date | null; is_leader: boolean }>(
      b, `SELECT unit_id, from_date, to_date, is_leader FROM members ORDER BY source_row`);
    expect(m.map((r) => r.unit_id)).toEqual(['A1', 'A2', 'A2', 'D1']);
    expect(m[0].is_leader).toBe(true);
    expect(m[2].from_date?.toISOString().slice(0, 10)).toBe('2024-03-01');
  });

  it('turns profile columns into metrics, converting 万元 and yes/no flags, leaving 备注 unread', async () => {
    const p = await query<{ unit_id: string; metric: string; value: number }>(
      b, `SELECT unit_id, metric, value FROM unit_profile ORDER BY unit_id, metric`);
    expect(p).toEqual([
      { unit_id: 'A1', metric: 'has_study_plan', value: 1 }, { unit_id: 'A1', metric: 'members', value: 20 },
      { unit_id: 'A1', metric: 'study_budget', value: 15000 },
      { unit_id: 'D1', metric: 'has_study_plan', value: 1 }, { unit_id: 'D1', metric: 'members', value: 8 },
      { unit_id: 'D1', metric: 'study_budget', value: 5000 },
    ]);
    // 备注 is a known-ignored header (kinds.ts KNOWN_IGNORED): neither a metric nor a warning.
    expect(s.issues.some((i) => i.column === '备注' || i.message.includes('备注'))).toBe(false);
    const [r] = await query<{ code: string; column_header: string }>(b, `SELECT code, column_header FROM rejects WHERE kind = 'unit_profile'`);
    expect(r).toEqual({ code: 'bad_number', column_header: '党员人数' });
  });

  it('checks exams, publications and reports', async () => {
    const codes = await query<{ kind: string; code: string }>(b, `SELECT kind, code FROM rejects WHERE kind IN ('exams', 'publications', 'research_reports') ORDER BY kind, source_row`);
    expect(codes.map((c) => `${c.kind}:${c.code}`)).toEqual([
      'exams:score_out_of_range', 'exams:bad_full_mark', 'publications:bad_level', 'research_reports:bad_adoption',
    ]);
    const [pub] = await query<{ title: string; level: string }>(b, 'SELECT title, level FROM publications');
    expect(pub).toEqual({ title: '论学习, 与"实践"', level: 'national' });
    const rep = await query<{ adoption_level: string; is_leader: boolean }>(b, 'SELECT adoption_level, is_leader FROM research_reports ORDER BY source_row');
    expect(rep).toEqual([{ adoption_level: 'provincial', is_leader: true }, { adoption_level: 'none', is_leader: false }]);
  });

  it('writes rejects.csv with a BOM and one line per reject', async () => {
    const text = readFileSync(s.rejectsCsv, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [n] = await query<{ n: number }>(b, 'SELECT count(*) AS n FROM rejects');
    expect(text.trim().split('\n')).toHaveLength(n.n + 1);
    expect(text).toContain('待定');
  });

  it('re-running with unchanged files changes nothing', async () => {
    const before = await query(b, 'SELECT * EXCLUDE (loaded_at, run_id) FROM manifest ORDER BY source_file');
    const again = await ingest(loadPipeline(b.pipeline));
    expect(again.files).toHaveLength(0);
    expect(again.unchanged).toHaveLength(8);
    expect(await query(b, 'SELECT * EXCLUDE (loaded_at, run_id) FROM manifest ORDER BY source_file')).toEqual(before);
    expect(await query(b, 'SELECT count(*) AS n FROM attendance')).toEqual([{ n: 5 }]);
  });

  it('a changed file replaces only its own rows', async () => {
    const pubs = join(b.data, '2024/论文.csv');
    appendFileSync(pubs, csv([['办公室', '王五', '新文章', '学习时报', '省级', '2024-09-01']]));
    const again = await ingest(loadPipeline(b.pipeline));
    expect(again.files.map((f) => f.path)).toEqual([expect.stringContaining('论文.csv')]);
    expect(await query(b, 'SELECT count(*) AS n FROM publications')).toEqual([{ n: 2 }]);
    expect(await query(b, `SELECT count(*) AS n FROM rejects WHERE kind = 'publications'`)).toEqual([{ n: 1 }]);
    expect(await query(b, 'SELECT count(*) AS n FROM attendance')).toEqual([{ n: 5 }]);
  });

  it('a failing run leaves the database exactly as it was', async () => {
    const before = await query(b, 'SELECT * FROM manifest ORDER BY source_file');
    const att = join(b.data, '2024/考试.csv');
    const original = readFileSync(att);
    writeFileSync(att, csv([['单位名称', '工号', '姓名', '考试名称'], ['办公室', '1003', '王五', 'x']]));
    writeFileSync(join(b.data, '2024/论文.csv'), csv([['单位名称', '作者', '题目', '刊物名称', '刊物级别', '发表时间'], ['办公室', '王五', '三', '报', '市级', '2024-01-01']]));
    const err = await ingest(loadPipeline(b.pipeline)).catch((e) => e);
    expect(err).toBeInstanceOf(YardstickError);
    expect((err as YardstickError).issues[0]).toMatchObject({ code: 'missing_column' });
    expect((err as YardstickError).message).toContain('考试日期');
    expect(await query(b, 'SELECT * FROM manifest ORDER BY source_file')).toEqual(before);
    writeFileSync(att, original);
  });
});

describe('pipeline errors', () => {
  it('are located file:line:col', () => {
    const b = writeBundle();
    writeFileSync(b.pipeline, 'sources:\n  - kind: attendence\n    files: x.csv\n');
    const err = (() => { try { loadPipeline(b.pipeline); } catch (e) { return e as YardstickError; } })();
    expect(err).toBeInstanceOf(YardstickError);
    expect(err!.issues[0]).toMatchObject({ row: 2, column: 11, path: 'sources.0.kind' });
    expect(existsSync(join(b.dir, 'db'))).toBe(false);
  });
});
