/**
 * The fast path: one big, clean attendance register (for benchmarks and load
 * tests), written as UTF-8 or GBK CSV, or as a streamed .xlsx. Clean means ISO
 * dates, plain hours, the canonical statuses 出席/缺席/请假 and no dirt; the row
 * count is exact. Rows are built from precomputed fragments (unit + member,
 * session) so the cost per row is one PRNG draw and a few string appends.
 */
import { join } from 'node:path';
import { firstDay, isoDate, lastDay, toWorkday } from './calendar.js';
import { personName } from './names.js';
import { syntheticUnit } from './org.js';
import { Rng } from './random.js';
import { CsvWriter, type Cell } from './write-csv.js';
import { writeXlsx } from './write-xlsx.js';

export interface AttendanceFileOptions {
  /** A `.csv`/`.xlsx` file, or a bundle folder (then `<out>/<year>/学习考勤_全辖.<ext>`). */
  out: string;
  /** Exact number of data rows. */
  rows: number;
  units: number;
  seed?: number;
  encoding?: 'utf-8' | 'gbk';
  year?: number;
  membersPerUnit?: number;
}

export interface AttendanceFileResult {
  file: string;
  rows: number;
  /** Unit names, in file order. */
  units: string[];
}

export const CLEAN_HEADERS = ['单位名称', '工号', '姓名', '日期', '学习形式', '学习内容', '时长（小时）', '出勤情况'] as const;

const SESSION_KINDS: readonly (readonly [type: string, hours: readonly number[], weight: number])[] = [
  ['主题党日', [2, 3], 12],
  ['每周一学', [0.5, 1], 20],
  ['集中学习', [2, 3], 10],
  ['党员大会', [1.5, 2], 4],
  ['党小组会', [1], 8],
  ['党课', [1.5, 2], 4],
  ['讲座', [1.5, 2], 3],
  ['读书会', [1.5], 2],
  ['远程教育', [1, 1.5], 8],
  ['培训', [4, 8], 2],
];
const CLEAN_TOPICS = ['学习《中国共产党章程》', '金融法律法规学习', '反洗钱业务培训', '征信知识讲座', '保密教育', '网络安全知识学习', '普惠金融政策解读', '廉政党课', '数字人民币业务学习'];

interface CleanUnit {
  name: string;
  /** `单位名称,工号,姓名,` per member. */
  prefixes: string[];
  members: { id: string; name: string }[];
  present: number;
}

function cleanUnits(rng: Rng, n: number, perUnit: number): CleanUnit[] {
  const offset = rng.int(0, 999);
  const names = rng.fork('names');
  let nextId = 1_000_001;
  const units: CleanUnit[] = [];
  for (let i = 0; i < n; i++) {
    const { name } = syntheticUnit(rng, offset, i);
    const members = Array.from({ length: perUnit }, () => ({ id: String(nextId++), name: personName(names) }));
    const present = rng.chance(0.1) ? 0.55 + rng.next() * 0.15 : 0.82 + rng.next() * 0.15;
    units.push({ name, members, present, prefixes: members.map((m) => `${name},${m.id},${m.name},`) });
  }
  return units;
}

interface CleanSession {
  date: string;
  type: string;
  topic: string;
  hours: number;
}

/** `count` sessions spread over the year, in date order. */
function cleanSessions(rng: Rng, year: number, count: number): CleanSession[] {
  const a = firstDay(year);
  const span = lastDay(year) - a + 1;
  const out: CleanSession[] = [];
  for (let k = 0; k < count; k++) {
    const [type, hours] = rng.weighted(SESSION_KINDS.map(([t, h, w]) => [[t, h] as const, w] as const));
    const day = Math.min(lastDay(year), toWorkday(a + Math.floor(((k + rng.next()) * span) / count)));
    out.push({ date: isoDate(day), type, topic: rng.pick(CLEAN_TOPICS), hours: rng.pick(hours) });
  }
  return out;
}

const STATUS = ['出席', '缺席', '请假'] as const;

/** Rows of each unit: `rows / units`, the remainder going to the first units. */
function quotaOf(rows: number, units: number, i: number): number {
  return Math.floor(rows / units) + (i < rows % units ? 1 : 0);
}

/** What one unit contributes: its quota, its sessions and its own status draws. */
function unitPlan(opts: { rows: number; units: number; year: number }, units: CleanUnit[], rng: Rng, u: number) {
  const unit = units[u];
  const quota = quotaOf(opts.rows, opts.units, u);
  const sessions = cleanSessions(rng.fork(`sessions:${u}`), opts.year, Math.ceil(quota / unit.members.length));
  return { unit, quota, sessions, draw: rng.fork(`status:${u}`), leave: unit.present + (1 - unit.present) * 0.6 };
}

/** 0 出席, 1 缺席, 2 请假. */
function statusOf(r: number, present: number, leave: number): number {
  return r < present ? 0 : r < leave ? 2 : 1;
}

/**
 * Every row as (unit, member index, session, status index) in file order:
 * unit by unit, session by session, member by member, until the unit's quota.
 * (The CSV path inlines the same loops for speed.)
 */
function* cleanRows(opts: { rows: number; units: number; year: number }, units: CleanUnit[], rng: Rng) {
  for (let u = 0; u < units.length; u++) {
    const { unit, quota, sessions, draw, leave } = unitPlan(opts, units, rng, u);
    let left = quota;
    for (let s = 0; s < sessions.length && left > 0; s++) {
      for (let k = 0; k < unit.members.length && left > 0; k++, left--) {
        yield { unit, k, session: sessions[s], status: statusOf(draw.next(), unit.present, leave) };
      }
    }
  }
}

function resolveOptions(opts: AttendanceFileOptions) {
  if (!Number.isInteger(opts.rows) || opts.rows < 0) throw new Error(`rows must be a non-negative integer, got ${opts.rows}`);
  if (!Number.isInteger(opts.units) || opts.units < 1) throw new Error(`units must be a positive integer, got ${opts.units}`);
  const resolved = { rows: opts.rows, units: opts.units, seed: opts.seed ?? 1, year: opts.year ?? 2025, membersPerUnit: opts.membersPerUnit ?? 20 };
  const rng = new Rng(resolved.seed).fork('attendance-file');
  return { resolved, rng, units: cleanUnits(rng.fork('units'), resolved.units, resolved.membersPerUnit) };
}

function outputFile(out: string, year: number, ext: 'csv' | 'xlsx'): string {
  return out.toLowerCase().endsWith(`.${ext}`) ? out : join(out, String(year), `学习考勤_全辖.${ext}`);
}

/** Write one clean attendance CSV of exactly `rows` rows over `units` synthetic units. */
export async function generateAttendanceCsv(opts: AttendanceFileOptions): Promise<AttendanceFileResult> {
  const { resolved, rng, units } = resolveOptions(opts);
  const file = outputFile(opts.out, resolved.year, 'csv');
  const w = await CsvWriter.open(file, opts.encoding ?? 'utf-8');
  try {
    await w.writeEncoded(w.encodeFragment(`${CLEAN_HEADERS.join(',')}\n`));
    // Rows are assembled as bytes from fragments encoded once per member and per
    // session; two 4 MB buffers alternate so one can be written while the other fills.
    const CHUNK = 4 << 20;
    const buffers = [Buffer.allocUnsafe(CHUNK + 4096), Buffer.allocUnsafe(CHUNK + 4096)];
    let out = buffers[0];
    let pos = 0;
    let pending: Promise<void> = Promise.resolve();
    let n = 0;
    for (let u = 0; u < units.length; u++) {
      const { unit, quota, sessions, draw, leave } = unitPlan(resolved, units, rng, u);
      const prefixes = unit.prefixes.map((p) => w.encodeFragment(p));
      const m = prefixes.length;
      let left = quota;
      for (let s = 0; s < sessions.length && left > 0; s++) {
        const { date, type, topic, hours } = sessions[s];
        const tails = STATUS.map((st) => w.encodeFragment(`${date},${type},${topic},${hours},${st}\n`));
        const k1 = Math.min(m, left);
        for (let k = 0; k < k1; k++) {
          pos = put(out, pos, prefixes[k]);
          pos = put(out, pos, tails[statusOf(draw.next(), unit.present, leave)]);
          if (pos >= CHUNK) {
            await pending;
            pending = w.writeEncoded(out.subarray(0, pos));
            out = out === buffers[0] ? buffers[1] : buffers[0];
            pos = 0;
          }
        }
        left -= k1;
        n += k1;
      }
    }
    await pending;
    await w.writeEncoded(out.subarray(0, pos));
    await w.close();
    return { file, rows: n, units: units.map((u) => u.name) };
  } catch (e) {
    await w.abort();
    throw e;
  }
}

/** Copy `src` into `dst` at `pos`; returns the position after it. */
function put(dst: Buffer, pos: number, src: Uint8Array): number {
  dst.set(src, pos);
  return pos + src.length;
}

/** The same register as a streamed .xlsx with a merged title row (one sheet, continued past Excel's row limit). */
export async function generateAttendanceXlsx(opts: Omit<AttendanceFileOptions, 'encoding'>): Promise<AttendanceFileResult> {
  const { resolved, rng, units } = resolveOptions(opts);
  const file = outputFile(opts.out, resolved.year, 'xlsx');
  const rows = {
    *[Symbol.iterator](): Iterator<Cell[]> {
      for (const { unit, k, session, status } of cleanRows(resolved, units, rng)) {
        const m = unit.members[k];
        yield [unit.name, m.id, m.name, session.date, session.type, session.topic, session.hours, STATUS[status]];
      }
    },
  };
  const [n] = await writeXlsx(file, [{ name: '学习考勤', title: `${resolved.year}年度学习考勤登记表`, headers: CLEAN_HEADERS, rows }]);
  return { file, rows: n, units: units.map((u) => u.name) };
}
