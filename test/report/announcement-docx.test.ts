/**
 * The announcement draft (考核结果通报.docx / announcement.docx) on the report fixture, read back
 * from the file (word/document.xml unzipped and parsed here, not through the code that wrote it).
 * Expected values by hand from the fixture (see announce.test.ts for the sums):
 *
 *   graded, by rank: 1 南湖县支行 88.6 良好 · 2 办公室 72.1 一般 · 3 <XSS> 68.6 一般
 *   not graded: the formula-named unit (veto, not_graded), 中心支行 (no data), 江海市分行 (root)
 *   items: 南湖县支行 bonus 3 (表彰奖励加分), deduction 1.5 (通报批评扣分); veto of the formula unit
 *   follow-up: 南湖县支行 flagged (parent 江海市分行); 办公室 only flagged last year: not listed
 *
 * The grade lists are also compared with the scores table, queried here on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/store/db.js';
import { ensureAnalyseTables } from '../../src/analyse/contract.js';
import { renderReports } from '../../src/report/render.js';
import { createReportFixture, FORMULA, insertKnown, UNSAFE_ID, VETO_REASON, XSS } from './fixture.js';
import { docxParagraphs, docxTableRows, hanRuns, without } from './language-scan.js';

let db: Db;
let out: string;
let zh: string;
let en: string;

beforeAll(async () => {
  db = await openDb(':memory:');
  await createReportFixture(db, { analysis: true });
  await ensureAnalyseTables(db);
  await insertKnown(db, 'follow_up', {
    year: 2025, unit_id: 'U1', unit_name: '南湖县支行', parent_name: '江海市分行', score: 88.6, rank: 1, grade: '良好', flagged: true, severity: 'low',
    status: 'flagged', status_zh: '关注（需整改）', status_en: 'flagged', reasons_zh: '学习过程低于同类', reasons_en: 'process below peers',
  });
  await insertKnown(db, 'follow_up', {
    year: 2025, unit_id: UNSAFE_ID, unit_name: '办公室', parent_name: '江海市分行', score: 72.1, rank: 2, grade: '一般', flagged: false,
    flagged_last_year: true, status: 'last_year', status_zh: '上年关注', status_en: 'flagged last year', reasons_zh: null, reasons_en: null,
  });
  out = mkdtempSync(join(tmpdir(), 'yardstick-docx-'));
  zh = join((await renderReports(db, { reports: out }, { year: 2025, lang: 'zh', png: false })).dir, '考核结果通报.docx');
  en = join((await renderReports(db, { reports: out }, { year: 2025, lang: 'en', png: false })).dir, 'announcement.docx');
});
afterAll(() => {
  db.close();
  rmSync(out, { recursive: true, force: true });
});

/** "良好（1 个）：南湖县支行" → grade → names, from the paragraphs of the file. */
function gradeLines(paragraphs: string[], pattern: RegExp, sep: string): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const p of paragraphs) {
    const m = pattern.exec(p);
    if (!m) continue;
    const names = m[3] === '无' || m[3] === 'none' ? [] : m[3].split(sep);
    expect(names.length, p).toBe(Number(m[2]));
    lists.set(m[1], names);
  }
  return lists;
}

describe('考核结果通报.docx', () => {
  it('is written beside index.html in both languages', () => {
    expect(existsSync(zh)).toBe(true);
    expect(existsSync(en)).toBe(true);
  });

  it('has the title and one paragraph of scope and method', () => {
    const p = docxParagraphs(zh);
    expect(p[0]).toBe('关于 2025 年度学习型党组织建设考核评价结果的通报（草稿）');
    expect(p[1]).toContain('对 3 个参评单位（县级 2 个、部门 1 个）2025 年度');
    expect(p[1]).toContain('学习条件（40%）、学习过程（60%）');
    expect(p[1]).toContain('另有 3 个单位不参加评定');
  });

  it('lists the graded units by grade in rank order, as the scores table has them', async () => {
    const lists = gradeLines(docxParagraphs(zh), /^(优秀|良好|一般|较差)（(\d+) 个）：(.*)$/, '、');
    expect(Object.fromEntries(lists)).toEqual({ 优秀: [], 良好: ['南湖县支行'], 一般: ['办公室', XSS], 较差: [] });
    const rows = await db.all<{ name: string; grade: string }>(`
      SELECT u.name, s.grade FROM scores s JOIN units u ON u.unit_id = s.unit_id
      WHERE s.year = 2025 AND s.level = 0 AND s.grade_status = 'graded' ORDER BY s.rank`);
    for (const [grade, names] of lists) expect(names, grade).toEqual(rows.filter((r) => r.grade === grade).map((r) => r.name));
    expect([...lists.values()].flat().length).toBe(rows.length);
  });

  it('gives every bonus, deduction and veto: points as in the table (2 decimals), the item, and the grounds or that there are none', () => {
    const p = docxParagraphs(zh);
    // score_adjustments has no grounds for a bonus or deduction (its reason is a computation note): said plainly
    expect(p).toContain('南湖县支行：加 3.00 分（表彰奖励加分）；事由未填报，待补充。');
    // entered −1.5 under a deduction item: a deduction of 1.5, no sign to explain
    expect(p).toContain('南湖县支行：扣 1.50 分（通报批评扣分）；事由未填报，待补充。');
    // the veto's own reason is the grounds; effect not_graded in words, no config words
    expect(p).toContain(`${FORMULA}：一票否决（违纪一票否决），不参加评定和排名；事由：${VETO_REASON}。`);
    expect(p.join('\n')).not.toMatch(/按否决效果|直接定级|-\d/);
    // a year with a veto does not say it had none
    expect(p).not.toContain('本年度无一票否决事项。');
  });

  it('in English: the same items, minus as a word, the grounds or their absence', () => {
    const p = docxParagraphs(en);
    expect(p).toContain('南湖县支行: plus 3.00 points (Honours); grounds not recorded, to be added.');
    expect(p).toContain('南湖县支行: minus 1.50 points (Penalties); grounds not recorded, to be added.');
    expect(p).toContain(`${FORMULA}: veto (Discipline veto), not graded or ranked; grounds: a breach of integrity rules.`);
  });

  it('names the flagged units with their reasons and responsible parent unit, and no other', () => {
    const p = docxParagraphs(zh);
    const listed = p.filter((x) => /^\d+\. /.test(x));
    expect(listed).toEqual(['1. 南湖县支行（负责上级单位：江海市分行）：学习过程低于同类']);
  });

  it('ends with the table of composites: graded units by rank, then the others', () => {
    const rows = docxTableRows(zh);
    expect(rows[0]).toEqual(['名次', '单位', '类别', '加权得分', '加分', '扣分', '综合得分', '等级']);
    expect(rows.slice(1, 4)).toEqual([
      ['1', '南湖县支行', '县级', '87.10', '3.00', '1.50', '88.60', '良好'],
      ['2', '办公室', '部门', '72.10', '0.00', '0.00', '72.10', '一般'],
      ['3', XSS, '县级', '68.60', '0.00', '0.00', '68.60', '一般'],
    ]);
    expect(rows.slice(4).map((r) => [r[0], r[1], r[7]]).sort()).toEqual([
      ['—', FORMULA, '一票否决，不参加评定'], ['—', '中心支行', '数据不足，未计算综合得分'], ['—', '江海市分行', '全辖汇总（不评定）'],
    ].sort());
  });

  it('in English: the same lists, and no Chinese outside unit names', async () => {
    const p = docxParagraphs(en);
    expect(p[0]).toBe('Results of the 2025 evaluation of learning organisations (draft)');
    expect(p[1]).toContain('3 units (county sub-branches: 2, departments: 1) were evaluated for 2025');
    const lists = gradeLines(p, /^(Excellent|Good|Fair|Poor) \((\d+)\): (.*)$/, ', ');
    expect(Object.fromEntries(lists)).toEqual({ Excellent: [], Good: ['南湖县支行'], Fair: ['办公室', XSS], Poor: [] });
    expect(p).toContain('1. 南湖县支行 (responsible parent unit: 江海市分行): process below peers');
    const names = (await db.all<{ name: string }>('SELECT name FROM units')).map((u) => u.name);
    expect(hanRuns(without(p.join('\n'), names))).toEqual([]);
  });
});
