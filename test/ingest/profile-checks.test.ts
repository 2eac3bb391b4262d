/**
 * The unit profile never picks a value silently:
 * - a 年度 cell that differs from the file's declared year (`{year}` folder or `year:`) rejects its
 *   row (`year_not_declared`, the cell as written); a file with no declared year takes its 年度;
 * - one unit, year and item with different values in two files (or two rows) rejects every such
 *   row (`conflicting_profile`, one reject per conflicting cell), so the unit lacks them until one
 *   is fixed; equal values (1.5 万元 = 15000 元) are plain duplicates. A change to one profile
 *   file reloads them all, so the check sees every file and undoes itself when the file goes;
 * - two headers for one item (党员人数 + 在册党员数, 学习经费（元） + 学习经费（万元）) stop the run
 *   with `duplicate_column`, as two headers for one fact column do.
 * Expectations are written by hand from the rows below.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, loadPipeline, openDb } from '../../src/index.js';
import { isYardstickError } from '../../src/errors.js';
import { mapHeaders } from '../../src/ingest/map-headers.js';
import { csv, writeBundle, type Bundle } from '../helpers/bundle.js';

interface Reject { file: string; sheet: string; source_row: number; column_header: string; value: string; code: string }
interface Value { file: string; unit_id: string; year: number; metric: string; value: number }
interface Counts { file: string; rows_read: number; rows_loaded: number; rows_rejected: number; rows_duplicate: number }

/** The bundle with its profile source widened to `{year}/单位概况*.csv` (a corrected re-send sits beside it). */
function bundle(): Bundle {
  const b = writeBundle();
  writeFileSync(b.pipeline, readFileSync(b.pipeline, 'utf8').replace('"{year}/单位概况.csv"', '"{year}/单位概况*.csv"'));
  return b;
}

async function read(b: Bundle) {
  const db = await openDb(loadPipeline(b.pipeline).database);
  const file = `regexp_replace(source_file, '^.*/data/', '')`;
  try {
    const rejects = await db.all<Reject>(`SELECT ${file} AS file, sheet, source_row, column_header, value, code FROM rejects
      WHERE kind = 'unit_profile' ORDER BY file, source_row, column_header`);
    const values = await db.all<Value>(`SELECT ${file} AS file, unit_id, year, metric, value FROM unit_profile ORDER BY ALL`);
    const counts = await db.all<Counts>(`SELECT ${file} AS file, rows_read::INTEGER AS rows_read, rows_loaded::INTEGER AS rows_loaded,
      rows_rejected::INTEGER AS rows_rejected, rows_duplicate::INTEGER AS rows_duplicate FROM manifest WHERE kind = 'unit_profile' ORDER BY file`);
    return { rejects, values, counts };
  } finally {
    db.close();
  }
}

describe('the profile 年度 against the declared year', () => {
  it('a row whose 年度 is not the folder year is rejected naming the cell; a file without a declared year keeps its 年度', async () => {
    const b = bundle();
    writeFileSync(join(b.data, '2024/单位概况.csv'), csv([
      ['单位名称', '年度', '党员人数', '加分'],
      ['江海区支行', '2024', '20', '1'],     // row 2: loaded as 2024
      ['东湖县支行', '2023年', '12', '5'],   // row 3: year_not_declared, '2023年' as written (last year's form reused)
      ['办公室', '2024年', '8', '0'],        // row 4: loaded as 2024
    ]));
    // No declared year (not under a {year} folder, no year:): its 年度 says which year each row is.
    writeFileSync(join(b.data, 'ref/历年概况.csv'), csv([
      ['单位名称', '年度', '党员人数'],
      ['东湖县支行', '2023', '11'],         // row 2: loaded as 2023
    ]));
    writeFileSync(b.pipeline, readFileSync(b.pipeline, 'utf8') + '  - {kind: unit_profile, files: ref/历年概况.csv}\n');
    await ingest(loadPipeline(b.pipeline));
    const { rejects, values, counts } = await read(b);
    expect(rejects).toEqual([
      { file: '2024/单位概况.csv', sheet: '', source_row: 3, column_header: '年度', value: '2023年', code: 'year_not_declared' },
    ]);
    expect(values).toEqual([
      { file: '2024/单位概况.csv', unit_id: 'A1', year: 2024, metric: 'bonus_points', value: 1 },
      { file: '2024/单位概况.csv', unit_id: 'A1', year: 2024, metric: 'members', value: 20 },
      { file: '2024/单位概况.csv', unit_id: 'D1', year: 2024, metric: 'bonus_points', value: 0 },
      { file: '2024/单位概况.csv', unit_id: 'D1', year: 2024, metric: 'members', value: 8 },
      { file: 'ref/历年概况.csv', unit_id: 'A2', year: 2023, metric: 'members', value: 11 },
    ]);
    expect(counts).toEqual([
      { file: '2024/单位概况.csv', rows_read: 3, rows_loaded: 2, rows_rejected: 1, rows_duplicate: 0 },
      { file: 'ref/历年概况.csv', rows_read: 1, rows_loaded: 1, rows_rejected: 0, rows_duplicate: 0 },
    ]);
  });

  it('a source `year:` is a declared year too', async () => {
    const b = writeBundle();
    writeFileSync(join(b.data, 'ref/概况.csv'), csv([
      ['单位名称', '年度', '党员人数'],
      ['办公室', '2024', '9'],              // row 2: year_not_declared (the source says 2025)
      ['江海区支行', '', '21'],             // row 3: loaded as 2025 (empty 年度: the declared year)
    ]));
    writeFileSync(b.pipeline, readFileSync(b.pipeline, 'utf8') + '  - {kind: unit_profile, files: ref/概况.csv, year: 2025}\n');
    await ingest(loadPipeline(b.pipeline));
    const { rejects, values } = await read(b);
    expect(rejects.filter((r) => r.file === 'ref/概况.csv')).toEqual([
      { file: 'ref/概况.csv', sheet: '', source_row: 2, column_header: '年度', value: '2024', code: 'year_not_declared' },
    ]);
    expect(values.filter((v) => v.file === 'ref/概况.csv')).toEqual([
      { file: 'ref/概况.csv', unit_id: 'A1', year: 2025, metric: 'members', value: 21 },
    ]);
  });
});

describe('one unit-year item, two values', () => {
  const original = csv([
    ['单位名称', '党员人数', '学习经费（万元）'],
    ['江海区支行', '20', '1.5'],   // row 2: conflicting_profile on 党员人数 (21 in the correction): rejected
    ['东湖县支行', '12', '0.7'],   // row 3: equal to the correction's row 3: loaded
    ['办公室', '8', '0.5'],        // row 4: loaded
  ]);
  const correction = csv([
    ['单位名称', '党员人数', '学习经费（元）'],
    ['江海区支行', '21', '15000'],  // row 2: conflicting_profile on 党员人数; 15000 元 = 1.5 万元 is no conflict
    ['东湖县支行', '12', '7000'],   // row 3: the same values as the original (0.7 万元 × 10000 is inexact): loaded
  ]);
  const bothRejected: Reject[] = [
    { file: '2024/单位概况(更正).csv', sheet: '', source_row: 2, column_header: '党员人数', value: '21', code: 'conflicting_profile' },
    { file: '2024/单位概况.csv', sheet: '', source_row: 2, column_header: '党员人数', value: '20', code: 'conflicting_profile' },
  ];
  const withoutA1: Value[] = [
    { file: '2024/单位概况(更正).csv', unit_id: 'A2', year: 2024, metric: 'members', value: 12 },
    { file: '2024/单位概况(更正).csv', unit_id: 'A2', year: 2024, metric: 'study_budget', value: 7000 },
    { file: '2024/单位概况.csv', unit_id: 'A2', year: 2024, metric: 'members', value: 12 },
    { file: '2024/单位概况.csv', unit_id: 'A2', year: 2024, metric: 'study_budget', value: 7000 },
    { file: '2024/单位概况.csv', unit_id: 'D1', year: 2024, metric: 'members', value: 8 },
    { file: '2024/单位概况.csv', unit_id: 'D1', year: 2024, metric: 'study_budget', value: 5000 },
  ];

  it('every row giving a different value is rejected, in each file, with the cell as written; equal values load', async () => {
    const b = bundle();
    writeFileSync(join(b.data, '2024/单位概况.csv'), original);
    writeFileSync(join(b.data, '2024/单位概况(更正).csv'), correction);
    const summary = await ingest(loadPipeline(b.pipeline));
    const { rejects, values, counts } = await read(b);
    expect(rejects).toEqual(bothRejected);
    // 江海区支行 (A1) has no 2024 profile at all: both of its rows are rejected, every item with them.
    expect(values.map((v) => ({ ...v, value: Math.round(v.value * 1e6) / 1e6 }))).toEqual(withoutA1);
    expect(counts).toEqual([
      { file: '2024/单位概况(更正).csv', rows_read: 2, rows_loaded: 1, rows_rejected: 1, rows_duplicate: 0 },
      { file: '2024/单位概况.csv', rows_read: 3, rows_loaded: 2, rows_rejected: 1, rows_duplicate: 0 },
    ]);
    const warned = summary.issues.filter((i) => i.code === 'profile_conflict');
    expect(warned).toHaveLength(1);
    expect(warned[0].message).toContain('江海区支行 2024');
    expect(warned[0].message).toMatch(/“党员人数”.*单位概况\(更正\)\.csv:2 为“21”.*单位概况\.csv:2 为“20”/);
  });

  it('two rows of one file for one unit-year disagreeing are rejected the same way', async () => {
    const b = bundle();
    writeFileSync(join(b.data, '2024/单位概况.csv'), csv([
      ['单位名称', '党员人数', '加分'],
      ['办公室', '8', '1'],   // row 2: conflicting_profile on 加分
      ['办公室', '8', '2'],   // row 3: conflicting_profile on 加分
    ]));
    await ingest(loadPipeline(b.pipeline));
    const { rejects, values } = await read(b);
    expect(rejects).toEqual([
      { file: '2024/单位概况.csv', sheet: '', source_row: 2, column_header: '加分', value: '1', code: 'conflicting_profile' },
      { file: '2024/单位概况.csv', sheet: '', source_row: 3, column_header: '加分', value: '2', code: 'conflicting_profile' },
    ]);
    expect(values).toEqual([]);
  });

  it('a correction added on a later run rejects the unchanged original too; removing it loads the original again', async () => {
    const b = bundle();
    writeFileSync(join(b.data, '2024/单位概况.csv'), original);
    await ingest(loadPipeline(b.pipeline));
    expect((await read(b)).rejects).toEqual([]);

    writeFileSync(join(b.data, '2024/单位概况(更正).csv'), correction);
    const second = await ingest(loadPipeline(b.pipeline));
    expect(second.files.map((f) => f.path.replace(/^.*\/data\//, '')).sort()).toEqual(['2024/单位概况(更正).csv', '2024/单位概况.csv']);
    const after = await read(b);
    expect(after.rejects).toEqual(bothRejected);
    expect(after.values.map((v) => ({ ...v, value: Math.round(v.value * 1e6) / 1e6 }))).toEqual(withoutA1);

    rmSync(join(b.data, '2024/单位概况(更正).csv'));
    await ingest(loadPipeline(b.pipeline));
    const last = await read(b);
    expect(last.rejects).toEqual([]);
    expect(last.values.filter((v) => v.unit_id === 'A1')).toEqual([
      { file: '2024/单位概况.csv', unit_id: 'A1', year: 2024, metric: 'members', value: 20 },
      { file: '2024/单位概况.csv', unit_id: 'A1', year: 2024, metric: 'study_budget', value: 15000 },
    ]);
  });
});

describe('two headers for one profile item', () => {
  const at = { file: '单位概况.xlsx', sheet: '2025', headerRow: 1 };

  it.each([
    [['单位名称', '年度', '党员人数', '在册党员数'], 'members', 'column C “党员人数” and column D “在册党员数” are both “members”', '党员人数', 'ignore: [在册党员数]'],
    [['单位名称', '年度', '学习经费（元）', '学习经费（万元）'], 'study_budget', 'column C “学习经费（元）” and column D “学习经费（万元）” are both “study_budget”', '学习经费', 'ignore: [学习经费（万元）]'],
  ])('%j is duplicate_column naming both headers', (headers, metric, en, zhLabel, fix) => {
    const { map, issues } = mapHeaders('unit_profile', headers, {}, at);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', code: 'duplicate_column', file: '单位概况.xlsx[2025]', row: 1, column: 4 });
    expect(issues[0].message).toContain(en);
    expect(issues[0].message).toContain(`都是“${zhLabel}”列`);
    expect(issues[0].message).toContain(fix);
    expect(issues[0].message).toContain(`${metric}: [${headers[2]}]`);
    expect(map.uses.filter((u) => u.metric === metric)).toEqual([]);
  });

  it('the fixes the message names work: columns: chooses one (the other is unused), ignore: drops one', () => {
    const chosen = mapHeaders('unit_profile', ['单位名称', '党员人数', '在册党员数'], { members: ['在册党员数'] }, at);
    expect(chosen.issues).toEqual([]);
    expect(chosen.map.uses.slice(1)).toEqual([
      { header: '党员人数', column: null },
      { header: '在册党员数', column: null, metric: 'members' },
    ]);
    const ignored = mapHeaders('unit_profile', ['单位名称', '学习经费（元）', '学习经费（万元）'], {}, at, ['学习经费（元）']);
    expect(ignored.issues).toEqual([]);
    expect(ignored.map.uses[2]).toEqual({ header: '学习经费（万元）', column: null, metric: 'study_budget' });
  });

  it('stops the ingest naming the file; chosen under columns:, 万元 is still read as 万元', async () => {
    const b = writeBundle();
    writeFileSync(join(b.data, '2024/单位概况.csv'), csv([
      ['单位名称', '党员人数', '在册党员数', '学习经费（元）', '学习经费（万元）'],
      ['办公室', '11', '30', '4900', '1.2'],
    ]));
    const error = await ingest(loadPipeline(b.pipeline)).then(() => undefined, (e: unknown) => e);
    expect(isYardstickError(error)).toBe(true);
    if (!isYardstickError(error)) return;
    expect(error.issues.map((i) => [i.code, i.file?.replace(/^.*\/data\//, ''), i.row, i.column])).toEqual([
      ['duplicate_column', '2024/单位概况.csv', 1, 3],
      ['duplicate_column', '2024/单位概况.csv', 1, 5],
    ]);
    // The office's choice: the registered members, the budget in 万元.
    writeFileSync(b.pipeline, readFileSync(b.pipeline, 'utf8').replace('files: "{year}/单位概况.csv"}',
      'files: "{year}/单位概况.csv", columns: {members: [在册党员数], study_budget: [学习经费（万元）]}}'));
    await ingest(loadPipeline(b.pipeline));
    const { values } = await read(b);
    expect(values).toEqual([
      { file: '2024/单位概况.csv', unit_id: 'D1', year: 2024, metric: 'members', value: 30 },
      { file: '2024/单位概况.csv', unit_id: 'D1', year: 2024, metric: 'study_budget', value: 12000 },
    ]);
  });
});
