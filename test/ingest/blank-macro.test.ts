/**
 * `ys_blank(s)` (src/ingest/sql/macros.sql) is a faster spelling of `ys_clean(s) IS NULL`
 * (it tests the first character before cleaning): the two must agree on every cell. The
 * expected column is written by hand: a cell is blank when nothing but spaces (ASCII, tab,
 * line breaks, U+3000, U+00A0) is left.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/store/db.js';
import { installMacros } from '../../src/store/schema.js';

let db: Db;
beforeAll(async () => {
  db = await openDb(':memory:');
  await installMacros(db);
});
afterAll(() => db.close());

const cells: [string | null, boolean][] = [
  [null, true], ['', true], [' ', true], ['\t', true], ['\r\n', true], ['\u3000', true], ['\u00a0', true],
  [' \u3000\t\u00a0 ', true],
  ['1001', false], [' 1001', false], ['\u30001001', false], ['１００１', false], ['张三', false], ['\u3000张三\u3000', false],
  ['x ', false], ['-', false], ['\u200b', false],
];

it('ys_blank(s) agrees with ys_clean(s) IS NULL and with the hand-written answer', async () => {
  for (const [cell, blank] of cells) {
    const r = await db.one<{ fast: boolean; plain: boolean }>('SELECT ys_blank($c::VARCHAR) AS fast, ys_clean($c::VARCHAR) IS NULL AS plain', { c: cell });
    expect({ cell, fast: r?.fast, plain: r?.plain }).toEqual({ cell, fast: blank, plain: blank });
  }
});
