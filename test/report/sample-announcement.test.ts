/**
 * Issue 11's "done means" on the bundled sample, end to end (ingest → score → analyse → report):
 * every year 2–5 units flagged for follow-up and never the root; the 2024 veto and the 2025 bonus
 * and deduction items visible in the HTML ranking, the unit pages and results.xlsx; and in
 * results.xlsx every composite equals weighted + bonus − deduction to 0.01.
 * (The grade shares are checked in test/generate/calibration.test.ts.)
 *
 * Issue 14 on the same run (one pipeline run serves both, it is the slow part):
 *  - one language per report: every output of the 2024 and 2025 reports, in both languages, is
 *    read as a reader sees it (language-scan.ts: HTML text, SVG text, Vega-Lite titles and data,
 *    every xlsx cell and sheet name, csv, docx paragraphs). The Chinese folder has no ASCII word
 *    (no rule, node or metric id, no stored code such as high / same / improved, no English unit);
 *    the English folder has no Han character. Allowed, because they are the office's own data
 *    shown as written: unit ids (zh) and unit names (en), the input file paths, the generated
 *    time's "UTC", and the vocabulary an input column accepts, which a reject reason quotes
 *    ("accepted: present 出席/是/√ …").
 *  - the announcement draft's grade lists equal the scores table, queried here on its own.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyseAll, ingest, loadPipeline, openDb, renderReports, scorePipeline, type Db, type LoadedPipeline } from '../../src/index.js';
import { asciiWords, docxParagraphs, hanRuns, outputTexts, without, type FileText } from './language-scan.js';

const YEARS = [2021, 2022, 2023, 2024, 2025];
let p: LoadedPipeline;
let db: Db;
let out: string;
const unitId = new Map<string, string>();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ys-announce-'));
  out = join(dir, 'out');
  p = { ...loadPipeline('pipelines/sample.yaml'), database: join(dir, 'db.duckdb'), reports: out };
  await ingest(p);
  db = await openDb(p.database);
  await scorePipeline(p, { db });
  await analyseAll(db, p, { runs: 20, seed: 1 }); // sensitivity runs: not what these tests check
  for (const year of [2024, 2025]) {
    for (const lang of ['zh', 'en'] as const) {
      const r = await renderReports(db, p, { year, lang, png: false });
      outputs.set(`${year}-${lang}`, await outputTexts(r.dir));
    }
  }
  for (const u of await db.all<{ unit_id: string; name: string }>('select unit_id, name from units')) unitId.set(u.name, u.unit_id);
  files = (await db.all<{ f: string }>('select distinct source_file as f from manifest')).map((r) => r.f);
}, 600_000); // the whole sample pipeline, four reports: ~60 s on an idle 2-core machine, far more under load

const outputs = new Map<string, FileText[]>();
let files: string[] = [];

/** Visible text of an HTML file: scripts (chart data) and tags removed. */
function textOf(file: string): string {
  return readFileSync(file, 'utf8').replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

/** The rows of index.html's ranking table (the first table after the ranking heading), as text. */
function rankingRows(year: number): string[] {
  const html = readFileSync(join(out, String(year), 'index.html'), 'utf8').replace(/<script[\s\S]*?<\/script>/g, '');
  const table = /<table[\s\S]*?<\/table>/.exec(html.slice(html.indexOf('综合得分排名')))![0];
  return table.split(/<tr[ >]/).slice(1).map((r) => r.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));
}
const rowOf = (year: number, name: string) => rankingRows(year).find((r) => r.includes(` ${name} `)) ?? '';

describe('the bundled sample as an office would announce it', () => {
  it('flags 2–5 graded units a year for follow-up, never the root', async () => {
    const root = await db.all<{ unit_id: string }>(`select unit_id from units where parent_id is null`);
    expect(root).toHaveLength(1);
    for (const year of YEARS) {
      const flagged = await db.all<{ unit_id: string }>(`select unit_id from follow_up where year = $year and flagged`, { year });
      expect(flagged.length, String(year)).toBeGreaterThanOrEqual(2);
      expect(flagged.length, String(year)).toBeLessThanOrEqual(5);
      expect(flagged.map((f) => f.unit_id)).not.toContain(root[0].unit_id);
      const rootFlags = await db.all(`select 1 from flags where year = $year and unit_id = $u`, { year, u: root[0].unit_id });
      expect(rootFlags).toEqual([]);
    }
  });

  it('shows the 2024 veto in the ranking, on the unit page and in results.xlsx', async () => {
    const liutang = unitId.get('柳塘县支行')!;
    const veto = await db.one<{ reason_zh: string }>(
      `select reason_zh from score_adjustments where year = 2024 and kind = 'veto' and unit_id = $u`, { u: liutang });
    expect(veto?.reason_zh).toContain('一票否决');
    expect(rowOf(2024, '柳塘县支行')).toContain('一票否决');
    expect(textOf(join(out, '2024', 'units', `${liutang}.html`))).toContain(veto!.reason_zh);
    const rows = await sheetRows(2024, '加分扣分与否决');
    expect(rows.some((r) => r.includes('柳塘县支行') && r.some((c) => String(c).includes('一票否决')))).toBe(true);
  });

  it('shows the 2025 bonus and deduction items in the ranking, on the unit pages and in results.xlsx', async () => {
    const items = await db.all<{ unit_id: string; kind: string; points: number }>(
      `select unit_id, kind, points from score_adjustments where year = 2025 and kind in ('bonus', 'deduction') order by unit_id`);
    expect(items.filter((i) => i.kind === 'bonus').length).toBeGreaterThanOrEqual(3);
    expect(items.filter((i) => i.kind === 'deduction').length).toBeGreaterThanOrEqual(1);
    const names = new Map([...unitId].map(([n, id]) => [id, n]));
    const xlsx = await sheetRows(2025, '加分扣分与否决');
    for (const i of items) {
      const name = names.get(i.unit_id)!;
      const points = i.points.toFixed(2);
      // the ranking row of the unit carries its points in the 加分 or 扣分 column
      expect(rowOf(2025, name).split(' '), name).toContain(points);
      expect(textOf(join(out, '2025', 'units', `${i.unit_id}.html`)), name).toContain(i.kind === 'bonus' ? `加分 ${points}` : `扣分 ${points}`);
      expect(xlsx.some((r) => r.includes(name)), name).toBe(true);
    }
    // A negative entry under a bonus column is a deduction in the workbook too, its note with a true minus sign.
    const negative = await db.all<{ unit_id: string; raw: number }>(
      `select unit_id, raw from score_adjustments where year = 2025 and kind = 'deduction' and raw < 0 and item_id in ('honours')`);
    expect(negative.length).toBeGreaterThan(0);
    for (const n of negative) {
      const row = xlsx.find((r) => r.includes(names.get(n.unit_id)!))!;
      expect(row).toContain('扣分（由加分栏负数折算）');
      expect(row.map(String).join(' ')).toContain(`加分栏填报 −${Math.abs(n.raw)}`);
    }
  });

  it('adds up in results.xlsx: composite = weighted + bonus − deduction on every row (0.01)', async () => {
    for (const year of [2024, 2025]) {
      const rows = await sheetRows(year, '综合得分');
      const header = rows[0];
      const col = (h: string) => header.indexOf(h);
      const [w, b, d, c] = ['加权得分', '加分', '扣分', '综合得分'].map(col);
      expect([w, b, d, c].every((i) => i >= 0), header.join(',')).toBe(true);
      const data = rows.slice(1).filter((r) => typeof r[c] === 'number');
      expect(data.length).toBeGreaterThanOrEqual(19);
      for (const r of data) expect(Math.abs((r[w] as number) + (r[b] as number) - (r[d] as number) - (r[c] as number))).toBeLessThan(0.01);
    }
  });
});

async function sheetRows(year: number, sheet: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(out, String(year), 'results.xlsx'));
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`results.xlsx ${year} has no sheet ${sheet}`);
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** What an input column accepts, quoted by a reject reason in the other language on purpose. */
const ACCEPTED = /\(accepted: [^)]*\)|（可用：[^）]*）/g;

/** The words of the other language left in each output (unit pages counted together: one template). */
function leftovers(lang: 'zh' | 'en', year: number): Record<string, string[]> {
  const allowed = lang === 'zh' ? [...unitId.values(), ...files, 'UTC'] : [...unitId.keys(), ...files];
  const found: Record<string, string[]> = {};
  for (const f of outputs.get(`${year}-${lang}`)!) {
    const text = without(f.text.replace(ACCEPTED, ' '), allowed);
    const words = (lang === 'zh' ? asciiWords(text) : hanRuns(text)).map((w) => w.split('  «')[0]);
    if (!words.length) continue;
    const key = f.file.startsWith('units/') ? 'units/*.html' : f.file;
    found[key] = [...new Set([...(found[key] ?? []), ...words])].slice(0, 30);
  }
  return found;
}

describe('one language per report (issue 14)', () => {
  for (const year of [2024, 2025]) {
    it(`${year}: every output of the Chinese report speaks Chinese only`, () => {
      const kinds = new Set(outputs.get(`${year}-zh`)!.map((f) => f.file.split('.').pop()));
      // the scan read every kind of output
      expect([...kinds].sort()).toEqual(['csv', 'docx', 'html', 'json', 'svg', 'xlsx']);
      expect(leftovers('zh', year)).toEqual({});
    });

    it(`${year}: every output of the English report is free of Chinese outside unit names`, () => {
      const kinds = new Set(outputs.get(`${year}-en`)!.map((f) => f.file.split('.').pop()));
      expect([...kinds].sort()).toEqual(['csv', 'docx', 'html', 'json', 'svg', 'xlsx']);
      expect(leftovers('en', year)).toEqual({});
    });
  }

  it('the scan finds ids, codes and English units in Chinese text, and Chinese in English text', () => {
    const words = (t: string) => asciiWords(t).map((w) => w.split('  «')[0]);
    expect(words('规则 red_line:attendance_rate，程度 high，3.9 h/member·month')).toEqual(['red_line:attendance_rate', 'high', 'h/member·month']);
    expect(words('综合得分 88.6，名次变化 +2，出勤率 93.3%')).toEqual([]);
    expect(hanRuns('grade 较差, 812.7 元/member·yr').map((w) => w.split('  «')[0])).toEqual(['较差', '元']);
  });
});

describe('the announcement draft of the sample (issue 14)', () => {
  it('lists every graded unit under its grade in rank order, as the scores table has them', async () => {
    for (const year of [2024, 2025]) {
      const paragraphs = docxParagraphs(join(out, String(year), '考核结果通报.docx'));
      const lists: Record<string, string[]> = {};
      for (const p of paragraphs) {
        const m = /^(优秀|良好|一般|较差)（(\d+) 个）：(.*)$/.exec(p);
        if (m) lists[m[1]] = m[3] === '无' ? [] : m[3].split('、');
      }
      const rows = await db.all<{ name: string; grade: string }>(`
        select u.name, s.grade from scores s join (select unit_id, any_value(name) as name from units group by unit_id) u on u.unit_id = s.unit_id
        where s.year = $year and s.level = 0 and s.grade_status = 'graded' order by s.rank, u.name`, { year });
      const expected: Record<string, string[]> = { 优秀: [], 良好: [], 一般: [], 较差: [] };
      for (const r of rows) expected[r.grade].push(r.name);
      expect(lists, String(year)).toEqual(expected);
    }
  });
});

/**
 * A1, A3, B12 of the report review on the sample: the year's grading rule stated in the 通报 (its
 * method paragraph), above the ranking and on the page of a unit ≥ 85 outside the places; the
 * deduction and veto lines. Expected values from indicators/<year>.yaml (parsed here) and the
 * scores / score_adjustments tables (queried here), not from the report code.
 */
describe('the rules and items of the sample\'s announcement (review A1, A3, B12)', () => {
  interface Y { grading: { rounding: string; grades: { grade: string; min?: number; max_share?: number }[] }; bonus: { id: string; label: { zh: string } }[]; veto: { id: string; label: { zh: string }; grade: string }[] }
  const rules = (year: number) => parse(readFileSync(`indicators/${year}.yaml`, 'utf8')) as Y;
  const graded = async (year: number) => (await db.all<{ unit_id: string; name: string; score: number; rank: number; grade: string }>(`
    select s.unit_id, u.name, s.score, s.rank, s.grade from scores s join (select unit_id, any_value(name) as name from units group by unit_id) u using (unit_id)
    where s.year = $year and s.level = 0 and s.grade_status = 'graded' order by s.rank`, { year }));
  const docx = (year: number) => docxParagraphs(join(out, String(year), '考核结果通报.docx'));

  it('2025: states the quota rule (20 graded → 4 places, ≥ 85) in the 通报, above the ranking, and on the pages of units ≥ 85 left out', async () => {
    const y = rules(2025);
    const [top, second, third, last] = y.grading.grades;
    const units = await graded(2025);
    expect(units).toHaveLength(20);
    const places = Math.floor(top.max_share! * units.length);
    expect(places).toBe(4);
    expect(y.grading.rounding).toBe('floor');
    const rule = `等级评定规则：${top.grade}名额 ${places} 个（参评 ${units.length} 个单位 × 20%，向下取整），且须 ≥ ${top.min} 分；`
      + `${second.grade}须 ≥ ${second.min} 分；${third.grade}须 ≥ ${third.min} 分；其余为${last.grade}。`;
    expect(docx(2025)[1]).toContain(rule);
    expect(docx(2025)[1]).not.toContain('按否决效果处理');
    const html = readFileSync(join(out, '2025', 'index.html'), 'utf8');
    expect(html.indexOf(rule)).toBeGreaterThan(html.indexOf('<h2>综合得分排名</h2>'));
    // 金融科技科 89.03, 青石县支行 88.05, 办公室 86.52: ≥ 85 but 良好
    const left = units.filter((u) => u.score >= top.min! && u.grade !== top.grade);
    expect(left.length).toBeGreaterThanOrEqual(3);
    for (const u of left) {
      expect(u.rank).toBeGreaterThan(places);
      expect(textOf(join(out, '2025', 'units', `${u.unit_id}.html`)), u.name)
        .toContain(`本单位综合得分 ${u.score.toFixed(2)} 分，列第 ${u.rank} 名，未进入名额`);
    }
  });

  it('2025: a negative bonus entry is a deduction, no data-entry note, grounds missing said plainly; no veto said', async () => {
    const y = rules(2025);
    const bonusIds = y.bonus.map((b) => b.id);
    const items = await db.all<{ name: string; item_id: string; kind: string; raw: number; points: number; label_zh: string }>(`
      select u.name, a.item_id, a.kind, a.raw, a.points, a.label_zh from score_adjustments a
      join (select unit_id, any_value(name) as name from units group by unit_id) u using (unit_id) where a.year = 2025`);
    const negative = items.filter((i) => i.kind === 'deduction' && i.raw < 0 && bonusIds.includes(i.item_id));
    expect(negative.map((i) => i.name)).toContain('征信管理科');
    const p = docx(2025);
    for (const i of negative) expect(p).toContain(`${i.name}：扣 ${i.points.toFixed(2)} 分（由“${i.label_zh}”栏填报的负数折算为扣分）；事由未填报，待补充。`);
    for (const i of items.filter((x) => x.kind === 'bonus')) expect(p).toContain(`${i.name}：加 ${i.points.toFixed(2)} 分（${i.label_zh}）；事由未填报，待补充。`);
    const itemLines = p.filter((x) => /：(加|扣) \d/.test(x));
    expect(itemLines).toHaveLength(items.length);
    expect(itemLines.join('\n')).not.toMatch(/加分栏填|-\d/);
    expect(items.filter((i) => i.kind === 'veto')).toEqual([]);
    expect(p).toContain('本年度无一票否决事项。');
  });

  it('2024: the veto line names the item once and the grade it led to', async () => {
    const y = rules(2024);
    const vetoes = await db.all<{ name: string; item_id: string; grade: string }>(`
      select u.name, a.item_id, s.grade from score_adjustments a join scores s on s.year = a.year and s.unit_id = a.unit_id and s.level = 0
      join (select unit_id, any_value(name) as name from units group by unit_id) u on u.unit_id = a.unit_id where a.year = 2024 and a.kind = 'veto'`);
    expect(vetoes.map((v) => v.name)).toEqual(['柳塘县支行']);
    const item = y.veto.find((v) => v.id === vetoes[0].item_id)!;
    expect(vetoes[0].grade).toBe(item.grade);
    const p = docx(2024);
    expect(p).toContain(`柳塘县支行：一票否决（${item.label.zh}），评为${item.grade}；事由未填报，待补充。`);
    expect(p).not.toContain('本年度无一票否决事项。');
    expect(p[1]).toContain(`发生一票否决事项（${item.label.zh}）的单位直接评为${item.grade}`);
    // the ranking's note names the item once and the grade, not the config word 直接定级
    const row = rowOf(2024, '柳塘县支行');
    expect(row).toContain(`一票否决（${item.label.zh}），评为${item.grade}`);
    expect(row).not.toContain('直接定级');
  });
});
