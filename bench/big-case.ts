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
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
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

export async function benchBigCase(rows = 10_000_000): Promise<string[]> {
  const dir = join(tmpdir(), 'yardstick-bench', 'big');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const utf8 = await writeCase(dir, rows);
  const gbk = toGbk(utf8, dir);
  const files = (f: CaseFiles) => [f.units, f.members, f.attendance, f.exams];
  const native = child('bench/native-child.ts', [join(dir, 'native.duckdb'), '-', ...files(utf8)]);
  const readUtf8 = child('bench/read-child.ts', [join(dir, 'read.duckdb'), join(dir, 'read-spool'), ...files(utf8)]);
  const readGbk = child('bench/read-child.ts', [join(dir, 'read-gbk.duckdb'), join(dir, 'read-spool'), ...files(gbk)]);
  const readGbkPlain = child('bench/read-child.ts', [join(dir, 'read-gbk.duckdb'), join(dir, 'read-spool'), '--plain-gbk', ...files(gbk)]);
  const ingestUtf8 = tryChild('bench/ingest-child.ts', [pipeline(dir, 'ys-utf8', utf8)]);
  const ingestGbk = tryChild('bench/ingest-child.ts', [pipeline(dir, 'ys-gbk', gbk)]);
  rmSync(dir, { recursive: true, force: true });
  const line = (name: string, r: Timed | string) => (typeof r === 'string'
    ? `  ${name.padEnd(34)} failed: ${r}`
    : `  ${name.padEnd(34)} ${String(r.rows).padStart(10)} rows ${r.seconds.toFixed(2).padStart(7)} s  ${(native.seconds / r.seconds).toFixed(2)}× native  peak RSS ${Math.round(r.maxRssMb)} MB`);
  return [
    line('DuckDB read_csv, 4 files (base)', native),
    line('read layer UTF-8 (src/ingest/read)', readUtf8),
    line('read layer GBK (latin-1 landing)', readGbk),
    line('read layer GBK, plain (UTF-8 copy)', readGbkPlain),
    line('yardstick ingest UTF-8', ingestUtf8),
    line('yardstick ingest GBK', ingestGbk),
    `  floors: ingest ≥ 0.5× (GBK ≥ 0.45×), peak RSS ≤ 1024 MB`,
  ];
}

/** A measurement that may fail (the stage layer is being rebuilt): its error's first line instead. */
function tryChild(script: string, args: string[]): Timed | string {
  try {
    return child(script, args);
  } catch (e) {
    const lines = String((e as { stderr?: string }).stderr ?? e).split('\n');
    return (lines.find((l) => /Error/.test(l)) ?? lines.find((l) => l.trim()) ?? 'error').trim().slice(0, 200);
  }
}
