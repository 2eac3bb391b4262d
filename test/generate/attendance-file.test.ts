import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLEAN_HEADERS, generateAttendanceCsv, generateAttendanceXlsx } from '../../src/generate/attendance-file.js';
import { readWorkbook } from './helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'gen-att-'));

describe('generateAttendanceCsv', () => {
  it('writes exactly the rows asked for, same bytes for the same seed', async () => {
    const dir = tmp();
    const a = await generateAttendanceCsv({ out: join(dir, 'a.csv'), rows: 20_003, units: 7, seed: 9 });
    const b = await generateAttendanceCsv({ out: join(dir, 'b.csv'), rows: 20_003, units: 7, seed: 9 });
    const c = await generateAttendanceCsv({ out: join(dir, 'c.csv'), rows: 20_003, units: 7, seed: 10 });
    expect(a.rows).toBe(20_003);
    expect(a.units).toHaveLength(7);
    expect(new Set(a.units).size).toBe(7);
    const bytes = readFileSync(a.file);
    expect(bytes.equals(readFileSync(b.file))).toBe(true);
    expect(bytes.equals(readFileSync(c.file))).toBe(false);
    const lines = bytes.toString('utf8').split('\n');
    expect(lines[0]).toBe(CLEAN_HEADERS.join(','));
    expect(lines).toHaveLength(20_003 + 2); // header + rows + the empty string after the last newline
    expect(lines[1]).toMatch(/^[^,]+,\d+,[^,]+,2025-\d\d-\d\d,[^,]+,[^,]+,[\d.]+,(出席|缺席|请假)$/);
    for (const u of a.units) expect(bytes.includes(Buffer.from(`${u},`))).toBe(true);
  });

  it('GBK output decodes (GB18030) to the same text as the UTF-8 output', async () => {
    const dir = tmp();
    const utf8 = await generateAttendanceCsv({ out: join(dir, 'u.csv'), rows: 5_000, units: 3, seed: 4, year: 2024 });
    const gbk = await generateAttendanceCsv({ out: join(dir, 'g.csv'), rows: 5_000, units: 3, seed: 4, year: 2024, encoding: 'gbk' });
    const g = readFileSync(gbk.file);
    expect(new TextDecoder('gb18030').decode(g)).toBe(readFileSync(utf8.file, 'utf8'));
    expect(g.length).toBeLessThan(readFileSync(utf8.file).length);
  });

  it('puts a folder target at <out>/<year>/学习考勤_全辖.csv', async () => {
    const dir = tmp();
    const r = await generateAttendanceCsv({ out: dir, rows: 10, units: 2, year: 2023 });
    expect(r.file).toBe(join(dir, '2023', '学习考勤_全辖.csv'));
  });
});

describe('generateAttendanceXlsx', () => {
  it('writes a merged title row above the header', async () => {
    const r = await generateAttendanceXlsx({ out: join(tmp(), 'a.xlsx'), rows: 300, units: 3, year: 2025 });
    const ws = (await readWorkbook(r.file)).worksheets[0];
    expect(ws.getCell('A1').value).toBe('2025年度学习考勤登记表');
    expect(ws.getCell('H1').isMerged).toBe(true);
    expect(ws.getRow(2).values).toEqual([undefined, ...CLEAN_HEADERS]);
    expect(ws.rowCount).toBe(302);
  });
});
