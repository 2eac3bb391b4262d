/**
 * `data-samples/`: the committed sample bundle of the fictional 中国人民银行
 * 江海市中心支行, 2021–2025, written with a fixed seed. It is the mix bundle of
 * `bundle.ts`, materialised so that a little listed dirt can be added (an
 * unknown status, a misspelt unit, a wrong year, …). `README.md` is written
 * from the same run, so its row numbers always match the files; a test checks it.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dayOf, isoDate } from './calendar.js';
import { planBundle, writeFiles, type FileSpec } from './bundle.js';
import type { AttendanceFact } from './facts.js';
import { buildSampleOrg, isActive, membersInYear, stintOn, unitName, type Org } from './org.js';
import { Rng } from './random.js';
import { COUNTY_ATTENDANCE, renderAttendance } from './render.js';
import { renderSampleReadme } from './sample-readme.js';
import type { Cell } from './write-csv.js';
import type { Dirt } from './dirt.js';

export type { Dirt };

export const SAMPLE_SEED = 2025;
export const SAMPLE_YEARS: [number, number] = [2021, 2025];

interface Table {
  spec: FileSpec;
  sheet: number;
  rows: Cell[][];
}

/** A dirt entry whose row is found by identity once every insertion is done. */
interface PendingDirt extends Omit<Dirt, 'row' | 'value'> {
  table: Table;
  ref: Cell[];
  value: string | (() => string);
}

export interface SampleResult {
  files: string[];
  rows: Record<string, number>;
  dirt: Dirt[];
}

/** Build the sample in memory: the planned files with materialised rows and the dirt applied. */
export function buildSample(): { org: Org; files: FileSpec[]; dirt: Dirt[] } {
  const rng = new Rng(SAMPLE_SEED);
  const org = buildSampleOrg(rng.fork('org'), SAMPLE_YEARS);
  const files = planBundle(org, rng, { format: 'mix' }).map((spec) => ({
    ...spec,
    sheets: spec.sheets.map((s) => ({ ...s, rows: Array.from(s.rows, (r) => [...r]) })),
  }));
  const pending = addDirt(org, files);
  const dirt = pending.map(({ table, ref, value, ...d }) => ({
    ...d,
    row: rowNumber(table, ref),
    value: typeof value === 'function' ? value() : value,
  }));
  dirt.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.row - b.row));
  return { org, files, dirt };
}

/** Write the sample bundle and its README under `out` (default `data-samples`), replacing earlier output. */
export async function generateSample(out = 'data-samples'): Promise<SampleResult> {
  const { org, files, dirt } = buildSample();
  await mkdir(out, { recursive: true });
  for (const entry of await readdir(out)) {
    if (entry === 'units' || /^\d{4}$/.test(entry) || entry === 'README.md') await rm(join(out, entry), { recursive: true, force: true });
  }
  const written = await writeFiles(out, files);
  await writeFile(join(out, 'README.md'), renderSampleReadme(org, files, dirt, written.rows));
  return { ...written, dirt };
}

function table(files: FileSpec[], path: string, sheet?: string): Table {
  const spec = files.find((f) => f.path === path);
  if (!spec) throw new Error(`sample: no planned file ${path}`);
  const i = sheet === undefined ? 0 : spec.sheets.findIndex((s) => s.name === sheet);
  return { spec, sheet: i, rows: spec.sheets[i].rows as Cell[][] };
}

function col(t: Table, header: string): number {
  const i = t.spec.sheets[t.sheet].headers.indexOf(header);
  if (i < 0) throw new Error(`sample: ${t.spec.path} has no column ${header}`);
  return i;
}

function rowNumber(t: Table, ref: Cell[]): number {
  const i = t.rows.indexOf(ref);
  if (i < 0) throw new Error(`sample: dirt row vanished from ${t.spec.path}`);
  return i + (t.spec.sheets[t.sheet].title && t.spec.format === 'xlsx' ? 3 : 2);
}

/** The first row at or after `from` that satisfies `ok`. */
function findRow(t: Table, from: number, ok: (r: Cell[]) => boolean): Cell[] {
  for (let i = from; i < t.rows.length; i++) if (ok(t.rows[i])) return t.rows[i];
  throw new Error(`sample: no suitable row in ${t.spec.path} after ${from}`);
}

function addDirt(org: Org, files: FileSpec[]): PendingDirt[] {
  const dirt: PendingDirt[] = [];
  const at = (t: Table, ref: Cell[], id: string, column: string, value: PendingDirt['value'], note: string) =>
    dirt.push({ id, file: t.spec.path, sheet: t.spec.format === 'xlsx' ? t.spec.sheets[t.sheet].name : null, column, value, note, table: t, ref });

  // An attendance status no mapping knows.
  {
    const t = table(files, '2025/学习考勤_机关.csv');
    const c = col(t, '签到');
    const r = findRow(t, 120, (r) => r[c] === '出席' || r[c] === '是' || r[c] === '√');
    r[c] = '待定';
    at(t, r, 'unknown_status', '签到', '待定', 'status not in the mapping (metrics.md): rejected');
  }
  // A typo in a unit name.
  {
    const t = table(files, '2023/学习考勤_机关.csv');
    const c = col(t, '支部名称');
    const r = findRow(t, 50, (r) => r[c] === '货币信贷科');
    r[c] = '货币信贷课';
    at(t, r, 'unknown_unit', '支部名称', '货币信贷课', 'typo of 货币信贷科 (科 → 课): unknown unit');
  }
  // A date in the wrong year (a typing slip: 2022 → 2012).
  {
    const t = table(files, '2022/学习考勤_县支行.csv');
    const c = col(t, '活动日期');
    const r = findRow(t, 400, (r) => typeof r[c] === 'string' && (r[c] as string).startsWith('2022'));
    r[c] = (r[c] as string).replace('2022', '2012');
    at(t, r, 'date_outside_year', '活动日期', () => r[c] as string, 'year typed as 2012 in the 2022 file: outside the declared year');
  }
  // Hours out of range.
  {
    const t = table(files, '2021/学习考勤_机关.csv');
    const c = col(t, '时长（小时）');
    const r = findRow(t, 700, () => true);
    r[c] = '30';
    at(t, r, 'hours_out_of_range', '时长（小时）', '30', '30 hours for one session');
  }
  // A score above the full mark.
  {
    const t = table(files, '2023/考试成绩.xlsx');
    const full = col(t, '试卷总分');
    const c = col(t, '分数');
    const r = findRow(t, 40, (r) => r[full] === 100);
    r[c] = 105;
    at(t, r, 'score_above_full_mark', '分数', '105', 'score 105 with 试卷总分 100');
  }
  // Exact duplicate rows (a block pasted twice), right after their originals.
  {
    const t = table(files, '2024/学习考勤_县支行.csv');
    for (const i of [200, 1200, 2400]) {
      const original = t.rows[i];
      const copy = [...original];
      t.rows.splice(i + 1, 0, copy);
      at(t, copy, 'duplicate_row', '(whole row)', () => `same as row ${rowNumber(t, original)}`, 'exact duplicate of the row above');
    }
  }
  // A December session reported late: appended after the other rows of the 2024 file, with its 2024 date.
  {
    const t = table(files, '2024/学习考勤_县支行.csv');
    const cols = COUNTY_ATTENDANCE[(2024 - SAMPLE_YEARS[0]) % 5];
    const dateCol = col(t, '学习日期');
    const unit = org.units.find((u) => unitName(u, 2024) === '云溪县支行' && isActive(u, 2024))!;
    const day = dayOf(2024, 12, 30);
    const session = { unit, day, type: '支委会', topic: '年度组织生活会准备', hours: 1.5, presenter: null, partner: null };
    const render = new Rng(SAMPLE_SEED).fork('late-december');
    const committee = membersInYear(org, unit, 2024).filter((m) => stintOn(m, unit.code, day)?.role !== '党员' && stintOn(m, unit.code, day));
    for (const member of committee) {
      const fact: AttendanceFact = { unit, member, session, status: 'present' };
      const r = renderAttendance(fact, cols, 'csv', render);
      r[dateCol] = isoDate(day);
      t.rows.push(r);
      at(t, r, 'late_december', '学习日期', isoDate(day), 'December session appended late, out of date order; it belongs to 2024');
    }
  }
  // A blank line in the middle of a GBK file.
  {
    const t = table(files, '2023/学习考勤_县支行.csv');
    const blank: Cell[] = [];
    t.rows.splice(1500, 0, blank);
    at(t, blank, 'blank_line', '(whole row)', '', 'an empty line');
  }
  // A 合计 footer under the last quarter's sheet.
  {
    const t = table(files, '2024/学习考勤_机关.xlsx', '第四季度');
    const headers = t.spec.sheets[t.sheet].headers;
    const hours = col(t, '时长（小时）');
    const total = t.rows.reduce((a, r) => a + (Number.parseFloat(String(r[hours] ?? '').normalize('NFKC')) || 0), 0);
    const footer: Cell[] = headers.map(() => null);
    footer[0] = '合计';
    footer[hours] = Math.round(total * 10) / 10;
    t.rows.push(footer);
    at(t, footer, 'footer_total', headers[0], '合计', 'footer row (合计) after the data');
  }
  return dirt;
}
