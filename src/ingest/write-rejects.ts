/**
 * reports/out/rejects.csv: every rejected cell with file, sheet, Excel row, column
 * header, value and the reason in Chinese and English. UTF-8 with BOM so that
 * Excel on Chinese Windows opens it correctly. Written to a temp file and renamed.
 * Cells from the data that start with = + - @ get a leading ' so Excel shows them as text,
 * never runs them as formulas (the same rule as formulaSafe in src/report/escape.ts).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { writeFileAtomic } from '../write-file-atomic.js';
import type { Db } from '../store/db.js';
import { quotedString } from '../store/db.js';
import { installMacros } from '../store/schema.js';

export async function writeRejectsCsv(db: Db, path: string): Promise<void> {
  // ys_formula_safe is a per-connection macro: a connection that did not ingest (run's reports) needs it too
  await installMacros(db);
  await writeFileAtomic(path, async (tmp) => {
    const body = `${tmp}.body`;
    // COPY needs a literal file name; the path comes from the pipeline's reports folder, quoted.
    await db.run(`COPY (
      SELECT ys_formula_safe(source_file) AS 文件_file, ys_formula_safe(sheet) AS 工作表_sheet, source_row AS 行_row,
             ys_formula_safe(column_header) AS 列_column, ys_formula_safe(value) AS 值_value, code,
             reason_zh AS 原因, reason_en AS reason
      FROM rejects ORDER BY source_file, sheet, source_row, column_header
    ) TO ${quotedString(body)} (HEADER, DELIMITER ',')`);
    try {
      await writeFile(tmp, '\uFEFF');
      await pipeline(createReadStream(body), createWriteStream(tmp, { flags: 'a' }));
    } finally {
      await rm(body, { force: true });
    }
  });
}
