/**
 * The ingest: export files → validated staging tables, in one transaction.
 *
 *   plan     find files, hash them, decide what changed (plan.ts)
 *   land     each file to load → a relation of text cells (read/), before the transaction
 *   BEGIN    remove replaced rows; map headers; stage every kind (stage/); manifest
 *   COMMIT   then rejects.csv
 *
 * Any error (bad header, unreadable file, crash) rolls everything back, so the
 * database is always as it was before the run or as the run left it, never half.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { error, warning, YardstickError, type Issue } from '../errors.js';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import { openDb, quotedIdentifier as q, type Db } from '../store/db.js';
import { ensureSchema, installMacros } from '../store/schema.js';
import { findFiles } from './find-files.js';
import { headerMaps, headerScorer, mapHeaders, unknownColumnWarnings, type TableHeaderMap } from './map-headers.js';
import { fileBytes, hashInBackground, planRun, sourceConfigHash, type Plan, type PlannedFile } from './plan.js';
import { dropRaw, readSource, type RawTable } from './read/index.js';
import { explainUnitRejects, KIND_ORDER, stageAll, type StageCounts, type StageInput } from './stage/index.js';
import { openSpool, type Spool } from './spool.js';
import { startTicker, type Ticker, type ProgressEvent } from './progress-ticker.js';
import { writeRejectsCsv } from './write-rejects.js';
import { recordWarnings } from './record-warnings.js';
import { ensurePseudonymKey, loadReasons, pauseForCrashTest, removeFiles, suggestUnits } from './ingest-steps.js';
import type { Kind } from '../domain/kinds.js';

export interface IngestOptions {
  keepNames?: boolean;
  /** Reload every file even when unchanged. */
  force?: boolean;
  /** Called after each file is loaded: for progress bars. */
  onFile?: (event: FileEvent) => void;
  /** Called about 4× a second while a file is read or loaded: for a live progress line. */
  onProgress?: (event: ProgressEvent) => void;
  /** Milliseconds between onProgress calls (default 250). */
  progressEveryMs?: number;
  /** Use an already open database (tests, the one-command run). */
  db?: Db;
  /** Write `<reports>/rejects.csv` after the commit (default true); `run` writes it after its last stage instead. */
  writeRejects?: boolean;
}

export interface FileEvent {
  path: string;
  kind: Kind;
  index: number;
  total: number;
  bytesDone: number;
  bytesTotal: number;
  counts: StageCounts;
  seconds: number;
}

export interface FileSummary extends StageCounts {
  path: string;
  kind: Kind;
  sheets: string[];
  encoding: string;
  seconds: number;
  /** Every header of every sheet and the column it was read as, or null (map-headers.ts). */
  headerMap?: TableHeaderMap[];
}

export interface IngestSummary {
  runId: string;
  database: string;
  files: FileSummary[];
  unchanged: string[];
  removed: string[];
  /** Files reloaded because their source definition changed (plan.ts). */
  reconfigured: string[];
  totals: StageCounts;
  rejectsCsv: string;
  issues: Issue[];
  seconds: number;
}

/** List every file of every source with its kind, declared year and size; hashes follow in the background. */
export async function collectFiles(p: LoadedPipeline, opts: { hash?: boolean; keepNames?: boolean } = {}): Promise<{ files: PlannedFile[]; issues: Issue[] }> {
  const files: Omit<PlannedFile, 'sha256'>[] = [];
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  for (const [i, s] of p.sources.entries()) {
    const found = findFiles(p.data, s.files);
    if (!found.length) {
      issues.push(warning('no_files', `没有文件匹配 ${s.files} / no file matches ${s.files} (under ${p.data})`, { file: p.file, path: `sources.${i}.files` }));
    }
    for (const f of found) {
      if (seen.has(f.path)) {
        issues.push(error('file_in_two_sources', `${f.path} 同时匹配第 ${seen.get(f.path)! + 1} 和第 ${i + 1} 个数据源 / matches sources ${seen.get(f.path)! + 1} and ${i + 1}`, { file: p.file, path: `sources.${i}.files` }));
        continue;
      }
      seen.set(f.path, i);
      files.push({ path: f.path, kind: s.kind, sourceIndex: i, year: s.year ?? f.year, bytes: opts.hash === false ? 0 : fileBytes(f.path), configHash: sourceConfigHash(s, p.limits, opts.keepNames ?? p.keep_names) });
    }
  }
  files.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.path.localeCompare(b.path));
  // Hashed in load order, so the first file to land is the first one hashed.
  const hashes = hashInBackground(files.map((f) => f.path), opts.hash !== false);
  return { files: files.map((f) => ({ ...f, sha256: hashes.get(f.path)! })), issues };
}

export async function ingest(p: LoadedPipeline, opts: IngestOptions = {}): Promise<IngestSummary> {
  const started = Date.now();
  const { files, issues } = await collectFiles(p, { keepNames: opts.keepNames });
  YardstickError.throwIfErrors(issues);
  const db = opts.db ?? (await openDb(p.database, { memoryLimit: p.memory_limit }));
  const landed: RawTable[] = [];
  let spool: Spool | undefined;
  const ticker = startTicker(db, opts.onProgress, opts.progressEveryMs);
  try {
    spool = openSpool(p.database);
    const spoolDir = spool.dir;
    await ensureSchema(db);
    await installMacros(db);
    const runId = randomUUID();
    const plan = await planRun(db, files, opts.force ?? false);
    // Land the files before the transaction: temp tables created inside one live in
    // transaction-local storage, which DuckDB scans about 2× slower (measured). They are
    // temporary either way, so a crash still leaves the database as it was.
    const raws = await landFiles(db, p, plan.load, { issues, landed, spool: spoolDir, ticker });
    ticker.idle();
    const summary = await db.transaction(() => runIngest(db, p, plan, raws, runId, { ...opts, spool: spoolDir, ticker }, issues));
    const rejectsCsv = join(p.reports, 'rejects.csv');
    if (opts.writeRejects !== false) await writeRejectsCsv(db, rejectsCsv);
    return { ...summary, runId, database: p.database, rejectsCsv, issues, seconds: (Date.now() - started) / 1000 };
  } finally {
    ticker.stop();
    for (const t of landed) await dropRaw(db, t).catch(() => {});
    if (!opts.db) db.close();
    spool?.remove();
  }
}

/** Read every file to load into raw text tables (`landed` collects them for clean-up). */
async function landFiles(db: Db, p: LoadedPipeline, files: PlannedFile[], o: { issues: Issue[]; landed: RawTable[]; spool: string; ticker: Ticker }): Promise<RawTable[][]> {
  const { issues, landed } = o;
  const out: RawTable[][] = [];
  for (const [n, f] of files.entries()) {
    o.ticker.at('read', f.path, n + 1, files.length);
    const source = p.sources[f.sourceIndex];
    const kind = f.kind;
    const { tables, warnings } = await readSource(db, f.path, {
      encoding: source.encoding, sheets: source.sheets, limits: p.limits, tablePrefix: `ys_${n}`, spool: o.spool,
      scoreHeader: headerScorer(kind, source.columns), minHeaderScore: 2,
    });
    issues.push(...warnings);
    landed.push(...tables);
    out.push(tables);
  }
  return out;
}

async function runIngest(db: Db, p: LoadedPipeline, plan: Plan, raws: RawTable[][], runId: string, opts: IngestOptions & { spool: string; ticker: Ticker }, issues: Issue[]) {
  await ensurePseudonymKey(db);
  await removeFiles(db, plan.remove);
  await loadReasons(db);
  const { inputs, fatal, profileUnknown } = mapInputs(p, plan.load, raws, issues);
  if (fatal.length) throw new YardstickError([...fatal, ...issues.filter((i) => i.severity === 'error')]);
  const bytesTotal = plan.load.reduce((n, f) => n + f.bytes, 0);
  let bytesDone = 0;
  let filesDone = 0;
  const seconds = new Map<string, number>();
  const staged = await stageAll(db, inputs, {
    spool: opts.spool, keepNames: opts.keepNames ?? p.keep_names,
    profileSource: (i) => p.sources[plan.load.find((f) => f.path === i.file)!.sourceIndex],
    onKindStart: (kind, mine) => {
      const n = plan.load.findIndex((f) => f.path === mine[0].file);
      opts.ticker.at('load', n >= 0 ? plan.load[n].path : kind, n + 1, plan.load.length);
    },
    onKind: async (kind, mine, kindSeconds) => {
      opts.ticker.idle();
      // A kind is staged as one model over all its files: each file is credited with the kind's time.
      for (const f of plan.load.filter((f) => f.kind === kind)) seconds.set(f.path, kindSeconds);
      filesDone += new Set(mine.map((i) => i.file)).size;
      await pauseForCrashTest(filesDone);
    },
  });
  issues.push(...staged.issues);
  // A profile column that is text already has its own warning (profile_text_column): one message per column.
  const text = new Set(staged.issues.filter((i) => i.code === 'profile_text_column').map((i) => `${i.file}|${i.column}`));
  issues.push(...profileUnknown.filter((w) => !text.has(`${w.file}|${w.header}`)).map((w) => w.issue));
  const out: FileSummary[] = [];
  for (const [n, f] of plan.load.entries()) {
    const counts = staged.counts.get(f.path) ?? { read: 0, loaded: 0, rejected: 0, duplicate: 0, blank: 0 };
    const tables = raws[n];
    const summary: FileSummary = {
      path: f.path, kind: f.kind, sheets: tables.flatMap((t) => (t.sheet ? [t.sheet] : [])), encoding: tables[0]?.encoding ?? '',
      seconds: seconds.get(f.path) ?? 0, ...counts, headerMap: headerMaps(f.kind, tables, p.sources[f.sourceIndex]),
    };
    out.push(summary);
    await insertManifest(db, f, summary, runId);
    bytesDone += f.bytes;
    opts.onFile?.({ path: f.path, kind: f.kind, index: n + 1, total: plan.load.length, bytesDone, bytesTotal, counts, seconds: summary.seconds });
  }
  await suggestUnits(db, runId);
  issues.push(...(await explainUnitRejects(db, runId)));
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length) throw new YardstickError(errors);
  await recordWarnings(db, issues, plan.load.map((f) => f.path), runId);
  const totals = out.reduce<StageCounts>((t, f) => ({
    read: t.read + f.read, loaded: t.loaded + f.loaded, rejected: t.rejected + f.rejected,
    duplicate: t.duplicate + f.duplicate, blank: t.blank + f.blank,
  }), { read: 0, loaded: 0, rejected: 0, duplicate: 0, blank: 0 });
  return { files: out, unchanged: plan.unchanged.map((f) => f.path), removed: plan.remove, reconfigured: plan.reconfigured, totals };
}

/** Each landed table with its header mapping; header errors (a required column missing, a header twice) are fatal. */
function mapInputs(p: LoadedPipeline, files: PlannedFile[], raws: RawTable[][], issues: Issue[]) {
  const inputs: StageInput[] = [];
  const fatal: Issue[] = [];
  const profileUnknown: { issue: Issue; file: string | undefined; header: string }[] = [];
  for (const [n, f] of files.entries()) {
    const source = p.sources[f.sourceIndex];
    for (const raw of raws[n]) {
      const where = { file: f.path, sheet: raw.sheet, headerRow: raw.headerRow };
      const { map, issues: headerIssues } = mapHeaders(f.kind, raw.headers, source.columns, where, source.ignore);
      if (headerIssues.length) {
        fatal.push(...headerIssues);
        continue;
      }
      // Every column no alias claimed is named (map-headers.ts); 序号/备注 and `ignore:` stay quiet.
      const unknown = unknownColumnWarnings(f.kind, raw.headers, map, source, where);
      if (f.kind !== 'unit_profile') issues.push(...unknown);
      else profileUnknown.push(...unknown.map((issue) => ({ issue, file: issue.file, header: raw.headers[Number(issue.column) - 1] })));
      inputs.push({
        fileNo: inputs.length, kind: f.kind, file: f.path, sheet: raw.sheet, table: raw.table, headers: raw.headers,
        headerRow: raw.headerRow, map, declaredYear: f.year ?? 0, hasExtra: true,
        decodes: !!raw.parts?.length && /gb/i.test(raw.encoding), landing: raw.landing,
      });
    }
  }
  return { inputs, fatal, profileUnknown };
}

async function insertManifest(db: Db, f: PlannedFile, s: FileSummary, runId: string): Promise<void> {
  await db.run(`INSERT INTO manifest (source_file, sha256, kind, sheets, encoding, rows_read, rows_loaded, rows_rejected, rows_duplicate,
    rows_blank, loaded_at, run_id, header_map, config_hash)
    VALUES ($path, $sha, $kind, $sheets, $enc, $read, $loaded, $rejected, $dup, $blank, now()::TIMESTAMP, $run, $header_map, $config_hash)`, {
    path: f.path, sha: await f.sha256, kind: f.kind, sheets: s.sheets.join(','), enc: s.encoding,
    read: s.read, loaded: s.loaded, rejected: s.rejected, dup: s.duplicate, blank: s.blank, run: runId,
    header_map: JSON.stringify(s.headerMap), config_hash: f.configHash ?? null,
  });
}
