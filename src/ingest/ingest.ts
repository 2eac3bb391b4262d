/**
 * The ingest stage: export files → validated staging tables, in one transaction.
 *
 *   pipeline ─ find files ─ hash ─ plan (what changed?) ─┐
 *   BEGIN ── remove replaced rows ── units → registry → lookup → roster ──
 *            profile & facts: read (raw text) → type (SQL) → resolve → split
 *            loaded / duplicate / rejected ── manifest ── COMMIT
 *   then rejects.csv
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
import { buildTypedSql } from './build-typed-sql.js';
import { TYPES } from './column-types.js';
import { isFactKind } from './fact-columns.js';
import { factPacks } from './build-fact-sql.js';
import { findFiles } from './find-files.js';
import { headerScorer, ignoredColumns, mapHeaders, unknownColumnWarnings } from './map-headers.js';
import { fileBytes, hashInBackground, planRun, type Plan, type PlannedFile } from './plan.js';
import { readSourceWithWarnings } from './read-source.js';
import { dropRaw, type RawTable } from './raw-table.js';
import { insertHeld, stageFacts, type HeldRows, type StageCounts } from './stage-facts.js';
import { stageProfile } from './stage-profile.js';
import { buildUnitLookup, explainUnitRejects, resolveParents, stageMembers, stageRegistry, stageUnits } from './stage-units.js';
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
  /** Bits of the duplicate-candidate hash (default 32). Tests use 1 to send every row through the exact comparison. */
  hashBits?: number;
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
}

export interface IngestSummary {
  runId: string;
  database: string;
  files: FileSummary[];
  unchanged: string[];
  removed: string[];
  totals: StageCounts;
  rejectsCsv: string;
  issues: Issue[];
  seconds: number;
}

const KIND_ORDER: Kind[] = ['units', 'unit_registry', 'members', 'unit_profile', 'attendance', 'exams', 'publications', 'research_reports'];

/** List every file of every source with its kind, declared year and size; hashes follow in the background. */
export async function collectFiles(p: LoadedPipeline, opts: { hash?: boolean } = {}): Promise<{ files: PlannedFile[]; issues: Issue[] }> {
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
      files.push({ path: f.path, kind: s.kind, sourceIndex: i, year: s.year ?? f.year, bytes: opts.hash === false ? 0 : fileBytes(f.path) });
    }
  }
  files.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.path.localeCompare(b.path));
  // Hashed in load order, so the first file to land is the first one hashed.
  const hashes = hashInBackground(files.map((f) => f.path), opts.hash !== false);
  return { files: files.map((f) => ({ ...f, sha256: hashes.get(f.path)! })), issues };
}

export async function ingest(p: LoadedPipeline, opts: IngestOptions = {}): Promise<IngestSummary> {
  const started = Date.now();
  const { files, issues } = await collectFiles(p);
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
    await writeRejectsCsv(db, rejectsCsv);
    return { ...summary, runId, database: p.database, rejectsCsv, issues, seconds: (Date.now() - started) / 1000 };
  } finally {
    ticker.stop();
    for (const t of landed) await dropRaw(db, t).catch(() => {});
    await db.run('SET preserve_insertion_order = true').catch(() => {}); // in case a failed statement left it off
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
    const { tables, warnings } = await readSourceWithWarnings(db, f.path, {
      encoding: source.encoding, sheets: source.sheets, limits: p.limits, tablePrefix: `ys_${n}`, spool: o.spool,
      scoreHeader: headerScorer(kind, source.columns), minHeaderScore: 2,
      // A fact CSV lands the columns its dictionaries read together as one (build-fact-sql.ts).
      pack: isFactKind(kind) ? (headers) => factPacks(kind, mapHeaders(kind, headers, source.columns, { file: f.path, sheet: null, headerRow: 0 }).map.columns) : undefined,
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
  const bytesTotal = plan.load.reduce((n, f) => n + f.bytes, 0);
  let bytesDone = 0;
  const out: FileSummary[] = [];
  const fatal: Issue[] = [];
  let lookupBuilt = false;
  // Every fact file but the last of its kind holds its rows (stage-facts.ts, HeldRows): the last
  // is compared with the held rows, then inserted directly, and a single file costs nothing more.
  const held: HeldRows = new Map();
  const lastOfKind = new Map(plan.load.map((f, n) => [f.kind, n]));
  for (const [n, f] of plan.load.entries()) {
    // Names resolve once the unit list and registry are in (the roster needs them too).
    if (f.kind !== 'units' && f.kind !== 'unit_registry' && !lookupBuilt) {
      await finishReference(db, issues, plan.full);
      lookupBuilt = true;
    }
    const t0 = Date.now();
    opts.ticker.at('load', f.path, n + 1, plan.load.length);
    const fileSummary = await stageFile(db, p, f, raws[n], { prefix: `ys_${n}`, keepNames: opts.keepNames ?? p.keep_names, spool: opts.spool, hashBits: opts.hashBits, held, hold: lastOfKind.get(f.kind) !== n }, issues, fatal);
    fileSummary.seconds = (Date.now() - t0) / 1000;
    out.push(fileSummary);
    await db.run(`INSERT INTO manifest VALUES ($path, $sha, $kind, $sheets, $enc, $read, $loaded, $rejected, $dup, $blank, now()::TIMESTAMP, $run)`, {
      path: f.path, sha: await f.sha256, kind: f.kind, sheets: fileSummary.sheets.join(','), enc: fileSummary.encoding,
      read: fileSummary.read, loaded: fileSummary.loaded, rejected: fileSummary.rejected, dup: fileSummary.duplicate,
      blank: fileSummary.blank, run: runId,
    });
    bytesDone += f.bytes;
    opts.ticker.idle();
    opts.onFile?.({ path: f.path, kind: f.kind, index: n + 1, total: plan.load.length, bytesDone, bytesTotal, counts: fileSummary, seconds: fileSummary.seconds });
    await pauseForCrashTest(n + 1);
  }
  if (!lookupBuilt) await finishReference(db, issues, plan.full);
  await insertHeld(db, held, (kind) => opts.ticker.at('load', `${kind} (held rows)`, plan.load.length, plan.load.length));
  opts.ticker.idle();
  await suggestUnits(db, runId);
  issues.push(...(await explainUnitRejects(db, runId)));
  if (fatal.length) throw new YardstickError([...fatal, ...issues.filter((i) => i.severity === 'error')]);
  await recordWarnings(db, issues, plan.load.map((f) => f.path), runId);
  const totals = out.reduce<StageCounts>((t, f) => ({
    read: t.read + f.read, loaded: t.loaded + f.loaded, rejected: t.rejected + f.rejected,
    duplicate: t.duplicate + f.duplicate, blank: t.blank + f.blank,
  }), { read: 0, loaded: 0, rejected: 0, duplicate: 0, blank: 0 });
  return { files: out, unchanged: plan.unchanged.map((f) => f.path), removed: plan.remove, totals };
}

/** After the reference files: parents resolved, the unit lookup built. */
async function finishReference(db: Db, issues: Issue[], reloaded: boolean) {
  if (reloaded) {
    for (const u of await resolveParents(db)) {
      issues.push(warning('unknown_parent', `上级单位“${u.parent}”未在单位名录中 / parent unit “${u.parent}” of ${u.name} is not in the unit list`, { file: u.file, row: u.row }));
    }
  }
  await buildUnitLookup(db);
}

interface StageOptions { prefix: string; keepNames: boolean; spool: string; hashBits?: number; held: HeldRows; hold: boolean }

async function stageFile(db: Db, p: LoadedPipeline, f: PlannedFile, raws: RawTable[], o: StageOptions, issues: Issue[], fatal: Issue[]): Promise<FileSummary> {
  const total: FileSummary = { path: f.path, kind: f.kind, sheets: [], encoding: raws[0]?.encoding ?? '', seconds: 0, read: 0, loaded: 0, rejected: 0, duplicate: 0, blank: 0 };
  for (const [i, raw] of raws.entries()) {
    const counts = await stageRaw(db, p, f, raw, { ...o, prefix: `${o.prefix}_${i}` }, issues, fatal);
    if (raw.sheet) total.sheets.push(raw.sheet);
    for (const k of ['read', 'loaded', 'rejected', 'duplicate', 'blank'] as const) total[k] += counts[k];
  }
  return total;
}

async function stageRaw(db: Db, p: LoadedPipeline, f: PlannedFile, raw: RawTable, o: StageOptions, issues: Issue[], fatal: Issue[]): Promise<StageCounts> {
  const { prefix: typed, keepNames } = o;
  const source = p.sources[f.sourceIndex];
  const { map, issues: headerIssues } = mapHeaders(f.kind, raw.headers, source.columns, { file: f.path, sheet: raw.sheet, headerRow: raw.headerRow });
  if (headerIssues.length) {
    fatal.push(...headerIssues);
    return { read: 0, loaded: 0, rejected: 0, duplicate: 0, blank: 0 };
  }
  // Every column no alias claimed is named (map-headers.ts); 序号/备注 and `ignore:` stay quiet.
  const unknown = unknownColumnWarnings(f.kind, raw.headers, map, source, { file: f.path, sheet: raw.sheet, headerRow: raw.headerRow });
  if (f.kind !== 'unit_profile') issues.push(...unknown);
  await db.run(`CREATE OR REPLACE TEMP TABLE ${q(`${typed}_hdr`)} (col VARCHAR, header VARCHAR)`);
  for (const [col, idx] of map.columns) {
    await db.run(`INSERT INTO ${q(`${typed}_hdr`)} VALUES ($col, $header)`, { col, header: raw.headers[idx] });
  }
  const present = new Set([...map.columns.keys()].filter((c) => c in TYPES[f.kind]));
  const ctx = { db, file: f.path, raw, typedTable: typed, present, keepNames, declaredYear: f.year ?? 0 };
  if (isFactKind(f.kind)) {
    // Facts are the bulk: typed and resolved in one statement, per distinct value where it can.
    const counts = await stageFacts(f.kind, { ...ctx, columns: map.columns, spool: o.spool, hashBits: o.hashBits, held: o.held, hold: o.hold });
    await db.run(`DROP TABLE ${q(`${typed}_hdr`)}`);
    return counts;
  }
  await db.run(`CREATE OR REPLACE TEMP TABLE ${q(typed)} AS ${buildTypedSql(f.kind, raw.table, map.columns)}`, { declared_year: f.year ?? 0 });
  let counts: StageCounts;
  if (f.kind === 'units') counts = await stageUnits(ctx);
  else if (f.kind === 'unit_registry') counts = await stageRegistry(ctx);
  else if (f.kind === 'members') counts = await stageMembers(ctx);
  else if (f.kind === 'unit_profile') {
    // Ignored columns are no metrics either: blanked headers are skipped by the profile stage.
    const ignored = ignoredColumns(raw.headers, source.ignore);
    const profileRaw = { ...raw, headers: raw.headers.map((h, i) => (ignored.has(i) ? '' : h)) };
    const r = await stageProfile({ ...ctx, raw: profileRaw, map, extra: source.columns, declaredYear: f.year ?? 0 });
    // A text column already has its own warning (profile_text_column): one message per column.
    const text = new Set(r.issues.filter((i) => i.code === 'profile_text_column').map((i) => i.column));
    issues.push(...unknown.filter((w) => !text.has(raw.headers[Number(w.column) - 1])), ...r.issues);
    counts = r.counts;
  } else throw new Error(`unhandled kind ${f.kind}`);
  await db.run(`DROP TABLE ${q(typed)}; DROP TABLE ${q(`${typed}_hdr`)};`);
  return counts;
}

