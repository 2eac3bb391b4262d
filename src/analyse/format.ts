/** Human output of the analyse commands: aligned tables (CJK by display width). */
import { displayWidth, renderTable } from '../format/table.js';
import type { AnalyseSummary } from './analyse.js';
import type { ComparisonRow } from './compare.js';
import type { SensitivityResult } from './sensitivity.js';
import type { FlagRow } from './weak.js';
import type { FollowUpRow } from './follow-up.js';
import { f1, NO_FLAGS, SEVERITY, type Severity } from './messages.js';

type Names = Map<string, string>;
const nameOf = (names: Names | undefined, u: string) => names?.get(u) ?? u;
const int = (x: number | null | undefined) => (x === null || x === undefined ? '—' : String(x));
const signed = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined ? '—' : `${x > 0 ? '+' : ''}${x.toFixed(digits)}`;

export function formatComparisons(rows: ComparisonRow[], names?: Names, level = 0): string {
  const shown = rows.filter((r) => r.level <= level).sort((a, b) => a.level - b.level || a.node_id.localeCompare(b.node_id) || (a.rank ?? 1e9) - (b.rank ?? 1e9));
  const head = rows[0] ? `== ${rows[0].base_year} → ${rows[0].year} ==` : '没有可比较的数据 / nothing to compare';
  return [
    head,
    renderTable(
      ['节点 node', '单位 unit', '得分 score', '变化 Δ', '名次 rank', 'Δ名次', '等级 grade', '可比 like-for-like', '趋势 slope', '连降 declines'],
      shown.map((r) => [r.node_id, nameOf(names, r.unit_id), f1(r.score), signed(r.score_change), int(r.rank), signed(r.rank_change, 0),
        r.grade ? `${r.base_grade ?? '—'}→${r.grade}` : '', r.comparable ? '是 yes' : '否 no', signed(r.slope), String(r.declines)]),
      ['left', 'left', 'right', 'right', 'right', 'right', 'left', 'left', 'right', 'right'],
    ),
  ].join('\n');
}

/** Flags, one line per rule fired, in Chinese (rule and node names, never ids). */
export function formatFlags(flags: FlagRow[], names?: Names): string {
  if (!flags.length) return `${NO_FLAGS.zh} / ${NO_FLAGS.en}`;
  return renderTable(
    ['单位 unit', '规则 rule', '节点 node', '程度 severity', '原因 reason'],
    flags.map((f) => [nameOf(names, f.unit_id), f.rule_zh ?? f.rule_id, f.node_zh ?? f.node_id, severityText(f.severity), f.reason_zh]),
    ['left', 'left', 'left', 'left', 'left'],
  );
}

const severityText = (s: string | null) => (s && s in SEVERITY ? SEVERITY[s as Severity].zh : '—');

/** The follow-up list as `weak` prints it: one row per unit, in its list (关注, 提醒, 上年关注, 数据不足, 单位变动). */
export function formatWeak(year: number, rows: FollowUpRow[], width = 110): string {
  const head = `== ${year} 薄弱环节 weak branches == 关注 flagged ${rows.filter((r) => r.flagged).length}` +
    ` · 提醒 near miss ${rows.filter((r) => r.status === 'near_miss').length}` +
    ` · 数据不足 insufficient data ${rows.filter((r) => r.status === 'insufficient_data').length}`;
  if (!rows.length) return `${head}\n${NO_FLAGS.zh} / ${NO_FLAGS.en}`;
  return [
    head,
    renderTable(
      ['类别 list', '单位 unit', '得分 score', '名次 rank', '程度 severity', '原因 / 变化 / 变动 reasons'],
      rows.map((r) => [r.status_zh, r.unit_name, f1(r.score), int(r.rank), severityText(r.severity),
        clip([r.reasons_zh, r.outcome_zh ? `上年关注：${r.outcome_zh}` : '', r.status !== 'unit_event' && !(r.outcome_zh ?? '').includes(r.event_zh ?? '\u0000') ? r.event_zh ?? '' : ''].filter(Boolean).join(' | '), width)]),
      ['left', 'left', 'right', 'right', 'left', 'left'],
    ),
  ].join('\n');
}

export function formatSensitivity(s: SensitivityResult, names?: Names): string {
  const units = [...s.units].sort((a, b) => (a.nominal_rank ?? 1e9) - (b.nominal_rank ?? 1e9));
  return [
    `权重 ±${Math.round(s.band * 100)}%，${s.runs} 次模拟，种子 ${s.seed} / weights ±${Math.round(s.band * 100)}%, ${s.runs} runs, seed ${s.seed}`,
    `平均名次偏移 mean |rank shift|: ${s.meanAbsShift.toFixed(2)} · 临界单位 borderline: ${s.borderline}`,
    ...s.notes.map((n) => `注 note: ${n}`),
    renderTable(
      ['名次 rank', '单位 unit', '得分 score', '中位 median', '5–95%', '等级 grade', 'P(等级变)', '临界 borderline'],
      units.map((u) => [int(u.nominal_rank), nameOf(names, u.unit_id), f1(u.score), u.median_rank === null ? '—' : String(u.median_rank),
        u.rank_p05 === null ? '—' : `${u.rank_p05}–${u.rank_p95}`, u.grade ?? '—', `${(u.p_grade_change * 100).toFixed(0)}%`, u.borderline ? '是 yes' : '']),
      ['right', 'left', 'right', 'right', 'right', 'left', 'right', 'left'],
    ),
  ].join('\n');
}

export function formatAnalyse(s: AnalyseSummary, names?: Names): string {
  const lines = [
    `== ${s.year} 分析 analysis ==${s.baseYear !== null ? ` 对比 vs ${s.baseYear}` : ''}`,
    `比较 comparisons ${s.rows.comparisons} 行 rows · 权重影响 weight impact ${s.rows.weight_impact} 行` +
      (s.treesDiffer ? `（指标体系有变化，${s.weightDriven} 个单位的变化主要来自权重 / tree changed, ${s.weightDriven} units moved mainly by weights）` : '（指标体系未变 / same tree）'),
    `敏感性 sensitivity: ±${Math.round(s.sensitivity.band * 100)}% × ${s.sensitivity.runs}, 平均名次偏移 mean |rank shift| ${s.sensitivity.meanAbsShift.toFixed(2)}, 临界单位 borderline ${s.sensitivity.borderline}`,
    `薄弱环节 weak: 关注 flagged ${s.flaggedUnits} 个单位 units (${s.flags.length} 条 flags) · 提醒 near miss ${s.nearMiss} · 数据不足 insufficient data ${s.insufficient}` +
      (s.baseYear !== null ? ` · 上年关注单位 last year's flagged: 好转 improved ${s.lastYear.improved} / 整改未见效 unchanged ${s.lastYear.unchanged} / 变差 worse ${s.lastYear.worse}` : ''),
  ];
  const fu = s.followUp;
  if (fu.length) {
    lines.push(renderTable(
      ['类别 list', '单位 unit', '负责上级 parent', '得分 score', '名次 rank', '程度 severity', '原因 reasons'],
      fu.map((r) => [r.status_zh, nameOf(names, r.unit_id) === r.unit_id ? r.unit_name : nameOf(names, r.unit_id), r.parent_name ?? '—', f1(r.score), int(r.rank),
        severityText(r.severity), clip(r.reasons_zh || r.outcome_zh || '', 90)]),
      ['left', 'left', 'left', 'right', 'right', 'left', 'left'],
    ));
    lines.push('完整原因见 follow_up.csv / full reasons in follow_up.csv');
  }
  for (const f of s.files) lines.push(`写出 wrote: ${f}`);
  return lines.join('\n');
}

/** Cut `s` to at most `width` display columns (CJK count 2), marking the cut with …. */
export function clip(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…';
}
