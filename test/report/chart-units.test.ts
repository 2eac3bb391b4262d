import { describe, expect, it } from 'vitest';
import { CHART_MAX_UNITS, chartUnits, chartUnitsNote } from '../../src/report/specs/chart-units.js';

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
