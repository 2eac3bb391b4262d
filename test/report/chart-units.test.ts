import { describe, expect, it } from 'vitest';
import { CHART_MAX_UNITS, chartUnits, chartUnitsNote } from '../../src/report/specs/chart-units.js';
import { withDb } from '../../src/store/db.js';
import { readReportData } from '../../src/report/read-report-data.js';
import { buildModel, unitName } from '../../src/report/model.js';
import { buildReportSpecs } from '../../src/report/specs/index.js';
import { bandHeight } from '../../src/report/specs/common.js';
import { scoreBenchYears, seedBenchDb } from '../../bench/score.js';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `U${i + 1}`);

describe('units drawn in a one-row-per-unit chart', () => {
  it('all of them up to CHART_MAX_UNITS, with no note', () => {
    const cu = chartUnits(ids(CHART_MAX_UNITS));
    expect(cu).toEqual({ shown: ids(60), total: 60, omitted: 0, worstOnly: false });
    expect(chartUnitsNote(cu, 'zh')).toBeNull();
  });

  it('at 2,000 units the best 30 and the worst 30 by rank, and a note saying so in the report\'s language', () => {
    const cu = chartUnits(ids(2000));
    expect(cu.shown).toEqual([...ids(30), ...ids(2000).slice(1970)]);
    expect(cu.shown[29]).toBe('U30');
    expect(cu.shown[30]).toBe('U1971');
    expect(cu.omitted).toBe(1940);
    expect(chartUnitsNote(cu, 'zh')).toBe('共 2,000 个单位，图中为排名前 30 名和后 30 名；全部单位见综合得分排名表');
    expect(chartUnitsNote(cu, 'en')).toBe('2,000 units; the chart shows the first 30 and the last 30 by rank; the ranking table lists every unit');
  });

  it('the worst only, for a chart about who needs attention', () => {
    const cu = chartUnits(ids(61), 10, true);
    expect(cu.shown).toEqual(ids(61).slice(51));
    expect(chartUnitsNote(cu, 'zh')).toBe('共 61 个单位，图中为排名最后 10 个；全部单位见综合得分排名表');
  });
});

/**
 * Every chart of a report at 2,000 units: a chart with one row (bar, line) per unit draws at most
 * CHART_MAX_UNITS of them. An uncapped one was 40,000 px tall, and its PNG alone took ~400 MB and
 * 12 s to draw: the reason a whole run's reports went past 1 GB.
 */
describe('the charts of a report at 2,000 units', () => {
  it('draw at most CHART_MAX_UNITS units each, and say how many they leave out', async () => {
    await withDb(async (db) => {
      await seedBenchDb(db);
      await scoreBenchYears(db);
      // one analysis row per unit (flags for every other unit), as the analyse stage writes them at this size
      await db.run(`CREATE TABLE sensitivity AS SELECT year, unit_id, rank AS nominal_rank, rank::DOUBLE AS median_rank,
        greatest(rank - 5, 1)::DOUBLE AS rank_p05, (rank + 5)::DOUBLE AS rank_p95, rank % 7 = 0 AS borderline
        FROM scores WHERE year = 2025 AND level = 0 AND rank IS NOT NULL`);
      await db.run(`CREATE TABLE flags AS SELECT year, unit_id, 'd0' AS node_id, 'peer_gap' AS rule_id, 'medium' AS severity,
        score AS value, 50.0 AS reference, '低于同类中位数' AS reason_zh, 'below the peer median' AS reason_en
        FROM scores WHERE year = 2025 AND level = 0 AND rank % 2 = 0`);
      await db.run(`CREATE TABLE weight_impact AS SELECT year, 2024 AS base_year, unit_id, true AS trees_differ, 1.0 AS total_change,
        0.5 AS weights_effect, 0.5 AS performance_effect, 'performance' AS attribution FROM scores WHERE year = 2025 AND level = 0`);
      const data = await readReportData(db, 2025);
      const ranks = new Map(data.totals.map((t) => [t.unit_id, t.rank]));
      const units = [...ranks].filter(([, r]) => r !== null).map(([id, r]) => ({
        unit_id: id, rank_change: 0, official: { rank: r, grade_status: 'graded' }, draft: { rank: r, grade_status: 'graded' }, dimensions: [],
      }));
      data.preview = { file: 'indicators/2026.yaml', draftYear: 2026, weights: [], result: { year: 2025, units, moved: 0, gradeChanged: 0 } } as never;
      for (const lang of ['zh', 'en'] as const) {
        const m = buildModel(data, lang);
        const charts = buildReportSpecs(m);
        const perUnit = ['ranking', 'dimensions', 'heatmap', 'trends', 'slope', 'flags', 'sensitivity', 'weight-impact', 'preview'];
        expect(charts.map((c) => c.id)).toEqual(expect.arrayContaining(perUnit));
        for (const c of charts) {
          const spec = c.spec as { data?: { values?: { unit?: string }[] }; title?: { text: string }; height?: number };
          const drawn = new Set((spec.data?.values ?? []).map((v) => v.unit).filter((u) => u !== undefined));
          expect(drawn.size, c.id).toBeLessThanOrEqual(CHART_MAX_UNITS);
          if (typeof spec.height === 'number') expect(spec.height, c.id).toBeLessThanOrEqual(bandHeight(CHART_MAX_UNITS));
          if (perUnit.includes(c.id)) expect(spec.title?.text, c.id).toMatch(lang === 'zh' ? /^共 2,000 个单位|^共 1,000 个单位/ : /^2,000 units;|^1,000 units;/);
        }
        const shown = (id: string) => (charts.find((c) => c.id === id)!.spec as { data: { values: { unit: string }[] } }).data.values.map((v) => v.unit);
        const byRank = [...data.totals].filter((t) => t.rank !== null).sort((a, b) => a.rank! - b.rank!).map((t) => unitName(m, t.unit_id));
        // rank intervals of the best 30 and the worst 30
        expect(shown('sensitivity')).toEqual([...byRank.slice(0, 30), ...byRank.slice(-30)]);
        // the warnings chart: the 60 lowest-ranked units with a warning
        const flagged = byRank.filter((_, i) => (i + 1) % 2 === 0);
        expect(new Set(shown('flags'))).toEqual(new Set(flagged.slice(-CHART_MAX_UNITS)));
      }
    });
  }, 120_000);
});
