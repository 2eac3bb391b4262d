/**
 * What the manifest says: per file rows read / loaded / rejected / duplicate.
 * Read-only: `status` never creates, migrates or writes the database, so it can
 * look at a database another tool has open for reading, and a missing one is
 * just "nothing loaded yet".
 */
import { databaseExists, openDb } from '../store/db.js';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import type { IngestSummary } from './ingest.js';
import { formatIssue, type Issue } from '../errors.js';
import { columnLetter, isUnused, type TableHeaderMap } from './map-headers.js';

export interface StatusRow {
  source_file: string; kind: string; sha256: string; rows_read: number; rows_loaded: number;
  rows_rejected: number; rows_duplicate: number; rows_blank: number; balanced: boolean; loaded_at: string;
}

export async function status(p: LoadedPipeline): Promise<StatusRow[]> {
  if (!databaseExists(p.database)) return [];
  const db = await openDb(p.database, { readOnly: true });
  try {
    const manifest = await db.one(`SELECT 1 FROM duckdb_tables() WHERE table_name = 'manifest' AND database_name = current_database()`);
    if (!manifest) return [];
    return await db.all<StatusRow>(`
      SELECT source_file, kind, sha256, rows_read, rows_loaded, rows_rejected, rows_duplicate, rows_blank,
             rows_read = rows_loaded + rows_rejected + rows_duplicate AS balanced, CAST(loaded_at AS VARCHAR) AS loaded_at
      FROM manifest ORDER BY kind, source_file`);
  } finally {
    db.close();
  }
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

export function formatStatus(rows: StatusRow[]): string {
  if (!rows.length) return '尚未载入任何文件 / nothing loaded yet';
  const lines = [`${'读取 read'.padStart(10)} ${'载入 loaded'.padStart(11)} ${'拒绝 rej'.padStart(9)} ${'重复 dup'.padStart(9)}  文件 file`];
  for (const r of rows) {
    lines.push(`${pad(r.rows_read, 10)} ${pad(r.rows_loaded, 11)} ${pad(r.rows_rejected, 9)} ${pad(r.rows_duplicate, 9)}  ${r.source_file}${r.balanced ? '' : '  ≠ (unbalanced!)'}`);
  }
  const sum = (k: keyof StatusRow) => rows.reduce((n, r) => n + Number(r[k]), 0);
  lines.push(`${pad(sum('rows_read'), 10)} ${pad(sum('rows_loaded'), 11)} ${pad(sum('rows_rejected'), 9)} ${pad(sum('rows_duplicate'), 9)}  合计 total (${rows.length} files)`);
  return lines.join('\n');
}

/** Shown in the summary; the rest are in the ingest_warnings table. */
const MAX_WARNINGS_SHOWN = 30;

/** The run's warnings, one a line, at most MAX_WARNINGS_SHOWN (unknown columns first: they may hide misread data). */
export function formatIngestWarnings(issues: Issue[]): string[] {
  const warnings = issues.filter((i) => i.severity === 'warning');
  const first = (i: Issue) => (i.code === 'unknown_column' || i.code === 'duplicate_column' ? 0 : 1);
  const shown = [...warnings].sort((a, b) => first(a) - first(b)).slice(0, MAX_WARNINGS_SHOWN);
  const lines = shown.map((i) => `警告 warning: ${formatIssue(i)}`);
  if (warnings.length > shown.length) {
    lines.push(`… 另有 ${warnings.length - shown.length} 条警告见数据库表 ingest_warnings / ${warnings.length - shown.length} more warnings in the table ingest_warnings`);
  }
  return lines;
}

/**
 * Per file (and sheet) loaded, the headers that hold something and were not read:
 * every header is accounted for in the summary, not only in the warnings table.
 */
export function formatUnusedHeaders(s: { files: { path: string; headerMap?: TableHeaderMap[] }[] }): string[] {
  const lines: string[] = [];
  for (const f of s.files) {
    for (const t of f.headerMap ?? []) {
      const unused = t.headers.flatMap((u, i) => (isUnused(u) ? [`${columnLetter(i)}“${u.header}”`] : []));
      if (!unused.length) continue;
      const where = t.sheet ? `${f.path}[${t.sheet}]` : f.path;
      lines.push(`未使用的列 unused headers: ${where}: ${unused.join('、')}`);
    }
  }
  return lines;
}

export function formatIngestSummary(s: IngestSummary & { reconfigured?: string[] }): string {
  const t = s.totals;
  return [
    ...formatIngestWarnings(s.issues),
    ...(s.reconfigured?.length ? [`配置已变更，重新载入 ${s.reconfigured.length} 个文件 / source definition changed: reloading ${s.reconfigured.length} files`] : []),
    ...formatUnusedHeaders(s),
    `载入 ${s.files.length} 个文件，${s.unchanged.length} 个未变化 / loaded ${s.files.length} files, ${s.unchanged.length} unchanged` +
      (s.removed.length ? `, ${s.removed.length} replaced or removed` : ''),
    `读取 read ${t.read} = 载入 loaded ${t.loaded} + 拒绝 rejected ${t.rejected} + 重复 duplicate ${t.duplicate}` +
      (t.blank ? ` (空行 blank lines skipped: ${t.blank})` : ''),
    `数据库 database: ${s.database}`,
    `拒绝明细 rejects: ${s.rejectsCsv}`,
    `用时 time: ${s.seconds.toFixed(1)}s`,
  ].join('\n');
}
