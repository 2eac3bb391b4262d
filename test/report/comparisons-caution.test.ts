/**
 * 与上年比较 (review B3): a composite that is like-for-like but whose weights changed is not shown
 * as a plain “yes”; the stage's caution (comparisons.comparable_reason_zh/en) is printed once under
 * the table; a unit with no score in either year (the root) has no row of dashes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/store/db.js';
import { ensureAnalyseTables } from '../../src/analyse/contract.js';
import { readReportData } from '../../src/report/read-report-data.js';
import { buildModel } from '../../src/report/model.js';
import { looseTableHtml } from '../../src/report/analysis-sections.js';
import { createReportFixture, insertKnown, ROOT_ID } from './fixture.js';

const CAUTION_ZH = '可比（标准一致），但 2024 与 2025 的权重不同（学习成效 的子项权重有调整）：得分变化含权重调整的影响，见“权重调整影响”';
const CAUTION_EN = 'like-for-like scales, but the 2024 and 2025 trees weigh the parts of Outcomes differently';

let db: Db;
const text = (html: string) => html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => {
  db = await openDb(':memory:');
  await createReportFixture(db, { analysis: true });
  await ensureAnalyseTables(db);
  const base = { year: 2025, base_year: 2024, node_id: 'total', level: 0, grade_change: 'same' };
  await insertKnown(db, 'comparisons', { ...base, unit_id: 'U1', score: 88.6, base_score: 80, score_change: 8.6, comparable: true,
    comparable_reason: 'weights_differ', comparable_reason_zh: CAUTION_ZH, comparable_reason_en: CAUTION_EN });
  await insertKnown(db, 'comparisons', { ...base, unit_id: 'U2', score: 68.6, base_score: 80, score_change: -11.4, comparable: false,
    comparable_reason: 'relative_method', comparable_reason_zh: '学习成效: 刊物发表 按当年单位间比较（当年极值法）', comparable_reason_en: 'Outcomes: Publications is scored relative to the year’s units (minmax)' });
  await insertKnown(db, 'comparisons', { ...base, unit_id: ROOT_ID, score: null, base_score: null, comparable: true, comparable_reason: null });
}, 60_000);
afterAll(() => db.close());

describe('与上年比较', () => {
  it('says 可比（权重有调整） and prints the caution once, in Chinese', async () => {
    const m = buildModel(await readReportData(db, 2025), 'zh');
    const t = text(looseTableHtml(m, 'comparisons', m.data.comparisons!));
    expect(t).toContain('可比（权重有调整）');
    expect(t).toContain(`可比性说明：${CAUTION_ZH}`);
    expect(t.split(CAUTION_ZH).length).toBe(2);
    expect(t).toContain('可比性说明：学习成效: 刊物发表 按当年单位间比较（当年极值法）');
    // the root has no score in either year: no row
    expect(t).not.toContain(m.unitLabel.get(ROOT_ID)!);
  });

  it('and in English', async () => {
    const m = buildModel(await readReportData(db, 2025), 'en');
    const t = text(looseTableHtml(m, 'comparisons', m.data.comparisons!));
    expect(t).toContain('yes (weights changed)');
    expect(t).toContain(`Like-for-like: ${CAUTION_EN}`);
    expect(t).not.toContain(CAUTION_ZH);
  });
});
