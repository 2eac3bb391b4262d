/**
 * Multi-byte characters across exceljs's chunk boundaries (src/ingest/read/xlsx-workbook.ts): a sheet of
 * Chinese text long enough to span many decompressed chunks reads back exactly as written, through
 * inline strings (the way data-samples/ is written) and through shared strings (the way Excel writes).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeXlsx } from '../../src/generate/write-xlsx.js';
import { workbookReader, wholeCharacters } from '../../src/ingest/read/xlsx-workbook.js';

const OPTIONS = { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore' } as const;

/** 3,000 rows of mostly Chinese text in varying lengths, so that chunk boundaries fall inside characters. */
function rows(): string[][] {
  const words = ['支付结算科', '学习《中国共产党章程》', 'a', '货币信贷科', '２０２５年', 'é', '国库科'];
  return Array.from({ length: 3000 }, (_, i) => [words[i % words.length].repeat(1 + (i % 4)), `${words[(i * 3) % words.length]}${i}`, 'x'.repeat(i % 7)]);
}

async function readBack(file: string): Promise<string[][]> {
  const out: string[][] = [];
  for await (const ws of workbookReader(file, OPTIONS) as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row>>) {
    for await (const row of ws) out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
  }
  return out;
}

describe('workbookReader', () => {
  it('keeps a character whose bytes are split between two chunks', async () => {
    const bytes = Buffer.from('支付结算科');
    async function* chunks() {
      yield bytes.subarray(0, 10); // 支付结 and the first byte of 算
      yield bytes.subarray(10);
    }
    const parts: string[] = [];
    for await (const t of wholeCharacters(chunks())) parts.push(t);
    expect(parts.join('')).toBe('支付结算科');
    expect(parts[0]).toBe('支付结');
  });

  it('reads back a long sheet of inline strings exactly', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'xlsx-utf8-')), 'inline.xlsx');
    const data = rows();
    await writeXlsx(file, [{ name: '成绩', headers: ['单位', '内容', '备注'], rows: data }]);
    const back = await readBack(file);
    expect(back[0]).toEqual(['单位', '内容', '备注']);
    expect(back.slice(1).map((r) => r.slice(0, 2))).toEqual(data.map((r) => r.slice(0, 2)));
  });

  it('reads back a long sheet of shared strings exactly', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'xlsx-utf8-')), 'shared.xlsx');
    const data = rows();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('成绩');
    for (const r of data) ws.addRow(r.slice(0, 2));
    await wb.xlsx.writeFile(file);
    expect(await readBack(file)).toEqual(data.map((r) => r.slice(0, 2)));
  });
});
