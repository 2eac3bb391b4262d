/**
 * Coverage: when a unit or a whole year cannot be scored, say why.
 *
 * After the aggregate stage, `node_scores` holds every evaluated unit × node with its score and,
 * for groups, the weight its present children carry. From it this module writes `score_coverage`
 * (documented in contract.ts) and returns a `CoverageSummary` for `ScoreSummary.coverage`:
 *
 * - one whole-year row (unit_id NULL) per node that some units have no score at: how many units
 *   have data, the lowest present share of the group's weight against `missing.min_share`, and the
 *   source kinds (unit_profile, attendance, exams, publications, research_reports…) that supply the
 *   leaves without data, from the metric catalog's `producedBy`;
 * - one row per unit without a composite: its present share, the dimensions without a score and
 *   the sources that would fill them (the report's "数据不足" list reads these). The organisation's
 *   root unit (root_units, never graded) gets its row too, marked as such, but a root alone without
 *   a composite does not make the run summary say that units were left unscored.
 *
 * Which source: a metric's own source kind when the source sent nothing for the unit (metric_notes
 * `no_source`, or no note); the kinds that supply its denominator (member roster or unit profile for
 * members, unit profile for leaders) when the metrics stage says the denominator was missing
 * (`missing_denominator` / `missing_value`): attendance without member counts cannot give hours per
 * member, and saying "needs attendance" there would send the office to the wrong file.
 *
 * Complete nodes get no row: the table lists only what is missing, so an empty table means every
 * unit was scored at every node. Source kinds of metrics the catalog does not know (a score-table
 * CSV column, a profile column passed through under its header) are `unknown`.
 */
import type { Db } from '../store/db.js';
import { sqlFile as readSql } from '../store/sql-file.js';
import { METRIC_CATALOG } from '../metrics/catalog.js';
import { KIND_LABELS } from '../domain/kinds.js';
import { contractOf, createTableSql } from './contract.js';

export interface CoverageGap {
  nodeId: string;
  level: number;
  label: { zh: string; en: string };
  unitsTotal: number;
  unitsWithData: number;
  /** Groups: the lowest share of the group's weight carried by children with data; leaves: null. */
  presentShare: number | null;
  metric: string | null;
  /** Source kinds that supply the leaves without data under this node. */
  sourceKinds: string[];
  reason: { zh: string; en: string };
}

export interface CoverageSummary {
  unitsTotal: number;
  unitsScored: number;
  /** Units without a composite, the root unit(s) left out (they are never graded anyway). */
  unscored: number;
  minShare: number;
  /** Nodes that some units have no score at, composite first, then by level and position. */
  gaps: CoverageGap[];
  /** Why units have no composite, in one line per language (null when every unit is scored). */
  line: { zh: string; en: string } | null;
}

/** Source kinds per SQL file of the metrics stage (metric catalog `producedBy`). */
const KINDS_BY_SQL: Record<string, string[]> = {
  'attendance_metrics.sql': ['attendance'],
  'session_metrics.sql': ['attendance'],
  'membership_metrics.sql': ['members'],
  'exam_metrics.sql': ['exams'],
  'publication_metrics.sql': ['publications'],
  'report_metrics.sql': ['research_reports'],
  'profile_metrics.sql': ['unit_profile'],
};

/** Where each per-member / per-leader metric's denominator comes from (metric_denominators.sql). */
const MEMBERS = ['members', 'unit_profile'];
const LEADERS = ['unit_profile'];
const DENOMINATOR_KINDS: Record<string, string[]> = {
  member_months: MEMBERS,
  collective_study_hours: MEMBERS,
  self_study_hours: MEMBERS,
  training_hours: MEMBERS,
  exam_participation_rate: MEMBERS,
  publications_weighted: MEMBERS,
  study_budget_per_member: MEMBERS,
  reports_per_leader: LEADERS,
  grassroots_research_days: LEADERS,
};

/** metric_notes codes that mean the metric's own rows were there but its denominator was not. */
const DENOMINATOR_CODES = ['missing_denominator', 'missing_value'];

/** Names of the source kinds, as offices call the tables (the run summary and the report both use them). */
export const SOURCE_KIND_LABELS: Record<string, { zh: string; en: string }> = {
  ...KIND_LABELS,
  pipeline: { zh: '流水线文件中的指标', en: 'pipeline metrics' },
  unknown: { zh: '未知来源', en: 'unknown source' },
};

/** (metric_id, role, kind) rows of the built-in catalog: role `source` (its own rows) or `denominator`. */
export function metricKinds(): [string, 'source' | 'denominator', string][] {
  const out: [string, 'source' | 'denominator', string][] = [];
  for (const m of METRIC_CATALOG) {
    for (const k of KINDS_BY_SQL[m.producedBy] ?? [m.producedBy === 'pipeline' ? 'pipeline' : 'unknown']) out.push([m.id, 'source', k]);
    for (const k of DENOMINATOR_KINDS[m.id] ?? []) out.push([m.id, 'denominator', k]);
  }
  return out;
}

interface NodeRow {
  node_id: string;
  level: number;
  label_zh: string;
  label_en: string;
  units_total: number;
  units_with_data: number;
  present_share: number | null;
  metric_id: string | null;
  source_kinds: string | null;
  missing_leaves_zh: string | null;
  missing_leaves_en: string | null;
}

interface UnitRow {
  unit_id: string;
  present_share: number | null;
  dims_zh: string | null;
  dims_en: string | null;
  source_kinds: string | null;
  is_root: boolean;
}

/**
 * Replace the year's rows of `score_coverage` from the run's `node_scores` and return the summary.
 * Needs tree_nodes, scoring_units and node_scores of the run (call after aggregate()).
 */
export async function writeCoverage(db: Db, key: { runId: string; year: number; minShare: number }): Promise<CoverageSummary> {
  await db.run(createTableSql(contractOf('score_coverage')));
  await db.run('delete from score_coverage where year = $year', { year: key.year });
  await writeMetricKinds(db);
  await writeDenominatorNotes(db, key.year);
  // root_units is written by the score stage before this; alone (tests), no unit is a root
  await db.run('create temp table if not exists root_units (unit_id varchar)');
  const nodes = await db.all<NodeRow>(readSql(import.meta.url, 'coverage.sql'), { run_id: key.runId });
  const units = await db.all<UnitRow>(readSql(import.meta.url, 'coverage_units.sql'), { run_id: key.runId });
  const gaps = nodes.filter((n) => n.units_with_data < n.units_total).map((n) => toGap(n, key.minShare));
  await insertRows(db, key, nodes, gaps, units);
  const root = nodes.find((n) => n.level === 0);
  const unitsTotal = root?.units_total ?? 0;
  const unitsScored = root?.units_with_data ?? 0;
  const unscored = units.filter((u) => !u.is_root).length;
  return { unitsTotal, unitsScored, unscored, minShare: key.minShare, gaps, line: yearLine(gaps, unitsTotal, unscored, key.minShare) };
}

async function writeMetricKinds(db: Db): Promise<void> {
  await db.run('create or replace temp table coverage_metric_kinds (metric_id varchar, role varchar, kind varchar)');
  const app = await db.conn.createAppender('coverage_metric_kinds');
  try {
    for (const [m, role, k] of metricKinds()) {
      app.appendVarchar(m);
      app.appendVarchar(role);
      app.appendVarchar(k);
      app.endRow();
    }
  } finally {
    app.closeSync();
  }
}

/** coverage_denominator_missing(unit_id, metric_id): the year's metric_notes saying a denominator was missing. */
async function writeDenominatorNotes(db: Db, year: number): Promise<void> {
  await db.run('create or replace temp table coverage_denominator_missing (unit_id varchar, metric_id varchar)');
  const notes = await db.one(`select 1 as x from duckdb_tables() where table_name = 'metric_notes' and not temporary`);
  if (!notes) return;
  await db.run(
    `insert into coverage_denominator_missing
     select distinct unit_id, metric_id from metric_notes
     where year = $year and reason_code in ($code1, $code2)
       and metric_id in (select metric_id from coverage_metric_kinds where role = 'denominator')`,
    { year, code1: DENOMINATOR_CODES[0], code2: DENOMINATOR_CODES[1] },
  );
}

function toGap(n: NodeRow, minShare: number): CoverageGap {
  const gap: Omit<CoverageGap, 'reason'> = {
    nodeId: n.node_id,
    level: n.level,
    label: { zh: n.label_zh, en: n.label_en },
    unitsTotal: n.units_total,
    unitsWithData: n.units_with_data,
    presentShare: n.metric_id === null ? n.present_share : null,
    metric: n.metric_id,
    sourceKinds: splitKinds(n.source_kinds),
  };
  return { ...gap, reason: nodeReason(gap, minShare, { zh: n.missing_leaves_zh, en: n.missing_leaves_en }) };
}

async function insertRows(
  db: Db,
  key: { runId: string; year: number; minShare: number },
  nodes: NodeRow[],
  gaps: CoverageGap[],
  units: UnitRow[],
): Promise<void> {
  const root = nodes.find((n) => n.level === 0);
  const app = await db.conn.createAppender('score_coverage');
  const text = (v: string | null): void => (v === null ? app.appendNull() : app.appendVarchar(v));
  const num = (v: number | null): void => (v === null ? app.appendNull() : app.appendDouble(v));
  const row = (unitId: string | null, g: Omit<CoverageGap, 'label' | 'reason' | 'sourceKinds'>, label: { zh: string; en: string }, kinds: string[], reason: { zh: string; en: string }) => {
    app.appendInteger(key.year);
    text(unitId);
    app.appendVarchar(g.nodeId);
    app.appendInteger(g.level);
    app.appendVarchar(label.zh);
    app.appendVarchar(label.en);
    app.appendInteger(g.unitsTotal);
    app.appendInteger(g.unitsWithData);
    num(g.presentShare);
    app.appendDouble(key.minShare);
    text(g.metric);
    text(kinds.length ? kinds.join(',') : null);
    app.appendVarchar(reason.zh);
    app.appendVarchar(reason.en);
    app.appendVarchar(key.runId);
    app.endRow();
  };
  try {
    for (const g of gaps) row(null, g, g.label, g.sourceKinds, g.reason);
    if (root) {
      for (const u of units) {
        const kinds = splitKinds(u.source_kinds);
        const g = { nodeId: root.node_id, level: 0, unitsTotal: root.units_total, unitsWithData: root.units_with_data, presentShare: u.present_share, metric: null };
        row(u.unit_id, g, { zh: root.label_zh, en: root.label_en }, kinds, unitReason(u, kinds, key.minShare));
      }
    }
  } finally {
    app.closeSync();
  }
}

const splitKinds = (s: string | null): string[] => (s ? s.split(',').filter(Boolean) : []);

// ---------- wording (zh / en) ----------

const pct = (x: number): string => `${Number((x * 100).toFixed(1))}%`;

/**
 * "单位概况、论文发表" / "unit profile (unit_profile), publications". `withIds` adds the pipeline's
 * `kind:` ids to the Chinese too (the CLI line, where they point at the pipeline file); the Chinese
 * texts of score_coverage go into the Chinese report, which shows no English ids.
 */
export function kindsText(kinds: string[], withIds = false): { zh: string; en: string } {
  const label = (k: string) => SOURCE_KIND_LABELS[k] ?? { zh: k, en: k };
  return {
    zh: kinds.map((k) => (withIds ? `${label(k).zh} ${k}` : label(k).zh)).join('、'),
    en: kinds.map((k) => (label(k).en === k ? k : `${label(k).en} (${k})`)).join(', '),
  };
}

function needs(kinds: string[], withIds = false): { zh: string; en: string } {
  if (!kinds.length) return { zh: '', en: '' };
  const t = kindsText(kinds, withIds);
  return { zh: `（需 ${t.zh}）`, en: ` (needs ${t.en})` };
}

function shareText(share: number | null, minShare: number): { zh: string; en: string } {
  if (share === null) return { zh: '', en: '' };
  return {
    zh: `；有数据子项的权重占比最低 ${pct(share)}，阈值 ${pct(minShare)}`,
    en: `; lowest present share of the weight ${pct(share)} against min_share ${pct(minShare)}`,
  };
}

function nodeReason(g: Omit<CoverageGap, 'reason'>, minShare: number, leaves: { zh: string | null; en: string | null }): { zh: string; en: string } {
  const missing = g.unitsTotal - g.unitsWithData;
  const n = needs(g.sourceKinds);
  if (g.metric !== null) {
    return {
      zh: `${g.label.zh}：${missing}/${g.unitsTotal} 个单位无数据${n.zh}`,
      en: `${g.label.en}: no data for ${missing} of ${g.unitsTotal} units${n.en}`,
    };
  }
  const s = shareText(g.presentShare, minShare);
  const lz = leaves.zh ? `；缺数据的指标：${leaves.zh}` : '';
  const le = leaves.en ? `; indicators without data: ${leaves.en}` : '';
  return {
    zh: `${g.label.zh}：${missing}/${g.unitsTotal} 个单位无得分${s.zh}${lz}${n.zh}`,
    en: `${g.label.en}: no score for ${missing} of ${g.unitsTotal} units${s.en}${le}${n.en}`,
  };
}

function unitReason(u: UnitRow, kinds: string[], minShare: number): { zh: string; en: string } {
  const n = needs(kinds);
  const root = u.is_root ? { zh: '根单位（考核主体，不参评）', en: 'Root unit (the evaluating body, not graded)' } : { zh: '', en: '' };
  const share = u.present_share === null ? { zh: '', en: '' } : {
    zh: `，有数据维度的权重占比 ${pct(u.present_share)} 低于阈值 ${pct(minShare)}`,
    en: `; the dimensions with data carry ${pct(u.present_share)} of the weight, below min_share ${pct(minShare)}`,
  };
  return {
    zh: `${root.zh}无综合得分：${u.dims_zh ?? '各维度'} 无数据${share.zh}${n.zh}`,
    en: `${root.en ? `${root.en}. ` : ''}No composite: no data for ${u.dims_en ?? 'the dimensions'}${share.en}${n.en}`,
  };
}

/**
 * The run summary's line for a year with unscored units: the dimensions without a score, for how
 * many units, and what would supply them; null when every unit has a composite.
 */
function yearLine(gaps: CoverageGap[], unitsTotal: number, unscored: number, minShare: number): { zh: string; en: string } | null {
  if (unscored === 0) return null;
  const dims = gaps.filter((g) => g.level === 1);
  const parts = dims.map((g) => {
    const n = needs(g.sourceKinds, true);
    const missing = g.unitsTotal - g.unitsWithData;
    return { zh: `${g.label.zh} 无数据 ${missing}/${g.unitsTotal} 个单位${n.zh}`, en: `${g.label.en}: no data for ${missing}/${g.unitsTotal} units${n.en}` };
  });
  const root = gaps.find((g) => g.level === 0);
  const share = root?.presentShare ?? null;
  const tailZh = share === null ? '' : `；有数据维度的权重占比最低 ${pct(share)}，低于 ${pct(minShare)} 即不评分`;
  const tailEn = share === null ? '' : `; the lowest present share is ${pct(share)}, and a unit below ${pct(minShare)} is not scored`;
  return {
    zh: `${unscored}/${unitsTotal} 个单位无综合得分 — ${parts.map((p) => p.zh).join('；') || '各维度数据不足'}${tailZh}`,
    en: `${unscored} of ${unitsTotal} units have no composite — ${parts.map((p) => p.en).join('; ') || 'too little data'}${tailEn}`,
  };
}
