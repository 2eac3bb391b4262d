/**
 * The run's warnings, kept: `ingest_warnings` holds one row per warning of the
 * latest load of each file (unknown or repeated columns, skipped sheets, text
 * profile columns, unknown parents …), so they can be read after the terminal
 * has scrolled away. A reloaded or removed file loses its old rows with its data
 * (LINEAGE_TABLES, src/contract); warnings about no file (the pipeline's own) are
 * replaced on every run. Errors never get here: they roll the run back.
 */
import type { Issue } from '../errors.js';
import type { Db } from '../store/db.js';
import { columnLetter } from './map-headers.js';

export interface WarningRow {
  source_file: string | null;
  sheet: string | null;
  source_row: number | null;
  column_ref: string | null;
  code: string;
  message_zh: string;
  message_en: string;
}

/** Messages are written `中文 / English`; one without the separator is both. */
export function splitMessage(message: string): { zh: string; en: string } {
  const at = message.indexOf(' / ');
  return at < 0 ? { zh: message, en: message } : { zh: message.slice(0, at), en: message.slice(at + 3) };
}

/** An issue as a row: `file[sheet]` split back into the file (as in the manifest) and the sheet. */
export function warningRow(i: Issue, files: string[]): WarningRow {
  let source_file = i.file ?? null;
  let sheet: string | null = null;
  const file = files.find((f) => i.file?.startsWith(`${f}[`) && i.file.endsWith(']'));
  if (file) {
    source_file = file;
    sheet = i.file!.slice(file.length + 1, -1);
  }
  const column_ref = typeof i.column === 'number' ? `${columnLetter(i.column - 1)} (${i.column})` : i.column ?? null;
  const { zh, en } = splitMessage(i.message);
  return { source_file, sheet, source_row: i.row ?? null, column_ref, code: i.code, message_zh: zh, message_en: en };
}

export async function recordWarnings(db: Db, issues: Issue[], files: string[], runId: string): Promise<void> {
  await db.run(`DELETE FROM ingest_warnings WHERE source_file IS NULL OR source_file NOT IN (SELECT source_file FROM manifest)`);
  for (const i of issues) {
    if (i.severity !== 'warning') continue;
    await db.run(`INSERT INTO ingest_warnings VALUES ($source_file, $sheet, $source_row, $column_ref, $code, $message_zh, $message_en, $run)`,
      { ...warningRow(i, files), run: runId });
  }
}
