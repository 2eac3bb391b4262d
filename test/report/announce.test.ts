/**
 * The result as an office announces it, on the fixture (expected values worked out by hand from
 * the fixture's normalised values, weights 0.4/0.6 and 0.5/0.5, 0.7/0.3):
 *
 *   U1 南湖县支行  conditions (95+90)/2 = 92.5, process 0.7·85 + 0.3·80 = 83.5,
 *                 weighted 0.4·92.5 + 0.6·83.5 = 87.1; + bonus 3 − deduction 1.5 = 88.6 → 良好, rank 1
 *   办公室        conditions 77.5, process 68.5, weighted 72.1 → 一般, rank 2
 *   U2 (XSS)      conditions 65, process 71, weighted 68.6 → 一般, rank 3
 *   U3 (formula)  weighted 45.8, vetoed with effect not_graded: no rank, no grade
 *   U6 江海市分行  the root: 99 but never ranked
 *   U5 中心支行    no data: no composite, listed under 数据不足 with the coverage reason
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openDb, type Db } from '../../src/store/db.js';
import { renderReports } from '../../src/report/render.js';
import { readReportData } from '../../src/report/read-report-data.js';
import { buildModel } from '../../src/report/model.js';
import { buildReportSpecs } from '../../src/report/specs/index.js';
import { ensureAnalyseTables } from '../../src/analyse/contract.js';
import { createReportFixture, FORMULA, insertKnown, VETO_REASON, XSS } from './fixture.js';

let db: Db;
let out: string;
let dir: string;
let dirEn: string;

beforeAll(async () => {
  db = await openDb(':memory:');
  await createReportFixture(db, { analysis: true });
  await ensureAnalyseTables(db);
  await insertKnown(db, 'follow_up', {
    year: 2025, unit_id: 'U1', unit_name: '南湖县支行', score: 88.6, rank: 1, grade: '良好', flagged: true, severity: 'low',
    status: 'flagged', status_zh: '关注（需整改）', status_en: 'flagged', reasons_zh: '学习过程低于同类', reasons_en: 'process below peers',
  });
  out = mkdtempSync(join(tmpdir(), 'yardstick-announce-'));
  dir = (await renderReports(db, { reports: out }, { year: 2025, lang: 'zh', png: false })).dir;
  dirEn = (await renderReports(db, { reports: out }, { year: 2025, lang: 'en', png: false })).dir;
});
afterAll(() => {
  db.close();
  rmSync(out, { recursive: true, force: true });
});

const read = (d: string, rel: string) => readFileSync(join(d, rel), 'utf8');
/** The header texts of the first table after a heading. */
function headersAfter(html: string, heading: string): string[] {
  const at = html.indexOf(heading);
  return [...html.slice(at).match(/<thead>([\s\S]*?)<\/thead>/)![1].matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((x) => x[1]);
}

/** The <tbody> rows of the first table after a heading, as cell texts. */
function tableAfter(html: string, heading: string): string[][] {
  const at = html.indexOf(heading);
  expect(at, heading).toBeGreaterThan(-1);
  const table = html.slice(at).match(/<tbody>([\s\S]*?)<\/tbody>/)![1];
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)]
    .map((c) => c[1].replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').trim()));
}

describe('ranking in index.html', () => {
  it('ranks graded units only, with weighted + bonus − deduction = composite and the grade', () => {
    const html = read(dir, 'index.html');
    const rows = tableAfter(html, '<h2>综合得分排名</h2>');
    const head = headersAfter(html, '<h2>综合得分排名</h2>');
    const cols = ['名次', '单位', '类别', '加权得分', '加分', '扣分', '综合得分', '等级'].map((h) => head.indexOf(h));
    expect(cols.every((i) => i >= 0), head.join(',')).toBe(true);
    expect(rows.map((r) => cols.map((i) => r[i]))).toEqual([
      ['1', '南湖县支行', '县级', '87.10', '3.00', '1.50', '88.60', '良好'],
      ['2', '办公室', '部门', '72.10', '0.00', '0.00', '72.10', '一般'],
      ['3', XSS, '县级', '68.60', '0.00', '0.00', '68.60', '一般'],
    ]);
    const [w, b, d, c] = cols.slice(3, 7);
    for (const r of rows) expect(Number(r[w]) + Number(r[b]) - Number(r[d])).toBeCloseTo(Number(r[c]), 2);
  });

  it('lists the root, the vetoed unit and the unit without data apart, each with its reason', () => {
    const rows = tableAfter(read(dir, 'index.html'), '<h3>不参加评定</h3>');
    const byName = new Map(rows.map((r) => [r[0], r]));
    expect([...byName.keys()].sort()).toEqual([FORMULA, '中心支行', '江海市分行'].sort());
    expect(byName.get(FORMULA)![4]).toContain(VETO_REASON);
    expect(byName.get('江海市分行')![4]).toContain('全辖汇总');
    expect(byName.get('中心支行')![4]).toContain('需补充单位概况、学习考勤');
  });

  it('lists every bonus, deduction and veto item', () => {
    const rows = tableAfter(read(dir, 'index.html'), '<h2>加分、扣分与一票否决</h2>');
    expect(rows.map((r) => [r[0], r[1], r[2], r[4]])).toEqual([
      ['南湖县支行', '加分', '表彰奖励加分', '+3.00'],
      ['南湖县支行', '扣分', '通报批评扣分', '−1.50'],
      [FORMULA, '一票否决', '违纪一票否决', '—'],
    ]);
    expect(rows[2][6]).toBe(VETO_REASON);
  });

  it('headline counts graded units only', () => {
    const html = read(dir, 'index.html');
    const headline = html.slice(html.indexOf('id="headline"'), html.indexOf('id="ranking"'));
    expect(headline).toContain('参评 3 个单位（共 6 个）');
    // mean of 88.6, 72.1, 68.6
    expect(headline).toContain(`平均综合得分 <b>${((88.6 + 72.1 + 68.6) / 3).toFixed(1)}</b>`);
  });

  it('says why in the 数据不足 section, with the coverage rows in words', () => {
    const html = read(dir, 'index.html');
    const unscored = tableAfter(html, '<h2>数据不足</h2>');
    expect(unscored[0][0]).toBe('中心支行');
    const coverage = tableAfter(html, '<h3>数据覆盖情况</h3>');
    expect(coverage[0]).toEqual(['人均学习经费', '6', '5', '—', '60%', '单位概况', '1 个单位无数据']);
  });
});

describe('follow-up list', () => {
  it('shows the composite parts beside the score of a listed unit', () => {
    const html = read(dir, 'index.html');
    const at = html.indexOf('<h2>跟踪事项</h2>');
    const head = [...html.slice(at).match(/<thead>([\s\S]*?)<\/thead>/)![1].matchAll(/<th>([^<]*)<\/th>/g)].map((x) => x[1]);
    const row = tableAfter(html, '<h2>跟踪事项</h2>')[0];
    const cell = (h: string) => row[head.indexOf(h)];
    expect([cell('单位'), cell('加权得分'), cell('加分'), cell('扣分'), cell('综合得分'), cell('等级')])
      .toEqual(['南湖县支行', '87.1', '3', '1.5', '88.6', '良好']);
  });
});

describe('ranking chart', () => {
  it('has a bar for graded units only, each labelled with its grade', async () => {
    const m = buildModel(await readReportData(db, 2025), 'zh');
    const chart = buildReportSpecs(m).find((c) => c.id === 'ranking')!;
    const values = (chart.spec as unknown as { data: { values: { unit: string; score: number; label: string }[] } }).data.values;
    expect(values.map((v) => [v.unit, v.score, v.label])).toEqual([
      ['南湖县支行', 88.6, '88.6 良好'], ['办公室', 72.1, '72.1 一般'], [XSS, 68.6, '68.6 一般'],
    ]);
    const layers = (chart.spec as unknown as { layer: { mark: { type: string } }[] }).layer.map((l) => l.mark.type);
    expect(layers).toEqual(['bar', 'text']);
  });
});

describe('dimension and indicator charts', () => {
  it('leave out the root and the unit without data, keep the vetoed unit (its values are real)', async () => {
    const m = buildModel(await readReportData(db, 2025), 'zh');
    for (const id of ['dimensions', 'heatmap']) {
      const chart = buildReportSpecs(m).find((c) => c.id === id)!;
      const units = new Set((chart.spec as unknown as { data: { values: { unit: string }[] } }).data.values.map((v) => v.unit));
      expect([...units].sort(), id).toEqual(['南湖县支行', '办公室', XSS, FORMULA].sort());
    }
  });
});

describe('a database scored before the parts and grade_status existed', () => {
  it('still ranks, leaves the parts columns out, and calls a unit without a composite 数据不足', async () => {
    const old = await openDb(':memory:');
    try {
      await createReportFixture(old);
      for (const c of ['weighted', 'bonus', 'deduction', 'grade_status', 'veto']) await old.run(`ALTER TABLE scores DROP COLUMN ${c}`);
      await old.run('DROP TABLE score_adjustments');
      const m = buildModel(await readReportData(old, 2025), 'zh');
      expect(m.graded).toEqual(['U1', '../U 4', 'U2']);
      // with a composite but no rank: not graded; without a composite: unscored
      expect([m.status.get('U3'), m.status.get('U6'), m.status.get('U5')]).toEqual(['not_graded', 'not_graded', 'unscored']);
      const r = await renderReports(old, { reports: join(out, 'old') }, { year: 2025, png: false });
      const head = read(r.dir, 'index.html').match(/<h2>综合得分排名<\/h2>[\s\S]*?<thead>([\s\S]*?)<\/thead>/)![1];
      expect(head).not.toContain('加权得分');
      expect(head).toContain('综合得分');
    } finally {
      old.close();
    }
  });
});

describe('unit pages', () => {
  it('show the composite with its parts', () => {
    expect(read(dir, 'units/U1.html')).toContain('加权得分 87.10 + 加分 3.00 − 扣分 1.50 = 综合得分 88.60');
    expect(read(dirEn, 'units/U1.html')).toContain('weighted 87.10 + bonus 3.00 − deduction 1.50 = composite 88.60');
  });

  it('give a vetoed unit its reason and no rank', () => {
    const page = read(dir, 'units/U3.html');
    expect(page).toContain(VETO_REASON);
    expect(page).toContain('不参加评定与排名');
    expect(page).not.toMatch(/列第 \d+ 位/);
  });

  it('say the root is not graded, and the unscored unit what data is missing', () => {
    expect(read(dir, 'units/U6.html')).toContain('江海市分行综合得分 99.0，不参加评定与排名：全辖汇总单位');
    expect(read(dir, 'units/U5.html')).toContain('中心支行本年度未计算综合得分：有数据的指标权重占 0%');
  });
});

describe('results.xlsx', () => {
  it('has the parts, the status and the reason on every row, and composite = weighted + bonus − deduction', async () => {
    // the file the zh report wrote (beforeAll)
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(join(dir, 'results.xlsx'));
    const ws = back.getWorksheet('综合得分')!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 12)).toEqual(['名次', '单位编号', '单位', '类别', '加权得分', '加分', '扣分', '综合得分', '等级', '类内名次', '评定状态', '说明']);
    const rows: unknown[][] = [];
    ws.eachRow((r, i) => { if (i > 1) rows.push((r.values as unknown[]).slice(1)); });
    expect(rows.map((r) => [r[0] ?? null, r[2], r[8] ?? null, r[10]])).toEqual([
      [1, '南湖县支行', '良好', '参加评定'],
      [2, '办公室', '一般', '参加评定'],
      [3, XSS, '一般', '参加评定'],
      [null, FORMULA, null, '一票否决，不参加评定'],
      [null, '江海市分行', null, '全辖汇总（不评定）'],
      [null, '中心支行', null, '数据不足，未计算综合得分'],
    ]);
    for (const r of rows.filter((x) => typeof x[7] === 'number')) {
      expect((r[4] as number) + (r[5] as number) - (r[6] as number)).toBeCloseTo(r[7] as number, 2);
    }
    expect(String(rows[3][11])).toContain(VETO_REASON);
    const items = back.getWorksheet('加分扣分与否决')!;
    expect(items.rowCount).toBe(4);
    expect((items.getRow(3).values as unknown[]).slice(1, 7)).toEqual(['U1', '南湖县支行', '扣分', '通报批评扣分', -1.5, -1.5]);
  });
});
