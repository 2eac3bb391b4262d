/**
 * The `source` of every staging model: all landed tables of one kind as ONE relation,
 * the temp view `stage_source`, with the kind's canonical columns as written.
 *
 *   file_no, source_row, declared_year,
 *   <every canonical column of the kind>   the cell as written (NULL when the file has no such column),
 *   choice_error                           ambiguous_choice struct of a two-level group with two marks,
 *   extra                                  cells beyond the header, as written (NULL when none),
 *   cell_0 … cell_{w-1}                    every cell, for finding a footer in any column
 *
 * Only generated identifiers (c<i>, canonical names) and integers enter the SQL: file
 * names, sheets, headers and choice labels live in the tables `stage_files`,
 * `stage_headers` and `stage_choices`, inserted with parameters.
 */
import { join } from 'node:path';
import { COLUMNS, type Kind } from '../../domain/kinds.js';
import { quotedIdentifier as q, quotedString as s, type Db } from '../../store/db.js';
import { cellValueError } from './cell-value-errors.js';
import type { HeaderMap } from '../map-headers.js';

/** The type of one reject entry; NULL of it where a row has none. */
export const ERROR_TYPE = 'STRUCT(col VARCHAR, code VARCHAR, value VARCHAR)';
const NO_ERROR = `NULL::${ERROR_TYPE}`;

/** A two-level group (F1's mapHeaders): the sub-columns whose marked cell gives the canonical column's value. */
export type Choices = Map<string, { index: number; value: string }[]>;

/** One landed table (a CSV, or a sheet) to stage, with its header mapping. */
export interface StageInput {
  fileNo: number;
  kind: Kind;
  /** Path as in the manifest. */
  file: string;
  sheet: string | null;
  /** The landed relation: source_row, c0 … c{n-1}, maybe extra. */
  table: string;
  headers: string[];
  headerRow: number;
  map: HeaderMap & { choices?: Choices };
  declaredYear: number;
  /** Whether the relation has the `extra` column (the read layer's contract; older landings lack it). */
  hasExtra: boolean;
  /** The relation decodes its text as it is read (a GBK landing joins a lookup per column): read it once. */
  decodes?: boolean;
  /**
   * The relation is a Parquet file, numbered from the file order (a landing, read/types.ts) or
   * holding its own `source_row` (a decoded copy: firstDataLine null): files alike are read in one scan.
   */
  landing?: { path: string; firstDataLine: number | null };
}

/** Create (empty) the lookup tables the models join for lineage, headers and choice labels. */
export async function createStageTables(db: Db): Promise<void> {
  await db.run(`
CREATE OR REPLACE TEMP TABLE stage_files (file_no INTEGER, source_file VARCHAR, sheet VARCHAR, declared_year INTEGER);
CREATE OR REPLACE TEMP TABLE stage_headers (file_no INTEGER, col VARCHAR, header VARCHAR);
CREATE OR REPLACE TEMP TABLE stage_choices (file_no INTEGER, col VARCHAR, pos INTEGER, value VARCHAR);
CREATE OR REPLACE TEMP TABLE stage_landings (path VARCHAR, file_no INTEGER, first_line INTEGER, declared_year INTEGER);`);
}

/** Register inputs: their file and sheet, the header each canonical column came from, choice labels. */
export async function registerInputs(db: Db, inputs: StageInput[]): Promise<void> {
  for (const i of inputs) {
    await db.run('INSERT INTO stage_files VALUES ($n, $file, $sheet, $year)', { n: i.fileNo, file: i.file, sheet: i.sheet ?? '', year: i.declaredYear });
    for (const [col, header] of headerOf(i)) await db.run('INSERT INTO stage_headers VALUES ($n, $col, $header)', { n: i.fileNo, col, header });
    for (const [col, subs] of i.map.choices ?? []) {
      for (const [pos, sub] of subs.entries()) await db.run('INSERT INTO stage_choices VALUES ($n, $col, $pos, $value)', { n: i.fileNo, col, pos, value: sub.value });
    }
  }
}

/** The header a reject names for each canonical column (a person error names the name column, else the id column). */
function headerOf(i: StageInput): Map<string, string> {
  const out = new Map<string, string>();
  for (const [col, idx] of i.map.columns) out.set(col, i.headers[idx]);
  for (const [col, subs] of i.map.choices ?? []) if (!out.has(col)) out.set(col, parentHeader(i.headers[subs[0]?.index ?? -1]));
  if (!out.has('person_name') && out.has('person_id')) out.set('person_name', out.get('person_id')!);
  return out;
}

/** `出勤情况/出席` → `出勤情况` (the read layer joins a two-level header's parent and sub with `/`). */
const parentHeader = (h: string | undefined) => (h ?? '').split('/')[0];

/**
 * Create `stage_source` for a kind over its inputs (an empty relation of the same shape when there are none).
 * A model reads its source once per column dictionary and once more for the rows: an input that decodes
 * as it is read (GBK: a lookup join per column) is written once, alone, to a Parquet file in `spool`, and
 * the view reads that (measured on the sample: 50 GBK sheets read together 11 times exhausted the 300 MB
 * memory limit; read together even once, too). Returns the files written, for the caller to remove.
 */
export async function createSourceView(db: Db, kind: Kind, inputs: StageInput[], spool?: string, o = { oneScan: true }): Promise<string[]> {
  const width = Math.max(1, ...inputs.map((i) => i.headers.length));
  const written: string[] = [];
  const readable: StageInput[] = [];
  for (const i of inputs) {
    if (!spool || !i.decodes) {
      readable.push(i);
      continue;
    }
    // The decoded cells as landed (source_row, c0 …, extra): each text written once, not also as a canonical column.
    const file = join(spool, `${kind}_source_${i.fileNo}.parquet`);
    await db.run(`COPY (SELECT * FROM ${q(i.table)}) TO ${s(file)} (FORMAT parquet, COMPRESSION uncompressed, ROW_GROUP_SIZE 61440)`);
    written.push(file);
    readable.push({ ...i, decodes: false, landing: { path: file, firstDataLine: null } });
  }
  // oneScan false: every input read alone, the plain form the trick is tested against
  const { together, alone } = o.oneScan ? landingsAlike(readable) : { together: [], alone: readable };
  const parts: string[] = [];
  for (const group of together) parts.push(await groupSql(db, kind, group, width));
  for (const i of alone) parts.push(inputSql(kind, i, width, i.landing?.firstDataLine === null ? `read_parquet(${s(i.landing.path)})` : q(i.table)));
  if (!parts.length) parts.push(emptySql(kind, width));
  await db.run(`CREATE OR REPLACE TEMP VIEW stage_source AS\n${parts.join('\nUNION ALL\n')}`);
  return written;
}

/**
 * Landed files (or decoded copies) with the same header mapping, read as ONE multi-file scan: DuckDB
 * ran a union of one small scan per file nearly one file at a time, so 40 files took far longer than
 * the same rows as one file (bench/RESULTS.md). A file whose relation is more than a Parquet file
 * (renumbered by breakpoints, a sheet) or that has a two-level group is read alone.
 */
function landingsAlike(inputs: StageInput[]): { together: StageInput[][]; alone: StageInput[] } {
  const groups = new Map<string, StageInput[]>();
  const alone: StageInput[] = [];
  for (const i of inputs) {
    if (!i.landing || i.decodes || !i.hasExtra || i.map.choices?.size) {
      alone.push(i);
      continue;
    }
    const key = JSON.stringify([i.landing.firstDataLine === null, i.headers.length, [...i.map.columns].sort()]);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  const together = [...groups.values()].filter((g) => g.length > 1);
  alone.push(...[...groups.values()].filter((g) => g.length === 1).flat());
  return { together, alone };
}

/** One part of `stage_source` for a group of landings alike: lineage per file from `stage_landings`. */
async function groupSql(db: Db, kind: Kind, group: StageInput[], width: number): Promise<string> {
  for (const i of group) {
    await db.run('INSERT INTO stage_landings VALUES ($path, $n, $line, $year)', { path: i.landing!.path, n: i.fileNo, line: i.landing!.firstDataLine, year: Math.trunc(i.declaredYear) || 0 });
  }
  const files = group.map((i) => s(i.landing!.path)).join(', ');
  const numbered = group[0].landing!.firstDataLine !== null;
  return inputSql(kind, group[0], width, `read_parquet([${files}], filename = true, file_row_number = true) p JOIN stage_landings l ON l.path = p.filename`, {
    fileNo: 'l.file_no', sourceRow: numbered ? '(p.file_row_number + l.first_line)' : 'p.source_row', declaredYear: 'l.declared_year',
  });
}

/** The cell list for ys_footer_cell, as used by the models ({{cells}}). */
export function cellList(inputs: StageInput[]): string {
  const width = Math.max(1, ...inputs.map((i) => i.headers.length));
  return Array.from({ length: width }, (_, n) => q(`cell_${n}`)).join(', ');
}

/** Where a part's lineage comes from: the input's own constants, or columns of a group's scan (groupSql). */
interface Lineage { fileNo: string; sourceRow: string; declaredYear: string }

function inputSql(kind: Kind, i: StageInput, width: number, relation = q(i.table), lineage?: Lineage): string {
  const cell = (idx: number) => q(`c${idx}`);
  const columns = COLUMNS[kind].map((c) => {
    const choice = i.map.choices?.get(c.name);
    if (choice?.length && !i.map.columns.has(c.name)) return `${choiceValue(i.fileNo, c.name, choice)} AS ${q(c.name)}`;
    const idx = i.map.columns.get(c.name);
    return `${idx === undefined ? 'NULL::VARCHAR' : cell(idx)} AS ${q(c.name)}`;
  });
  const conflicts = [...(i.map.choices ?? [])].filter(([col, subs]) => subs.length && !i.map.columns.has(col));
  const cells = Array.from({ length: width }, (_, n) => `${n < i.headers.length ? cell(n) : 'NULL::VARCHAR'} AS ${q(`cell_${n}`)}`);
  const from = lineage ?? { fileNo: String(i.fileNo), sourceRow: 'source_row', declaredYear: String(Math.trunc(i.declaredYear) || 0) };
  return `SELECT ${from.fileNo}::INTEGER AS file_no, ${from.sourceRow}::INTEGER AS source_row, ${from.declaredYear}::INTEGER AS declared_year,
  ${columns.join(', ')},
  ${conflicts.length ? choiceConflict(i.fileNo, conflicts[0][0], conflicts[0][1]) : NO_ERROR} AS choice_error,
  ${i.hasExtra ? '"extra"' : 'NULL::VARCHAR'} AS extra,
  ${cells.join(', ')}
FROM ${relation}`;
}

function emptySql(kind: Kind, width: number): string {
  const cols = COLUMNS[kind].map((c) => `NULL::VARCHAR AS ${q(c.name)}`);
  const cells = Array.from({ length: width }, (_, n) => `NULL::VARCHAR AS ${q(`cell_${n}`)}`);
  return `SELECT NULL::INTEGER AS file_no, NULL::INTEGER AS source_row, 0 AS declared_year, ${cols.join(', ')}, ${NO_ERROR} AS choice_error, NULL::VARCHAR AS extra, ${cells.join(', ')} WHERE false`;
}

/** The label (sub-header, e.g. 出席) of a choice group's sub-column, from stage_choices. */
const label = (fileNo: number, col: string, pos: number) =>
  `(SELECT value FROM stage_choices WHERE file_no = ${fileNo} AND col = ${s(col)} AND pos = ${pos})`;

/** The value of the first marked cell of the group (its label), NULL when none is marked. */
function choiceValue(fileNo: number, col: string, subs: { index: number }[]): string {
  return `CASE ${subs.map((sub, pos) => `WHEN ys_marked(${q(`c${sub.index}`)}) THEN ${label(fileNo, col, pos)}`).join(' ')} END`;
}

/**
 * The group's error: a sub-cell holding no value (an Excel error or a formula without a saved
 * result would otherwise count as a mark), else ambiguous_choice when two or more cells are
 * marked; value: label=cell as written.
 */
function choiceConflict(fileNo: number, col: string, subs: { index: number }[]): string {
  const marks = subs.map((sub) => `ys_marked(${q(`c${sub.index}`)})::INTEGER`).join(' + ');
  const shown = subs.map((sub, pos) => `CASE WHEN ys_marked(${q(`c${sub.index}`)}) THEN ${label(fileNo, col, pos)} || '=' || ${q(`c${sub.index}`)} END`);
  const noValue = subs.map((sub) => cellValueError(s(col), q(`c${sub.index}`)));
  return `coalesce(${noValue.join(', ')}, CASE WHEN ${marks} > 1 THEN ys_err(${s(col)}, 'ambiguous_choice', concat_ws(' | ', ${shown.join(', ')})) END)`;
}
