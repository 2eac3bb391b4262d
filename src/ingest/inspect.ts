/**
 * `yardstick inspect <file|pipeline>`: what ingest would make of each file's
 * headers, before anything is loaded. Per file and sheet: the kind, the header
 * row, every header → its column (or unused, with the closest alias and the
 * `columns:` line that would read it), the header errors ingest would stop on,
 * and the first rows as written.
 *
 * Nothing is written: the files are read into an in-memory DuckDB, never the
 * pipeline's database. A CSV is read only as far as its first SAMPLE_BYTES (cut
 * at a line break); an .xlsx is streamed whole (its rows are not in file order
 * on disk) and only its first rows are kept.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { loadPipeline, type LoadedPipeline } from '../config/load-pipeline.js';
import type { Limits, Source } from '../config/pipeline-schema.js';
import { PipelineSpec } from '../config/pipeline-schema.js';
import { COLUMNS, KINDS, normaliseHeader, type Kind } from '../domain/kinds.js';
import { environmentError, isYardstickError, type Issue } from '../errors.js';
import { quotedIdentifier as q, withDb, type Db } from '../store/db.js';
import { findFiles } from './find-files.js';
import { aliasIndex, columnLetter, headerScorer, mapHeaders, nearestAlias, unknownColumnWarnings, type HeaderUse, type NearAlias } from './map-headers.js';
import { colName, readSource, sniffFormat, type RawTable } from './read/index.js';

/** Data rows shown per table. */
export const SAMPLE_ROWS = 10;
/** Bytes of a CSV read for the preview: enough for the header search and the sample rows. */
export const SAMPLE_BYTES = 256 * 1024;

export interface InspectedHeader extends HeaderUse {
  /** Excel column letter. */
  letter: string;
  /** For an unused header: the closest known alias and the `columns:` line that would read it. */
  nearest?: NearAlias & { columnsLine: string };
}

export interface InspectedTable {
  file: string;
  kind: Kind;
  /** Whether the kind was guessed from the headers (a single file without --kind or a pipeline). */
  kindGuessed: boolean;
  sheet: string | null;
  headerRow: number;
  encoding: string;
  headers: InspectedHeader[];
  /** The first data rows, cells as written (null = empty). */
  sample: (string | null)[][];
  /** Header errors (duplicate or missing columns) and warnings ingest would report. */
  issues: Issue[];
}

export interface InspectResult {
  tables: InspectedTable[];
  /** Files that could not be read at all (the error says why), and readers' warnings (skipped sheets). */
  issues: Issue[];
}

/** Inspect every file of a pipeline, or one file (kind from `opts.kind`, else guessed from its headers). */
export async function inspect(target: string, opts: { kind?: Kind } = {}): Promise<InspectResult> {
  const ext = extname(target).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return inspectPipeline(loadPipeline(target));
  const defaults = PipelineSpec.parse({ sources: [{ kind: opts.kind ?? 'units', files: basename(target) }] });
  const source: Source = defaults.sources[0];
  return withDb(async (db) => {
    const r = await inspectOne(db, target, opts.kind ? { ...source, kind: opts.kind } : undefined, defaults.limits, 0);
    return { tables: r.tables, issues: r.issues };
  });
}

async function inspectPipeline(p: LoadedPipeline): Promise<InspectResult> {
  return withDb(async (db) => {
    const out: InspectResult = { tables: [], issues: [] };
    let n = 0;
    for (const source of p.sources) {
      for (const f of findFiles(p.data, source.files)) {
        const r = await inspectOne(db, f.path, source, p.limits, n++);
        out.tables.push(...r.tables);
        out.issues.push(...r.issues);
      }
    }
    return out;
  });
}

/** One file: its tables, or the reason it cannot be read (an issue, so the other files are still shown). */
async function inspectOne(db: Db, file: string, source: Source | undefined, limits: Limits, n: number): Promise<InspectResult> {
  const spool = mkdtempSync(join(tmpdir(), 'ys-inspect-'));
  try {
    const path = (await sniffFormat(file)) === 'csv' ? csvHead(file, spool) : file;
    const scoreHeader = source ? headerScorer(source.kind, source.columns) : bestOfKinds();
    const read = await readSource(db, path, {
      encoding: source?.encoding ?? 'auto', sheets: source?.sheets, limits, scoreHeader, minHeaderScore: 2,
      tablePrefix: `ys_inspect_${n}`, spool,
    });
    const tables: InspectedTable[] = [];
    for (const raw of read.tables) {
      const kind = source?.kind ?? guessKind(raw.headers);
      const own = source ?? { columns: {}, ignore: [] as string[] };
      tables.push({ ...describe({ ...raw, file }, kind, own), kindGuessed: !source, sample: await sampleRows(db, raw) });
      await db.run(`DROP ${raw.relation === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS ${q(raw.table)}`);
    }
    return { tables, issues: read.warnings.map((w) => ({ ...w, file: w.file === path ? file : w.file })) };
  } catch (e) {
    const known = isYardstickError(e) ? e : environmentError(e);
    if (!known) throw e;
    return { tables: [], issues: known.issues.map((i) => ({ ...i, file: i.file ?? file })) };
  } finally {
    rmSync(spool, { recursive: true, force: true });
  }
}

/** A CSV's first SAMPLE_BYTES, cut after its last line break, as a temp file (the whole file when smaller). */
function csvHead(file: string, dir: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const got = readSync(fd, buf, 0, SAMPLE_BYTES, 0);
    if (got < SAMPLE_BYTES) return file;
    // UTF-16 puts a NUL beside every ASCII byte: cutting at 0x0A would split a character. Read it whole.
    if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return file;
    const cut = buf.lastIndexOf(0x0a, got - 1);
    if (cut < 0) return file;
    const head = join(dir, `head${extname(file)}`);
    writeFileSync(head, buf.subarray(0, cut + 1));
    return head;
  } finally {
    closeSync(fd);
  }
}

/** For a file of unknown kind: a row scores as the best kind would score it. */
function bestOfKinds(): (cells: string[]) => number {
  const scorers = KINDS.map((k) => headerScorer(k, {}));
  return (cells) => Math.max(...scorers.map((s) => s(cells)));
}

/** The kind whose aliases claim most headers, then whose required columns are all there (KINDS order breaks a tie). */
export function guessKind(headers: string[]): Kind {
  let best: { kind: Kind; score: number } | undefined;
  for (const kind of KINDS) {
    const index = aliasIndex(kind, {});
    const claimed = new Set(headers.map((h) => index.get(normaliseHeader(h ?? ''))).filter(Boolean));
    const complete = COLUMNS[kind].every((c) => !c.required || claimed.has(c.name));
    const score = claimed.size * 2 + (complete ? 1 : 0);
    if (!best || score > best.score) best = { kind, score };
  }
  return best!.kind;
}

function describe(raw: RawTable, kind: Kind, source: { columns: Record<string, string[]>; ignore?: string[] }): Omit<InspectedTable, 'sample' | 'kindGuessed'> {
  const where = { file: raw.file, sheet: raw.sheet, headerRow: raw.headerRow };
  const { map, issues } = mapHeaders(kind, raw.headers, source.columns, where, source.ignore);
  const found = new Set([...map.columns.keys(), ...map.choices.keys()]);
  const headers = map.uses.map((u, i): InspectedHeader => {
    const h: InspectedHeader = { ...u, letter: columnLetter(i) };
    if (u.column !== null || u.ignored || u.metric !== undefined || u.header.trim() === '') return h;
    const near = nearestAlias(normaliseHeader(u.header), kind, source.columns, found);
    return near ? { ...h, nearest: { ...near, columnsLine: `${near.column}: [${u.header}]` } } : h;
  });
  const warnings = issues.some((i) => i.severity === 'error') ? [] : unknownColumnWarnings(kind, raw.headers, map, source, where);
  return { file: raw.file, kind, sheet: raw.sheet, headerRow: raw.headerRow, encoding: raw.encoding, headers, issues: [...issues, ...warnings] };
}

async function sampleRows(db: Db, raw: RawTable): Promise<(string | null)[][]> {
  if (!raw.headers.length) return [];
  const cols = raw.headers.map((_, i) => q(colName(i))).join(', ');
  const rows = await db.all<Record<string, string | null>>(
    `SELECT ${cols} FROM ${q(raw.table)} WHERE ${raw.headers.map((_, i) => `${q(colName(i))} IS NOT NULL`).join(' OR ')} ORDER BY source_row LIMIT ${SAMPLE_ROWS}`);
  return rows.map((r) => raw.headers.map((_, i) => r[colName(i)] ?? null));
}

