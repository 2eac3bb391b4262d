/**
 * The issue-13 case: 2,000 units (with parents), 40,000 members with ids and
 * names, 10M attendance rows and ~760k exam rows, as UTF-8 and as GBK CSVs.
 * Figures are ratios against DuckDB's plain `read_csv` of the same files in the
 * same run (UTF-8: GBK is not readable by plain DuckDB), each in its own process:
 * the whole ingest, and the read layer alone (bench/read-child.ts).
 *
 * The attendance register comes from src/generate/ (2,000 units × 20 members);
 * the roster is its distinct (unit, id, name), the unit list adds 40 parents
 * under a root, and the exams are 19 per member, all built here in SQL.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateAttendanceCsv } from '../src/generate/attendance-file.js';
import { quotedString as s } from '../src/store/db.js';
import { child, type Timed } from './child.js';

const UNITS = 2000;
const PARENTS = 40;
const EXAMS_PER_MEMBER = 19;

interface CaseFiles { units: string; members: string; attendance: string; exams: string }

/** The four files in `dir` (UTF-8), attendance of `rows` rows. */
async function writeCase(dir: string, rows: number): Promise<CaseFiles> {
  const f: CaseFiles = { units: join(dir, 'units.csv'), members: join(dir, 'members.csv'), attendance: join(dir, 'attendance.csv'), exams: join(dir, 'exams.csv') };
  const att = await generateAttendanceCsv({ out: f.attendance, rows, units: UNITS, membersPerUnit: 20, seed: 13, year: 2025 });
  const parents = Array.from({ length: PARENTS }, (_, i) => [`P${i + 1}`, `第${i + 1}片区管理部`, 'C0', '管理部']);
  const units = att.units.map((u, i) => [`U${i + 1}`, u, `P${(i % PARENTS) + 1}`, '县支行']);
  const lines = [['单位编码', '单位名称', '上级单位', '单位类型'], ['C0', '江海市中心支行', '', '中心支行'], ...parents, ...units];
  writeFileSync(f.units, lines.map((l) => l.join(',')).join('\n') + '\n');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(`CREATE TABLE m AS SELECT DISTINCT "工号", "姓名", "单位名称" FROM read_csv(${s(f.attendance)}, header = true, all_varchar = true)`);
  await conn.run(`COPY (SELECT * FROM m ORDER BY "工号") TO ${s(f.members)} (HEADER, DELIMITER ',')`);
  await conn.run(`COPY (
    SELECT m."单位名称", m."工号", m."姓名", '第' || (e + 1) || '期应知应会测试' AS "考试名称",
           strftime(DATE '2025-01-10' + (e * 18)::INTEGER, '%Y-%m-%d') AS "考试日期",
           60 + hash(m."工号", e) % 41 AS "成绩", 100 AS "满分"
    FROM m, range(${EXAMS_PER_MEMBER}) r(e) ORDER BY m."工号", e) TO ${s(f.exams)} (HEADER, DELIMITER ',')`);
  conn.closeSync();
  instance.closeSync();
  return f;
}

/** The same files in GBK (iconv, present on Debian). */
function toGbk(f: CaseFiles, dir: string): CaseFiles {
  const out = {} as CaseFiles;
  for (const [k, file] of Object.entries(f) as [keyof CaseFiles, string][]) {
    out[k] = join(dir, `${k}-gbk.csv`);
    execFileSync('sh', ['-c', `iconv -f UTF-8 -t GBK < ${s(file)} > ${s(out[k])}`]);
  }
  return out;
}

function pipeline(dir: string, name: string, f: CaseFiles): string {
  const p = join(dir, `${name}.yaml`);
  const rel = (file: string) => file.slice(dir.length + 1);
  writeFileSync(p, [`database: ${join(dir, `${name}.duckdb`)}`, `data: ${dir}`, `reports: ${join(dir, `out-${name}`)}`, 'sources:',
    `  - {kind: units, files: ${rel(f.units)}}`, `  - {kind: members, files: ${rel(f.members)}, year: 2025}`,
    `  - {kind: attendance, files: ${rel(f.attendance)}, year: 2025}`, `  - {kind: exams, files: ${rel(f.exams)}, year: 2025}`, ''].join('\n'));
  return p;
}

export interface BigCaseOptions {
  /** What to measure: the read layer against DuckDB, the whole ingest, or both. */
  parts?: 'read' | 'ingest' | 'all';
  /** Rounds of the read measurements (alternating with the baseline; the fastest of each counts). */
  rounds?: number;
  /** Keep the generated files for a later call (same rows), and reuse them if present. */
  keep?: boolean;
  /** Give up on one ingest after this many seconds (the machine is shared). */
  ingestTimeout?: number;
}

export async function benchBigCase(rows = 10_000_000, o: BigCaseOptions = {}): Promise<string[]> {
  const parts = o.parts ?? 'all';
  const dir = join(tmpdir(), 'yardstick-bench', `big-${rows}`);
  const marker = join(dir, 'generated');
  if (!o.keep || !existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    toGbk(await writeCase(dir, rows), dir);
    writeFileSync(marker, '');
  }
  const utf8: CaseFiles = { units: join(dir, 'units.csv'), members: join(dir, 'members.csv'), attendance: join(dir, 'attendance.csv'), exams: join(dir, 'exams.csv') };
  const gbk: CaseFiles = { units: join(dir, 'units-gbk.csv'), members: join(dir, 'members-gbk.csv'), attendance: join(dir, 'attendance-gbk.csv'), exams: join(dir, 'exams-gbk.csv') };
  const files = (f: CaseFiles) => [f.units, f.members, f.attendance, f.exams];
  const spool = join(dir, 'read-spool');
  const runs = {
    native: () => child('bench/native-child.ts', [join(dir, 'native.duckdb'), '-', ...files(utf8)]),
    readUtf8: () => child('bench/read-child.ts', [join(dir, 'read.duckdb'), spool, ...files(utf8)]),
    readGbk: () => child('bench/read-child.ts', [join(dir, 'read.duckdb'), spool, ...files(gbk)]),
    readGbkPlain: () => child('bench/read-child.ts', [join(dir, 'read.duckdb'), spool, '--plain-gbk', ...files(gbk)]),
  };
  // Alternating rounds, fastest of each: the baseline and the reader see the same load as far as possible.
  const best: Partial<Record<keyof typeof runs, Timed>> = {};
  const wanted = parts === 'ingest' ? ['native'] as const : (['native', 'readUtf8', 'readGbk', 'readGbkPlain'] as const);
  for (let r = 0; r < (o.rounds ?? 2); r++) {
    for (const k of wanted) {
      const t = runs[k]();
      if (!best[k] || t.seconds < best[k]!.seconds) best[k] = t;
    }
  }
  const native = best.native!;
  const line = (name: string, r: Timed | string | undefined) => (r === undefined ? '' : typeof r === 'string'
    ? `  ${name.padEnd(34)} failed: ${r}`
    : `  ${name.padEnd(34)} ${String(r.rows).padStart(10)} rows ${r.seconds.toFixed(2).padStart(7)} s  ${(native.seconds / r.seconds).toFixed(2)}× native  peak RSS ${Math.round(r.maxRssMb)} MB`);
  const out = [
    line('DuckDB read_csv, 4 files (base)', native),
    line('read layer UTF-8 (src/ingest/read)', best.readUtf8),
    line('read layer GBK (latin-1 landing)', best.readGbk),
    line('read layer GBK, plain (UTF-8 copy)', best.readGbkPlain),
  ];
  if (parts !== 'read') {
    const timeout = (o.ingestTimeout ?? 1800) * 1000;
    out.push(line('yardstick ingest UTF-8', tryChild('bench/ingest-child.ts', [pipeline(dir, 'ys-utf8', utf8)], timeout)));
    out.push(line('yardstick ingest GBK', tryChild('bench/ingest-child.ts', [pipeline(dir, 'ys-gbk', gbk)], timeout)));
    out.push(`  floors: ingest ≥ 0.5× (GBK ≥ 0.45×), peak RSS ≤ 1024 MB`);
  }
  if (!o.keep) rmSync(dir, { recursive: true, force: true });
  return out.filter(Boolean);
}

/** A measurement that may fail (the stage layer is being rebuilt): its error's first line instead. */
function tryChild(script: string, args: string[], timeoutMs: number): Timed | string {
  try {
    return child(script, args, timeoutMs);
  } catch (e) {
    const lines = String((e as { stderr?: string }).stderr ?? e).split('\n');
    return (lines.find((l) => /Error/.test(l)) ?? lines.find((l) => l.trim()) ?? 'error').trim().slice(0, 200);
  }
}
