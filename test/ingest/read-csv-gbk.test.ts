/**
 * GBK CSVs: landed as latin-1 and decoded per distinct value (the speed trick,
 * src/ingest/read/gbk-as-latin1.ts) must give exactly what the plain path gives
 * (a UTF-8 copy decoded in JS, `gbkAsLatin1: false`), and both what the same
 * text in UTF-8 gives: headers, header row, every cell, `extra` and `source_row`.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import { readSource, type ReadOptions } from '../../src/ingest/read/index.js';
import { decodeLatin1Gbk } from '../../src/ingest/read/gbk-as-latin1.js';
import { gbk } from '../helpers/bundle.js';
import { issueOf, options, put, rowsOf, tempDir } from './read-helpers.js';

const asLanded = (text: string) => gbk(text).toString('latin1');
/** GB18030 bytes (GBK's superset: the same bytes for GBK characters, four for the rest). */
const gb18030 = (text: string) => execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text, maxBuffer: 1 << 26 });

describe('decodeLatin1Gbk', () => {
  it('decodes GBK text read as latin-1, ASCII around it included', () => {
    expect(decodeLatin1Gbk(asLanded('出勤情况'))).toBe('出勤情况');
    expect(decodeLatin1Gbk(`line 3: ${asLanded('一支部,张三,"集中,学习"')} has 4 columns`)).toBe('line 3: 一支部,张三,"集中,学习" has 4 columns');
  });

  it('leaves ASCII and text that is not latin-1 (already decoded) alone', () => {
    expect(decodeLatin1Gbk('2025-03-05')).toBe('2025-03-05');
    expect(decodeLatin1Gbk('出勤')).toBe('出勤');
  });
});

const HEADER = '单位名称,姓名,日期,学习形式,时长（小时）,出勤情况';

/** Inputs exercising every part of the landing: title rows, quotes, blank lines, multi-line cells, extra cells, two-level headers. */
const CASES: Record<string, string> = {
  plain: `${HEADER}\r\n一支部,张三,2025-03-05,集中学习,2,出勤\r\n二支部,李四,,自学,,缺席\r\n`,
  'title, quotes, blank line, multi-line cell': `2025年度考勤表,,,\r\n${HEADER}\r\n一支部,"张""三""",2025-03-05,"集中学习\r\n（线上）",2,出勤\r\n\r\n二支部,李四,2025-03-06,"专题研讨,线上",1.5,请假\r\n`,
  'extra cells and short rows': `${HEADER}\n一支部,张三\n二支部,李四,2025-03-06,自学,1,缺席,备注：补学, 其他 \n${'三支部,王五,2025-03-07,自学,1,出勤\n'.repeat(60)}四支部,赵六,2025-03-08,自学,1,出勤,,,迟到\n`,
  'two-level header': `单位名称,姓名,日期,出勤情况,,\n,,,出席,缺席,请假\n一支部,张三,2025-03-05,√,,\n二支部,李四,2025-03-05,,,√\n`,
  'rare characters (GB18030 four-byte, 𠀀) and ASCII-only rows': `${HEADER}\n䶮支部,𠀀丽,2025-03-05,集中学习,2,出勤\nunit-a,Tom,2025-03-05,study,2,present\n`,
};

async function readAll(file: string, o: Partial<ReadOptions>) {
  return withDb(async (db) => {
    const { tables: [t] } = await readSource(db, file, options(o));
    return { headers: t.headers, headerRow: t.headerRow, rows: t.rows, cells: await rowsOf(db, t.table) };
  });
}

describe('GBK: landed as latin-1 = decoded copy = UTF-8', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(name, async () => {
      const dir = tempDir();
      const utf8 = await readAll(put(dir, 'utf8.csv', text), {});
      const optimised = await readAll(put(dir, 'gbk.csv', gb18030(text)), {});
      const plain = await readAll(put(dir, 'gbk.csv', gb18030(text)), { gbkAsLatin1: false });
      expect(optimised).toEqual(plain);
      expect(plain).toEqual(utf8);
      expect(utf8.cells.length).toBeGreaterThan(0);
    });
  }

  it('uses the latin-1 landing by default and the copy when told not to', async () => {
    const f = put(tempDir(), 'gbk.csv', gbk(CASES.plain));
    await withDb(async (db) => {
      const { tables: [a] } = await readSource(db, f, options());
      expect(a.parts?.map((p) => p.name)).toEqual([`${a.table}_land`, `${a.table}_text`]);
      const { tables: [b] } = await readSource(db, f, options({ gbkAsLatin1: false }));
      expect(b.parts).toBeUndefined();
    });
  });

  it('names a GBK cell over max_cell_chars the same way on both paths (characters, not bytes)', async () => {
    const limits = { max_cell_chars: 10, max_rows_per_sheet: 100, max_xlsx_uncompressed_mb: 1 };
    const f = put(tempDir(), 'long.csv', gbk(`${HEADER}\n一支部,张三,2025-03-05,${'学'.repeat(10)},2,出勤\n二支部,李四,2025-03-05,${'学'.repeat(11)},2,出勤\n`));
    await withDb(async (db) => {
      for (const gbkAsLatin1 of [true, false]) {
        const issue = await issueOf(readSource(db, f, options({ limits, gbkAsLatin1 })), 'limit_cell_chars');
        expect(issue).toMatchObject({ row: 3, column: '学习形式' });
      }
    });
  });
});

describe('GBK characters DuckDB\'s latin-1 refuses (a byte in 0x80–0x9F, as in 喆 and 堃)', () => {
  it('reads them the plain way, whether they are in the sampled first MB or far below it', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `支部${i},张三,2025-03-05,集中学习,2,出勤`); // ~1.1 MB in GBK
    for (const text of [`${HEADER}\n一支部,王喆,2025-03-05,集中学习,2,出勤\n${rows.join('\n')}\n`, `${HEADER}\n${rows.join('\n')}\n一支部,李堃,2025-03-05,集中学习,2,出勤\n`]) {
      const f = put(tempDir(), 'rare.csv', gb18030(text));
      await withDb(async (db) => {
        const { tables: [t] } = await readSource(db, f, options());
        expect(t.rows).toBe(30_001);
        const named = await db.all<{ row: number; name: string }>(`SELECT source_row AS row, c1 AS name FROM ${t.table} WHERE c1 <> '张三'`);
        expect(named).toEqual([text.includes('王喆') ? { row: 2, name: '王喆' } : { row: 30_002, name: '李堃' }]);
      });
    }
  });
});
