/**
 * reports/out/rejects.csv: every rejected cell with file, sheet, Excel row, column
 * header, value and the reason in Chinese and English. UTF-8 with BOM so that
 * Excel on Chinese Windows opens it correctly. Written to a temp file and renamed.
 * Cells from the data that start with = + - @ get a leading ' so Excel shows them as text,
 * never runs them as formulas (the same rule as formulaSafe in src/report/escape.ts).
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
    SELECT ys_formula_safe(source_file) AS 文件_file, ys_formula_safe(sheet) AS 工作表_sheet, source_row AS 行_row,
           ys_formula_safe(column_header) AS 列_column, ys_formula_safe(value) AS 值_value, code,
           reason_zh AS 原因, reason_en AS reason
    FROM rejects ORDER BY source_file, sheet, source_row, column_header
  ) TO ${quotedString(tmp)} (HEADER, DELIMITER ',')`);
  const { readFileSync, writeFileSync, unlinkSync } = await import('node:fs');
  writeFileSync(tmp + '.bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(tmp)]));
  unlinkSync(tmp);
  renameSync(tmp + '.bom', path);
}
