/**
 * Weak-branch defaults and the follow-up list on a hand-made database (seedWeak in helpers.ts):
 * every expected number below is worked out from the fixture table there, not read from the code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/store/db.js';
import { analyse, formatWeak, weakYear, type AnalyseSummary, type FollowUpRow } from '../../src/analyse/index.js';
import { valueAgainstLine, redLineReason, metricLabel } from '../../src/analyse/messages.js';
import { seedWeak } from './helpers.js';

let db: Db;
let s2025: AnalyseSummary;
const row = (u: string): FollowUpRow => {
  const r = s2025.followUp.find((x) => x.unit_id === u);
  if (!r) throw new Error(`no follow-up row for ${u}`);
  return r;
};

beforeAll(async () => {
  db = await openDb(':memory:');
  await seedWeak(db);
  await analyse(db, { reports: '/nonexistent' }, { year: 2024, runs: 20, export: false });
  s2025 = await analyse(db, { reports: '/nonexistent' }, { year: 2025, runs: 20, export: false });
}, 120_000);
afterAll(() => db.close());

describe('who is judged', () => {
  it('never flags the root, and keeps it out of the peers', () => {
    expect(s2025.flags.some((f) => f.unit_id === 'ROOT')).toBe(false);
    expect(s2025.followUp.some((r) => r.unit_id === 'ROOT')).toBe(false);
    // d1 among graded units: 90 80 75 70 20 50 → median 72.5 (with the root's 10 it would be 70)
    expect(s2025.flags.find((f) => f.unit_id === 'U5' && f.rule_id === 'peer_gap')!.reference).toBeCloseTo(72.5, 9);
  });

  it('lists an unscored unit as 数据不足, not as flagged', () => {
    const x = row('UX');
    expect(x.status).toBe('insufficient_data');
    expect(x.status_zh).toBe('数据不足');
    expect(x.flagged).toBe(false);
    // UX has no m1 or m2: none of the weight has data (0%, when the score stage records coverage)
    expect(x.reasons_zh).toMatch(/^综合得分缺失：有数据的指标(权重不足|仅占权重 0%)/);
    expect(s2025.flags.some((f) => f.unit_id === 'UX')).toBe(false);
    expect(s2025.insufficient).toBe(1);
  });
});

describe('default rules', () => {
  it('flags 4 of 6 graded units; near misses are listed apart', () => {
    // high first, then by score: U6 较差 (55), U5 d1 52.5 (≥ 40) below the median (60), U2 attendance 50% (80); medium: U4 70% and a 10-point fall (70)
    expect(s2025.followUp.filter((r) => r.flagged).map((r) => r.unit_id)).toEqual(['U6', 'U5', 'U2', 'U4']);
    expect(s2025.flaggedUnits).toBe(4);
    expect(row('U3').status).toBe('near_miss');
    expect(row('U3').status_zh).toBe('提醒（程度较轻）');
    expect(row('U3').severity).toBe('low');
  });

  it('red line severity by the miss, worded without rounding artefacts', () => {
    const sev = (u: string) => s2025.flags.find((f) => f.unit_id === u && f.rule_id === 'red_line:attendance_rate')!.severity;
    expect(sev('U2')).toBe('high'); // (0.8 − 0.5) / 0.8 = 37.5% ≥ 25%
    expect(sev('U4')).toBe('medium'); // 12.5%
    expect(sev('U3')).toBe('low'); // 0.4%
    const u3 = s2025.flags.find((f) => f.unit_id === 'U3')!;
    expect(u3.reason_zh).toBe('出勤率 79.7%，略低于红线 80%');
    expect(u3.reason_en).toBe('Attendance rate 79.7% is slightly below the red line 80%');
    expect(u3.value).toBeCloseTo(0.797, 6); // compared unrounded
  });

  it('one combined reason per unit: rules worst first, numbered, drivers once', () => {
    const u5 = row('U5');
    expect(u5.severity).toBe('high'); // a 52.5-point gap: ≥ 40
    expect(u5.rules).toBe('peer_gap,red_line:collective_study_hours,declining');
    expect(u5.reasons_zh).toBe(
      '①学习条件 20.0 分，低于同类单位（科室）中位数 72.5 达 52.5 分，拖累综合得分 26.3 分；' +
      '②人均月集中学习时长 3.9 小时/人·月，略低于红线 4 小时/人·月；' +
      '③综合得分下降 5.0 分：2024 65.0 → 2025 60.0。' +
      // i1 contributions × 0.5: 45 40 37.5 35 10 25 → median 36.25; U5 is 26.25 below
      '拉低最多的指标：指标一 20（目标 100），比同类中位数少 26.3 分',
    );
    expect(u5.reasons_zh.split('拉低最多的指标').length).toBe(2);
    const u4 = row('U4');
    expect(u4.reasons_zh.startsWith('①出勤率 70%，低于红线 80%；②综合得分下降 10.0 分：2024 80.0 → 2025 70.0。')).toBe(true);
  });

  it('Chinese texts carry no English ids', () => {
    for (const r of s2025.followUp) {
      for (const t of [r.reasons_zh, r.status_zh, r.outcome_zh ?? '', r.event_zh ?? '', r.severity_zh ?? '']) {
        expect(t, t).not.toMatch(/[A-Za-z_]{2,}/);
      }
    }
    for (const f of s2025.flags) expect(`${f.rule_zh}${f.node_zh}${f.reason_zh}${f.drivers_zh}`).not.toMatch(/[A-Za-z_]{2,}/);
  });
});

describe("last year's flagged units", () => {
  it('judges the outcome on the flagged indicators and the composite, not the rank', () => {
    // U6: 较差 both years, 40 → 55; rank 7 → 6 (one place: "unchanged" by rank)
    const u6 = row('U6');
    expect(u6.flagged_last_year).toBe(true);
    expect(u6.rank_change).toBe(1);
    expect(u6.outcome).toBe('improved');
    expect(u6.outcome_zh).toContain('综合得分 40.0 → 55.0（+15.0）');
  });

  it('a red line resolved: improved, listed as last year', () => {
    const u1 = row('U1');
    expect(u1.status).toBe('last_year');
    expect(u1.outcome).toBe('improved');
    expect(u1.outcome_zh).toBe('好转：人均月集中学习时长 2 小时/人·月 → 6 小时/人·月（已消除）；综合得分 90.0 → 90.0（±0.0）');
  });

  it('better on the flagged indicator but the composite fell 10: no real change', () => {
    const u4 = row('U4');
    expect(u4.outcome).toBe('unchanged');
    expect(u4.outcome_zh).toBe('整改未见效：出勤率 60% → 70%（有改善）；综合得分 80.0 → 70.0（−10.0）');
  });
});

describe('unit events', () => {
  it('a merged unit gets a line saying where it went; the absorbing unit says whose data it carries', () => {
    const um = row('UM');
    expect(um.status).toBe('unit_event');
    expect(um.event).toBe('merged');
    expect(um.reasons_zh).toBe('2025 年起并入货币信贷科，不再单独评价');
    expect(row('U2').event_zh).toBe('2025 年起外汇管理科并入本单位，其数据计入本单位');
  });

  it('the weak view prints the lists in Chinese', async () => {
    const w = await weakYear(db, {}, 2025);
    const text = formatWeak(w.year, w.followUp, 400);
    expect(text).toContain('关注 flagged 4');
    expect(text).toContain('数据不足');
    expect(text).toContain('并入货币信贷科');
  });
});

describe('wording of a value against its line', () => {
  it('shows enough decimals to tell the value from the line', () => {
    expect(valueAgainstLine('attendance_rate', 0.7996, 0.8).value.zh).toBe('79.96%');
    expect(valueAgainstLine('collective_study_hours', 3.99, 4).value.zh).toBe('3.99 小时/人·月');
    const t = redLineReason(metricLabel('attendance_rate'), 'attendance_rate', 0.79999, '<', 0.8, null, true);
    expect(t.zh).not.toMatch(/80% .*红线 80%/);
    expect(t.zh).toContain('略低于红线 80%');
  });
});

describe('wording of a fall on a re-weighted tree', () => {
  it('states the official fall the printed scores show, then the re-scored like-for-like fall as such', async () => {
    const { decliningReason } = await import('../../src/analyse/messages.js');
    const t = decliningReason({ zh: '综合得分', en: 'Composite' }, [{ from: 2024, to: 2025, published: 80, before: 78, after: 70 }], 8);
    expect(t.zh).toBe('综合得分下降 10.0 分：2024 80.0 → 2025 70.0；上年按本年指标体系重算为 78.0，可比口径下降 8.0 分');
    expect(t.en).toBe("Composite fell 10.0 points: 2024 80.0 → 2025 70.0; last year re-scored on this year's tree: 78.0, a like-for-like fall of 8.0 points");
  });
});

/**
 * A2 and B1 of the review of the sample's report, on seedReweighted (helpers.ts): trees that move
 * the weights every year. Expected figures are recomputed here from the stored scores and from the
 * fixture's metric values and weights (w1 × m1 + w2 × m2), never read from the analyse code.
 */
describe('re-weighted years: every figure agrees with the scores printed beside it', () => {
  let rw: Db;
  let r2025: AnalyseSummary;
  const f1 = (x: number) => x.toFixed(1);
  const official = async (unit: string) => new Map((await rw.all<{ year: number; score: number }>(
    `select year, score from scores where unit_id = $unit and node_id = 'total' order by year`, { unit })).map((r) => [r.year, r.score]));
  const fu = (u: string) => r2025.followUp.find((r) => r.unit_id === u)!;
  const decline = (u: string) => r2025.flags.find((f) => f.unit_id === u && f.rule_id === 'declining')!;

  beforeAll(async () => {
    rw = await openDb(':memory:');
    const { seedReweighted } = await import('./helpers.js');
    await seedReweighted(rw);
    await analyse(rw, { reports: '/nonexistent' }, { year: 2024, runs: 20, export: false });
    r2025 = await analyse(rw, { reports: '/nonexistent' }, { year: 2025, runs: 20, export: false });
  }, 120_000);
  afterAll(() => rw.close());

  it('a multi-year fall: the official drop of the printed series first, the like-for-like sum named and explained', async () => {
    const s = await official('E');
    const path = [2023, 2024, 2025].map((y) => `${y} ${f1(s.get(y)!)}`).join(' → ');
    const drop = s.get(2023)! - s.get(2025)!; // 70 − 49.6
    expect(drop).toBeCloseTo(20.4, 9);
    // each step against the earlier year on the later year's tree: (0.7 × 90 + 0.3 × 50 − 69.5) + (0.3 × 80 + 0.7 × 45 − 49.6)
    const like = (0.7 * 90 + 0.3 * 50 - s.get(2024)!) + (0.3 * 80 + 0.7 * 45 - s.get(2025)!);
    expect(like).toBeCloseTo(14.4, 9);
    const d = decline('E');
    expect(d.reason_zh).toBe(`综合得分连续 2 年下降，官方得分共降 ${f1(drop)} 分（按各年指标体系）：${path}；若每年的上年得分按当年指标体系重算，可比口径共降 ${f1(like)} 分`);
    expect(d.reason_en).toBe(`Composite score fell 2 years running, ${f1(drop)} points in all on the official scores (each year on its own tree): ${path}; ` +
      `with each previous year re-scored on the following year's tree, ${f1(like)} points like-for-like`);
    // the reference (参照值 on the unit page) is the first printed score: value − reference is the official change
    expect(d.reference).toBeCloseTo(s.get(2023)!, 9);
    expect(d.value).toBeCloseTo(s.get(2025)!, 9);
    // the follow-up row (follow_up.csv/.xlsx, the announcement) carries the same words
    expect(fu('E').reasons_zh).toContain(d.reason_zh);
    expect(fu('E').reasons_en).toContain(d.reason_en);
  });

  it('a fall that is like-for-like only (the official series rose first) never says the printed series fell every year', async () => {
    const s = await official('F');
    expect(s.get(2024)!).toBeGreaterThan(s.get(2023)!); // 70 → 78.5
    const like = (0.7 * 100 + 0.3 * 40 - s.get(2024)!) + (0.3 * 95 + 0.7 * 40 - s.get(2025)!); // 3.5 + 5
    const path = [2023, 2024, 2025].map((y) => `${y} ${f1(s.get(y)!)}`).join(' → ');
    expect(decline('F').reason_zh).toBe(`综合得分按可比口径连续 2 年下降，共降 ${f1(like)} 分（每年的上年得分按当年指标体系重算）；` +
      `官方得分（按各年指标体系）${path}，共降 ${f1(s.get(2023)! - s.get(2025)!)} 分`);
  });

  it('no stated fall disagrees with the series printed beside it', () => {
    const fs = r2025.flags.filter((f) => f.rule_id === 'declining');
    expect(fs.length).toBeGreaterThanOrEqual(2);
    for (const f of fs) {
      for (const t of [f.reason_zh, f.reason_en]) {
        const series = [...t.matchAll(/\b(20\d\d) (\d+\.\d)\b/g)].map((m) => Number(m[2]));
        expect(series.length, t).toBeGreaterThanOrEqual(2);
        const printed = f1(series[0] - series[series.length - 1]);
        // the official change is stated with the figure a reader works out from the printed series
        expect(t, t).toMatch(new RegExp(`(共降|下降) ${printed} 分|fell ${printed} points|${printed} points in all on the official|down ${printed} points`));
      }
    }
  });

  it('B1: a red line whose severity rose (medium → high) is worse, so the unit is not called improved', async () => {
    const g24 = (await rw.all<{ severity: string; value: number }>(`select severity, value from flags where year = 2024 and unit_id = 'G' and rule_id = 'red_line:collective_study_hours'`))[0];
    const g25 = r2025.flags.find((f) => f.unit_id === 'G' && f.rule_id === 'red_line:collective_study_hours')!;
    expect([g24.severity, g25.severity]).toEqual(['medium', 'high']); // (4 − 3.02) / 4 = 24.5%; (4 − 2.95) / 4 = 26.25%
    expect(Math.abs(g24.value - g25.value!)).toBeLessThan(0.02 * 4); // moved less than the 2%-of-the-line tolerance
    const g = fu('G');
    expect(g.flagged_last_year).toBe(true);
    // attendance resolved, d1 gap narrowed and composite up 18.4, but the red line got more severe: not 好转
    expect(g.outcome).not.toBe('improved');
    expect(g.outcome).toBe('unchanged');
    expect(g.outcome_zh).toContain('人均月集中学习时长 3.02 小时/人·月 → 2.95 小时/人·月（更差，程度由中升为高）');
    expect(g.outcome_en).toContain('(worse, severity up from medium to high)');
    expect(g.outcome_zh).toContain('出勤率 70% → 85%（已消除）');
  });

  it('B1: a peer gap under the 2 × MAD threshold but not gone is not called 已消除', async () => {
    const d1 = (await rw.all<{ unit_id: string; score: number }>(
      `select s.unit_id, s.score from scores s where s.year = 2025 and s.node_id = 'd1' and s.unit_id <> 'ROOT'`));
    const xs = d1.map((r) => r.score).sort((a, b) => a - b);
    const med = (v: number[]) => (v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);
    const median = med(xs);
    const mad = med(xs.map((x) => Math.abs(x - median)).sort((a, b) => a - b));
    const gap = median - d1.find((r) => r.unit_id === 'G')!.score;
    expect(gap).toBeGreaterThan(15); // still “far below” by the minimum gap …
    expect(gap).toBeLessThanOrEqual(2 * mad); // … but under the peers' spread, so the rule no longer fires
    expect(r2025.flags.some((f) => f.unit_id === 'G' && f.rule_id === 'peer_gap' && f.node_id === 'd1')).toBe(false);
    const g = fu('G');
    expect(g.outcome_zh).not.toMatch(/学习条件[^；]*已消除/);
    expect(g.outcome_zh).toContain(`学习条件 50.0 → 58.0，低于中位数 35.0 → ${f1(gap)} 分（差距仍为 ${f1(gap)} 分，已低于预警阈值 ${f1(2 * mad)} 分，即同类单位得分中位绝对偏差的 2 倍）`);
    expect(g.outcome_en).toContain(`the gap is still ${f1(gap)} points, under the alert threshold of ${f1(2 * mad)} points`);
  });
});

describe('unit events from the ingest table', () => {
  it('reads unit_events (merged_into, absorbed, abolished, split_from) and names the other unit', async () => {
    const { unitEvents } = await import('../../src/analyse/unit-events.js');
    const e = await openDb(':memory:');
    try {
      await e.run(`create table units (unit_id varchar, name varchar, parent_id varchar, unit_type varchar, valid_from integer, valid_to integer)`);
      await e.run(`insert into units values ('A', '外汇管理科', null, 'department', null, 2024), ('B', '货币信贷科', null, 'department', null, null),
        ('C', '东港县支行', null, 'county', null, 2024), ('D', '征信一科', null, 'department', 2025, null), ('E', '征信管理科', null, 'department', null, 2024)`);
      await e.run(`create table unit_events (year integer, unit_id varchar, event varchar, other_unit_id varchar, label_zh varchar, label_en varchar, registry_file varchar, registry_row integer)`);
      await e.run(`insert into unit_events values (2025, 'A', 'merged_into', 'B', '', '', 'r.csv', 2), (2025, 'B', 'absorbed', 'A', '', '', 'r.csv', 2),
        (2025, 'C', 'abolished', null, '', '', 'r.csv', 3), (2025, 'D', 'split_from', 'E', '', '', 'r.csv', 4), (2025, 'E', 'split_into', 'D', '', '', 'r.csv', 4)`);
      const text = Object.fromEntries((await unitEvents(e)).map((x) => [x.unit_id, x.text.zh]));
      expect(text).toEqual({
        A: '2025 年起并入货币信贷科，不再单独评价',
        B: '2025 年起外汇管理科并入本单位，其数据计入本单位',
        C: '2025 年撤销，不再评价',
        D: '2025 年由征信管理科拆分新设，自该年起评价',
        E: '2025 年起拆分为征信一科',
      });
    } finally {
      e.close();
    }
  });
});

describe('numbers that would round onto a line', () => {
  it('3.99 hours is never shown as 4.0, a gap that turned is worded as above the median', async () => {
    const { rawValue, peerGapProgress } = await import('../../src/analyse/messages.js');
    expect(rawValue('collective_study_hours', 3.99).zh).toBe('3.99 小时/人·月');
    expect(rawValue('collective_study_hours', 3.94).zh).toBe('3.9 小时/人·月');
    expect(rawValue('attendance_rate', 0.7996).zh).toBe('79.96%');
    expect(peerGapProgress({ zh: '学习成效', en: 'Outcomes' }, 42.9, 63.3, 20.4, -2.6, 'resolved').zh)
      .toBe('学习成效 42.9 → 63.3，由低于中位数 20.4 分变为高于 2.6 分（已消除）');
  });
});
