import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import type { Db } from '../../src/store/db.js';
import { readSource, type ReadOptions } from '../../src/ingest/read/index.js';
import { issueOf, options, put, rowsOf, tempDir } from './read-helpers.js';
import { gbk } from '../helpers/bundle.js';

const HEADER = '单位名称,姓名,日期,学习形式,时长（小时）,出勤情况';
/** The relations read (the contract's `tables`). */
const read = async (db: Db, file: string, o: ReadOptions) => (await readSource(db, file, o)).tables;
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/read/${name}`, import.meta.url));

describe('readSource: CSV encodings and line endings', () => {
  it('reads UTF-8 without BOM; empty cells are NULL; source_row is the line', async () => {
    const dir = tempDir();
    const f = put(dir, 'a.csv', `${HEADER}\n一支部,张三,2025-03-05,集中学习,2,出勤\n二支部,李四,,自学,,缺席\n`);
    await withDb(async (db) => {
      const [t] = await read(db, f, options());
      expect(t).toMatchObject({ file: f, sheet: null, headerRow: 1, rows: 2, encoding: 'utf-8' });
      expect(t.headers).toEqual(HEADER.split(','));
      expect(await rowsOf(db, t.table)).toEqual([
        { row: 2, cells: ['一支部', '张三', '2025-03-05', '集中学习', '2', '出勤'] },
        { row: 3, cells: ['二支部', '李四', null, '自学', null, '缺席'] },
      ]);
    });
  });

  it('reads UTF-8 with BOM and CRLF, a title row and a blank line above the header', async () => {
    const dir = tempDir();
    const text = `\ufeff2025年度学习考勤登记表,,,\r\n\r\n${HEADER}\r\n一支部,张三,2025-03-05,集中学习,2,出勤\r\n`;
    const f = put(dir, 'bom.csv', text);
    await withDb(async (db) => {
      const [t] = await read(db, f, options());
      expect(t.headerRow).toBe(3);
      expect(t.headers[0]).toBe('单位名称'); // no BOM left on the first header
      expect(await rowsOf(db, t.table)).toEqual([{ row: 4, cells: ['一支部', '张三', '2025-03-05', '集中学习', '2', '出勤'] }]);
    });
  });

  it('detects GBK (committed fixture made with iconv) and keeps quoted commas', async () => {
    await withDb(async (db) => {
      const [t] = await read(db, fixture('attendance-gbk.csv'), options());
      expect(t).toMatchObject({ encoding: 'gb18030', headerRow: 2, rows: 3 });
      expect(t.headers).toEqual(['单位名称', '姓名', '日期', '学习形式', '时长（小时）', '出勤情况']);
      expect(await rowsOf(db, t.table)).toEqual([
        { row: 3, cells: ['第一党支部', '张三', '2025-03-05', '集中学习', '2', '出勤'] },
        { row: 4, cells: ['第二党支部', '李四', '2025年3月6日', '专题研讨,线上', '1.5', '请假'] },
        { row: 5, cells: ['第一党支部', '王五', null, '三会一课', null, '缺席'] },
      ]);
    });
  });

  it('reads GBK without a copy (landed as latin-1, decoded per value), blank lines and multi-line cells included', async () => {
    const text = `考勤表\r\n${HEADER}\r\n一支部,张三,2025-03-05,"集中学习\r\n（线上）",2,出勤\r\n\r\n二支部,李四,2025-03-06,自学,1,缺席\r\n`;
    const f = put(tempDir(), 'gbk.csv', gbk(text));
    await withDb(async (db) => {
      const [t] = await read(db, f, options());
      expect(t).toMatchObject({ encoding: 'gb18030', headerRow: 2, rows: 2 });
      expect(t.parts?.map((p) => p.name)).toEqual(['t_raw0_land', 't_raw0_text']); // landed as latin-1, no UTF-8 copy
      expect(t.headers).toEqual(HEADER.split(','));
      expect(await rowsOf(db, t.table)).toEqual([
        { row: 3, cells: ['一支部', '张三', '2025-03-05', '集中学习\r\n（线上）', '2', '出勤'] },
        { row: 6, cells: ['二支部', '李四', '2025-03-06', '自学', '1', '缺席'] },
      ]);
    });
  });

  it('counts characters, not GBK bytes, against max_cell_chars', async () => {
    const opts = options({ limits: { max_cell_chars: 10, max_rows_per_sheet: 100, max_xlsx_uncompressed_mb: 1 } });
    const ok = put(tempDir(), 'ok.csv', gbk(`${HEADER}\n一支部,张三,2025-03-05,${'学'.repeat(10)},2,出勤\n`));
    const long = put(tempDir(), 'long.csv', gbk(`${HEADER}\n一支部,张三,2025-03-05,${'学'.repeat(11)},2,出勤\n`));
    await withDb(async (db) => {
      expect((await read(db, ok, opts))[0].rows).toBe(1);
      const issue = await issueOf(readSource(db, long, opts), 'limit_cell_chars');
      expect(issue).toMatchObject({ row: 2, column: '学习形式' });
      expect(issue.message).toContain('11');
    });
  });

  it('still copies GBK with mixed line endings, and decodes it the same', async () => {
    const f = put(tempDir(), 'mixed-gbk.csv', gbk(`标题\n${HEADER}\r\n一支部,张三,2025-03-05,集中学习,2,出勤\r\n`));
    await withDb(async (db) => {
      const [t] = await read(db, f, options());
      expect(t.parts).toBeUndefined(); // a UTF-8 copy, not the latin-1 landing
      expect(await rowsOf(db, t.table)).toEqual([{ row: 3, cells: ['一支部', '张三', '2025-03-05', '集中学习', '2', '出勤'] }]);
    });
  });

  it('honours a declared encoding and reports invalid UTF-8 when utf-8 is declared for GBK', async () => {
    await withDb(async (db) => {
      const [t] = await read(db, fixture('attendance-gbk.csv'), options({ encoding: 'gbk' }));
      expect(t.rows).toBe(3);
      const issue = await issueOf(readSource(db, fixture('attendance-gbk.csv'), options({ encoding: 'utf-8' })), 'csv_encoding');
      expect(issue.message).toContain('encoding: gbk');
    });
  });

  it('reads UTF-16LE "Unicode text" (tab-separated, with BOM)', async () => {
    const dir = tempDir();
    const text = '\ufeff' + [HEADER.replaceAll(',', '\t'), '一支部\t张三\t2025-03-05\t集中学习\t2\t出勤'].join('\r\n') + '\r\n';
    const f = put(dir, 'u16.txt', Buffer.from(text, 'utf16le'));
    await withDb(async (db) => {
      const [t] = await read(db, f, options());
      expect(t).toMatchObject({ encoding: 'utf-16le', headerRow: 1, rows: 1 });
      expect((await rowsOf(db, t.table))[0]).toEqual({ row: 2, cells: ['一支部', '张三', '2025-03-05', '集中学习', '2', '出勤'] });
    });
  });

  it('unifies mixed line endings (LF title, CRLF data) instead of misreading them', async () => {
    const dir = tempDir();
    const f = put(dir, 'mixed.csv', `标题\n${HEADER}\r\n一支部,张三,2025-03-05,集中学习,2,出勤\r\n二支部,李四,2025-03-06,自学,1,缺席\r\n`);
    await withDb(async (db) => {
      const [t] = await read(db, f, options());
      expect(t.headerRow).toBe(2);
      expect((await rowsOf(db, t.table)).map((r) => [r.row, r.cells[0], r.cells[5]])).toEqual([
        [3, '一支部', '出勤'],
        [4, '二支部', '缺席'],
      ]);
    });
  });
});

describe('readSource: CSV quoting, blank lines and source_row', () => {
  // Rule: source_row = the line where the record starts (blank lines counted, not landed;
  // a quoted cell spanning two lines pushes the next record down by one).
  const text = [
    HEADER, //                                                line 1
    '一支部,"张""三""","2025-03-05",集中学习,2,出勤', //       line 2
    '', //                                                    line 3 (blank)
    '二支部,李四,2025-03-06,"学习内容', //                     line 4: starts a cell spanning two lines
    '第二行",1,缺席', //                                       line 5
    '三支部,王五,2025-03-07,"a,b",3,出勤', //                  line 6
    '', //                                                    trailing blank lines
    '',
  ];
  for (const [name, nl] of [['LF', '\n'], ['CRLF', '\r\n']] as const) {
    it(`keeps doubled quotes, commas and newlines in cells and numbers rows by line (${name})`, async () => {
      const f = put(tempDir(), 'q.csv', text.join(nl));
      await withDb(async (db) => {
        const [t] = await read(db, f, options());
        expect(t.rows).toBe(3);
        expect(await rowsOf(db, t.table)).toEqual([
          { row: 2, cells: ['一支部', '张"三"', '2025-03-05', '集中学习', '2', '出勤'] },
          { row: 4, cells: ['二支部', '李四', '2025-03-06', `学习内容${nl}第二行`, '1', '缺席'] },
          { row: 6, cells: ['三支部', '王五', '2025-03-07', 'a,b', '3', '出勤'] },
        ]);
      });
    });
  }

  it('takes a header cell with a line break (Alt+Enter in Excel) verbatim; data starts below it', async () => {
    const f = put(tempDir(), 'h.csv', '单位名称,姓名,日期,学习形式,"时长\r\n（小时）",出勤情况\r\n一支部,张三,2025-03-05,集中学习,2,出勤\r\n');
    await withDb(async (db) => {
      const [t] = await read(db, f, options());
      expect(t.headerRow).toBe(1);
      expect(t.headers[4]).toBe('时长\r\n（小时）');
      expect(await rowsOf(db, t.table)).toEqual([{ row: 3, cells: ['一支部', '张三', '2025-03-05', '集中学习', '2', '出勤'] }]);
    });
  });

  it('numbers rows right when blank lines and multi-line cells lie beyond the sampled first MB', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 30_000; i++) lines.push(`支部${i},张三,2025-03-05,集中学习,2,出勤`);
    lines.push('', '', '支部X,"多', '行",2025-03-05,集中学习,2,出勤', '支部Y,李四,2025-03-06,自学,1,缺席');
    const f = put(tempDir(), 'big.csv', lines.join('\r\n') + '\r\n'); // ~1.3 MB
    await withDb(async (db) => {
      const [t] = await read(db, f, options());
      const rows = await rowsOf(db, t.table);
      expect(t.rows).toBe(30_002);
      expect(rows[0].row).toBe(2);
      expect(rows[29_999]).toMatchObject({ row: 30_001, cells: ['支部29999', '张三', '2025-03-05', '集中学习', '2', '出勤'] });
      expect(rows[30_000]).toMatchObject({ row: 30_004, cells: ['支部X', '多\r\n行', '2025-03-05', '集中学习', '2', '出勤'] });
      expect(rows[30_001]).toMatchObject({ row: 30_006, cells: ['支部Y', '李四', '2025-03-06', '自学', '1', '缺席'] });
    });
  });

  it('numbers rows right inside a transaction (rowids there start at a huge offset)', async () => {
    const plain = put(tempDir(), 'p.csv', `${HEADER}\n一支部,张三,2025-03-05,集中学习,2,出勤\n二支部,李四,2025-03-06,自学,1,缺席\n`);
    const blank = put(tempDir(), 'b.csv', `${HEADER}\n一支部,张三,2025-03-05,集中学习,2,出勤\n\n二支部,"李\n四",2025-03-06,自学,1,缺席\n三支部,王五,2025-03-07,自学,1,缺席\n`);
    await withDb(async (db) => {
      await db.transaction(async () => {
        const [p] = await read(db, plain, options());
        expect((await rowsOf(db, p.table)).map((r) => r.row)).toEqual([2, 3]);
        const [b] = await read(db, blank, options());
        expect((await rowsOf(db, b.table)).map((r) => r.row)).toEqual([2, 4, 6]);
      });
    });
  });

  it('reloads (wider, or without the length cap) without aborting the caller\'s transaction', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 100; i++) lines.push(`支部${i},张三,2025-03-05,集中学习,2,出勤`);
    lines.push('末支部,赵六,2025-03-07,自学,1,出勤,多1,多2');
    const f = put(tempDir(), 'wide.csv', lines.join('\n') + '\n');
    // Every line is over 20 bytes (the first-try cap) while no cell is over 20 characters.
    const opts = options({ limits: { max_cell_chars: 20, max_rows_per_sheet: 10, max_xlsx_uncompressed_mb: 1 } });
    await withDb(async (db) => {
      await db.transaction(async () => {
        const [t] = await read(db, f, opts);
        expect(t.headers).toEqual(HEADER.split(','));
        expect((await rowsOf(db, t.table)).at(-1)).toEqual({ row: 102, cells: ['末支部', '赵六', '2025-03-07', '自学', '1', '出勤'], extra: '多1 | 多2' });
      });
      expect(await db.one(`SELECT count(*) AS n FROM t_raw0`)).toEqual({ n: 101 }); // committed
    });
  });

  it('pads short rows with NULL and lands cells beyond the header in `extra`, even far down the file', async () => {
    const lines = [HEADER, '一支部,张三', '二支部,李四,2025-03-06,自学,1,缺席,多余1,多余2'];
    for (let i = 0; i < 500; i++) lines.push(`支部${i},张三,2025-03-05,集中学习,2,出勤`); // past the 50 sampled records
    lines.push('末支部,赵六,2025-03-07,自学,1,出勤,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,, 尾 ');
    const f = put(tempDir(), 'ragged.csv', lines.join('\n') + '\n');
    await withDb(async (db) => {
      const { tables: [t], warnings } = await readSource(db, f, options());
      expect(t.headers).toEqual(HEADER.split(','));
      const rows = await rowsOf(db, t.table);
      expect(rows[0]).toEqual({ row: 2, cells: ['一支部', '张三', null, null, null, null] });
      expect(rows[1]).toEqual({ row: 3, cells: ['二支部', '李四', '2025-03-06', '自学', '1', '缺席'], extra: '多余1 | 多余2' });
      expect(rows[2]).toEqual({ row: 4, cells: ['支部0', '张三', '2025-03-05', '集中学习', '2', '出勤'] });
      // The empty cells in between are left out, the cell itself is as written (spaces kept).
      expect(rows.at(-1)).toEqual({ row: 504, cells: ['末支部', '赵六', '2025-03-07', '自学', '1', '出勤'], extra: ' 尾 ' });
      expect(warnings).toEqual([]); // the stage rejects such rows (extra_cells); the reader keeps them
    });
  });

  it('drops trailing unnamed columns that hold nothing (trailing commas)', async () => {
    const f = put(tempDir(), 'commas.csv', `${HEADER},,\n一支部,张三,2025-03-05,集中学习,2,出勤,,\n`);
    await withDb(async (db) => {
      const { tables: [t], warnings } = await readSource(db, f, options());
      expect(t.headers).toEqual(HEADER.split(','));
      expect((await rowsOf(db, t.table))[0].cells).toHaveLength(6);
      expect(warnings).toEqual([]);
    });
  });

  it('reads a tab-separated .txt and a path with glob characters', async () => {
    const f = put(tempDir(), '考勤[2025]*.txt', `${HEADER.replaceAll(',', '\t')}\n一支部\t张三\t2025-03-05\t集中学习\t2\t出勤\n`);
    await withDb(async (db) => {
      const [t] = await read(db, f, options());
      expect((await rowsOf(db, t.table))[0].cells[5]).toBe('出勤');
    });
  });
});

describe('readSource: CSV errors and limits', () => {
  it('throws no_header when no row of the first 30 is a recognisable header', async () => {
    const f = put(tempDir(), 'x.csv', 'foo,bar\n1,2\n');
    await withDb(async (db) => {
      const issue = await issueOf(readSource(db, f, options()), 'no_header');
      expect(issue.file).toBe(f);
      expect(issue.message).toContain('first 30 rows');
    });
  });

  it('reports an unterminated quote with its line, leaving the transaction usable', async () => {
    const f = put(tempDir(), 'bad.csv', `${HEADER}\n一支部,张三,2025-03-05,集中学习,2,出勤\n二支部,"李四,2025-03-06,自学,1,缺席\n`);
    await withDb(async (db) => {
      await db.transaction(async () => {
        const issue = await issueOf(readSource(db, f, options()), 'csv_unreadable');
        expect(issue.message).toContain('line 3');
        expect(await db.one('SELECT 1 AS ok')).toEqual({ ok: 1 });
      });
    });
  });

  it('refuses a cell longer than max_cell_chars, naming row, column and limit', async () => {
    const f = put(tempDir(), 'long.csv', `${HEADER}\n一支部,张三,2025-03-05,集中学习,2,出勤\n二支部,李四,2025-03-06,${'学'.repeat(11)},1,缺席\n`);
    await withDb(async (db) => {
      const opts = options({ limits: { max_cell_chars: 10, max_rows_per_sheet: 100, max_xlsx_uncompressed_mb: 1 } });
      const issue = await issueOf(readSource(db, f, opts), 'limit_cell_chars');
      expect(issue).toMatchObject({ file: f, row: 3, column: '学习形式' });
      expect(issue.message).toContain('max_cell_chars = 10');
      expect(issue.message).toContain('11');
      // 10 characters (30 bytes in UTF-8) are within the limit: characters count, not bytes.
      const ok = put(tempDir(), 'ok.csv', `${HEADER}\n一支部,张三,2025-03-05,${'学'.repeat(10)},2,出勤\n`);
      expect((await read(db, ok, opts))[0].rows).toBe(1);
      // The failed read left no table behind.
      expect(await db.all(`SELECT * FROM duckdb_tables() WHERE table_name LIKE 't_raw%' AND table_name <> 't_raw0'`)).toEqual([]);
    });
  });

  it('gives each read its own table under the same prefix', async () => {
    const f = put(tempDir(), 'a.csv', `${HEADER}\n一支部,张三,2025-03-05,集中学习,2,出勤\n`);
    await withDb(async (db) => {
      const [a] = await read(db, f, options());
      const [b] = await read(db, f, options());
      expect([a.table, b.table]).toEqual(['t_raw0', 't_raw1']);
    });
  });

  it('the committed GBK fixture really is GBK', () => {
    const bytes = readFileSync(fixture('attendance-gbk.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
  });
});
