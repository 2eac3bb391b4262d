/**
 * reports/out/rejects.csv: every rejected cell with file, sheet, Excel row, column
 * header, value and the reason in Chinese and English. UTF-8 with BOM so that
 * Excel on Chinese Windows opens it correctly. Written to a temp file and renamed.
 */
import { mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from '../store/db.js';
import { quotedString } from '../store/db.js';

export async function writeRejectsCsv(db: Db, path: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  // COPY needs a literal file name; the path comes from the pipeline's reports folder, quoted.
  await db.run(`COPY (
    SELECT source_file AS 文件_file, sheet AS 工作表_sheet, source_row AS 行_row, column_header AS 列_column,
           value AS 值_value, code, reason_zh AS 原因, reason_en AS reason
    FROM rejects ORDER BY source_file, sheet, source_row, column_header
  ) TO ${quotedString(tmp)} (HEADER, DELIMITER ',')`);
  const { readFileSync, writeFileSync, unlinkSync } = await import('node:fs');
  writeFileSync(tmp + '.bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(tmp)]));
  unlinkSync(tmp);
  renameSync(tmp + '.bom', path);
}
