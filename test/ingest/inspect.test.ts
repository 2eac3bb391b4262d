/** `inspect`: headers → columns (or unused, with the fix), header errors and the first rows, nothing written. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspect } from '../../src/ingest/inspect.js';
import { formatInspect } from '../../src/ingest/inspect-format.js';
import { loadPipeline } from '../../src/config/load-pipeline.js';
import { csv, writeBundle } from '../helpers/bundle.js';

function attendanceFile(rows = 12) {
  const dir = mkdtempSync(join(tmpdir(), 'ys-inspect-t-'));
  const path = join(dir, '考勤.csv');
  const data = Array.from({ length: rows }, (_, i) => [String(i + 1), '办公室', `10${i}`, '张三', `2024-03-${String(i + 1).padStart(2, '0')}`, '集中学习', ' 2 ', '李四']);
  writeFileSync(path, csv([['序号', '单位名称', '工号', '姓名', '日期', '学习形式', '时长', '主讲人员', '出勤状况'], ...data.map((r) => [...r, '出席'])]));
  return path;
}

describe('inspect one file', () => {
  it('guesses the kind, maps every header, points an unused one at the closest alias with the columns: line', async () => {
    const file = attendanceFile();
    const r = await inspect(file);
    expect(r.issues).toEqual([]);
    expect(r.tables).toHaveLength(1);
    const t = r.tables[0];
    expect(t).toMatchObject({ file, kind: 'attendance', kindGuessed: true, sheet: null, headerRow: 1 });
    expect(t.headers.map((h) => [h.letter, h.header, h.column])).toEqual([
      ['A', '序号', null], ['B', '单位名称', 'unit_name'], ['C', '工号', 'person_id'], ['D', '姓名', 'person_name'],
      ['E', '日期', 'date'], ['F', '学习形式', 'session_type'], ['G', '时长', 'hours'], ['H', '主讲人员', null], ['I', '出勤状况', null],
    ]);
    expect(t.headers[0].ignored).toBe(true);
    expect(t.headers[7].nearest).toMatchObject({ alias: '主讲人', column: 'presenter', columnsLine: 'presenter: [主讲人员]' });
    expect(t.headers[8].nearest).toMatchObject({ alias: '出勤情况', column: 'status', columnsLine: 'status: [出勤状况]' });
    // status is required and nothing claims it: the error ingest would stop on, pointing at column I.
    expect(t.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(['missing_column']);
    expect(t.issues[0].message).toContain('第 I 列“出勤状况”是否即此列');
    // The first 10 rows, cells as written (not trimmed).
    expect(t.sample).toHaveLength(10);
    expect(t.sample[0]).toEqual(['1', '办公室', '100', '张三', '2024-03-01', '集中学习', ' 2 ', '李四', '出席']);
    expect(t.sample[9][0]).toBe('10');
  });

  it('prints zh by default (column labels, not ids, outside the columns: line) and en on request', async () => {
    const r = await inspect(attendanceFile(), { kind: 'attendance' });
    const zh = formatInspect(r, 'zh');
    expect(zh).toContain('· 学习考勤 ==');
    expect(zh).toContain('表头在第 1 行');
    expect(zh).toMatch(/B\s+“单位名称”\s+→ 单位名称/);
    expect(zh).toMatch(/H\s+“主讲人员”\s+→ 未使用；最接近“主讲人”，如需读取，请在该数据源的 columns: 中加入  presenter: \[主讲人员\]/);
    expect(zh).toContain('前 10 行（原样）：');
    expect(zh).toContain('错误: 找不到列“出勤情况”');
    const mapping = zh.split('\n').filter((l) => l.includes('→') && !l.includes('columns:'));
    expect(mapping.length).toBe(7); // 9 headers, 2 of them with a columns: line
    for (const l of mapping) expect(l.replace('ignore:', '')).not.toMatch(/[a-z]{3,}/); // config keys are syntax
    const en = formatInspect(r, 'en');
    expect(en).toMatch(/B\s+“单位名称”\s+→ unit_name/);
    expect(en).toContain("closest alias “主讲人”: to read it, add under the source's columns:  presenter: [主讲人员]");
    expect(en).toContain('error: no column for “status”');
  });

  it('a duplicate header is shown as the error ingest would stop on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-inspect-d-'));
    const file = join(dir, 'x.csv');
    writeFileSync(file, csv([['单位名称', '日期', '学习形式', '出勤情况', '活动日期'], ['办公室', '2024-01-02', '自学', '出席', '2024-01-03']]));
    const [t] = (await inspect(file)).tables;
    expect(t.issues.map((i) => [i.severity, i.code])).toEqual([['error', 'duplicate_column']]);
    expect(formatInspect({ tables: [t], issues: [] })).toContain('共 1 个表，1 个有错误（载入时会停止）');
  });
});

describe('inspect a pipeline', () => {
  it('shows every file of every source and never creates the database', async () => {
    const b = writeBundle();
    const r = await inspect(b.pipeline);
    expect(r.tables.map((t) => t.kind)).toEqual(['units', 'unit_registry', 'members', 'unit_profile', 'attendance', 'exams', 'publications', 'research_reports']);
    expect(r.tables.every((t) => !t.kindGuessed)).toBe(true);
    // The GBK attendance file with a title row: header on row 2, decoded.
    const att = r.tables.find((t) => t.kind === 'attendance')!;
    expect(att.headerRow).toBe(2);
    expect(att.sample[0].slice(0, 3)).toEqual(['江海县支行', '1001', '张三']);
    expect(existsSync(loadPipeline(b.pipeline).database)).toBe(false);
  });
});

describe('yardstick inspect (CLI)', () => {
  it('--json prints the tables; a header error exits 1 (ingest would stop), a clean file 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-inspect-c-'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, csv([['单位名称', '日期', '学习形式', '出勤情况', '日期'], ['办公室', '2024-01-02', '自学', '出席', '2024-01-03']]));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'inspect', bad, '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.tables[0]).toMatchObject({ kind: 'attendance', headerRow: 1 });
    expect(out.tables[0].issues.map((i: { code: string }) => i.code)).toEqual(['duplicate_column']);
    const good = join(dir, 'good.csv');
    writeFileSync(good, csv([['单位名称', '日期', '学习形式', '出勤情况'], ['办公室', '2024-01-02', '自学', '出席']]));
    const ok = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'inspect', good, '--kind', 'attendance'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('共 1 个表，0 个有错误');
  });
});
