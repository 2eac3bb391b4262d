/**
 * The year's grading rule, the bonus / deduction / veto lines and the unit's grade explained, on
 * the report fixture (test/report/fixture.ts) scored under the shipped indicators/2025.yaml: the
 * fixture's run is recorded with that file's tree, as the score stage records it.
 *
 * Expected values are worked out here from the YAML (parsed on its own) and the fixture's scores:
 *   grading: quota, floor; 优秀 max_share 0.2, min 85; 良好 ≥ 75; 一般 ≥ 60; 较差 the rest; ties all_in
 *   graded units in 2025: U1 88.6, 办公室 72.1, <XSS> 68.6 → n = 3, places = floor(0.2 × 3) = 0
 *   so U1 (88.6 ≥ 85, rank 1) is 良好 for want of a place — the note the unit page must give.
 *   veto discipline: effect force, grade 较差 (the fixture's own veto row is not_graded)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { openDb, type Db } from '../../src/store/db.js';
import { renderReports } from '../../src/report/render.js';
import { readReportData, type AdjustmentRow, type ReportData } from '../../src/report/read-report-data.js';
import { buildModel } from '../../src/report/model.js';
import { vetoReasons } from '../../src/report/grading-rules.js';
import { announcementContent } from '../../src/report/announcement/index.js';
import { unitParagraph } from '../../src/report/unit-paragraph.js';
import { loadIndicatorTree } from '../../src/indicators/load-tree.js';
import { knownMetricIds } from '../../src/metrics/catalog.js';
import { writeRun } from '../../src/score/run-log.js';
import { createReportFixture, FORMULA, VETO_REASON, XSS } from './fixture.js';
import { asciiWords, docxParagraphs } from './language-scan.js';

interface YamlGrade { grade: string; min?: number; max_share?: number }
const yaml = parse(readFileSync('indicators/2025.yaml', 'utf8')) as {
  grading: { method: string; rounding: string; ties: string; grades: YamlGrade[] };
  veto: { label: { zh: string }; effect: string; grade: string }[];
};
const [top, second, third, last] = yaml.grading.grades;
const GRADED = 3;
const PLACES = Math.floor(top.max_share! * GRADED);

let db: Db;
let out: string;
let zhDir: string;
let data: ReportData;

beforeAll(async () => {
  db = await openDb(':memory:');
  await createReportFixture(db, { analysis: true });
  const { tree, issues } = loadIndicatorTree('indicators/2025.yaml', knownMetricIds());
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  for (const year of [2024, 2025]) {
    await writeRun(db, {
      runId: `score-${year}-test`, startedAt: new Date('2026-01-05T00:00:00Z'), stage: 'score', tree: { ...tree!, year }, inputHash: 'x', warnings: [],
      params: { year, minShare: 0.5, minShareOverride: null, geometricFloor: 1, treeFile: null, grading: { gradedUnits: GRADED, quotas: [{ grade: top.grade, share: top.max_share!, places: PLACES, given: 0 }] } },
    });
  }
  data = await readReportData(db, 2025);
  out = mkdtempSync(join(tmpdir(), 'yardstick-rules-'));
  zhDir = (await renderReports(db, { reports: out }, { year: 2025, lang: 'zh', png: false })).dir;
});
afterAll(() => {
  db.close();
  rmSync(out, { recursive: true, force: true });
});

/** The rule as the office would write it, from the YAML alone. */
const ruleZh = `等级评定规则：${top.grade}名额 ${PLACES} 个（参评 ${GRADED} 个单位 × ${top.max_share! * 100}%，向下取整），且须 ≥ ${top.min} 分；`
  + `${second.grade}须 ≥ ${second.min} 分；${third.grade}须 ≥ ${third.min} 分；其余为${last.grade}。`
  + '未进入名额或未达到分数线的单位依次评为下一等级；名额边界上得分相同的单位全部计入（可超出名额）。';

describe('the year\'s grading rule, from the recorded tree', () => {
  it('the YAML is what this test assumes (quota, floor, ties all in, a forcing veto)', () => {
    expect([yaml.grading.method, yaml.grading.rounding, yaml.grading.ties]).toEqual(['quota', 'floor', 'all_in']);
    expect(yaml.veto.map((v) => [v.effect, v.grade])).toEqual([['force', last.grade]]);
  });

  it('is stated in the announcement\'s method paragraph, with the veto rule in words and no config words', () => {
    const scope = announcementContent(buildModel(data, 'zh')).scope;
    expect(scope).toContain(ruleZh);
    expect(scope).toContain(`发生一票否决事项（${yaml.veto[0].label.zh}）的单位直接评为${yaml.veto[0].grade}，综合得分照常列出。`);
    expect(scope).not.toMatch(/否决效果|按.*效果处理/);
    expect(scope.endsWith('现将结果通报如下。')).toBe(true);
  });

  it('is in the written .docx and above the ranking of index.html', () => {
    expect(docxParagraphs(join(zhDir, '考核结果通报.docx'))[1]).toContain(ruleZh);
    const html = readFileSync(join(zhDir, 'index.html'), 'utf8');
    const ranking = html.indexOf('<h2>综合得分排名</h2>');
    const rule = html.indexOf(ruleZh);
    expect(rule).toBeGreaterThan(ranking);
    expect(rule).toBeLessThan(html.indexOf('ranking-table'));
  });

  it('in English: the same rule with English grade names', () => {
    const scope = announcementContent(buildModel(data, 'en')).scope;
    expect(scope).toContain(`Grading rules: Excellent goes to at most ${PLACES} units (20% of the ${GRADED} graded units, rounded down) scoring ≥ ${top.min}; `
      + `Good needs ≥ ${second.min}; Fair needs ≥ ${third.min}; the rest are Poor. A unit that misses a quota or a floor gets the next grade it meets;`);
    expect(scope).toContain('is graded Poor, its composite still shown.');
  });

  it('explains on the unit page why a unit above the top floor got the second grade', () => {
    // U1: 88.6 ≥ 85 at rank 1, but floor(0.2 × 3) = 0 places
    const note = `${top.grade}名额 ${PLACES} 个（参评 ${GRADED} 个单位 × 20%，向下取整），且须 ≥ ${top.min} 分；本单位综合得分 88.60 分，列第 1 名，未进入名额。`;
    expect(unitParagraph(buildModel(data, 'zh'), 'U1')).toContain(`等级为“${second.grade}”。${note}`);
    expect(readFileSync(join(zhDir, 'units/U1.html'), 'utf8')).toContain(note);
    // 办公室 (72.1) is below the 良好 floor with no deduction: nothing to explain
    const office = buildModel(data, 'zh').unitOrder.find((id) => data.totals.find((t) => t.unit_id === id)?.name === '办公室')!;
    expect(unitParagraph(buildModel(data, 'zh'), office)).not.toContain('名额');
  });
});

describe('bonus, deduction and veto lines', () => {
  const lines = (d: ReportData, lang: 'zh' | 'en' = 'zh') => announcementContent(buildModel(d, lang)).adjustments;
  const row = (r: Partial<AdjustmentRow>): AdjustmentRow => ({
    unit_id: 'U2', item_id: null, kind: 'bonus', raw: null, points: null, effect: null, label_zh: null, label_en: null, reason_zh: null, reason_en: null, ...r,
  });
  /** −3 entered in the 加分 column, as score_adjustments records it. */
  const negativeBonus = row({
    item_id: 'honours', kind: 'deduction', raw: -3, points: 3, label_zh: '表彰奖励加分', label_en: 'Honours and awards',
    reason_zh: '加分栏填 -3，按扣分计，扣 3 分', reason_en: 'entered -3 as a bonus: counted as a deduction, minus 3 points',
  });

  it('names a negative bonus entry a deduction, without the data-entry note, and says the grounds are missing', () => {
    const got = lines({ ...data, adjustments: [...data.adjustments!, negativeBonus] });
    expect(got).toContain(`${XSS}：扣 3.00 分（由“表彰奖励加分”栏填报的负数折算为扣分）；事由未填报，待补充。`);
    expect(got.join('\n')).not.toMatch(/加分栏填|-3|按扣分计，扣/);
    expect(lines({ ...data, adjustments: [...data.adjustments!, negativeBonus] }, 'en'))
      .toContain(`${XSS}: minus 3.00 points (a negative entry under "Honours and awards", counted as a deduction); grounds not recorded, to be added.`);
  });

  it('a capped entry says the entry and the cap, from the rules', () => {
    const capped = row({ item_id: 'honours', kind: 'bonus', raw: 7, points: 5, label_zh: '表彰奖励加分', label_en: 'Honours and awards' });
    expect(lines({ ...data, adjustments: [capped] })).toContain(`${XSS}：加 5.00 分（表彰奖励加分，填报 7 分，按上限 5 分计）；事由未填报，待补充。`);
  });

  it('a veto line names the item once and the grade it led to; its own reason is the grounds, the rule\'s generic reason is not', () => {
    expect(lines(data)).toContain(`${FORMULA}：一票否决（违纪一票否决），不参加评定和排名；事由：${VETO_REASON}。`);
    // a forcing veto on a graded unit, with the rule's own reason: the grade is named, the reason not repeated
    const forced = row({
      unit_id: 'U2', item_id: 'discipline', kind: 'veto', raw: 1, effect: 'force', label_zh: yaml.veto[0].label.zh, label_en: 'x',
      reason_zh: `发生一票否决事项（${yaml.veto[0].label.zh}）`, reason_en: 'x',
    });
    const totals = data.totals.map((t) => (t.unit_id === 'U2' ? { ...t, grade: yaml.veto[0].grade, veto: 'discipline' } : t));
    const got = lines({ ...data, totals, adjustments: [forced] });
    expect(got).toEqual([`${XSS}：一票否决（${yaml.veto[0].label.zh}），评为${yaml.veto[0].grade}；事由未填报，待补充。`]);
    // the ranking's note (一票否决与说明) and results.xlsx say the same, without the repetition
    expect(vetoReasons(buildModel({ ...data, totals, adjustments: [forced] }, 'zh'), 'U2')).toEqual([`一票否决（${yaml.veto[0].label.zh}），评为${yaml.veto[0].grade}`]);
    expect(vetoReasons(buildModel(data, 'zh'), 'U3')).toEqual([`一票否决（违纪一票否决），不参加评定和排名；事由：${VETO_REASON}`]);
  });

  it('a year with items but no veto says so; a year without any item says that', () => {
    const noVeto = { ...data, adjustments: data.adjustments!.filter((a) => a.kind !== 'veto') };
    const got = lines(noVeto);
    expect(got[got.length - 1]).toBe('本年度无一票否决事项。');
    expect(lines(noVeto, 'en').at(-1)).toBe('No veto this year.');
    expect(lines(data)).not.toContain('本年度无一票否决事项。');
    expect(lines({ ...data, adjustments: [] })).toEqual([]);
  });

  it('the items table of index.html: a proper minus sign, signed points, the negative bonus named', () => {
    const html = readFileSync(join(zhDir, 'index.html'), 'utf8');
    const at = html.indexOf('<h2>加分、扣分与一票否决</h2>');
    const section = html.slice(at, html.indexOf('</section>', at));
    expect(section).toContain('<td>−1.5</td>');
    expect(section).toContain('−1.50');
    expect(section).toContain('+3.00');
    expect(section).not.toMatch(/>-\d/);
  });

  it('Chinese text written here has no English word', () => {
    const all = [announcementContent(buildModel(data, 'zh')).scope, ...lines({ ...data, adjustments: [...data.adjustments!, negativeBonus] }),
      unitParagraph(buildModel(data, 'zh'), 'U1')].join('\n');
    const names = data.totals.map((t) => t.name);
    let text = all;
    for (const n of names) text = text.split(n).join('');
    expect(asciiWords(text)).toEqual([]);
  });
});

describe('the unit paragraph says the bad news (B6)', () => {
  it('a score that fell while the rank rose; a deduction that cost a grade', () => {
    // U1 in 2025 given a deduction of 1.5 that takes it from 76.0 to 74.5 (graded 一般)
    const totals = data.totals.map((t) => (t.unit_id === 'U1' ? { ...t, score: 74.5, weighted: 76.0, bonus: 0, deduction: 1.5, grade: third.grade } : t));
    const history = data.history.map((h) => (h.year === 2025 && h.level === 0 && h.unit_id === 'U1' ? { ...h, score: 74.5 } : h));
    const p = unitParagraph(buildModel({ ...data, totals, history }, 'zh'), 'U1');
    // 2024 U1: cond (60+70)/2 = 65, proc 0.7·80 + 0.3·50 = 71, weighted 0.4·65 + 0.6·71 = 68.6, rank 3 → 2025 74.5 is +5.9
    expect(p).toContain('较上年上升 5.9 分');
    // 76.0 before the deduction reaches 75 (良好); 74.5 after it does not
    expect(p).toContain(`${second.grade}须 ≥ ${second.min} 分；本单位扣分前为 76.00 分，扣 1.50 分后为 74.50 分，未达到${second.grade}分数线。`);
    // a fall with a rise in rank: U1's 2024 score set above its 2025 one
    const h2 = history.map((h) => (h.year === 2024 && h.level === 0 && h.unit_id === 'U1' ? { ...h, score: 80.76 } : h));
    const p2 = unitParagraph(buildModel({ ...data, totals, history: h2 }, 'zh'), 'U1');
    expect(p2).toContain('较上年下降 6.3 分');
    expect(p2).toContain('较上年上升 2 位');
  });
});
