/**
 * The report's draft-tree preview (issue 12 item 1, src/report/draft-preview.ts): when
 * `<indicators>/<year + 1>.yaml` exists and that year is not scored, the report of `year` shows the
 * graded units under the official tree and under the draft.
 *
 * Data: test/analyse/helpers.ts seedScored (4 units, two dimensions of one 0–100 goalposts leaf each,
 * so a dimension score is the raw value). 2025 official weights 80/20; the 2026 draft 30/70:
 *
 *          m1  m2   official 0.8·m1 + 0.2·m2   draft 0.3·m1 + 0.7·m2
 *   甲 A   90  40   80     rank 1               27 + 28   = 55    rank 4   (−3)
 *   乙 B   50  85   57     rank 4               15 + 59.5 = 74.5  rank 2   (+2)
 *   丙 C   75  75   75     rank 2               75                rank 1   (+1)
 *   丁 D   60  60   60     rank 3               60                rank 3   (0)
 *
 * So 3 units change rank. A's 学习条件 contribution falls 72 → 27 (−45) and its 学习过程 one rises
 * 8 → 28 (+20): 学习条件 moved it; B's 学习过程 rises 17 → 59.5 (+42.5), more than its 学习条件 falls
 * (40 → 15): 学习过程 moved it. The draft grades are read from an actual scoreYear of the draft on a
 * separate copy of the data, not from the preview.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openDb, type Db } from '../../src/store/db.js';
import { renderReports } from '../../src/report/render.js';
import { reportPipeline } from '../../src/report/report-pipeline.js';
import type { LoadedPipeline } from '../../src/config/load-pipeline.js';
import { scoreYear } from '../../src/score/score.js';
import { officialSnapshot, seedScored, tree } from '../analyse/helpers.js';
import { treeFrom } from '../score/helpers.js';
import { englishIn, visibleText } from './english-words.js';

const NAMES: Record<string, string> = { A: '甲支行', B: '乙支行', C: '丙科', D: '丁科' };

let db: Db;
let dir: string;
let indicators: string;
let draftFile: string;
/** Grades of the draft, from scoring the draft as the official 2025 tree of a separate database. */
const draftGrades: Record<string, string | null> = {};
const officialGrades: Record<string, string | null> = {};

async function seed(target: Db): Promise<void> {
  await seedScored(target);
  for (const [id, name] of Object.entries(NAMES)) await target.run('UPDATE units SET name = $name WHERE unit_id = $id', { id, name });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yardstick-draft-report-'));
  indicators = join(dir, 'indicators');
  mkdirSync(indicators);
  // 2025 is scored: its file is the official tree, not a draft for the 2024 report
  writeFileSync(join(indicators, '2025.yaml'), tree(2025, 80, 20));
  draftFile = join(indicators, '2026.yaml');
  writeFileSync(draftFile, tree(2026, 30, 70));
  db = await openDb(':memory:');
  await seed(db);
  for (const r of await db.all<{ unit_id: string; grade: string | null }>("SELECT unit_id, grade FROM scores WHERE year = 2025 AND level = 0")) officialGrades[r.unit_id] = r.grade;

  const copy = await openDb(':memory:');
  try {
    await seed(copy);
    await scoreYear(copy, treeFrom(tree(2025, 30, 70), ['m1', 'm2']), { year: 2025, now: () => new Date('2026-01-01T00:00:00Z') });
    const rows = await copy.all<{ unit_id: string; score: number; rank: number; grade: string | null }>(
      'SELECT unit_id, score, rank, grade FROM scores WHERE year = 2025 AND level = 0 ORDER BY unit_id');
    // the copy agrees with the hand computation above
    expect(rows.map((r) => [r.unit_id, Number(r.score.toFixed(6)), r.rank])).toEqual([['A', 55, 4], ['B', 74.5, 2], ['C', 75, 1], ['D', 60, 3]]);
    for (const r of rows) draftGrades[r.unit_id] = r.grade;
  } finally {
    copy.close();
  }
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const pipeline = (out: string) => ({ reports: join(dir, out), indicators, metrics: {} }) as Pick<LoadedPipeline, 'reports' | 'indicators' | 'metrics'>;
const section = (html: string, id: string) => {
  const m = new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(html);
  return m ? m[1] : null;
};
/** Body rows of the last table in `html`, each cell as text. */
function lastTableRows(html: string): string[][] {
  const tables = [...html.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)];
  const body = tables[tables.length - 1][1];
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)]
    .map((c) => c[1].replace(/<[^>]+>/g, '').replace(/&gt;/g, '>').trim()));
}

describe('report: draft tree preview', () => {
  it('shows official and draft composite, rank, grade, change and the dimension that moved each unit, and leaves the database as it was', async () => {
    const before = await officialSnapshot(db);
    const r = await renderReports(db, pipeline('zh'), { year: 2025, lang: 'zh', png: false });
    expect(await officialSnapshot(db)).toBe(before);
    expect(r.warnings).toEqual({});
    expect(r.files).toContain('charts/preview.svg');

    const html = readFileSync(join(r.dir, 'index.html'), 'utf8');
    expect(html).toContain('<a href="#draft-preview">2026 年指标体系草案预览（按草案重算 2025 年数据）</a>');
    const s = section(html, 'draft-preview')!;
    expect(s).toContain('名次变化 3 个单位、等级变化 2 个');
    expect(s).toContain('<div class="chart" id="chart-preview"></div>');

    const g = (x: string | null) => x ?? '不评定';
    const changed = (u: string) => (officialGrades[u] === draftGrades[u] ? '—' : `${g(officialGrades[u])} → ${g(draftGrades[u])}`);
    // the grade changes counted are those of an actual re-score
    expect(Object.keys(NAMES).filter((u) => officialGrades[u] !== draftGrades[u]).sort()).toEqual(['A', 'B']);
    const rows = lastTableRows(s);
    expect(rows.map((x) => x.slice(0, 10))).toEqual([
      ['丙科', '75.00', '2', g(officialGrades.C), '75.00', '1', g(draftGrades.C), '0.00', '+1', changed('C')],
      ['乙支行', '57.00', '4', g(officialGrades.B), '74.50', '2', g(draftGrades.B), '+17.50', '+2', changed('B')],
      ['丁科', '60.00', '3', g(officialGrades.D), '60.00', '3', g(draftGrades.D), '0.00', '0', changed('D')],
      ['甲支行', '80.00', '1', g(officialGrades.A), '55.00', '4', g(draftGrades.A), '−25.00', '−3', changed('A')],
    ]);
    // The driver is judged against the average unit. Contribution changes (draft − official):
    // 学习条件 −0.5·m1 = A −45, B −25, C −37.5, D −30 (mean −34.375);
    // 学习过程 +0.5·m2 = A +20, B +42.5, C +37.5, D +30 (mean +32.5).
    // Against the mean: A −10.625 / −12.5, B +9.375 / +10, C −3.125 / +5, D +4.375 / −2.5.
    const driver = Object.fromEntries(rows.map((x) => [x[0], x[10]]));
    expect(driver['甲支行']).toBe('学习过程 +20.0（较平均 −12.5）');
    expect(driver['乙支行']).toBe('学习过程 +42.5（较平均 +10.0）');
    expect(driver['丙科']).toBe('学习过程 +37.5（较平均 +5.0）');
    expect(driver['丁科']).toBe('学习条件 −30.0（较平均 +4.4）');

    // the dimension weights of both trees
    expect(s).toContain('<td>学习条件</td><td class="n">80.0%</td><td class="n">30.0%</td><td class="n">−50.0</td>');
    expect(s).toContain('<td>学习过程</td><td class="n">20.0%</td><td class="n">70.0%</td><td class="n">+50.0</td>');

    // Chinese only (the draft's path is the office's own file name)
    expect(englishIn(visibleText(s).split(draftFile).join(' '))).toEqual([]);

    // the slope chart: official rank → draft rank per unit
    const spec = JSON.parse(readFileSync(join(r.dir, 'charts/preview.vl.json'), 'utf8'));
    const ranks = Object.fromEntries(Object.values(NAMES).map((n) => [n, spec.data.values.filter((v: { unit: string }) => v.unit === n).map((v: { rank: number }) => v.rank)]));
    expect(ranks).toEqual({ 甲支行: [1, 4], 乙支行: [4, 2], 丙科: [2, 1], 丁科: [3, 3] });

    // results.xlsx: the 草案预览 sheet
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(r.dir, 'results.xlsx'));
    const ws = wb.getWorksheet('草案预览')!;
    expect(ws).toBeDefined();
    const sheet: unknown[][] = [];
    ws.eachRow((row, i) => { if (i > 1) sheet.push((row.values as unknown[]).slice(1, 11)); });
    expect(sheet.map((x) => [x[0], x[1], x[3], x[6], Number((x[5] as number).toFixed(6)), x[9]])).toEqual([
      ['C', '丙科', 2, 1, 75, 1], ['B', '乙支行', 4, 2, 74.5, 2], ['D', '丁科', 3, 3, 60, 0], ['A', '甲支行', 1, 4, 55, -3],
    ]);
  });

  it('is in English in the English report', async () => {
    const r = await renderReports(db, pipeline('en'), { year: 2025, lang: 'en', png: false });
    const s = section(readFileSync(join(r.dir, 'index.html'), 'utf8'), 'draft-preview')!;
    expect(s).toContain('3 units change rank, 2 change grade');
    expect(s).toContain('Process +20.0 (−12.5 against the average)');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(r.dir, 'results.xlsx'));
    expect(wb.getWorksheet('Draft preview')).toBeDefined();
  });

  it('is absent without a draft: no next-year file, a next year that is scored, or --no-draft', async () => {
    const absent = async (html: string) => {
      expect(section(html, 'draft-preview')).toBeNull();
      expect(html).not.toContain('chart-preview');
    };
    // the 2024 report: indicators/2025.yaml is 2025's official tree, not a draft
    const r2024 = await renderReports(db, pipeline('a'), { year: 2024, lang: 'zh', png: false });
    await absent(readFileSync(join(r2024.dir, 'index.html'), 'utf8'));
    expect(r2024.files).not.toContain('charts/preview.svg');
    const off = await renderReports(db, pipeline('b'), { year: 2025, lang: 'zh', png: false, draft: false });
    await absent(readFileSync(join(off.dir, 'index.html'), 'utf8'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(off.dir, 'results.xlsx'));
    expect(wb.getWorksheet('草案预览')).toBeUndefined();
    // no indicators folder given (a caller that only knows the reports folder)
    const bare = await renderReports(db, { reports: join(dir, 'c') }, { year: 2025, lang: 'zh', png: false });
    await absent(readFileSync(join(bare.dir, 'index.html'), 'utf8'));
  });

  it('a draft named with --draft is previewed; a broken draft found by name is a warning, a broken one named is an error', async () => {
    const other = join(dir, '草案.yaml');
    writeFileSync(other, tree(2026, 50, 50));
    const [r] = await reportPipeline({ ...pipeline('d'), database: ':memory:' } as LoadedPipeline, { db, year: 2025, png: false, draft: other });
    const s = section(readFileSync(join(r.dir, 'index.html'), 'utf8'), 'draft-preview')!;
    // 50/50: A 65, B 67.5, C 75, D 60 → draft ranks C 1, B 2, A 3, D 4 (all four move: officially A 1, C 2, D 3, B 4)
    expect(rows4(s)).toEqual([['丙科', '1'], ['乙支行', '2'], ['甲支行', '3'], ['丁科', '4']]);
    expect(s).toContain('名次变化 4 个单位');

    const brokenDir = join(dir, 'broken');
    mkdirSync(brokenDir);
    writeFileSync(join(brokenDir, '2026.yaml'), 'year: 2026\nlabel: {zh: 草稿, en: draft}\ndimensions: [oops\n');
    const warned = await renderReports(db, { ...pipeline('e'), indicators: brokenDir }, { year: 2025, lang: 'zh', png: false });
    expect(section(readFileSync(join(warned.dir, 'index.html'), 'utf8'), 'draft-preview')).toBeNull();
    expect(warned.warnings.draft?.[0]).toContain('指标体系草案 2026.yaml 有误');
    await expect(renderReports(db, pipeline('f'), { year: 2025, lang: 'zh', png: false, draft: join(brokenDir, '2026.yaml') })).rejects.toThrow();
  });
});

function rows4(s: string): string[][] {
  return lastTableRows(s).map((x) => [x[0], x[5]]);
}
