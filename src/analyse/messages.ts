/**
 * Every user-facing word of the analyse stage's weak-branch flags and follow-up list, Chinese and
 * English, with its numbers. Chinese texts carry no English ids: metric units, unit types, rule
 * names, severities, outcomes and unit events all have a Chinese wording here.
 */
import { metricInfo } from '../metrics/catalog.js';

export type Text = { zh: string; en: string };
export type Severity = 'high' | 'medium' | 'low';

export const f1 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(1));
const signed1 = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(1)}`;

/** Catalog units (English) in Chinese; a unit not listed is left out of Chinese text rather than shown in English. */
const UNIT_ZH: Record<string, string> = {
  h: '小时', 'h/member·month': '小时/人·月', 'member·months': '人·月', members: '人', people: '人',
  'pts/100 members': '分/百人', 'pts/report': '分/篇', '元/member·yr': '元/人·年', rooms: '间', '0–5': '项',
  'sessions/month': '场/月', 'sessions/yr': '场/年', '学时/member·yr': '学时/人·年', 'reports/leader·yr': '篇/人·年',
  'days/leader·yr': '天/人·年', days: '天', '元': '元', pts: '分',
};
/** Catalog units that carry Chinese: the English report never shows a Han character. */
const UNIT_EN: Record<string, string> = {
  '元/member·yr': 'yuan/member·yr', '学时/member·yr': 'study hours/member·yr', '元': 'yuan', '0–5': 'of 5',
};
const PLAIN_UNITS = ['count', 'value', 'rows', 'fraction', 'flag 1/0'];

/** A metric's unit in both languages ('' for counts, rates and plain values). */
export function unitText(metric: string | null): Text {
  const info = metric ? metricInfo(metric) : undefined;
  if (!info || PLAIN_UNITS.includes(info.unit) || info.rate) return { zh: '', en: '' };
  const en = UNIT_EN[info.unit] ?? (/[\u4e00-\u9fff]/.test(info.unit) ? '' : info.unit);
  return { zh: UNIT_ZH[info.unit] ? ` ${UNIT_ZH[info.unit]}` : '', en: en ? ` ${en}` : '' };
}

/** A metric stored as a fraction, shown as a percentage. */
export const isRate = (metric: string | null) => {
  const info = metric ? metricInfo(metric) : undefined;
  return Boolean(info?.rate || info?.unit === 'fraction');
};

/**
 * A number with `digits` decimals, integers without any; a non-integer that one decimal would
 * show as a whole number (3.99 → “4.0”) keeps two, so it never reads as the round line it misses.
 */
const num = (v: number, digits: number) => {
  if (Number.isInteger(v) && digits <= 1) return String(v);
  const s = v.toFixed(digits);
  return digits === 1 && s.endsWith('.0') ? v.toFixed(2) : s;
};

/** A raw metric value in its unit: rates as percentages (one decimal unless whole). */
export function rawValue(metric: string | null, v: number | null | undefined, digits?: number): Text {
  if (v === null || v === undefined || !Number.isFinite(v)) return { zh: '—', en: '—' };
  const u = unitText(metric);
  if (isRate(metric)) {
    const pct = v * 100;
    // 79.96% at one decimal reads “80%”: keep two where one would round onto a whole number
    const d = digits ?? (Number.isInteger(Math.round(pct * 10) / 10) && Math.abs(pct - Math.round(pct)) > 1e-9 ? 2 : 1);
    const s = `${num(Math.round(pct * 10 ** d) / 10 ** d, d)}%`;
    return { zh: s, en: s };
  }
  const s = num(v, digits ?? 1);
  return { zh: `${s}${u.zh}`, en: `${s}${u.en}` };
}

/** Two raw values of one metric (before → now) with the same number of decimals: “3.02 → 2.94”, not “3.02 → 2.9”. */
export function rawPair(metric: string, a: number, b: number): [Text, Text] {
  const decimals = (t: Text) => /\.(\d+)/.exec(t.en)?.[1].length ?? 0;
  const [x, y] = [rawValue(metric, a), rawValue(metric, b)];
  const d = Math.max(decimals(x), decimals(y));
  return decimals(x) === decimals(y) ? [x, y] : [rawValue(metric, a, d), rawValue(metric, b, d)];
}

/**
 * A value and the line it is compared with, worded so the two never look equal: the fewest decimals
 * (from the metric's usual one) that tell them apart, at most 3 more. `same` = still equal at that
 * precision (the caller then says “slightly below”).
 */
export function valueAgainstLine(metric: string, v: number, line: number): { value: Text; line: Text; same: boolean } {
  const scale = isRate(metric) ? 100 : 1;
  for (let d = 1; d <= 4; d++) {
    const round = (x: number) => Math.round(x * scale * 10 ** d);
    if (round(v) !== round(line)) return { value: rawValue(metric, v, d), line: rawValue(metric, line), same: false };
  }
  return { value: rawValue(metric, v, 4), line: rawValue(metric, line, 0), same: true };
}

export function metricLabel(metric: string): Text {
  return metricInfo(metric)?.label ?? { zh: metric, en: metric };
}

// ---------- names ----------

export const SEVERITY: Record<Severity, Text> = {
  high: { zh: '高', en: 'high' },
  medium: { zh: '中', en: 'medium' },
  low: { zh: '低', en: 'low' },
};

/** The grade bands of the shipped indicator files; a grade not listed is shown as written. */
export const GRADE_NAMES: Record<string, Text> = {
  优秀: { zh: '优秀', en: 'excellent' },
  良好: { zh: '良好', en: 'good' },
  一般: { zh: '一般', en: 'fair' },
  较差: { zh: '较差', en: 'poor' },
};
const gradeIn = (grade: string): Text => GRADE_NAMES[grade] ?? { zh: grade, en: grade };

export const RULE_NAMES: Record<string, Text> = {
  lowest_grade: { zh: '最低等级', en: 'Lowest grade' },
  bottom: { zh: '排名末位', en: 'Bottom of the ranking' },
  peer_gap: { zh: '明显低于同类', en: 'Far below peers' },
  declining: { zh: '得分下降', en: 'Score falling' },
  red_line: { zh: '未达红线', en: 'Red line missed' },
};

const TYPE_ZH: Record<string, Text> = {
  county: { zh: '县支行', en: 'county sub-branches' },
  department: { zh: '科室', en: 'departments' },
  city: { zh: '中心支行', en: 'city branches' },
  other: { zh: '其他单位', en: 'other units' },
};

/** A unit type as a plural noun (“县支行” / “county sub-branches”); unknown types as written. */
export function unitTypePlural(type: string): Text {
  return TYPE_ZH[type] ?? { zh: type, en: type };
}

/** Peers named in both languages; a type without a Chinese name is “同类单位” in Chinese. */
export function peersOfType(type: string): Text {
  const known = TYPE_ZH[type];
  if (known) return { zh: `同类单位（${known.zh}）`, en: `peer (${known.en})` };
  return { zh: /[\u4e00-\u9fff]/.test(type) ? `同类单位（${type}）` : '同类单位', en: `peer (${type})` };
}
export const PEERS_ALL: Text = { zh: '全体单位', en: 'all-unit' };

// ---------- one flag's reason (without the “pulled down by” indicators, which the follow-up names once) ----------

export function lowestGradeReason(score: number, grade: string, min: number | null): Text {
  return {
    zh: `综合得分 ${f1(score)}，列最低等级“${grade}”${min !== null ? `（${f1(min)} 分以下）` : ''}`,
    en: `composite ${f1(score)} is in the lowest grade “${gradeIn(grade).en}”${min !== null ? ` (below ${f1(min)})` : ''}`,
  };
}

export function bottomReason(score: number, rank: number, n: number, count: number, quantile: number | null): Text {
  const zhq = quantile !== null ? `末 ${Math.round(quantile * 100)}%（后 ${count} 名）` : `后 ${count} 名`;
  const enq = quantile !== null ? `the bottom ${Math.round(quantile * 100)}% (last ${count})` : `the last ${count}`;
  return { zh: `综合得分 ${f1(score)}，排名 ${rank}/${n}，处于${zhq}`, en: `composite ${f1(score)}, rank ${rank} of ${n}, in ${enq}` };
}

export function peerGapReason(node: Text, score: number, median: number, peers: Text, drag: number | null): Text {
  const gap = median - score;
  return {
    zh: `${node.zh} ${f1(score)} 分，低于${peers.zh}中位数 ${f1(median)} 达 ${f1(gap)} 分${drag !== null ? `，拖累综合得分 ${f1(drag)} 分` : ''}`,
    en: `${node.en} ${f1(score)}, ${f1(gap)} points below the ${peers.en} median ${f1(median)}${drag !== null ? `, costing the composite ${f1(drag)} points` : ''}`,
  };
}

/** One decimal, as printed. */
const round1 = (x: number) => Math.round(x * 10) / 10;
/** The change a reader works out from two printed (one-decimal) scores: never 0.1 off the figures beside it. */
export const shownChange = (from: number, to: number) => round1(round1(to) - round1(from));

/** One year-on-year step of a decline: the earlier year's official score, as the later year's tree re-scores it, and the later year's official score. */
export interface DeclineStep { from: number; to: number; published: number; before: number; after: number }

/**
 * A fall of a node's score: the official change (each year on its own tree, the series printed
 * beside it) and, when the earlier years re-scored on the later years' trees give another figure,
 * that like-for-like fall (可比口径) stated as such, with how it is computed. The rule fires on
 * the like-for-like fall (a fall caused by new weights is not a decline).
 *
 *   综合得分下降 10.0 分：2024 80.0 → 2025 70.0
 *   综合得分连续 4 年下降，官方得分共降 28.8 分（按各年指标体系）：2021 94.6 → … → 2025 65.8；
 *     若每年的上年得分按当年指标体系重算，可比口径共降 27.6 分
 */
export function decliningReason(node: Text, steps: DeclineStep[], drop: number): Text {
  const n = steps.length;
  if (!n) return { zh: `${node.zh}未下降`, en: `${node.en} did not fall` };
  const first = steps[0];
  const last = steps[n - 1];
  const path = [`${first.from} ${f1(first.published)}`, ...steps.map((s) => `${s.to} ${f1(s.after)}`)].join(' → ');
  const official = -shownChange(first.published, last.after);
  // one step: both scores of the like-for-like fall are printed, so it is their printed difference
  const like = n === 1 ? -shownChange(first.before, first.after) : drop;
  const officialFell = steps.every((s) => round1(s.after) < round1(s.published));
  if (officialFell && f1(official) === f1(like)) {
    return n === 1
      ? { zh: `${node.zh}下降 ${f1(official)} 分：${path}`, en: `${node.en} fell ${f1(official)} points: ${path}` }
      : { zh: `${node.zh}连续 ${n} 年下降，共降 ${f1(official)} 分：${path}`, en: `${node.en} fell ${n} years running, ${f1(official)} points in all: ${path}` };
  }
  const how = n === 1
    ? { zh: `上年按本年指标体系重算为 ${f1(first.before)}`, en: `last year re-scored on this year's tree: ${f1(first.before)}` }
    : { zh: '每年的上年得分按当年指标体系重算', en: "each previous year re-scored on the following year's tree" };
  if (officialFell) {
    return n === 1
      ? { zh: `${node.zh}下降 ${f1(official)} 分：${path}；${how.zh}，可比口径下降 ${f1(like)} 分`,
        en: `${node.en} fell ${f1(official)} points: ${path}; ${how.en}, a like-for-like fall of ${f1(like)} points` }
      : { zh: `${node.zh}连续 ${n} 年下降，官方得分共降 ${f1(official)} 分（按各年指标体系）：${path}；若${how.zh}，可比口径共降 ${f1(like)} 分`,
        en: `${node.en} fell ${n} years running, ${f1(official)} points in all on the official scores (each year on its own tree): ${path}; with ${how.en}, ${f1(like)} points like-for-like` };
  }
  // the official series did not fall every year: the fall is the like-for-like one, the series is shown as it is
  const change = official > 0 ? { zh: `${n > 1 ? '共降' : '下降'} ${f1(official)} 分`, en: `down ${f1(official)} points` }
    : official < 0 ? { zh: `${n > 1 ? '共升' : '上升'} ${f1(-official)} 分`, en: `up ${f1(-official)} points` }
    : { zh: '持平', en: 'unchanged' };
  return n === 1
    ? { zh: `${node.zh}按可比口径下降 ${f1(like)} 分（${how.zh}）；官方得分（按各年指标体系）${path}，${change.zh}`,
      en: `${node.en} fell ${f1(like)} points like-for-like (${how.en}); official scores (each year on its own tree) ${path}, ${change.en}` }
    : { zh: `${node.zh}按可比口径连续 ${n} 年下降，共降 ${f1(like)} 分（${how.zh}）；官方得分（按各年指标体系）${path}，${change.zh}`,
      en: `${node.en} fell ${n} years running like-for-like, ${f1(like)} points in all (${how.en}); official scores (each year on its own tree) ${path}, ${change.en}` };
}

export function decliningRankReason(node: Text, path: { year: number; rank: number | null }[]): Text {
  const n = path.length - 1;
  return {
    zh: `${node.zh}名次连续 ${n} 年下降：${path.map((h) => `${h.year} 第 ${h.rank ?? '—'} 名`).join(' → ')}`,
    en: `${node.en} rank fell ${n} years running: ${path.map((h) => `${h.year} #${h.rank ?? '—'}`).join(' → ')}`,
  };
}

const OPS_ZH: Record<string, string> = { '<': '低于', '<=': '不高于', '>': '高于', '>=': '不低于', '=': '等于', '!=': '不等于' };
const OPS_EN: Record<string, string> = { '<': 'below', '<=': 'at or below', '>': 'above', '>=': 'at or above', '=': 'equal to', '!=': 'not equal to' };

/** “出勤率 79.7%，略低于红线 80%” — never two equal-looking numbers; `slight` words a near miss. */
export function redLineReason(label: Text, metric: string, value: number, op: string, line: number, target: number | null, slight: boolean): Text {
  const w = valueAgainstLine(metric, value, line);
  const near = slight || w.same;
  const opZh = near && (op === '<' || op === '<=') ? '略低于' : near && (op === '>' || op === '>=') ? '略高于' : OPS_ZH[op];
  const opEn = near && (op === '<' || op === '<=') ? 'slightly below' : near && (op === '>' || op === '>=') ? 'slightly above' : OPS_EN[op];
  const t = target !== null && target !== line ? { zh: `，目标 ${rawValue(metric, target).zh}`, en: `; target ${rawValue(metric, target).en}` } : { zh: '', en: '' };
  return {
    zh: `${label.zh} ${w.value.zh}，${opZh}红线 ${w.line.zh}${t.zh}`,
    en: `${label.en} ${w.value.en} is ${opEn} the red line ${w.line.en}${t.en}`,
  };
}

// ---------- the indicators that pulled a unit down (named once per unit) ----------

export interface Driver {
  label: Text;
  metric: string | null;
  raw: number | null;
  target: number | null;
  /** Points of the composite lost against the peer median contribution (negative). */
  gap: number;
}

export function drivers(ds: Driver[]): Text {
  if (!ds.length) return { zh: '', en: '' };
  const zh = ds
    .map((d) => `${d.label.zh} ${rawValue(d.metric, d.raw).zh}${d.target !== null ? `（目标 ${rawValue(d.metric, d.target).zh}）` : ''}，比同类中位数少 ${f1(-d.gap)} 分`)
    .join('；');
  const en = ds
    .map((d) => `${d.label.en} ${rawValue(d.metric, d.raw).en}${d.target !== null ? ` (target ${rawValue(d.metric, d.target).en})` : ''}, ${f1(-d.gap)} points below the peer median`)
    .join('; ');
  return { zh: `拉低最多的指标：${zh}`, en: `indicators pulling it down most: ${en}` };
}

// ---------- the follow-up row ----------

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';

/** One unit's reasons, worst first, numbered, then the pulling-down indicators once. */
export function combinedReason(reasons: Text[], pulled: Text): Text {
  const zh = reasons.map((r, i) => `${CIRCLED[i] ?? `（${i + 1}）`}${r.zh}`).join('；');
  const en = reasons.map((r, i) => `(${i + 1}) ${r.en}`).join('; ');
  return pulled.zh ? { zh: `${zh}。${pulled.zh}`, en: `${en}. ${pulled.en[0].toUpperCase()}${pulled.en.slice(1)}` } : { zh, en };
}

export type FollowUpStatus = 'flagged' | 'near_miss' | 'last_year' | 'insufficient_data' | 'unit_event';

export const STATUS: Record<FollowUpStatus, Text> = {
  flagged: { zh: '关注（需整改）', en: 'flagged (to rectify)' },
  near_miss: { zh: '提醒（程度较轻）', en: 'near miss (watch)' },
  last_year: { zh: '上年关注', en: 'flagged last year' },
  insufficient_data: { zh: '数据不足', en: 'insufficient data' },
  unit_event: { zh: '单位变动', en: 'unit change' },
};

export type Outcome = 'improved' | 'unchanged' | 'worse';
export const OUTCOME: Record<Outcome, Text> = {
  improved: { zh: '好转', en: 'improved' },
  unchanged: { zh: '整改未见效', en: 'no real change' },
  worse: { zh: '变差', en: 'worse' },
};

/**
 * What became of one of last year's flags: resolved (the problem itself is gone: the line is met,
 * the unit is no longer below the peer median, no longer falling), `below_threshold` (the rule no
 * longer fires although the gap or fall is still there: it is under the alert threshold), better,
 * same, worse (incl. a flag whose severity rose).
 */
export type IssueStatus = 'resolved' | 'below_threshold' | 'better' | 'same' | 'worse';
const ISSUE_ZH: Record<IssueStatus, string> = { resolved: '已消除', below_threshold: '已低于预警阈值', better: '有改善', same: '无明显变化', worse: '更差' };
const ISSUE_EN: Record<IssueStatus, string> = { resolved: 'resolved', below_threshold: 'under the alert threshold', better: 'better', same: 'about the same', worse: 'worse' };

/** A severity that rose (“程度由中升为高”), said beside the status. */
export interface SeverityChange { from: Severity; to: Severity }

/**
 * The alert threshold a peer gap or a fall is judged against: the peers' spread (k × MAD), the
 * rule's minimum gap, or the minimum fall.
 */
export type Threshold = { points: number; kind: 'mad'; k: number } | { points: number; kind: 'min_gap' | 'min_drop' };

/** Two numbers with the fewest decimals (1–3) that tell them apart, so “25.96 below a threshold of 26.0” never reads 26.0 and 26.0. */
function apart(a: number, b: number): [string, string] {
  for (let d = 1; d <= 3; d++) if (a.toFixed(d) !== b.toFixed(d)) return [a.toFixed(d), b.toFixed(d)];
  return [a.toFixed(3), b.toFixed(3)];
}

/** The words in brackets after an issue: “更差，程度由中升为高”, “差距仍为 25.5 分，已低于预警阈值 26.0 分（…）”. */
function statusWords(status: IssueStatus, sev?: SeverityChange, still?: { amount: number; threshold: Threshold; what: 'gap' | 'drop' }): Text {
  const parts: Text[] = [{ zh: ISSUE_ZH[status], en: ISSUE_EN[status] }];
  if (sev) parts.push({ zh: `程度由${SEVERITY[sev.from].zh}升为${SEVERITY[sev.to].zh}`, en: `severity up from ${SEVERITY[sev.from].en} to ${SEVERITY[sev.to].en}` });
  if (status === 'below_threshold' && still) {
    const [amount, limit] = apart(still.amount, still.threshold.points);
    const t = still.threshold;
    // said without brackets: it sits inside the issue's own
    const why = t.kind === 'mad' ? { zh: `即同类单位得分中位绝对偏差的 ${t.k} 倍`, en: `${t.k} × the peers' median absolute deviation` }
      : t.kind === 'min_gap' ? { zh: '即规则规定的最小差距', en: "the rule's minimum gap" } : { zh: '即规则规定的最小降幅', en: "the rule's minimum fall" };
    return still.what === 'gap'
      ? { zh: `差距仍为 ${amount} 分，已低于预警阈值 ${limit} 分，${why.zh}`, en: `the gap is still ${amount} points, under the alert threshold of ${limit} points, ${why.en}` }
      : { zh: `可比口径仍降 ${amount} 分，已低于预警阈值 ${limit} 分，${why.zh}`, en: `still down ${amount} points like-for-like, under the alert threshold of ${limit} points, ${why.en}` };
  }
  return { zh: parts.map((p) => p.zh).join('，'), en: parts.map((p) => p.en).join(', ') };
}

/** “出勤率 72.0% → 85.0%（已消除）” */
export function issueProgress(what: Text, before: Text, now: Text, status: IssueStatus, sev?: SeverityChange): Text {
  const w = statusWords(status, sev);
  return { zh: `${what.zh} ${before.zh} → ${now.zh}（${w.zh}）`, en: `${what.en} ${before.en} → ${now.en} (${w.en})` };
}

/**
 * “学习过程 40.0 → 40.0，低于中位数 32.5 → 27.5 分（有改善）”: the gap is what the rule judged.
 * A gap that is still there is never called resolved: “（差距仍为 25.5 分，已低于预警阈值 26.0 分（…））”.
 */
export function peerGapProgress(
  what: Text, before: number, now: number, gapBefore: number, gapNow: number, status: IssueStatus,
  sev?: SeverityChange, threshold?: Threshold,
): Text {
  if (gapNow < 0) {
    const w = statusWords(status, sev);
    return {
      zh: `${what.zh} ${f1(before)} → ${f1(now)}，由低于中位数 ${f1(gapBefore)} 分变为高于 ${f1(-gapNow)} 分（${w.zh}）`,
      en: `${what.en} ${f1(before)} → ${f1(now)}, from ${f1(gapBefore)} points below the median to ${f1(-gapNow)} above (${w.en})`,
    };
  }
  const w = statusWords(status, sev, threshold ? { amount: gapNow, threshold, what: 'gap' } : undefined);
  return {
    zh: `${what.zh} ${f1(before)} → ${f1(now)}，低于中位数 ${f1(gapBefore)} → ${f1(gapNow)} 分（${w.zh}）`,
    en: `${what.en} ${f1(before)} → ${f1(now)}, ${f1(gapBefore)} → ${f1(gapNow)} points below the median (${w.en})`,
  };
}

/** “最低等级（已消除）”; a fall still under way but under its threshold says so. */
export function ruleStatus(rule: Text, status: IssueStatus, sev?: SeverityChange, still?: { amount: number; threshold: Threshold }): Text {
  const w = statusWords(status, sev, still ? { ...still, what: 'drop' } : undefined);
  return { zh: `${rule.zh}（${w.zh}）`, en: `${rule.en} (${w.en})` };
}

/** “综合得分 35.7 → 36.3（+0.6）”: the change is the printed scores' difference. */
export function compositeProgress(before: number, now: number): Text {
  const d = shownChange(before, now);
  return { zh: `综合得分 ${f1(before)} → ${f1(now)}（${signed1(d)}）`, en: `composite ${f1(before)} → ${f1(now)} (${signed1(d)})` };
}

export function outcomeText(outcome: Outcome | null, parts: Text[]): Text {
  const head = outcome ? OUTCOME[outcome] : { zh: '无法判断', en: 'cannot be judged' };
  return { zh: `${head.zh}：${parts.map((p) => p.zh).join('；')}`, en: `${head.en}: ${parts.map((p) => p.en).join('; ')}` };
}

export const NOT_SCORED_THIS_YEAR: Text = { zh: '本年未评分', en: 'not scored this year' };
export const NOT_GRADED_THIS_YEAR: Text = { zh: '本年不参加评级', en: 'not graded this year' };
export const NO_LONGER_FLAGGED: Text = { zh: '本年未再触发', en: 'not flagged this year' };

export function insufficientReason(present: number | null, min: number | null): Text {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  if (present === null) return { zh: '综合得分缺失：有数据的指标权重不足，未评分，不作薄弱判断', en: 'no composite: too little of the weight has data, so the unit was not scored or flagged' };
  const below = min !== null ? { zh: `（低于 ${pct(min)}）`, en: ` (below ${pct(min)})` } : { zh: '', en: '' };
  return {
    zh: `综合得分缺失：有数据的指标仅占权重 ${pct(present)}${below.zh}，未评分，不作薄弱判断`,
    en: `no composite: indicators with data carry only ${pct(present)} of the weight${below.en}, so the unit was not scored or flagged`,
  };
}

// ---------- unit events (registry 合并 / 拆分 / 撤销 / 新设) ----------

export type UnitEventKind = 'merged' | 'absorbed' | 'split' | 'split_from' | 'abolished' | 'created';

export function unitEventText(kind: UnitEventKind, year: number, other: string | null): Text {
  switch (kind) {
    case 'merged':
      return { zh: `${year} 年起并入${other ?? '其他单位'}，不再单独评价`, en: `merged into ${other ?? 'another unit'} from ${year}; no longer assessed on its own` };
    case 'absorbed':
      return { zh: `${year} 年起${other ?? '其他单位'}并入本单位，其数据计入本单位`, en: `${other ?? 'another unit'} merged into it from ${year}; its data count here` };
    case 'split':
      return { zh: `${year} 年起拆分${other ? `为${other}` : ''}`, en: `split${other ? ` into ${other}` : ''} from ${year}` };
    case 'split_from':
      return { zh: `${year} 年由${other ?? '其他单位'}拆分新设，自该年起评价`, en: `created by splitting ${other ?? 'another unit'} in ${year}; assessed from that year` };
    case 'abolished':
      return { zh: `${year} 年撤销，不再评价`, en: `abolished in ${year}; no longer assessed` };
    case 'created':
      return { zh: `${year} 年新设，自该年起评价`, en: `created in ${year}; assessed from that year` };
  }
}

export const NO_FLAGS: Text = { zh: '没有需要整改的单位', en: 'no unit flagged for follow-up' };
