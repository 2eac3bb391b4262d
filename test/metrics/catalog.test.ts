import { describe, expect, it } from 'vitest';
import { MetricSpec } from '../../src/config/pipeline-schema.js';
import { PROFILE_METRICS } from '../../src/domain/kinds.js';
import {
  BUILTIN_METRIC_IDS,
  CORE_METRIC_IDS,
  DERIVED_METRIC_IDS,
  METRIC_CATALOG,
  knownMetricIds,
  metricCatalog,
} from '../../src/metrics/catalog.js';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';
import { METRICS_CONTRACT } from '../../src/metrics/contract.js';
import { withDb } from '../../src/store/db.js';
import { loadSample } from './sample.js';

// metrics.md, in its order
const CONTRACT_IDS = [
  'attendance_records', 'attendance_rate', 'leave_rate', 'absence_rate', 'attended_hours', 'member_months',
  'collective_study_hours', 'self_study_hours', 'exam_takers', 'exam_participation_rate', 'exam_score_rate',
  'exam_pass_rate', 'publications', 'publications_weighted', 'research_reports', 'reports_adopted',
  'report_adoption_score',
];
// indicator-system.md §3, the 19 indicators of the default tree
const TREE_IDS = [
  'study_budget_per_member', 'study_space', 'study_mechanisms', 'remote_sessions_per_month',
  'collective_study_hours', 'attendance_rate', 'org_life_completion', 'training_hours', 'self_study_hours',
  'exam_participation_rate', 'exam_score_rate', 'publications_weighted', 'reports_per_leader',
  'report_adoption_score', 'grassroots_research_days', 'learning_form_diversity', 'member_led_lectures',
  'joint_study_sessions', 'practices_promoted',
];

describe('catalog', () => {
  it('has the contract ids and every default-tree metric, each defined once', () => {
    expect(CORE_METRIC_IDS).toEqual(CONTRACT_IDS);
    for (const id of TREE_IDS) expect(BUILTIN_METRIC_IDS).toContain(id);
    expect(new Set(BUILTIN_METRIC_IDS).size).toBe(BUILTIN_METRIC_IDS.length);
    expect(DERIVED_METRIC_IDS.filter((id) => CORE_METRIC_IDS.includes(id))).toEqual([]);
  });

  it('passes every profile metric through', () => {
    for (const p of PROFILE_METRICS) expect(BUILTIN_METRIC_IDS).toContain(p.metric);
  });

  it('labels every metric in both languages with a unit and a formula', () => {
    for (const m of METRIC_CATALOG) {
      expect(m.label.zh, m.id).not.toBe('');
      expect(m.label.en, m.id).not.toBe('');
      expect(m.unit, m.id).not.toBe('');
      expect(m.formula, m.id).not.toBe('');
    }
  });

  it('knows declared metrics', () => {
    const metrics = { budget_share: MetricSpec.parse({ from: 'unit_profile', agg: 'count', label: { zh: '经费', en: 'Budget' } }) };
    expect(knownMetricIds({ metrics })).toEqual([...BUILTIN_METRIC_IDS, 'budget_share']);
    expect(metricCatalog({ metrics }).at(-1)).toMatchObject({ id: 'budget_share', kind: 'declared', label: { zh: '经费', en: 'Budget' } });
  });

  it('matches what a run writes', async () => {
    await withDb(async (db) => {
      await loadSample(db);
      await computeMetrics(db, {});
      const ids = (await db.all<{ metric_id: string }>('select distinct metric_id from unit_year_metrics')).map((r) => r.metric_id);
      expect(new Set(ids)).toEqual(new Set([...BUILTIN_METRIC_IDS, '党员活动室面积']));
    });
  });
});

describe('contract', () => {
  it('matches DESCRIBE of the output tables', async () => {
    await withDb(async (db) => {
      await loadSample(db);
      await computeMetrics(db, {});
      for (const t of METRICS_CONTRACT) {
        const cols = await db.all<{ column_name: string; column_type: string }>(`describe ${t.table}`);
        expect(cols.map((c) => [c.column_name, c.column_type]), t.table).toEqual(t.columns.map((c) => [c.name, c.type]));
        for (const c of t.columns) expect(c.zh && c.en, `${t.table}.${c.name}`).toBeTruthy();
      }
    });
  });
});
