/**
 * The Chinese report speaks Chinese: no node, rule or metric ids, no stored codes (high, same,
 * improved, performance, graded, …), no English units. The visible text of index.html and every
 * unit page is checked after removing <script>/<style> and the fixture's user data (unit names
 * like an XSS payload or a formula, unit ids, file paths), which are shown as written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/store/db.js';
import { ensureAnalyseTables } from '../../src/analyse/contract.js';
import { renderReports } from '../../src/report/render.js';
import { oneLanguage } from '../../src/report/analysis-sections.js';
import { createReportFixture, insertKnown, UNSAFE_ID, XSS } from './fixture.js';
import { englishIn, visibleText, withoutUserData } from './english-words.js';
import { outputTexts, svgText } from './language-scan.js';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/** The keys of vega-embed's menu texts, read from the bundle the page inlines (its default I18N object). */
function vegaEmbedI18nKeys(): string[] {
  const dir = dirname(createRequire(import.meta.url).resolve('vega-embed'));
  const min = readFileSync(join(dir.slice(0, dir.lastIndexOf('vega-embed') + 'vega-embed'.length), 'build', 'vega-embed.min.js'), 'utf8');
  return [...new Set([...min.matchAll(/\b([A-Z_]+_ACTIONS?):"[^"]*"/g)].map((m) => m[1]))].sort();
}

let db: Db;
let out: string;
let dir: string;

beforeAll(async () => {
  db = await openDb(':memory:');
  await createReportFixture(db, { analysis: true });
  await ensureAnalyseTables(db);
  await insertKnown(db, 'comparisons', {
    year: 2025, base_year: 2024, unit_id: 'U1', node_id: 'total', level: 0, score: 88.6, base_score: 70, score_change: 18.6,
    rank: 1, base_rank: 3, rank_change: 2, grade: '良好', base_grade: '一般', grade_change: 'up', comparable: false,
  });
  await insertKnown(db, 'comparisons', {
    year: 2025, base_year: 2024, unit_id: 'U2', node_id: 'total', level: 0, score: 68.6, base_score: 80, score_change: -11.4,
    rank: 3, base_rank: 1, rank_change: -2, grade: '一般', base_grade: '一般', grade_change: 'same', comparable: true, slope: Number.NaN, // NaN shows as —
  });
  await insertKnown(db, 'follow_up', {
    year: 2025, unit_id: 'U2', unit_name: XSS, parent_name: '江海市分行', score: 68.6, rank: 3, grade: '一般', flagged: true, severity: 'high',
    reasons_zh: '人均学习经费低于红线', reasons_en: 'Study budget below the red line', flagged_last_year: true, outcome: 'worse', rank_change: -2, score_change: -11.4,
    status: 'flagged', status_zh: '关注（需整改）', status_en: 'flagged', rules: 'red_line:study_budget_per_member,declining',
    outcome_zh: '变差：综合得分 80.0 → 68.6（−11.4）', outcome_en: 'worse: composite 80.0 → 68.6 (−11.4)',
  });
  await insertKnown(db, 'follow_up', {
    year: 2025, unit_id: UNSAFE_ID, unit_name: '办公室', score: 72.1, rank: 2, grade: '一般', flagged: false, severity: null,
    reasons_zh: null, reasons_en: null, flagged_last_year: true, outcome: 'improved', rank_change: 1, score_change: 3.2,
    status: 'last_year', status_zh: '上年关注', status_en: 'flagged last year', outcome_zh: '好转：综合得分 68.9 → 72.1（+3.2）', outcome_en: 'improved',
  });
  out = mkdtempSync(join(tmpdir(), 'yardstick-zh-'));
  dir = (await renderReports(db, { reports: out }, { year: 2025, lang: 'zh', png: false })).dir;
});
afterAll(() => {
  db.close();
  rmSync(out, { recursive: true, force: true });
});

describe('the Chinese report', () => {
  it('shows no English word or id in index.html', () => {
    const text = visibleText(readFileSync(join(dir, 'index.html'), 'utf8'));
    // the sections the codes come from are there, in Chinese
    for (const part of ['上升', '持平', '变差', '好转', '业绩变化', '权重变化', '明显低于同类', '未达红线 · 人均学习经费', '一票否决', '数据不足']) {
      expect(text.includes(part), part).toBe(true);
    }
    expect(englishIn(text)).toEqual([]);
  });

  it('shows no English word or id on any unit page', () => {
    const pages = readdirSync(join(dir, 'units'));
    expect(pages.length).toBe(6);
    for (const p of pages) expect({ page: p, words: englishIn(visibleText(readFileSync(join(dir, 'units', p), 'utf8'))) }).toEqual({ page: p, words: [] });
  });

  it('has no English word or id in any other output: charts, results.xlsx, the announcement', async () => {
    const outputs = (await outputTexts(dir)).filter((f) => !f.file.endsWith('.html'));
    expect(outputs.map((f) => f.file.split('.').pop()).sort()).toEqual(expect.arrayContaining(['docx', 'json', 'svg', 'xlsx']));
    // unit names are user data, also where a chart axis cuts a long one short with …
    const cut = /=HYPERLINK\("[^…\n]*…/g;
    const found = outputs.map((f) => ({ file: f.file, words: englishIn(withoutUserData(f.text).replace(cut, ' ')) })).filter((x) => x.words.length);
    expect(found).toEqual([]);
  });

  it('describes the unit pages\' inline charts in Chinese (aria-label, aria-roledescription)', () => {
    let charts = 0;
    for (const p of readdirSync(join(dir, 'units'))) {
      const svgs = readFileSync(join(dir, 'units', p), 'utf8').match(/<svg[\s\S]*?<\/svg>/g) ?? [];
      charts += svgs.length;
      for (const svg of svgs) expect({ page: p, words: englishIn(withoutUserData(svgText(svg))) }).toEqual({ page: p, words: [] });
    }
    expect(charts).toBeGreaterThan(4);
  });

  it('gives every chart\'s "…" menu Chinese texts for all of vega-embed\'s keys, and a Chinese download name', () => {
    const keys = vegaEmbedI18nKeys();
    expect(keys).toEqual(expect.arrayContaining(['CLICK_TO_VIEW_ACTIONS', 'PNG_ACTION', 'SVG_ACTION']));
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const json = /<script type="application\/json" id="yardstick-specs">([\s\S]*?)<\/script>/.exec(html)![1];
    const specs = JSON.parse(json) as Record<string, { usermeta?: { embedOptions?: { i18n?: Record<string, string>; downloadFileName?: string } } }>;
    expect(Object.keys(specs).length).toBeGreaterThan(5);
    for (const [id, spec] of Object.entries(specs)) {
      const opts = spec.usermeta?.embedOptions;
      expect(Object.keys(opts?.i18n ?? {}).sort(), id).toEqual(keys);
      for (const text of Object.values(opts!.i18n!)) {
        expect(text.trim(), id).not.toBe('');
        expect({ id, text, words: englishIn(text) }).toEqual({ id, text, words: [] });
      }
      expect(opts!.downloadFileName, id).toMatch(/[\u4e00-\u9fff]/);
      expect(englishIn(withoutUserData(opts!.downloadFileName!)), id).toEqual([]);
    }
  });

  it('the SVG scan reads what a screen reader reads', () => {
    expect(englishIn(svgText('<g role="graphics-symbol" aria-roledescription="axis" aria-label="X-axis titled \'得分\'"><text font-family="sans-serif">得分</text></g>')))
      .toEqual(expect.arrayContaining(['axis', 'titled']));
    expect(englishIn(svgText('<g class="mark-rect role-mark" role="graphics-object" aria-roledescription="图形组"><path d="M0,0h1Z" fill="white"/></g>'))).toEqual([]);
  });

  it('shows a stage\'s code column through the words written beside it', () => {
    expect(oneLanguage(['unit_id', 'status', 'status_zh', 'status_en', 'outcome', 'reasons_zh', 'reasons_en'], 'zh'))
      .toEqual(['unit_id', 'status_zh', 'outcome', 'reasons_zh']);
    expect(oneLanguage(['status', 'status_zh', 'status_en'], 'en')).toEqual(['status_en']);
    expect(oneLanguage(['severity', 'severity_zh'], 'en')).toEqual(['severity']);
    expect(oneLanguage(['severity', 'severity_zh'], 'zh')).toEqual(['severity_zh']);
  });

  it('the check itself finds ids and codes', () => {
    expect(englishIn('规则 red_line:attendance_rate，程度 high，3.9 h/member·month'))
      .toEqual(expect.arrayContaining(['red_line', 'attendance_rate', 'high', 'h/member·month']));
    expect(englishIn('综合得分 88.6，生成时间 2026-01-01 00:00 UTC')).toEqual([]);
  });
});
