/** One formatter per kind of number (src/report/format-number.ts), expected strings written by hand. */
import { describe, expect, it } from 'vitest';
import { count, DASH, formatNumber, hours, metricUnit, metricValue, percent, points, rank, rankChange, signed, yuan } from '../../src/report/format-number.js';

describe('format-number', () => {
  it('points: one decimal by default, thousands grouped, a dash for no value', () => {
    expect([points(88.63), points(88.65, 2), points(1234.56), points(-0.04), points(null), points(Number.NaN)])
      .toEqual(['88.6', '88.65', '1,234.6', '0.0', DASH, DASH]);
  });

  it('percent of a fraction; signed changes with a true minus and no sign on zero', () => {
    expect([percent(0.9328), percent(0.8, 0), percent(1)]).toEqual(['93.3%', '80%', '100.0%']);
    expect([signed(3.24), signed(-1.5), signed(0.04), signed(-0.04), signed(2, 0)]).toEqual(['+3.2', '−1.5', '0.0', '0.0', '+2']);
  });

  it('counts, ranks and rank changes in each language', () => {
    expect([count(1700), count(12.4), count(undefined)]).toEqual(['1,700', '12', DASH]);
    expect([rank(3, 'zh'), rank(3, 'zh', 20), rank(1, 'en'), rank(2, 'en', 20), rank(13, 'en'), rank(23, 'en')])
      .toEqual(['第 3 名', '第 3 名（共 20 个）', '1st', '2nd of 20', '13th', '23rd']);
    expect([rankChange(2, 'zh'), rankChange(-1, 'zh'), rankChange(0, 'zh'), rankChange(2, 'en'), rankChange(-1, 'en'), rankChange(0, 'en')])
      .toEqual(['上升 2 位', '下降 1 位', '持平', 'up 2', 'down 1', 'same']);
  });

  it('hours and 元 in words of the language (no Han in English)', () => {
    expect([hours(12.5, 'zh'), hours(12.5, 'en'), yuan(1234.4, 'zh'), yuan(1234.4, 'en')]).toEqual(['12.5 小时', '12.5 h', '1,234 元', '1,234 yuan']);
  });

  it('a raw metric value in its unit', () => {
    expect([metricValue('attendance_rate', 0.707, 'zh'), metricValue('collective_study_hours', 2.94, 'zh'), metricValue('collective_study_hours', 2.94, 'en')])
      .toEqual(['70.7%', '2.9 小时/人·月', '2.9 h/member·month']);
    expect([metricValue('study_budget_per_member', 445.5, 'en'), metricValue('training_hours', 36, 'en'), metricValue('study_space', 0, 'zh')])
      .toEqual(['445.5 yuan/member·yr', '36 study hours/member·yr', '0 间']);
    expect([metricUnit('attendance_rate', 'zh'), metricUnit('study_budget_per_member', 'zh'), metricUnit('publications', 'zh')]).toEqual(['%', '元/人·年', '']);
  });

  it('by kind name', () => {
    expect([formatNumber('points2', 72.1, 'zh'), formatNumber('rankChange', -2, 'zh'), formatNumber('yuan', 10, 'en')]).toEqual(['72.10', '下降 2 位', '10 yuan']);
  });
});
