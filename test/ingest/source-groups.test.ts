/**
 * optimised == plain for the one speed trick of `stage_source` (stage/source.ts, landingsAlike):
 * landed CSVs with the same header mapping are read in one multi-file scan instead of a union of
 * one scan per file. The same files give the same relation, row for row and cell for cell, with
 * the trick and without it (every input read alone). The files mix what the scan must keep
 * apart: two header orders, a title row above the header (another first data line), another
 * declared year, cells beyond the header, a blank line (renumbered: read alone) and two GBK files
 * (their decoded copies, which hold their own source_row, read in one scan).
 */
import { describe, expect, it } from 'vitest';
import { withDb, type Db } from '../../src/store/db.js';
import { installMacros } from '../../src/store/schema.js';
import { readSource } from '../../src/ingest/read/index.js';
import { mapHeaders } from '../../src/ingest/map-headers.js';
import { createSourceView, createStageTables, registerInputs, type StageInput } from '../../src/ingest/stage/source.js';
import { csv, gbk } from '../helpers/bundle.js';
import { options, put, tempDir } from './read-helpers.js';

const HEAD = ['单位名称', '工号', '姓名', '日期', '学习形式', '时长（小时）', '出勤情况'];
const SWAPPED = ['姓名', '工号', '单位名称', '日期', '学习形式', '时长（小时）', '出勤情况'];
const row = (n: number) => ['东湖县支行', `10${n}`, `张${n}`, `2024-03-0${1 + (n % 9)}`, '集中学习', '2', '出席'];
const swap = (r: string[]) => [r[2], r[1], r[0], ...r.slice(3)];

/** name → CSV text (or GBK bytes) and the year its source declares. */
const FILES: [string, string | Buffer, number][] = [
  ['a.csv', csv([HEAD, row(1), row(2), row(3)]), 2024],
  ['b.csv', csv([['2024年学习考勤登记表'], HEAD, row(4), [...row(5), '', '备注'], row(6)]), 2024],
  ['c.csv', csv([HEAD, row(7), row(8)]), 2023],
  ['d.csv', csv([SWAPPED, swap(row(1)), swap(row(2))]), 2024],
  ['e.csv', csv([SWAPPED, swap(row(3))]), 2024],
  ['f.csv', `${csv([HEAD, row(1)])}\r\n${csv([row(2)])}`, 2024], // a blank line: numbered by breakpoints
  ['g.csv', gbk(csv([HEAD, row(9)])), 2024],
  ['h.csv', gbk(csv([['考勤登记'], HEAD, [...row(8), '', '', '补学']])), 2024], // with g: decoded copies read in one scan
];

async function stageSource(db: Db, together: boolean): Promise<unknown[]> {
  const dir = tempDir();
  const inputs: StageInput[] = [];
  for (const [n, [name, content, year]] of FILES.entries()) {
    const file = put(dir, name, content);
    const [raw] = (await readSource(db, file, options({ tablePrefix: `${together ? 'x' : 'y'}${n}`, spool: dir }))).tables;
    const { map } = mapHeaders('attendance', raw.headers, {}, { file, sheet: null, headerRow: raw.headerRow });
    inputs.push({
      fileNo: n, kind: 'attendance', file, sheet: null, table: raw.table, headers: raw.headers, headerRow: raw.headerRow, map,
      declaredYear: year, hasExtra: true, decodes: !!raw.parts?.length, landing: raw.landing,
    });
  }
  await createStageTables(db);
  await registerInputs(db, inputs);
  await createSourceView(db, 'attendance', inputs, dir, { oneScan: together });
  return db.all('SELECT * FROM stage_source ORDER BY file_no, source_row');
}

describe('stage_source: landings alike read in one scan', () => {
  it('gives the same relation as reading every file alone', async () => {
    await withDb(async (db) => {
      await installMacros(db);
      const plain = await stageSource(db, false);
      const optimised = await stageSource(db, true);
      expect(plain).toHaveLength(3 + 3 + 2 + 2 + 1 + 2 + 1 + 1);
      expect(optimised).toEqual(plain);
      // the trick was taken: three groups (a, b, c; d, e; the decoded copies of g, h) and f alone (renumbered)
      expect(await db.all('SELECT file_no, first_line, declared_year FROM stage_landings ORDER BY file_no')).toEqual([
        { file_no: 0, first_line: 2, declared_year: 2024 }, { file_no: 1, first_line: 3, declared_year: 2024 },
        { file_no: 2, first_line: 2, declared_year: 2023 }, { file_no: 3, first_line: 2, declared_year: 2024 },
        { file_no: 4, first_line: 2, declared_year: 2024 }, { file_no: 6, first_line: null, declared_year: 2024 },
        { file_no: 7, first_line: null, declared_year: 2024 },
      ]);
    });
  });
});
