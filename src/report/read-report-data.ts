/**
 * Phase 1 of a report: read the small, final tables of one year into JS and parse each row with a
 * zod schema, so the later phases work on typed values. Analysis tables (flags, sensitivity,
 * comparisons, weight_impact, follow_up) are optional: a missing table gives `null`, and their
 * columns are read with DESCRIBE so a new column does not break the report.
 */
import { z } from 'zod';
import type { Db } from '../store/db.js';
import { quotedIdentifier } from '../store/db.js';
import { compareEvents } from '../analyse/compare-events.js';
import type { UnitEvent } from '../analyse/unit-events.js';
import type { DraftPreview } from './draft-preview.js';
import { readWhatIfData, type NoWhatIf, type WhatIfData } from './page/what-if-data.js';
import { readRun } from '../score/run-log.js';
import type { IndicatorTree } from '../indicators/indicator-schema.js';
import type { QuotaUsed } from '../score/assign-grades.js';

const num = z.number().nullable();
const str = z.string().nullable();

export const TotalRow = z.object({
  unit_id: z.string(), name: z.string(), unit_type: z.string(),
  score: num, rank: num, rank_in_type: num, grade: str,
  /** The composite's parts and grading status (NULL in databases scored before they existed). */
  weighted: num, bonus: num, deduction: num, grade_status: str, veto: str,
});
export const DimRow = z.object({ unit_id: z.string(), node_id: z.string(), score: num, rank: num });
export const TreeRow = z.object({
  node_id: z.string(), parent_id: str, level: z.number(), position: z.number(), weight: num,
  label_zh: str, label_en: str, metric_id: str.optional(),
});
export const IndicatorRow = z.object({
  unit_id: z.string(), indicator_id: z.string(), raw: num, normalised: num, weight: num,
  effective_weight: num, contribution: num,
});
export const HistoryRow = z.object({ year: z.number(), unit_id: z.string(), node_id: z.string(), level: z.number(), score: num, rank: num, grade: str, grade_status: str });
/** One bonus, deduction or veto item applied to a unit (`score_adjustments`). */
export const AdjustmentRow = z.object({
  unit_id: z.string(), item_id: str, kind: z.string(), raw: num, points: num, effect: str,
  label_zh: str, label_en: str, reason_zh: str, reason_en: str,
});
/** A scoring note about a unit that has no rank (why it was not graded or not scored). */
export const NoteRow = z.object({ unit_id: str, node_id: str, code: str, value: num, message_zh: str, message_en: str });
export const ManifestRow = z.object({
  source_file: z.string(), kind: str, rows_read: num, rows_loaded: num, rows_rejected: num, rows_duplicate: num,
});
export const RejectRow = z.object({ source_file: z.string(), code: str, reason_zh: str, reason_en: str, rows: z.number() });

export type TotalRow = z.infer<typeof TotalRow>;
export type DimRow = z.infer<typeof DimRow>;
export type TreeRow = z.infer<typeof TreeRow>;
export type IndicatorRow = z.infer<typeof IndicatorRow>;
export type HistoryRow = z.infer<typeof HistoryRow>;
export type ManifestRow = z.infer<typeof ManifestRow>;
export type RejectRow = z.infer<typeof RejectRow>;
export type AdjustmentRow = z.infer<typeof AdjustmentRow>;
export type NoteRow = z.infer<typeof NoteRow>;

/** An analysis table read as is: its columns (from DESCRIBE) and rows. */
export interface LooseTable { columns: string[]; rows: Record<string, unknown>[] }

export interface ReportData {
  year: number;
  /** Every year with composite scores, ascending. */
  years: number[];
  totals: TotalRow[];
  dims: DimRow[];
  tree: TreeRow[];
  indicators: IndicatorRow[];
  /** Composite and dimension scores of every year (levels 0 and 1). */
  history: HistoryRow[];
  /** Unit names of every unit that appears in history. */
  names: Map<string, string>;
  manifest: ManifestRow[] | null;
  rejects: RejectRow[] | null;
  flags: LooseTable | null;
  sensitivity: LooseTable | null;
  comparisons: LooseTable | null;
  weightImpact: LooseTable | null;
  followUp: LooseTable | null;
  /** Bonus, deduction and veto items that applied (`score_adjustments`), or null without the table. */
  adjustments: AdjustmentRow[] | null;
  /** Score notes of the year about units without a rank, and about the whole year (unit_id NULL). */
  notes: NoteRow[];
  /** Why units or indicators were not scored (`score_coverage`, shape owned by the score stage). */
  coverage: LooseTable | null;
  /** Unit changes (merged, abolished, split, created) since the previous scored year, for the comparison section. */
  unitEvents?: UnitEvent[];
  /** This year's data under next year's draft tree (draft-preview.ts), set by renderReports; absent without a draft. */
  preview?: DraftPreview | null;
  /**
   * The announcement rules the year was graded by (the run's recorded tree: grades, quotas,
   * rounding, ties, bonus / deduction / veto items) and the quota places used; null when the
   * database has no run record. Absent in hand-made data.
   */
  rules?: ReportRules | null;
  /** What the page's what-if recomputes with the engine's rules (page/what-if-data.ts); absent in hand-made data. */
  whatIf?: WhatIfData | NoWhatIf;
}

/** The year's grading rules as scored (runs.tree_json) and the quota places they gave (runs.params_json). */
export interface ReportRules {
  grades: IndicatorTree['grades'];
  grading: IndicatorTree['grading'];
  bonus: IndicatorTree['bonus'];
  deductions: IndicatorTree['deductions'];
  veto: IndicatorTree['veto'];
  /** Units graded (the quota base) and the places each quota gave, when the run recorded them. */
  gradedUnits: number | null;
  quotas: QuotaUsed[];
}

/** The rules of the run that scored the year, or null without a run record. */
async function readRules(db: Db, runId: string, tables: Set<string>): Promise<ReportRules | null> {
  if (!runId || !tables.has('runs')) return null;
  const run = await readRun(db, runId).catch(() => null);
  if (!run) return null;
  const { grades, grading, bonus, deductions, veto } = run.tree;
  return { grades, grading, bonus, deductions, veto, gradedUnits: run.params.grading?.gradedUnits ?? null, quotas: run.params.grading?.quotas ?? [] };
}

/** Tables and views of the current schema. */
async function tableNames(db: Db): Promise<Set<string>> {
  const rows = await db.all<{ t: string }>('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema()');
  return new Set(rows.map((r) => r.t));
}

export async function tableColumns(db: Db, table: string): Promise<string[] | null> {
  const rows = await db.all<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_name = $t AND table_schema = current_schema() ORDER BY ordinal_position`,
    { t: table });
  return rows.length ? rows.map((r) => r.column_name) : null;
}

/** Every year with composite scores, ascending. */
export async function scoredYears(db: Db): Promise<number[]> {
  if (!(await tableColumns(db, 'scores'))) return [];
  const rows = await db.all<{ year: number }>('SELECT DISTINCT year FROM scores WHERE level = 0 ORDER BY year');
  return rows.map((r) => r.year);
}

function parseRows<S extends z.ZodType>(schema: S, rows: unknown[]): z.infer<S>[] {
  return rows.map((r) => schema.parse(r));
}

/**
 * Read an optional analysis table, every row (no cap: a list the office acts on is complete);
 * rows of `year` when it has a year column, in the order of `orderBy` columns that exist.
 */
export async function readLooseTable(db: Db, table: string, year: number, orderBy: string[] = ['unit_id']): Promise<LooseTable | null> {
  const columns = await tableColumns(db, table);
  if (!columns) return null;
  const where = columns.includes('year') ? 'WHERE year = $year' : '';
  const keys = orderBy.filter((c) => columns.includes(c)).map(quotedIdentifier);
  const order = keys.length ? `ORDER BY ${keys.join(', ')}` : '';
  const rows = await db.all(`SELECT * FROM ${quotedIdentifier(table)} ${where} ${order}`, { year });
  return { columns, rows: rows.map(plainRow) };
}

const SEVERITY_ORDER: Record<string, number> = { high: 0, medium: 1, low: 2 };

/** Severity first (high, medium, low, other), then the unit's rank from the bottom up: the worst first. */
export function worstFirst(rank: (unitId: string) => number | null): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
  const sev = (r: Record<string, unknown>) => SEVERITY_ORDER[String(r.severity)] ?? 3;
  const rk = (r: Record<string, unknown>) => rank(String(r.unit_id)) ?? -1;
  return (a, b) => sev(a) - sev(b) || rk(b) - rk(a);
}

/**
 * Warnings (`units: 'graded'`) or follow-up rows (`units: 'not_root'`), worst first. The root
 * unit is never on either list; units that are not graded (veto not_graded, no composite) are
 * never flagged (their notes say why they have no grade) but stay on the follow-up list, where
 * the analyse stage puts them for their missing data. Flagged rows come first; the sort is
 * stable, so a unit's rows keep the table's order.
 */
function worstFirstOf(t: LooseTable | null, totals: TotalRow[], units: 'graded' | 'not_root'): LooseTable | null {
  if (!t || !t.columns.includes('unit_id')) return t;
  const byId = new Map(totals.map((x) => [x.unit_id, x]));
  const status = (id: string) => { const x = byId.get(id); return x ? x.grade_status ?? (x.rank === null ? 'not_graded' : 'graded') : null; };
  const keep = (id: string) => (units === 'graded' ? status(id) === 'graded' : status(id) !== 'root');
  const flagged = (r: Record<string, unknown>) => (r.flagged === false ? 1 : 0);
  const order = worstFirst((id) => byId.get(id)?.rank ?? null);
  const rows = t.rows.filter((r) => r.unit_id === null || r.unit_id === undefined || keep(String(r.unit_id)))
    .sort((a, b) => flagged(a) - flagged(b) || order(a, b));
  return { columns: t.columns, rows };
}

function plainRow(r: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    out[k] = v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v
      : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}

export async function readReportData(db: Db, year: number): Promise<ReportData> {
  const years = await scoredYears(db);
  const hasUnits = Boolean(await tableColumns(db, 'units'));
  const unitJoin = hasUnits ? 'LEFT JOIN units u USING (unit_id)' : '';
  const name = hasUnits ? 'coalesce(u.name, s.unit_id)' : 's.unit_id';
  const type = hasUnits ? "coalesce(u.unit_type, 'other')" : "'other'";
  const run = await db.one<{ run_id: string | null }>('SELECT any_value(run_id) AS run_id FROM scores WHERE year = $year AND level = 0', { year });
  const runId = run?.run_id ?? '';
  const tables = await tableNames(db);

  const scoreCols = (await tableColumns(db, 'scores')) ?? [];
  const opt = (c: string, cast: string) => (scoreCols.includes(c) ? `CAST(s.${c} AS ${cast}) AS ${c}` : `NULL::${cast} AS ${c}`);
  const parts = [opt('weighted', 'DOUBLE'), opt('bonus', 'DOUBLE'), opt('deduction', 'DOUBLE'), opt('grade_status', 'VARCHAR'), opt('veto', 'VARCHAR')].join(', ');
  const totals = parseRows(TotalRow, await db.all(`
    SELECT s.unit_id, ${name} AS name, ${type} AS unit_type, s.score, s.rank, s.rank_in_type, s.grade, ${parts}
    FROM scores s ${unitJoin} WHERE s.year = $year AND s.level = 0
    ORDER BY s.rank NULLS LAST, s.unit_id`, { year }));
  const dims = parseRows(DimRow, await db.all(
    'SELECT unit_id, node_id, score, rank FROM scores WHERE year = $year AND level = 1 ORDER BY unit_id, node_id', { year }));
  const tree = parseRows(TreeRow, await db.all(`
    SELECT node_id, parent_id, level, position, weight, label_zh, label_en, metric_id FROM tree_nodes
    WHERE year = $year AND run_id = $run ORDER BY level, position, node_id`, { year, run: runId }));
  const indicators = parseRows(IndicatorRow, await db.all(`
    SELECT unit_id, indicator_id, raw, normalised, weight, effective_weight, contribution
    FROM indicator_values WHERE year = $year ORDER BY unit_id, indicator_id`, { year }));
  const history = parseRows(HistoryRow, await db.all(
    `SELECT s.year, s.unit_id, s.node_id, s.level, s.score, s.rank, s.grade, ${opt('grade_status', 'VARCHAR')}
     FROM scores s WHERE s.level <= 1 ORDER BY s.year, s.unit_id, s.level, s.node_id`));
  const names = new Map<string, string>();
  const nameRows = await db.all<{ unit_id: string; name: string }>(
    `SELECT DISTINCT s.unit_id, ${name} AS name FROM scores s ${unitJoin} WHERE s.level = 0`);
  for (const r of nameRows) names.set(r.unit_id, r.name);
  const unitEvents = await compareEvents(db, year, years.filter((y) => y < year).pop());
  // a unit merged away or abolished before any scored year is named from the unit list
  if (hasUnits) {
    for (const id of new Set(unitEvents.map((e) => e.unit_id).filter((id) => !names.has(id)))) {
      const r = await db.one<{ name: string | null }>('SELECT any_value(name) AS name FROM units WHERE unit_id = $id', { id });
      if (r?.name) names.set(id, r.name);
    }
  }

  // A report names each unit as it was called in its year: before a rename took effect, by its old name
  // (the 2021 report and 通报 say 江海县支行, renamed 江海区支行 in 2023). With several renames, the next one.
  if (tables.has('unit_aliases')) {
    const old = await db.all<{ unit_id: string; alias: string }>(`
      SELECT unit_id, arg_min(alias, effective_year) AS alias FROM unit_aliases
      WHERE event = 'rename' AND effective_year > $year GROUP BY unit_id`, { year });
    for (const r of old) {
      if (names.has(r.unit_id)) names.set(r.unit_id, r.alias);
      for (const t of totals) if (t.unit_id === r.unit_id) t.name = r.alias;
    }
  }

  return {
    year, years, totals, dims, tree, indicators, history, names,
    manifest: await readManifest(db), rejects: await readRejects(db),
    flags: worstFirstOf(await readLooseTable(db, 'flags', year, ['unit_id', 'node_id', 'rule_id']), totals, 'graded'),
    sensitivity: await readLooseTable(db, 'sensitivity', year),
    comparisons: await readLooseTable(db, 'comparisons', year, ['unit_id', 'level', 'node_id']),
    weightImpact: await readLooseTable(db, 'weight_impact', year),
    followUp: worstFirstOf(await readLooseTable(db, 'follow_up', year), totals, 'not_root'),
    adjustments: await readAdjustments(db, year),
    notes: await readUnrankedNotes(db, year),
    coverage: await readLooseTable(db, 'score_coverage', year, ['unit_id', 'level', 'node_id']),
    unitEvents,
    whatIf: await readWhatIfData(db, year, runId, tables),
    rules: await readRules(db, runId, tables),
  };
}

/** `score_adjustments` of the year; columns the table lacks read as NULL. */
async function readAdjustments(db: Db, year: number): Promise<AdjustmentRow[] | null> {
  const cols = await tableColumns(db, 'score_adjustments');
  if (!cols || !cols.includes('unit_id') || !cols.includes('kind')) return null;
  const pick = (c: string, cast: string) => (cols.includes(c) ? `CAST(${quotedIdentifier(c)} AS ${cast}) AS ${c}` : `NULL::${cast} AS ${c}`);
  const select = [pick('unit_id', 'VARCHAR'), pick('item_id', 'VARCHAR'), pick('kind', 'VARCHAR'), pick('raw', 'DOUBLE'), pick('points', 'DOUBLE'),
    pick('effect', 'VARCHAR'), pick('label_zh', 'VARCHAR'), pick('label_en', 'VARCHAR'), pick('reason_zh', 'VARCHAR'), pick('reason_en', 'VARCHAR')].join(', ');
  const where = cols.includes('year') ? 'WHERE year = $year' : '';
  // bonus, then deduction, then veto: the order the composite is built in
  return parseRows(AdjustmentRow, await db.all(`SELECT ${select} FROM score_adjustments ${where}
    ORDER BY unit_id, CASE kind WHEN 'bonus' THEN 0 WHEN 'deduction' THEN 1 ELSE 2 END, item_id`, { year }));
}

/**
 * Notes that explain a missing rank: the notes of units whose composite has no rank (vetoed,
 * root, unscored) and the year's general notes. Ranked units' notes (thousands of "missing
 * value" lines) are not needed by the report.
 */
async function readUnrankedNotes(db: Db, year: number): Promise<NoteRow[]> {
  const cols = await tableColumns(db, 'score_notes');
  if (!cols || !['unit_id', 'code', 'message_zh', 'message_en'].every((c) => cols.includes(c))) return [];
  return parseRows(NoteRow, await db.all(`
    SELECT n.unit_id, n.node_id, n.code, CAST(n.value AS DOUBLE) AS value, n.message_zh, n.message_en FROM score_notes n
    WHERE n.year = $year AND (n.unit_id IS NULL OR n.code = 'veto' OR n.unit_id IN (
      SELECT unit_id FROM scores WHERE year = $year AND level = 0 AND rank IS NULL))
    ORDER BY n.unit_id NULLS FIRST, n.node_id`, { year }));
}

/** The latest manifest row of each file. */
async function readManifest(db: Db): Promise<ManifestRow[] | null> {
  const cols = await tableColumns(db, 'manifest');
  if (!cols || !cols.includes('source_file')) return null;
  const pick = (c: string, cast: string) => (cols.includes(c) ? `CAST(${c} AS ${cast}) AS ${c}` : `NULL::${cast} AS ${c}`);
  const order = cols.includes('loaded_at') ? 'ORDER BY loaded_at DESC' : '';
  return parseRows(ManifestRow, await db.all(`
    SELECT source_file, ${pick('kind', 'VARCHAR')}, ${pick('rows_read', 'DOUBLE')}, ${pick('rows_loaded', 'DOUBLE')},
           ${pick('rows_rejected', 'DOUBLE')}, ${pick('rows_duplicate', 'DOUBLE')}
    FROM manifest QUALIFY row_number() OVER (PARTITION BY source_file ${order}) = 1 ORDER BY source_file`));
}

/** Rejected cells counted by file and reason. */
async function readRejects(db: Db): Promise<RejectRow[] | null> {
  const cols = await tableColumns(db, 'rejects');
  if (!cols || !['source_file', 'code', 'reason_zh', 'reason_en'].every((c) => cols.includes(c))) return null;
  return parseRows(RejectRow, await db.all(`
    SELECT source_file, code, reason_zh, reason_en, CAST(count(*) AS DOUBLE) AS rows FROM rejects
    GROUP BY ALL ORDER BY source_file, rows DESC, code`));
}
