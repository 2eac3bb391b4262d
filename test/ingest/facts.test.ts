/**
 * The bulk fact path (build-fact-sql.ts, stage-facts.ts): values typed once per
 * distinct raw text, rows spooled, duplicates found by hash then confirmed on
 * the staging values.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, loadPipeline, openDb, YardstickError } from '../../src/index.js';
import { findDuplicateHashes } from '../../src/ingest/stage-facts.js';
import { buildDictionaries } from '../../src/ingest/fact-dictionaries.js';
import { COMBINED_MAX, packsFit, planFact } from '../../src/ingest/build-fact-sql.js';
import { ensureSchema, installMacros } from '../../src/store/schema.js';
import { buildUnitLookup } from '../../src/ingest/stage-units.js';
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

  it('stages the same rows when every row shares its hash with others (only the exact comparison decides)', async () => {
    const input = [
      ['东湖县支行', '1001', '张三', '2024-03-05', '党课', '学习党章', '1.5', '出席'],
      ['东湖县支行', '1001', '张三', '2024/3/5', '党课', '学习党章', '1.5小时', '是'], // the same after cleaning
      ['东湖县支行', '1001', '张三', '2024-03-05', '党课', '学习党章', '2', '出席'],
      ['东湖县支行', '1001', '张三', '2024-03-06', '党课', '学习党章', '1.5', '出席'],
      ['办公室', '1002', '李四', '2024-03-05', '党课', '学习党章', '1.5', '出席'],
      ['办公室', '1002', '李四', '2024-03-05', '党课', '学习党章', '1.5', '出席'], // the same as written
      ['办公室', '1002', '李四', '2024-03-05', '党课', '学习党章', '1.5', '待定'], // rejected
    ];
    const staged = async (hashBits?: number) => {
      const b = bundle({ 'att1.csv': input });
      const s = await ingest(loadPipeline(b.pipeline), { hashBits });
      return { file: s.files.find((f) => f.kind === 'attendance'), rows: await rows(b.database, 'SELECT * EXCLUDE (member_key, source_file) FROM attendance ORDER BY source_row') };
    };
    const [usual, colliding] = [await staged(), await staged(1)];
    expect(usual.file).toMatchObject({ read: 7, loaded: 4, duplicate: 2, rejected: 1 });
    expect(colliding.file).toMatchObject({ read: 7, loaded: 4, duplicate: 2, rejected: 1 });
    expect(colliding.rows).toEqual(usual.rows);
    expect(usual.rows.map((r) => r.source_row)).toEqual([2, 4, 5, 6]);
  });

  it('counts a row already staged from another file as a duplicate, however it is written', async () => {
    const row = ['办公室', '1002', '李四', '2024-04-01', '中心组学习', '学习二十大报告', '3', '出席'];
    const sameValues = ['办公室 ', '１００２', '李四', '2024年4月1日', '中心组学习', '学习二十大报告', '3小时', '√'];
    const other = [...row.slice(0, 6), '2', '出席'];
    // With a 1-bit hash every row is a candidate against every staged row: only the full comparison decides.
    // In one run the first file's rows are held (stage-facts.ts, HeldRows); in two runs they are staged.
    for (const [hashBits, twoRuns] of [[undefined, false], [1, false], [undefined, true], [1, true]] as const) {
      const b = bundle({ 'att1.csv': [row, ['东湖县支行', '1001', '张三', '2024-04-01', '党课', '学习党章', '1', '出席']], 'att2.csv': [row, sameValues, other] });
      const att2 = join(dirname(b.pipeline), 'data/att2.csv');
      const kept = readFileSync(att2);
      if (twoRuns) {
        rmSync(att2);
        await ingest(loadPipeline(b.pipeline), { hashBits });
        writeFileSync(att2, kept);
      }
      const s = await ingest(loadPipeline(b.pipeline), { hashBits });
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

  it('gives each value column its own dictionary when their combinations are too many to share one, with the same results', async () => {
    // 20,050 sessions with distinct topics: more combinations than COMBINED_MAX.
    const many = Array.from({ length: COMBINED_MAX + 50 }, (_, i) =>
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

  it('refuses a file where a packed cell holds the separator U+001F, naming the row and columns', async () => {
    const ok = ['东湖县支行', '1001', '张三', '2024-03-05', '党课', '学习党章', '1.5', '出席'];
    const bad = ['东湖县支行', '1001', '张三', '2024-03-06', '党课', '学习\x1f党章', '1.5', '出席'];
    // Among the first rows (checked against the JS parse), and far below them (checked per distinct value).
    const cases: [string[][], number][] = [[[ok, bad], 3], [[...Array<string[]>(200).fill(ok), bad], 202]];
    for (const [input, row] of cases) {
      const b = bundle({ 'att1.csv': input });
      const e = await ingest(loadPipeline(b.pipeline)).then(() => undefined, (x: unknown) => x);
      expect(e).toBeInstanceOf(YardstickError);
      const issue = (e as YardstickError).issues[0];
      expect(issue).toMatchObject({ code: 'control_character', row });
      expect(issue.message).toContain('学习形式 / 学习内容 / 时长（小时） / 出勤情况');
      expect(await rows(b.database, 'SELECT count(*) AS n FROM attendance')).toEqual([{ n: 0 }]); // nothing loaded
    }
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

describe('findDuplicateHashes', () => {
  it('finds the same repeated hashes whether it works in one slice or many', async () => {
    const db = await openDb(':memory:');
    try {
      await db.run(`CREATE TABLE r AS SELECT (i % 7 = 0) OR i < 3 AS ok, (hash(CASE WHEN i % 10 = 0 THEN 0 ELSE i END) >> 32)::UINTEGER AS h FROM range(1000) t(i)`);
      const found = async (sliceRows: number) => {
        await findDuplicateHashes(db, 'r', 'd', 1000, sliceRows);
        return (await db.all<{ h: bigint }>('SELECT h FROM d ORDER BY h')).map((r) => String(r.h));
      };
      const whole = await found(10_000);
      expect(whole).toHaveLength(1); // i = 0, 70, 140…: ok rows sharing the hash of 0
      expect(await found(7)).toEqual(whole);
    } finally {
      db.close();
    }
  });
});

describe('buildDictionaries', () => {
  it('shares one dictionary among the value columns, and falls back to one per column past the limit', async () => {
    const db = await openDb(':memory:');
    try {
      await ensureSchema(db);
      await installMacros(db);
      await buildUnitLookup(db);
      await db.run(`CREATE TEMP TABLE raw AS SELECT * FROM (VALUES
        (2, '办公室', '李四', '2024-03-05', '党课', '学习党章', '1.5', '出席'),
        (3, '办公室', '李四', '2024-03-06', '党课', '学习党章', '2', '缺席'),
        (4, '办公室', '李四', '2024-03-06', '党课', '学习党章', '2', '缺席')) t(source_row, c0, c1, c2, c3, c4, c5, c6)`);
      const columns = new Map(['unit_name', 'person_name', 'date', 'session_type', 'topic', 'hours', 'status'].map((c, i) => [c, i]));
      const plan = planFact('attendance', { rawTable: 'raw', columns, keepNames: true, prefix: 'p' });
      const names = (p: typeof plan) => p.dicts.map((d) => `${d.name}:${d.cols.join('+')}`);
      expect(names(plan)).toEqual(['who:unit_name+person_name', 'combined:session_type+topic+hours+status', 'date:date']);
      const opts = { declaredYear: 2024, fallback: plan.ctx, file: 'f.csv', headers: [] };
      const kept = await buildDictionaries(db, plan, opts);
      expect(kept).toBe(plan);
      expect(await db.all(`SELECT hours, status FROM p_d_combined ORDER BY hours`)).toEqual([{ hours: 1.5, status: 'present' }, { hours: 2, status: 'absent' }]);
      // A pack no dictionary is keyed by cannot be read from the landing: the plan must go through the view.
      expect(packsFit(plan)).toBe(true);
      expect(packsFit(planFact('attendance', { ...plan.ctx, packs: [{ name: 'p0', cols: [0, 2] }] }))).toBe(false);
      expect(planFact('attendance', { ...plan.ctx, packs: [{ name: 'p0', cols: [3, 4, 5, 6] }] }).combined?.pack).toEqual({ name: 'p0', cols: [3, 4, 5, 6] });
      // 2 combinations > 1: the estimate sends it to one dictionary per column before the shared one is built.
      const other = planFact('attendance', { ...plan.ctx, prefix: 'q' });
      const split = await buildDictionaries(db, other, { ...opts, fallback: other.ctx, max: 1 });
      expect(names(split)).toEqual(['who:unit_name+person_name', 'date:date', 'session_type:session_type', 'topic:topic', 'hours:hours', 'status:status']);
      expect(split.combined).toBeUndefined();
      expect(await db.all(`SELECT hours FROM q_d_hours ORDER BY hours`)).toEqual([{ hours: 1.5 }, { hours: 2 }]);
      expect(await db.all(`SELECT table_name FROM duckdb_tables() WHERE table_name = 'q_d_combined'`)).toEqual([]);
    } finally {
      db.close();
    }
  });
});
