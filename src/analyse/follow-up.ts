/**
 * Follow-up list: one row per unit flagged this year (reasons, responsible parent unit), plus
 * every unit flagged in the previous analysed year with what became of it (composite rank:
 * improved / unchanged / worse, `unchangedRanks` places of tolerance). Exported to
 * `<reports>/<year>/follow_up.csv` (UTF-8 with BOM; cells starting with = + - @ are prefixed
 * with ' so spreadsheets never evaluate them) and `follow_up.xlsx` (text cells stored as text),
 * each written to a temp file and renamed into place.
 */
import { formulaSafe } from '../report/escape.js';
import { csvDocument } from '../format/csv.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Db } from '../store/db.js';
import { analyseContractOf } from './contract.js';
import { writeTempRows } from './rows.js';
import type { FlagRow } from './weak.js';

export interface FollowUpRow {
  year: number; unit_id: string; unit_name: string; parent_name: string | null;
  score: number | null; rank: number | null; grade: string | null;
  flagged: boolean; severity: string | null; reasons_zh: string; reasons_en: string;
  flagged_last_year: boolean; outcome: 'improved' | 'unchanged' | 'worse' | null;
  rank_change: number | null; score_change: number | null;
}

const SEVERITY = ['high', 'medium', 'low'];

export async function buildFollowUp(
  db: Db,
  opts: { year: number; flags: FlagRow[]; previous?: { year: number; flags: FlagRow[] }; unchangedRanks?: number },
): Promise<FollowUpRow[]> {
  const { year, flags } = opts;
  const prevYear = opts.previous?.year ?? null;
  const tol = opts.unchangedRanks ?? 1;
  const hasUnits = await db.one(`select 1 as x from duckdb_tables() where table_name = 'units' and not temporary`);
  const names = new Map<string, { name: string; parent: string | null }>();
  if (hasUnits) {
    const rows = await db.all<{ unit_id: string; name: string | null; parent_name: string | null }>(
      `with u as (select unit_id, any_value(name) as name, any_value(parent_id) as parent_id from units group by unit_id)
       select u.unit_id, u.name, p.name as parent_name from u left join u p on p.unit_id = u.parent_id`,
    );
    for (const r of rows) names.set(r.unit_id, { name: r.name ?? r.unit_id, parent: r.parent_name });
  }
  const comp = await db.all<{ unit_id: string; year: number; score: number | null; rank: number | null; grade: string | null }>(
    'select unit_id, year, score, rank, grade from scores where level = 0 and year in ($year, $prev)',
    { year, prev: prevYear ?? year },
  );
  const key = (u: string, y: number) => `${u}\u0000${y}`;
  const score = new Map(comp.map((c) => [key(c.unit_id, c.year), c]));
  const byUnit = (fs: FlagRow[]) => {
    const m = new Map<string, FlagRow[]>();
    for (const f of fs) (m.get(f.unit_id) ?? m.set(f.unit_id, []).get(f.unit_id)!).push(f);
    return m;
  };
  const now = byUnit(flags);
  const before = byUnit(opts.previous?.flags ?? []);
  const units = [...new Set([...now.keys(), ...before.keys()])];
  const rows = units.map((u): FollowUpRow => {
    const fs = now.get(u) ?? [];
    const c = score.get(key(u, year));
    const p = prevYear !== null ? score.get(key(u, prevYear)) : undefined;
    const last = before.has(u);
    const rankChange = c?.rank != null && p?.rank != null ? p.rank - c.rank : null;
    const outcome = !last || rankChange === null ? null : Math.abs(rankChange) <= tol ? 'unchanged' : rankChange > 0 ? 'improved' : 'worse';
    return {
      year, unit_id: u, unit_name: names.get(u)?.name ?? u, parent_name: names.get(u)?.parent ?? null,
      score: c?.score ?? null, rank: c?.rank ?? null, grade: c?.grade ?? null,
      flagged: fs.length > 0,
      severity: fs.length ? SEVERITY.find((s) => fs.some((f) => f.severity === s)) ?? fs[0].severity : null,
      reasons_zh: joinReasons(fs.map((f) => f.reason_zh), '；拉低最多的指标：', '；'),
      reasons_en: joinReasons(fs.map((f) => f.reason_en), '; indicators pulling it down most: ', '; '),
      flagged_last_year: last, outcome, rank_change: rankChange,
      score_change: c?.score != null && p?.score != null ? c.score - p.score : null,
    };
  });
  rows.sort((a, b) => Number(b.flagged) - Number(a.flagged) || SEVERITY.indexOf(a.severity ?? 'low') - SEVERITY.indexOf(b.severity ?? 'low') || (b.rank ?? 0) - (a.rank ?? 0) || a.unit_id.localeCompare(b.unit_id));
  await writeTempRows(db, 'analyse_follow_up', analyseContractOf('follow_up').columns, rows as unknown as Record<string, unknown>[]);
  return rows;
}

/** Join a unit's reasons, naming the same "pulled down by" indicators only once. */
export function joinReasons(reasons: string[], marker: string, sep: string): string {
  const seen = new Set<string>();
  return reasons
    .map((r) => {
      const i = r.indexOf(marker);
      if (i < 0) return r;
      const tail = r.slice(i);
      if (seen.has(tail)) return r.slice(0, i);
      seen.add(tail);
      return r;
    })
    .join(sep);
}

const HEADERS: [keyof FollowUpRow, string][] = [
  ['unit_id', '单位编号 unit id'], ['unit_name', '单位 unit'], ['parent_name', '负责上级 responsible parent'],
  ['score', '综合得分 score'], ['rank', '名次 rank'], ['grade', '等级 grade'], ['severity', '严重程度 severity'],
  ['reasons_zh', '原因'], ['reasons_en', 'reasons'], ['flagged_last_year', '上年被标记 flagged last year'],
  ['outcome', '变化 outcome'], ['rank_change', '名次变化 rank change'], ['score_change', '得分变化 score change'],
];

/** A cell as text that no spreadsheet evaluates. */
export function safeCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(Math.round(v * 100) / 100) : typeof v === 'boolean' ? (v ? '是 yes' : '否 no') : String(v);
  return typeof v === 'number' ? s : formulaSafe(s);
}

export function followUpCsv(rows: FollowUpRow[]): string {
  return csvDocument([HEADERS.map(([, h]) => h), ...rows.map((r) => HEADERS.map(([k]) => safeCell(r[k])))]);
}

/** Write follow_up.csv and follow_up.xlsx under `<dir>/<year>/`; returns the two paths. */
export async function exportFollowUp(rows: FollowUpRow[], dir: string, year: number): Promise<string[]> {
  const out = join(dir, String(year));
  await mkdir(out, { recursive: true });
  const csv = join(out, 'follow_up.csv');
  const xlsx = join(out, 'follow_up.xlsx');
  await writeFileAtomic(csv, (tmp) => writeFile(tmp, followUpCsv(rows), 'utf8'));
  await writeFileAtomic(xlsx, async (tmp) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(`整改跟踪 ${year}`);
    ws.addRow(HEADERS.map(([, h]) => h));
    for (const r of rows) {
      const row = ws.addRow(HEADERS.map(([k]) => {
        const v = r[k];
        return typeof v === 'number' ? v : safeCell(v);
      }));
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') cell.numFmt = '@';
      });
    }
    ws.columns.forEach((c, i) => (c.width = [10, 16, 16, 8, 6, 6, 8, 60, 60, 8, 10, 8, 8][i] ?? 12));
    await wb.xlsx.writeFile(tmp);
  });
  return [csv, xlsx];
}
