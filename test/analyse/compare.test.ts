/**
 * Like-for-like between years (comparisons.comparable) and the reason wherever it is not. The
 * fixture (helpers.ts): two dimensions of one leaf each; 2023 and 2024 weigh them 50/50, 2025 80/20.
 */
import { describe, expect, it } from 'vitest';
import { withDb, type Db } from '../../src/store/db.js';
import { compareYears, formatComparableReasons, type ComparisonRow } from '../../src/analyse/compare.js';
import { scoreYear } from '../../src/score/score.js';
import { treeFrom } from '../score/helpers.js';
import { seedScored, tree } from './helpers.js';

const POOLED = '{method: minmax, pool: [2023, 2025]}';

/** One row per node (the reason is the node's, the same for every unit). */
async function byNode(db: Db, year: number, baseYear?: number): Promise<Record<string, Pick<ComparisonRow, 'comparable' | 'comparable_reason' | 'comparable_reason_zh' | 'comparable_reason_en'>>> {
  const rows = await compareYears(db, { year, baseYear });
  const out: Record<string, Pick<ComparisonRow, 'comparable' | 'comparable_reason' | 'comparable_reason_zh' | 'comparable_reason_en'>> = {};
  for (const r of rows) {
    const v = { comparable: r.comparable, comparable_reason: r.comparable_reason, comparable_reason_zh: r.comparable_reason_zh, comparable_reason_en: r.comparable_reason_en };
    if (out[r.node_id]) expect(out[r.node_id]).toEqual(v);
    out[r.node_id] = v;
  }
  return out;
}

const LIKE = { comparable: true, comparable_reason: null, comparable_reason_zh: null, comparable_reason_en: null };

describe('comparable and comparable_reason', () => {
  it('is like-for-like with goalposts and the same weights (2024 against 2023)', async () => {
    await withDb(async (db) => {
      await seedScored(db);
      expect(await byNode(db, 2024)).toEqual({ total: LIKE, d1: LIKE, d2: LIKE, i1: LIKE, i2: LIKE });
    });
  });

  it('keeps the composite like-for-like when only the dimension weights differ, with the weights caution', async () => {
    await withDb(async (db) => {
      await seedScored(db);
      const n = await byNode(db, 2025);
      expect(n.total).toEqual({
        comparable: true,
        comparable_reason: 'weights_differ',
        comparable_reason_zh: '可比（标准一致），但 2024 与 2025 的权重不同（综合得分 的子项权重有调整）：得分变化含权重调整的影响，见“权重调整影响”',
        comparable_reason_en: 'like-for-like scales, but the 2024 and 2025 trees weigh the parts of Composite score differently: the change includes the effect of the new weights (see the weight-change impact)',
      });
      // a dimension's own weight does not enter its score
      expect([n.d1, n.d2, n.i1, n.i2]).toEqual([LIKE, LIKE, LIKE, LIKE]);
    });
  });

  it('names each leaf normalised within the year, under its group', async () => {
    await withDb(async (db) => {
      await seedScored(db, { method: 'minmax' });
      const n = await byNode(db, 2024);
      expect(n.i1.comparable_reason_zh).toBe('学习条件: 指标一 按当年单位间比较（当年极值法）');
      expect(n.i2.comparable_reason_en).toBe('Process: Indicator two is scored relative to the year’s units (minmax)');
      expect(n.total).toMatchObject({
        comparable: false,
        comparable_reason: 'relative_method',
        comparable_reason_zh: '学习条件: 指标一 按当年单位间比较（当年极值法）；学习过程: 指标二 按当年单位间比较（当年极值法）',
      });
    });
  });

  it('is like-for-like with minmax pooled over the same years and the same recorded bounds', async () => {
    await withDb(async (db) => {
      await seedScored(db, { method: POOLED });
      expect(await byNode(db, 2024)).toEqual({ total: LIKE, d1: LIKE, d2: LIKE, i1: LIKE, i2: LIKE });
    });
  });

  it('says when the two runs used different pooled bounds', async () => {
    await withDb(async (db) => {
      await seedScored(db, { method: POOLED });
      // 2024 is re-scored after a 2025 value changed: its m1 bounds (hi 200) differ from the 2023 run's (hi 90)
      await db.run(`update unit_year_metrics set value = 200 where year = 2025 and unit_id = 'A' and metric_id = 'm1'`);
      await scoreYear(db, treeFrom(tree(2024, 50, 50, POOLED), ['m1', 'm2', 'attendance_rate']), { year: 2024 });
      const n = await byNode(db, 2024);
      expect(n.i1).toMatchObject({ comparable: false, comparable_reason: 'pool_bounds_differ' });
      expect(n.i1.comparable_reason_zh).toMatch(/^指标一 两年运行所用的合并上下限不同/);
      expect(n.i2).toEqual(LIKE);
      expect(n.total.comparable_reason).toBe('pool_bounds_differ');
    });
  });

  it('says a changed goalpost is not like-for-like', async () => {
    await withDb(async (db) => {
      await seedScored(db);
      const known = ['m1', 'm2', 'attendance_rate'];
      await scoreYear(db, treeFrom(tree(2024, 50, 50, '{method: goalposts, lo: 0, hi: 80}'), known), { year: 2024 });
      const n = await byNode(db, 2024);
      expect(n.i1).toMatchObject({ comparable: false, comparable_reason: 'params_differ', comparable_reason_zh: '指标一 的数据项或标准化方法、参数两年不同' });
      expect(n.total.comparable_reason).toBe('params_differ');
    });
  });

  it('says there is no base year for the first scored year', async () => {
    await withDb(async (db) => {
      await seedScored(db);
      const n = await byNode(db, 2023);
      expect(n.total).toMatchObject({ comparable: false, comparable_reason: 'no_base', comparable_reason_zh: '基期 2022 年没有该节点的评分' });
    });
  });

  it('prints one reason per node under the compare table', async () => {
    await withDb(async (db) => {
      await seedScored(db);
      const text = formatComparableReasons(await compareYears(db, { year: 2025 }), 2);
      expect(text.split('\n')).toEqual([
        '可比性说明 / like-for-like, and why not:',
        '  total: 可比（标准一致），但 2024 与 2025 的权重不同（综合得分 的子项权重有调整）：得分变化含权重调整的影响，见“权重调整影响”',
        '         like-for-like scales, but the 2024 and 2025 trees weigh the parts of Composite score differently: the change includes the effect of the new weights (see the weight-change impact)',
      ]);
    });
  });
});
