/**
 * `yardstick export`: one year's result tables — scores (with the composite's parts and grading
 * status), score_adjustments, indicator_values, score_coverage, and flags / follow_up when the
 * analyse stage wrote them; a table the database lacks is skipped — as Parquet (DuckDB COPY),
 * Arrow IPC files (apache-arrow) or CSV (UTF-8 with BOM so Excel reads Chinese; text cells that a
 * spreadsheet could run as formulas get a leading `'`).
 */
import { csvDocument } from '../format/csv.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Bool, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import { quotedIdentifier, quotedString, type Db } from '../store/db.js';
import { YardstickError } from '../errors.js';
import { formulaSafe } from './escape.js';
import { badFormat } from './messages.js';

export type ExportFormat = 'parquet' | 'arrow' | 'csv';
export const EXPORT_TABLES = ['scores', 'score_adjustments', 'indicator_values', 'score_coverage', 'flags', 'follow_up'] as const;
const EXT: Record<ExportFormat, string> = { parquet: 'parquet', arrow: 'arrow', csv: 'csv' };

export interface ExportOptions { year: number; format: ExportFormat; outDir: string }
export interface ExportResult { dir: string; files: { table: string; file: string; rows: number }[] }

export function parseExportFormat(v: string): ExportFormat {
  if (v === 'parquet' || v === 'arrow' || v === 'csv') return v;
  throw new YardstickError(badFormat(v));
}

interface Column { column_name: string; column_type: string }

export async function exportTables(db: Db, opts: ExportOptions): Promise<ExportResult> {
  const year = Number(opts.year);
  if (!Number.isInteger(year)) throw new YardstickError(`年度无效：${opts.year} / invalid year: ${opts.year}`);
  const dir = resolve(opts.outDir);
  mkdirSync(dir, { recursive: true });
  const files: ExportResult['files'] = [];
  for (const table of EXPORT_TABLES) {
    const cols = await db.all<Column>(
      `SELECT column_name, data_type AS column_type FROM information_schema.columns WHERE table_name = $t AND table_schema = current_schema() ORDER BY ordinal_position`, { t: table });
    if (!cols.length) continue;
    const where = cols.some((c) => c.column_name === 'year') ? `WHERE year = ${year}` : '';
    const select = `SELECT * FROM ${quotedIdentifier(table)} ${where}`;
    const file = join(dir, `${table}.${EXT[opts.format]}`);
    const count = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM (${select})`))?.n ?? 0;
    if (opts.format === 'parquet') await db.run(`COPY (${select}) TO ${quotedString(file)} (FORMAT parquet)`);
    else {
      const rows = await db.all(select);
      writeFileSync(file, opts.format === 'csv' ? toCsv(cols, rows) : toArrowIpc(cols, rows));
    }
    files.push({ table, file, rows: count });
  }
  return { dir, files };
}

function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return formulaSafe(v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v));
}

export function toCsv(cols: Column[], rows: Record<string, unknown>[]): string {
  return csvDocument([cols.map((c) => csvField(c.column_name)), ...rows.map((r) => cols.map((c) => csvField(r[c.column_name])))]);
}

function toArrowIpc(cols: Column[], rows: Record<string, unknown>[]): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const c of cols) {
    const values = rows.map((r) => r[c.column_name]);
    const t = c.column_type.toUpperCase();
    if (t === 'INTEGER' || t === 'SMALLINT' || t === 'TINYINT') vectors[c.column_name] = vectorFromArray(values.map((v) => (v === null ? null : Number(v))), new Int32());
    else if (/^(DOUBLE|FLOAT|REAL|BIGINT|HUGEINT|DECIMAL)/.test(t)) vectors[c.column_name] = vectorFromArray(values.map((v) => (v === null ? null : Number(v))), new Float64());
    else if (t === 'BOOLEAN') vectors[c.column_name] = vectorFromArray(values.map((v) => (v === null ? null : Boolean(v))), new Bool());
    else vectors[c.column_name] = vectorFromArray(values.map((v) => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v))), new Utf8());
  }
  return tableToIPC(new Table(vectors), 'file');
}
