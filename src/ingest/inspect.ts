/**
 * `yardstick inspect <file|pipeline>`: what ingest would make of each file's
 * headers, before anything is loaded. Per file and sheet: the kind, the header
 * row, every header → its column (or unused, with the closest alias and the
 * `columns:` line that would read it), the header errors ingest would stop on,
 * and the first rows as written.
 *
 * Nothing is landed or written: the read layer's previewSource reads a CSV's
 * first MB and streams a workbook keeping only its first rows; the pipeline's
 * database is never opened.
 */
import { basename, extname } from 'node:path';
import { loadPipeline, type LoadedPipeline } from '../config/load-pipeline.js';
import type { Limits, Source } from '../config/pipeline-schema.js';
import { PipelineSpec } from '../config/pipeline-schema.js';
import { COLUMNS, KINDS, normaliseHeader, type Kind } from '../domain/kinds.js';
import { environmentError, isYardstickError, type Issue } from '../errors.js';
import { findFiles } from './find-files.js';
import { aliasIndex, columnLetter, headerScorer, mapHeaders, nearestAlias, unknownColumnWarnings, type HeaderUse, type NearAlias } from './map-headers.js';
import { previewSource, type PreviewTable } from './read/preview.js';

/** Data rows shown per table. */
export const SAMPLE_ROWS = 10;

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
  return inspectOne(target, opts.kind ? { ...source, kind: opts.kind } : undefined, defaults.limits);
}

async function inspectPipeline(p: LoadedPipeline): Promise<InspectResult> {
  const out: InspectResult = { tables: [], issues: [] };
  for (const source of p.sources) {
    for (const f of findFiles(p.data, source.files)) {
      const r = await inspectOne(f.path, source, p.limits);
      out.tables.push(...r.tables);
      out.issues.push(...r.issues);
    }
  }
  return out;
}

/** One file: its tables, or the reason it cannot be read (an issue, so the other files are still shown). */
async function inspectOne(file: string, source: Source | undefined, limits: Limits): Promise<InspectResult> {
  try {
    const scoreHeader = source ? headerScorer(source.kind, source.columns) : bestOfKinds();
    const read = await previewSource(file, { encoding: source?.encoding ?? 'auto', sheets: source?.sheets, limits, scoreHeader, minHeaderScore: 2 }, SAMPLE_ROWS);
    const tables = read.tables.map((t): InspectedTable => {
      const kind = source?.kind ?? guessKind(t.headers);
      return { ...describe(file, t, kind, source ?? { columns: {}, ignore: [] }), kindGuessed: !source, sample: t.sample };
    });
    return { tables, issues: read.warnings };
  } catch (e) {
    const known = isYardstickError(e) ? e : environmentError(e);
    if (!known) throw e;
    return { tables: [], issues: known.issues.map((i) => ({ ...i, file: i.file ?? file })) };
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

function describe(file: string, raw: PreviewTable, kind: Kind, source: { columns: Record<string, string[]>; ignore?: string[] }): Omit<InspectedTable, 'sample' | 'kindGuessed'> {
  const where = { file, sheet: raw.sheet, headerRow: raw.headerRow };
  const { map, issues } = mapHeaders(kind, raw.headers, source.columns, where, source.ignore);
  const found = new Set([...map.columns.keys(), ...map.choices.keys()]);
  const headers = map.uses.map((u, i): InspectedHeader => {
    const h: InspectedHeader = { ...u, letter: columnLetter(i) };
    if (u.column !== null || u.ignored || u.metric !== undefined || u.header.trim() === '') return h;
    const near = nearestAlias(normaliseHeader(u.header), kind, source.columns, found);
    return near ? { ...h, nearest: { ...near, columnsLine: `${near.column}: [${u.header}]` } } : h;
  });
  const warnings = issues.some((i) => i.severity === 'error') ? [] : unknownColumnWarnings(kind, raw.headers, map, source, where);
  return { file, kind, sheet: raw.sheet, headerRow: raw.headerRow, encoding: raw.encoding, headers, issues: [...issues, ...warnings] };
}
