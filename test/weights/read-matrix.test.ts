import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { YardstickError, type Issue } from '../../src/errors.js';
import { computeAhp } from '../../src/weights/ahp.js';
import { parseDataCsv, parseJudgement, parsePairwiseCsv, readDataCsv } from '../../src/weights/read-matrix.js';

function issuesOf(fn: () => unknown): Issue[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof YardstickError) return e.issues;
    throw e;
  }
  throw new Error('expected a YardstickError');
}

describe('parseJudgement', () => {
  it('reads integers, decimals, fractions and full-width forms', () => {
    expect(parseJudgement('3')).toBe(3);
    expect(parseJudgement('0.5')).toBe(0.5);
    expect(parseJudgement('1/3')).toBe(1 / 3);
    expect(parseJudgement(' 1 / 7 ')).toBe(1 / 7);
    expect(parseJudgement('１／５')).toBe(1 / 5);
    expect(parseJudgement('2.5/1')).toBe(2.5);
    for (const bad of ['', 'x', '1/0', '1/2/3', '3/', '五']) expect(parseJudgement(bad)).toBeNull();
  });
});

describe('parsePairwiseCsv', () => {
  it('reads the matrix with a BOM, CRLF, fractions and decimals', () => {
    const m = parsePairwiseCsv('\uFEFF,学习条件,学习过程,学习成效\r\n学习条件,1,1/3,0.5\r\n学习过程,3,1,2\r\n学习成效,2,1/2,1\r\n', 'm.csv');
    expect(m.criteria).toEqual(['学习条件', '学习过程', '学习成效']);
    expect(m.values[0]).toEqual([1, 1 / 3, 0.5]);
    expect(m.lines).toEqual([2, 3, 4]);
    expect(m.locate(2, 0)).toEqual({ file: 'm.csv', row: 4, column: '学习条件' });
  });

  it('row names must equal the header names in order', () => {
    const issues = issuesOf(() => parsePairwiseCsv(',A,B\nB,1,2\nA,1/2,1\n', 'm.csv'));
    expect(issues[0]).toMatchObject({ code: 'row_name_mismatch', file: 'm.csv', row: 2, column: 1 });
    expect(issues[0].message).toContain('行名应为“A”');
  });

  it('empty and unreadable cells name the file, row and column', () => {
    const issues = issuesOf(() => parsePairwiseCsv(',A,B\nA,1,\nB,abc,1\n', 'm.csv'));
    expect(issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ['missing_cell', 2, 'B'],
      ['bad_judgement', 3, 'A'],
    ]);
  });

  it('a missing row is an error', () => {
    expect(() => parsePairwiseCsv(',A,B,C\nA,1,2,3\nB,1/2,1,2\n', 'm.csv')).toThrow(/names 3 criteria but there are 2 rows/);
  });

  it('reciprocity errors from computeAhp point at the file cell', () => {
    const m = parsePairwiseCsv(',A,B,C\nA,1,3,5\nB,1/3,1,3\nC,1/4,1/3,1\n', 'm.csv');
    const issues = issuesOf(() => computeAhp(m.values, { criteria: m.criteria, locate: m.locate }));
    expect(issues[0]).toMatchObject({ code: 'not_reciprocal', file: 'm.csv', row: 4, column: 'A' });
  });
});

describe('parseDataCsv', () => {
  it('reads units and indicators, skipping blank rows and trailing empty header cells', () => {
    const d = parseDataCsv('单位,budget,rooms,,\n\nu1,10,2,,\nu2,20.5,3\n,,\n', 'd.csv');
    expect(d.unitHeader).toBe('单位');
    expect(d.criteria).toEqual(['budget', 'rooms']);
    expect(d.units).toEqual(['u1', 'u2']);
    expect(d.values).toEqual([
      [10, 2],
      [20.5, 3],
    ]);
    expect(d.lines).toEqual([3, 4]);
  });

  it('an empty cell names row and column; so do non-numbers and extra cells', () => {
    const issues = issuesOf(() => parseDataCsv('unit,a,b\nu1,1,\nu2,x,2\nu3,1,2,9\n', 'd.csv'));
    expect(issues.map((i) => [i.code, i.file, i.row, i.column])).toEqual([
      ['extra_cell', 'd.csv', 4, 4],
      ['missing_cell', 'd.csv', 2, 'b'],
      ['bad_number', 'd.csv', 3, 'a'],
    ]);
  });

  it('duplicate headers and units, and a header-only file, are errors', () => {
    expect(issuesOf(() => parseDataCsv('unit,a,a\nu1,1,2\n', 'd.csv'))[0].code).toBe('duplicate_header');
    expect(issuesOf(() => parseDataCsv('unit,a\nu1,1\nu1,2\n', 'd.csv'))[0]).toMatchObject({ code: 'duplicate_unit', row: 3 });
    expect(issuesOf(() => parseDataCsv('unit,a\n', 'd.csv'))[0].code).toBe('no_data_rows');
  });

  it('CSV syntax errors and non-UTF-8 files are located', () => {
    expect(issuesOf(() => parseDataCsv('unit,a\nu1,"1\n', 'd.csv'))[0]).toMatchObject({ code: 'csv_syntax', file: 'd.csv' });
    const dir = mkdtempSync(join(tmpdir(), 'weights-'));
    const gbk = join(dir, 'gbk.csv');
    writeFileSync(gbk, Buffer.from([0xb5, 0xa5, 0xce, 0xbb, 0x2c, 0x61, 0x0a, 0x75, 0x2c, 0x31, 0x0a])); // “单位,a\nu,1” in GBK
    expect(issuesOf(() => readDataCsv(gbk))[0]).toMatchObject({ code: 'not_utf8', file: gbk });
    expect(issuesOf(() => readDataCsv(join(dir, 'missing.csv')))[0]).toMatchObject({ code: 'cannot_read' });
  });
});
