/**
 * Workbook limits hold before the text is held (src/ingest/read/xlsx-workbook.ts):
 * a ~300 KB workbook whose shared strings unpack to 300 MB stops at
 * `max_cell_chars` with a message naming the setting, under 1 GB of memory
 * (measured in a child process, whose peak RSS is its own); an archive whose
 * directory understates its size is stopped by the inflated count.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import { readSource } from '../../src/ingest/read/index.js';
import { sheetXml, workbookParts, writeZip } from './read-bomb-workbook.js';
import { DEFAULT_LIMITS, issueOf, options, rowsOf, tempDir } from './read-helpers.js';

const HEADER = ['单位名称', '姓名', '日期', '出勤情况'];
const sst = (strings: string[]) => `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((t) => `<si><t>${t}</t></si>`).join('')}</sst>`;

function readInChild(file: string, limits = DEFAULT_LIMITS): { issues: { code: string; message: string }[]; rows: number; maxRssMb: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'read-xlsx-limits-child.ts'), file, JSON.stringify(limits)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe('XLSX limits', () => {
  it('reads a hand-made workbook (the helper writes what exceljs reads)', async () => {
    const f = join(tempDir(), 'small.xlsx');
    await writeZip(f, workbookParts(sst([...HEADER, '一支部', '张三', '出席']), sheetXml([[0, 1, 2, 3], [4, 5, '2025-03-05', 6]])));
    await withDb(async (db) => {
      const { tables: [t] } = await readSource(db, f, options());
      expect(t.headers).toEqual(HEADER);
      expect(await rowsOf(db, t.table)).toEqual([{ row: 2, cells: ['一支部', '张三', '2025-03-05', '出席'] }]);
    });
  });

  it('stops a workbook of 300 MB of shared strings at max_cell_chars, naming the setting, under 1 GB', async () => {
    const f = join(tempDir(), 'bomb.xlsx');
    const mb = 1 << 20;
    const huge = { head: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${HEADER.map((h) => `<si><t>${h}</t></si>`).join('')}<si><t>`, chunk: 'A'.repeat(mb), repeat: 300, tail: '</t></si></sst>' };
    await writeZip(f, workbookParts(huge, sheetXml([[0, 1, 2, 3], [4, 4, 4, 4]])));
    expect(statSync(f).size).toBeLessThan(400_000); // ~300 KB on disk, 300 MB unpacked: under max_xlsx_uncompressed_mb = 1024
    const r = readInChild(f);
    expect(r.issues.map((i) => i.code)).toEqual(['limit_cell_chars']);
    expect(r.issues[0].message).toContain('max_cell_chars = 32767');
    expect(r.issues[0].message).toContain('limits.max_cell_chars');
    expect(r.issues[0].message).toContain('sharedStrings.xml');
    expect(r.maxRssMb).toBeLessThan(1024);
  }, 120_000);

  it('a long cell within the run bound is still refused exactly, with its row and column', async () => {
    const f = join(tempDir(), 'long.xlsx');
    await writeZip(f, workbookParts(sst([...HEADER, '一支部', '学'.repeat(11)]), sheetXml([[0, 1, 2, 3], [4, 5, '2025-03-05', 4]])));
    await withDb(async (db) => {
      const issue = await issueOf(readSource(db, f, options({ limits: { ...DEFAULT_LIMITS, max_cell_chars: 10 } })), 'limit_cell_chars');
      expect(issue).toMatchObject({ row: 2, column: '姓名' });
      expect(issue.message).toContain('11');
    });
  });

  it('counts what it inflates when the zip directory understates the size', async () => {
    const f = join(tempDir(), 'liar.xlsx');
    const strings = Array.from({ length: 40_000 }, (_, i) => `第${i}号单位`); // ~0.6 MB of XML
    await writeZip(f, workbookParts(sst([...HEADER, ...strings]), sheetXml([[0, 1, 2, 3], [4, 5, '2025-03-05', 6]])), () => 10);
    await withDb(async (db) => {
      const issue = await issueOf(readSource(db, f, options({ limits: { ...DEFAULT_LIMITS, max_xlsx_uncompressed_mb: 0.5 } })), 'limit_xlsx_uncompressed');
      expect(issue.message).toContain('max_xlsx_uncompressed_mb = 0.5');
      expect(issue.message).toContain('limits.max_xlsx_uncompressed_mb');
    });
  });
});
