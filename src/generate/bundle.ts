/**
 * A complete export bundle laid out like `data-samples/`:
 *
 *   units/单位名录.csv  units/单位沿革.csv  units/党员名册.xlsx
 *   <year>/单位概况.xlsx  <year>/学习考勤_县支行.csv|xlsx  <year>/学习考勤_机关.csv|xlsx
 *   <year>/考试成绩.xlsx  <year>/论文发表.csv  <year>/调研报告.csv
 *
 * `planBundle` describes every file with lazy, re-iterable rows (facts are
 * regenerated per unit-year from RNG forks, so nothing big is held in memory);
 * `writeFiles` writes them. The sample (`sample.ts`) plans the same files,
 * materialises them, and adds its listed dirt before writing.
 */
import { join } from 'node:path';
import { parts, yearOf } from './calendar.js';
import { attendanceFacts, examFacts, profileFact, publicationFacts, reportFacts, scaleForRows, type AttendanceFact } from './facts.js';
import { buildSyntheticOrg, isActive, membersInYear, unitName, type Org, type Unit } from './org.js';
import { Rng } from './random.js';
import {
  COUNTY_ATTENDANCE,
  DEPARTMENT_ATTENDANCE,
  EXAMS,
  PROFILE,
  PUBLICATIONS,
  REPORTS,
  renderAttendance,
  renderDate,
  renderExam,
  renderProfile,
  renderPublication,
  renderReport,
  type Target,
} from './render.js';
import { writeCsv, type Cell, type CsvEncoding } from './write-csv.js';
import { writeXlsx, type XlsxSheet } from './write-xlsx.js';

export type BundleFormat = 'csv' | 'gbk' | 'xlsx' | 'mix';
export type FileFormat = CsvEncoding | 'xlsx';

export interface FileSpec {
  /** Path relative to the bundle root, with `/`. */
  path: string;
  format: FileFormat;
  /** CSV files use the first sheet and ignore its title. */
  sheets: XlsxSheet[];
}

export interface PlanOptions {
  format: BundleFormat;
  /** Attendance rows per unit-year to aim for; default: what the session plan gives (~30 per member). */
  rowsPerUnitYear?: number;
  only?: 'attendance';
}

export const QUARTERS = ['第一季度', '第二季度', '第三季度', '第四季度'] as const;
/** Variant order across years for the three-variant families (profile, exams). */
const THREE_WAY = [0, 1, 2, 1, 0];

function lazy<T>(make: () => Iterator<T>): Iterable<T> {
  return { [Symbol.iterator]: make };
}

const ext = (f: FileFormat) => (f === 'xlsx' ? 'xlsx' : 'csv');

/** Encoding of each file family in year `i` of `span` years. */
function formatsFor(format: BundleFormat, i: number, span: number) {
  if (format !== 'mix') {
    const one: FileFormat = format === 'csv' ? 'utf-8' : format;
    const text: CsvEncoding = format === 'gbk' ? 'gbk' : 'utf-8';
    return { county: one, department: one, publications: text, reports: text, static: text };
  }
  const xlsxYear = span >= 2 ? Math.min(3, span - 1) : -1;
  return {
    county: 'gbk' as FileFormat,
    department: (i === xlsxYear ? 'xlsx' : i % 2 === 0 ? 'utf-8-bom' : 'utf-8') as FileFormat,
    publications: (i < 3 ? 'utf-8-bom' : 'gbk') as CsvEncoding,
    reports: (i === 1 ? 'gbk' : 'utf-8-bom') as CsvEncoding,
    static: 'utf-8-bom' as CsvEncoding,
  };
}

/** Every file of the bundle for `org`. */
export function planBundle(org: Org, rng: Rng, opts: PlanOptions): FileSpec[] {
  const [y0, y1] = org.years;
  const files: FileSpec[] = [];
  const formats0 = formatsFor(opts.format, 0, y1 - y0 + 1);
  if (!opts.only) files.push(...planStatic(org, rng, formats0.static));
  for (let y = y0; y <= y1; y++) {
    const i = y - y0;
    const f = formatsFor(opts.format, i, y1 - y0 + 1);
    const active = org.units.filter((u) => isActive(u, y));
    const counties = active.filter((u) => u.type === 'county');
    const departments = active.filter((u) => u.type === 'department');
    if (!opts.only) files.push(planProfile(org, rng, y, active));
    if (counties.length) files.push(planAttendance(org, rng, y, `${y}/学习考勤_县支行`, f.county, counties, COUNTY_ATTENDANCE[i % 5], opts));
    if (departments.length) files.push(planAttendance(org, rng, y, `${y}/学习考勤_机关`, f.department, departments, DEPARTMENT_ATTENDANCE[i % 5], opts));
    if (opts.only) continue;
    files.push(planExams(org, rng, y, active, THREE_WAY[i % 5]));
    files.push(planPublications(org, rng, y, active, f.publications, i % 3));
    files.push(planReports(org, rng, y, active, f.reports, i % 2));
  }
  return files;
}

function planStatic(org: Org, rng: Rng, encoding: CsvEncoding): FileSpec[] {
  const last = org.years[1];
  const byCode = new Map([org.root, ...org.units].map((u) => [u.code, u]));
  const units: Cell[][] = [org.root, ...org.units].map((u) => [
    u.code,
    unitName(u, last),
    u.parent ? unitName(byCode.get(u.parent)!, last) : null,
    u.type,
    u.validFrom ?? null,
    u.validTo ?? null,
  ]);
  const registry: Cell[][] = org.registry.map((r) => [r.oldName, r.newName, r.year, r.event]);
  const roster = lazy(function* () {
    const render = rng.fork('render:roster');
    for (const m of org.members) {
      for (const s of m.stints) {
        const unit = byCode.get(s.unit)!;
        const asOf = s.to === null ? last : Math.min(last, yearOf(s.to));
        yield [m.id, m.name, unitName(unit, asOf), s.role, renderDate(s.from, 'dot', 'xlsx', render), s.to === null ? null : renderDate(s.to, 'dot', 'xlsx', render)];
      }
    }
  });
  return [
    { path: 'units/单位名录.csv', format: encoding, sheets: [{ name: '单位名录', headers: ['单位编码', '单位名称', '上级单位', '单位类型', '起始年度', '终止年度'], rows: units }] },
    { path: 'units/单位沿革.csv', format: encoding, sheets: [{ name: '单位沿革', headers: ['原名称', '新名称', '生效年度', '事项'], rows: registry }] },
    {
      path: 'units/党员名册.xlsx',
      format: 'xlsx',
      sheets: [{ name: '党员名册', title: `${unitName(org.root, last)}党员名册（截至${last}年12月31日）`, headers: ['工号', '姓名', '所在支部', '职务', '转入日期', '转出日期'], rows: roster }],
    },
  ];
}

function planProfile(org: Org, rng: Rng, year: number, units: Unit[]): FileSpec {
  const variant = PROFILE[THREE_WAY[(year - org.years[0]) % 5]];
  const rows = lazy(function* () {
    for (const u of units) yield renderProfile(profileFact(org, u, year, rng.fork(`profile:${u.code}:${year}`)), variant);
  });
  return {
    path: `${year}/单位概况.xlsx`,
    format: 'xlsx',
    sheets: [{ name: '单位概况', title: `${year}年度学习型党组织建设基本情况表`, headers: variant.cols.map(([h]) => h), rows }],
  };
}

/** The facts of `unit` in `year`, scaled to the row target when there is one. */
export function unitAttendance(org: Org, rng: Rng, unit: Unit, year: number, rowsPerUnitYear?: number): AttendanceFact[] {
  const scale = rowsPerUnitYear ? scaleForRows(rowsPerUnitYear, membersInYear(org, unit, year).length) : 1;
  return attendanceFacts(org, unit, year, rng.fork(`attendance:${unit.code}:${year}`), scale);
}

function planAttendance(
  org: Org,
  rng: Rng,
  year: number,
  stem: string,
  format: FileFormat,
  units: Unit[],
  cols: (typeof COUNTY_ATTENDANCE)[number],
  opts: PlanOptions,
): FileSpec {
  const target: Target = format === 'xlsx' ? 'xlsx' : 'csv';
  const headers = cols.map(([h]) => h);
  const rowsOf = (quarter: number | null) =>
    lazy(function* () {
      for (const u of units) {
        const render = rng.fork(`render:${stem}:${quarter}:${u.code}`);
        for (const f of unitAttendance(org, rng, u, year, opts.rowsPerUnitYear)) {
          if (quarter !== null && Math.floor((parts(f.session.day).m - 1) / 3) !== quarter) continue;
          yield renderAttendance(f, cols, target, render);
        }
      }
    });
  const title = `${year}年度学习考勤登记表`;
  const sheets: XlsxSheet[] =
    format === 'xlsx'
      ? QUARTERS.map((name, q) => ({ name, title, headers, rows: rowsOf(q) }))
      : [{ name: '学习考勤', headers, rows: rowsOf(null) }];
  return { path: `${stem}.${ext(format)}`, format, sheets };
}

function planExams(org: Org, rng: Rng, year: number, units: Unit[], v: number): FileSpec {
  const { cols, title } = EXAMS[v];
  const rows = lazy(function* () {
    for (const u of units) {
      const render = rng.fork(`render:exams:${u.code}:${year}`);
      for (const e of examFacts(org, u, year, rng.fork(`exams:${u.code}:${year}`))) yield renderExam(e, year, cols, render);
    }
  });
  return {
    path: `${year}/考试成绩.xlsx`,
    format: 'xlsx',
    sheets: [{ name: '成绩', title: title ? `${year}年度学习测试成绩汇总表` : undefined, headers: cols.map(([h]) => h), rows }],
  };
}

function planPublications(org: Org, rng: Rng, year: number, units: Unit[], format: CsvEncoding, v: number): FileSpec {
  const cols = PUBLICATIONS[v];
  const rows = lazy(function* () {
    for (const u of units) {
      const render = rng.fork(`render:publications:${u.code}:${year}`);
      for (const p of publicationFacts(org, u, year, rng.fork(`publications:${u.code}:${year}`))) yield renderPublication(p, year, cols, render);
    }
  });
  return { path: `${year}/论文发表.csv`, format, sheets: [{ name: '论文发表', headers: cols.map(([h]) => h), rows }] };
}

function planReports(org: Org, rng: Rng, year: number, units: Unit[], format: CsvEncoding, v: number): FileSpec {
  const cols = REPORTS[v];
  const rows = lazy(function* () {
    for (const u of units) {
      const render = rng.fork(`render:reports:${u.code}:${year}`);
      for (const r of reportFacts(org, u, year, rng.fork(`reports:${u.code}:${year}`))) yield renderReport(r, year, cols, render);
    }
  });
  return { path: `${year}/调研报告.csv`, format, sheets: [{ name: '调研报告', headers: cols.map(([h]) => h), rows }] };
}

/** Write every planned file under `out`; returns the paths written and data rows per file. */
export async function writeFiles(out: string, files: readonly FileSpec[]): Promise<{ files: string[]; rows: Record<string, number> }> {
  const written: string[] = [];
  const rows: Record<string, number> = {};
  for (const spec of files) {
    const file = join(out, spec.path);
    if (spec.format === 'xlsx') {
      rows[spec.path] = (await writeXlsx(file, spec.sheets)).reduce((a, b) => a + b, 0);
    } else {
      const sheet = spec.sheets[0];
      rows[spec.path] = await writeCsv(file, spec.format, sheet.headers, sheet.rows);
    }
    written.push(file);
  }
  return { files: written, rows };
}

export interface BundleOptions {
  out: string;
  units: number;
  years: [number, number];
  seed?: number;
  format?: BundleFormat;
  rowsPerUnitYear?: number;
  membersPerUnit?: number;
  only?: 'attendance';
}

/**
 * Write a complete synthetic bundle (units, registry, members, profile,
 * attendance, exams, publications, research reports) under `out`, laid out like
 * `data-samples/` so `pipelines/sample.yaml` can point at it (set `data:`).
 */
export async function generateBundle(opts: BundleOptions): Promise<{ files: string[]; rows: Record<string, number> }> {
  const rng = new Rng(opts.seed ?? 1);
  const org = buildSyntheticOrg(rng.fork('org'), opts.units, opts.years, opts.membersPerUnit);
  const plan = planBundle(org, rng, { format: opts.format ?? 'mix', rowsPerUnitYear: opts.rowsPerUnitYear, only: opts.only });
  return writeFiles(opts.out, plan);
}
