/**
 * `score-table`: score a plain unit × indicator CSV with the same engine as the pipeline, for
 * offices that keep their numbers in a spreadsheet. The first column names the unit, every
 * other column is a number; the tree file has the usual schema, its leaves' `metric:` naming
 * CSV columns (header text, Chinese allowed). The CSV is loaded into an in-memory DuckDB as
 * `unit_year_metrics` with the tree's year as a dummy year, then `scoreYear` runs unchanged.
 *
 * Cells: UTF-8 (BOM or not) or GBK/GB18030 text; blank, `-`, `—`, `NA`, `N/A`, `缺` are missing;
 * full-width digits, thousands separators and spaces are accepted; `90%` reads as 0.9. Anything
 * else is an error located `file:row:column` (row as in Excel, header = row 1), and so is a number
 * beyond the range of a double (`1e999`; `Infinity` and `NaN` are not numbers at all): `1e200` is fine.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { error, YardstickError, type Issue } from '../errors.js';
import { withDb, type Db } from '../store/db.js';
import { loadIndicatorTree } from '../indicators/load-tree.js';
import type { IndicatorTree } from '../indicators/indicator-schema.js';
import { scoreYear } from './score.js';
import type { TopsisReport } from './topsis.js';

export interface ScoreTableOptions {
  /** Year to store the rows under (default: the tree's year). */
  year?: number;
}

export interface ScoreTableUnit {
  unit: string;
  score: number | null;
  rank: number | null;
  grade: string | null;
  /** The composite's parts: score = weighted + bonus − deduction. */
  weighted: number | null;
  bonus: number | null;
  deduction: number | null;
  /** graded, not_graded (a veto with effect not_graded) or unscored (no composite). */
  grade_status: string | null;
  /** Ids of the veto items that applied, comma-separated; null when none. */
  veto: string | null;
  /** Score of every node (composite, dimensions, indicators) by node id. */
  nodes: Record<string, number | null>;
}

export interface ScoreTableResult {
  year: number;
  rootId: string;
  /** Node ids and labels of the dimensions (level 1), for table headers. */
  dimensions: { id: string; zh: string; en: string }[];
  units: ScoreTableUnit[];
  /** TOPSIS groups: criteria, ideal and anti-ideal (empty when the tree has none). */
  topsis: TopsisReport[];
  warnings: Issue[];
}

export interface WideTable {
  unitHeader: string;
  columns: string[];
  rows: { unit: string; values: (number | null)[] }[];
}

export async function scoreTable(csvPath: string, treePath: string, opts: ScoreTableOptions = {}): Promise<ScoreTableResult> {
  const table = parseWideCsv(csvPath, readFileSync(csvPath));
  const { tree, issues } = loadIndicatorTree(treePath, table.columns);
  YardstickError.throwIfErrors(issues);
  const year = opts.year ?? tree!.year;
  return withDb(async (db) => {
    await loadWideTable(db, table, year);
    const summary = await scoreYear(db, tree!, { year, runId: 'score-table' });
    return { ...(await readResult(db, tree!, year)), topsis: summary.topsis, warnings: [...issues, ...summary.warnings] };
  });
}

/** Parse the CSV bytes; every bad cell is reported at once. */
export function parseWideCsv(file: string, bytes: Buffer): WideTable {
  const records = parse(decodeText(bytes), { relax_column_count: true, skip_empty_lines: true }) as string[][];
  if (records.length === 0) throw new YardstickError([error('empty_csv', `${file}: 文件为空 / the file is empty`, { file })]);
  const [header, ...body] = records;
  const names = header.map((h) => h.trim());
  const issues: Issue[] = [];
  names.forEach((h, j) => {
    if (h === '') issues.push(error('empty_header', '列名为空 / empty column header', { file, row: 1, column: j + 1 }));
    else if (names.indexOf(h) !== j) issues.push(error('duplicate_header', `列名“${h}”重复 / duplicate column “${h}”`, { file, row: 1, column: h }));
  });
  const seen = new Map<string, number>();
  const rows = body.map((cells, i) => {
    const row = i + 2;
    const unit = (cells[0] ?? '').trim();
    if (unit === '') issues.push(error('empty_unit', '单位名称为空 / empty unit name', { file, row, column: names[0] }));
    else if (seen.has(unit)) issues.push(error('duplicate_unit', `单位“${unit}”与第 ${seen.get(unit)} 行重复 / unit “${unit}” repeats row ${seen.get(unit)}`, { file, row, column: names[0] }));
    else seen.set(unit, row);
    const values = names.slice(1).map((h, j) => {
      const v = parseCell(cells[j + 1]);
      if (Number.isNaN(v)) issues.push(error('not_a_number', `“${cells[j + 1]}”不是数字 / “${cells[j + 1]}” is not a number`, { file, row, column: h }));
      else if (v !== null && !Number.isFinite(v)) issues.push(notFinite(cells[j + 1]!, { file, row, column: h }));
      return v === null || Number.isFinite(v) ? v : null;
    });
    return { unit, values };
  });
  YardstickError.throwIfErrors(issues);
  return { unitHeader: names[0], columns: names.slice(1), rows };
}

/**
 * A cell that parses beyond the largest double (`1e999` reads as Infinity): refused here, where it
 * can be located, rather than let an infinite value reach the statistics (min, max, sd) of a leaf.
 */
function notFinite(cell: string, at: { file: string; row: number; column: string }): Issue {
  return error(
    'not_finite',
    `“${cell.trim()}”超出数值范围（非有限数） / “${cell.trim()}” is out of range (not a finite number)`,
    at,
  );
}

const MISSING = new Set(['', '-', '—', '–', 'na', 'n/a', 'null', '缺', '无数据']);

/** A cell → number, null (missing) or NaN (not a number). */
export function parseCell(cell: string | undefined): number | null {
  const s = (cell ?? '')
    .replace(/[\uFF10-\uFF19\uFF0E\uFF05\uFF0D\uFF0B]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s,\u3000]/g, '');
  if (MISSING.has(s.toLowerCase())) return null;
  const pct = s.endsWith('%');
  const body = pct ? s.slice(0, -1) : s;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(body)) return NaN;
  return pct ? Number(body) / 100 : Number(body);
}

function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

async function loadWideTable(db: Db, t: WideTable, year: number): Promise<void> {
  await db.run('create table unit_year_metrics (year integer, unit_id varchar, metric_id varchar, value double)');
  const app = await db.conn.createAppender('unit_year_metrics');
  try {
    for (const r of t.rows) {
      t.columns.forEach((c, j) => {
        app.appendInteger(year);
        app.appendVarchar(r.unit);
        app.appendVarchar(c);
        const v = r.values[j];
        if (v === null) app.appendNull();
        else app.appendDouble(v);
        app.endRow();
      });
    }
  } finally {
    app.closeSync();
  }
}

async function readResult(db: Db, tree: IndicatorTree, year: number): Promise<Omit<ScoreTableResult, 'warnings' | 'topsis'>> {
  type Row = Pick<ScoreTableUnit, 'score' | 'rank' | 'grade' | 'weighted' | 'bonus' | 'deduction' | 'grade_status' | 'veto'> & {
    unit_id: string;
    node_id: string;
    level: number;
  };
  const rows = await db.all<Row>(
    `select s.unit_id, s.node_id, s.level, s.score, s.rank, s.grade, s.weighted, s.bonus, s.deduction, s.grade_status, s.veto
     from scores s join tree_nodes t on t.run_id = s.run_id and t.node_id = s.node_id
     where s.year = $year
     order by s.unit_id, s.level, t.position`,
    { year },
  );
  const units = new Map<string, ScoreTableUnit>();
  for (const r of rows) {
    if (!units.has(r.unit_id)) {
      units.set(r.unit_id, { unit: r.unit_id, score: null, rank: null, grade: null, weighted: null, bonus: null, deduction: null, grade_status: null, veto: null, nodes: {} });
    }
    const u = units.get(r.unit_id)!;
    u.nodes[r.node_id] = r.score;
    if (r.node_id === tree.rootId) {
      const { score, rank, grade, weighted, bonus, deduction, grade_status, veto } = r;
      Object.assign(u, { score, rank, grade, weighted, bonus, deduction, grade_status, veto });
    }
  }
  const list = [...units.values()].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unit.localeCompare(b.unit, 'zh-CN'));
  return {
    year,
    rootId: tree.rootId,
    dimensions: tree.nodes.filter((n) => n.level === 1).map((n) => ({ id: n.id, zh: n.label.zh, en: n.label.en })),
    units: list,
  };
}
