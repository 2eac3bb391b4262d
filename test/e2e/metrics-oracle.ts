/**
 * The core metrics of ../shared/domain/metrics.md (and the indicator-system.md §3 metrics the
 * trees use, as src/metrics/*.sql document them) computed straight from the raw files
 * (raw-sample.ts), in plain TypeScript, for the e2e test. Written from the contract, not from
 * src/: each rule below cites it. Rows the contract says are not counted are left out here the
 * same way: rows an office could not have meant (unknown unit, unreadable or out-of-year date,
 * unknown status, hours outside 0–24, a score above the full mark, a 合计 footer) and exact
 * duplicates of a row of the same file.
 */
import { clean, get, has, parseDate, parseNumber, readRaw, yearFiles, type RawRow } from './raw-sample.js';

export const YEARS = [2021, 2022, 2023, 2024, 2025];

// metrics.md § Attendance statuses (after trimming, full-width → half-width; Y/yes/N/no in any case)
export const STATUS: Record<string, 'present' | 'absent' | 'leave'> = Object.fromEntries([
  ...['是', '出席', '出勤', '到', '参加', '√', '✓', '✔', '☑', 'y', 'yes', '1', '迟到', '补学'].map((w) => [w, 'present']),
  ...['否', '缺席', '缺勤', '未到', '无故缺席', '×', '✗', '✘', '○', 'n', 'no', '0'].map((w) => [w, 'absent']),
  ...['请假', '病假', '事假', '公假', '公出'].map((w) => [w, 'leave']),
]);
// metrics.md: collective session types; self-study is 自学
export const COLLECTIVE = new Set(['集中学习', '每周一学', '中心组学习', '三会一课', '党员大会', '支委会', '党小组会', '党课', '主题党日', '讲座', '读书会', '培训']);
// metrics.md: level weights 国家级 4, 省级 2, 市级 1, 内部 0.5. The sample also writes CSSCI and 核心
// (core journals): national level (data-samples/README.md lists them among the levels).
export const LEVEL_WEIGHT: Record<string, number> = { 国家级: 4, CSSCI: 4, 核心: 4, 省级: 2, 市级: 1, 内部: 0.5 };
// metrics.md: adoption points national/head office 15, provincial 12, city 7, county 4, none 0
export const ADOPTION_POINTS: Record<string, number> = { 总行: 15, 国家级: 15, 省级: 12, 市级: 7, 县级: 4, 未采纳: 0 };

// indicator-system.md §3 (as domain/session-types.ts / session_metrics.sql document them)
const TRAINING = new Set(['培训', '党校', '专题培训']);
const REMOTE = new Set(['远程教育', '远程学习', '线上学习', '网络学习', '在线学习', '线上', '网络']);
const LECTURE = new Set(['党课', '微党课', '讲座', '专题讲座', '讲课']);
const REQUIRED: Record<string, number> = { 党员大会: 4, 支委会: 12, 党小组会: 12, 党课: 4, 主题党日: 12 }; // 支部工作条例
const GUEST = ['外请', '外聘', '特邀', '外部', '客座', '(外)', '（外）'];
const FLAG: Record<string, number> = { 是: 1, 有: 1, '√': 1, 否: 0, 无: 0, '×': 0 };

/** A status word with an optional bracketed note (✓(补学), 请假（病）) → its status, or undefined. */
export function statusOf(cell: string | null): 'present' | 'absent' | 'leave' | undefined {
  if (cell === null) return undefined;
  const word = cell.replace(/\s*[(（][^()（）]*[)）]$/, '').trim();
  return STATUS[word.toLowerCase()];
}

/** Hours as written: 2, ２, 1.5小时, 1.5h, 90分钟; a 时长（分钟） column holds minutes. */
export function hoursOf(cell: string | null, inMinutes: boolean): number | null {
  if (cell === null) return null;
  let m = /^(\d+(?:\.\d+)?)\s*(小时|h)?$/i.exec(cell);
  if (m) return inMinutes && !m[2] ? Number(m[1]) / 60 : Number(m[1]);
  m = /^(\d+(?:\.\d+)?)\s*分钟$/.exec(cell);
  return m ? Number(m[1]) / 60 : null;
}

const yearOf = (iso: string) => Number(iso.slice(0, 4));
const key = (unit: string, year: number) => `${unit}|${year}`;
/** Person names compare without spaces (张 三 = 张三). */
const personName = (c: string | null) => c?.replace(/\s+/g, '') ?? null;

export interface Oracle {
  /** `${unit_id}|${year}` → metric id → value (null = missing). */
  values: Map<string, Record<string, number | null>>;
  unitIds: Map<string, string>;
}

async function readAll(files: string[]): Promise<RawRow[]> {
  return (await Promise.all(files.map(readRaw))).flat();
}

/** Exact duplicates of an earlier row of the same file (same cells) are not counted. */
function withoutDuplicates(rows: RawRow[]): RawRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = `${r.file}\u0000${JSON.stringify(Object.values(r.cells).map((c) => (c instanceof Date ? c.toISOString() : c)))}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

async function unitNames(): Promise<Map<string, string>> {
  const units = await readRaw('units/单位名录.csv');
  const ids = new Map(units.map((u) => [clean(u.cells['单位名称'])!, clean(get(u, 'unit_code'))!]));
  for (const r of await readRaw('units/单位沿革.csv')) ids.set(clean(r.cells['原名称'])!, ids.get(clean(r.cells['新名称'])!)!);
  return ids;
}

/** The row's unit id and date (ISO) when both are good and the date falls in the file's year folder. */
function place(r: RawRow, ids: Map<string, string>): { unit: string; date: string; year: number } | null {
  const unit = ids.get(clean(get(r, 'unit')) ?? '');
  const date = parseDate(get(r, 'date'));
  if (!unit || !date || yearOf(date) !== Number(r.file.slice(0, 4))) return null;
  return { unit, date, year: yearOf(date) };
}

/** metrics.md member_months from the roster: per member and month, days in the unit ÷ days in the month (both dates inclusive). */
function rosterMonths(roster: RawRow[], ids: Map<string, string>) {
  const months = new Map<string, number>();
  const heads = new Map<string, Set<string>>();
  const byMemberMonth = new Map<string, number>(); // unit|year|member|month → covered share (≤ 1)
  for (const r of roster) {
    const unit = ids.get(clean(get(r, 'unit')) ?? '')!;
    const member = clean(get(r, 'id'))!;
    const from = parseDate(get(r, 'from_date')) ?? '0001-01-01'; // empty: a member since before
    // 转出日期 is the last day in the unit: a mover's next stint starts the day after (data-samples/README.md,
    // "first day in the new unit"); empty: still a member
    const to = parseDate(get(r, 'to_date'));
    for (const year of YEARS) {
      for (let m = 0; m < 12; m++) {
        const start = Date.UTC(year, m, 1);
        const end = Date.UTC(year, m + 1, 1);
        const a = Math.max(start, Date.parse(from));
        const b = Math.min(end, to ? Date.parse(to) + 86_400_000 : end);
        if (b <= a) continue;
        const k = `${unit}|${year}|${member}|${m}`;
        byMemberMonth.set(k, Math.min(1, (byMemberMonth.get(k) ?? 0) + (b - a) / (end - start)));
        (heads.get(key(unit, year)) ?? heads.set(key(unit, year), new Set()).get(key(unit, year))!).add(member);
      }
    }
  }
  for (const [k, share] of byMemberMonth) {
    const [unit, year] = k.split('|');
    months.set(key(unit, Number(year)), (months.get(key(unit, Number(year))) ?? 0) + share);
  }
  return { months, heads };
}

/**
 * Issue 13 item 6: a row with a name and no id is the roster member of that unit on that date with
 * that name, when exactly one matches (then it is that member, across units); otherwise the name
 * names a person within the unit only.
 */
function rosterNames(roster: RawRow[], ids: Map<string, string>) {
  const spans = roster.map((r) => ({
    unit: ids.get(clean(get(r, 'unit')) ?? ''),
    name: personName(clean(get(r, 'name'))),
    id: clean(get(r, 'id'))!,
    from: parseDate(get(r, 'from_date')) ?? '0001-01-01',
    to: parseDate(get(r, 'to_date')) ?? '9999-12-31',
  }));
  return (unit: string, name: string | null, date: string): string => {
    const hits = new Set(spans.filter((s) => s.unit === unit && s.name === name && s.from <= date && date <= s.to).map((s) => s.id));
    return hits.size === 1 ? [...hits][0] : `${unit}|name:${name}`;
  };
}

function ratio(n: number, d: number | null | undefined): number | null {
  return d === null || d === undefined || d === 0 ? null : n / d;
}

export async function computeOracle(): Promise<Oracle> {
  const ids = await unitNames();
  const out = new Map<string, Record<string, number | null>>();
  const set = (unit: string, year: number, metric: string, v: number | null) =>
    ((out.get(key(unit, year)) ?? out.set(key(unit, year), {}).get(key(unit, year))!)[metric] = v);

  // membership (roster; the profile's 在册党员数 × 12 only where a unit has no roster span)
  const roster = await readRaw('units/党员名册.xlsx');
  const { months, heads } = rosterMonths(roster, ids);
  const idOfName = rosterNames(roster, ids);
  const profileMembers = new Map<string, number>();
  const leaders = new Map<string, number>();
  const profiles: [string, number, RawRow][] = [];
  for (const y of YEARS) {
    for (const r of await readAll(yearFiles(y, '单位概况'))) {
      const unit = ids.get(clean(get(r, 'unit')) ?? '');
      if (!unit) continue;
      profileMembers.set(key(unit, y), parseNumber(get(r, 'members'))!);
      leaders.set(key(unit, y), parseNumber(get(r, 'leaders'))!);
      profiles.push([unit, y, r]);
    }
  }
  const memberMonths = (k: string) => months.get(k) ?? (profileMembers.has(k) ? profileMembers.get(k)! * 12 : null);
  const avgMembers = (k: string) => { const mm = memberMonths(k); return mm === null ? null : mm / 12; };
  for (const [unit, y, r] of profiles) {
    // 学习经费 in 元, or in 万元 when the header says so (2022, 2024)
    const [budgetHeader, budget] = Object.entries(r.cells).find(([h]) => h.includes('经费'))!;
    const yuan = parseNumber(budget)! * (budgetHeader.includes('万元') ? 10_000 : 1);
    set(unit, y, 'study_budget_per_member', ratio(yuan, avgMembers(key(unit, y))));
    set(unit, y, 'study_space', parseNumber(get(r, 'rooms')));
    const flags = Object.entries(r.cells).filter(([h]) => ['计划', '考勤', '档案', '检查通报', '考学评学'].some((w) => h.includes(w)));
    if (flags.length !== 5) throw new Error(`${r.file}: expected 5 mechanism flags, found ${flags.map(([h]) => h)}`);
    set(unit, y, 'study_mechanisms', flags.filter(([, v]) => FLAG[clean(v) ?? ''] === 1).length);
    set(unit, y, 'grassroots_research_days', ratio(parseNumber(get(r, 'research_days'))!, leaders.get(key(unit, y))));
  }
  const headcount = (k: string) => heads.get(k)?.size ?? profileMembers.get(k) ?? null;

  for (const [k, mm] of months) {
    const [unit, year] = k.split('|');
    set(unit, Number(year), 'member_months', mm);
  }
  for (const y of YEARS) {
    // attendance
    const att = new Map<string, { rows: number; present: number; absent: number; leave: number; hours: number; collective: number; self: number; training: number }>();
    // a session: distinct (date, type) of a unit, whatever the rows' statuses
    const sessions = new Map<string, Map<string, { type: string; partner: boolean; memberPresenter: boolean }>>();
    for (const r of withoutDuplicates(await readAll(yearFiles(y, '学习考勤')))) {
      const p = place(r, ids);
      const status = statusOf(clean(get(r, 'status')));
      const hours = hoursOf(clean(get(r, has(r, 'minutes') ? 'minutes' : 'hours')), has(r, 'minutes'));
      if (!p || !status || (hours !== null && (hours < 0 || hours > 24))) continue;
      const a = att.get(key(p.unit, p.year)) ?? att.set(key(p.unit, p.year), { rows: 0, present: 0, absent: 0, leave: 0, hours: 0, collective: 0, self: 0, training: 0 }).get(key(p.unit, p.year))!;
      a.rows++;
      a[status]++;
      const type = clean(get(r, 'session_type'));
      if (status === 'present') {
        a.hours += hours ?? 0;
        if (type && COLLECTIVE.has(type)) a.collective += hours ?? 0;
        if (type === '自学') a.self += hours ?? 0;
        if (type && TRAINING.has(type)) a.training += hours ?? 0;
      }
      if (type) {
        const unitSessions = sessions.get(key(p.unit, p.year)) ?? sessions.set(key(p.unit, p.year), new Map()).get(key(p.unit, p.year))!;
        const sk = `${p.date}|${type}`;
        const session = unitSessions.get(sk) ?? unitSessions.set(sk, { type, partner: false, memberPresenter: false }).get(sk)!;
        const presenter = clean(get(r, 'presenter'));
        session.partner ||= clean(get(r, 'partner')) !== null;
        session.memberPresenter ||= presenter !== null && !GUEST.some((g) => presenter.includes(g));
      }
    }
    for (const [k, a] of att) {
      const [unit] = k.split('|');
      set(unit, y, 'attendance_records', a.rows);
      set(unit, y, 'attendance_rate', ratio(a.present, a.rows));
      set(unit, y, 'leave_rate', ratio(a.leave, a.rows));
      set(unit, y, 'absence_rate', ratio(a.absent, a.rows));
      set(unit, y, 'attended_hours', a.hours);
      set(unit, y, 'collective_study_hours', ratio(a.collective, memberMonths(k)));
      set(unit, y, 'self_study_hours', ratio(a.self, memberMonths(k)));
      set(unit, y, 'training_hours', ratio(a.training, avgMembers(k)));
      const list = [...(sessions.get(k)?.values() ?? [])];
      const held = (t: string) => list.filter((x) => x.type === t).length;
      set(unit, y, 'remote_sessions_per_month', list.filter((x) => REMOTE.has(x.type)).length / 12);
      set(unit, y, 'org_life_completion', Object.entries(REQUIRED).reduce((sum, [t, n]) => sum + Math.min(held(t) / n, 1), 0) / 5);
      set(unit, y, 'learning_form_diversity', new Set(list.filter((x) => COLLECTIVE.has(x.type)).map((x) => x.type)).size);
      set(unit, y, 'member_led_lectures', list.filter((x) => LECTURE.has(x.type) && x.memberPresenter).length);
      set(unit, y, 'joint_study_sessions', list.filter((x) => x.partner).length);
    }

    // exams: first attempt per (member, exam) — the lowest attempt number, then the earliest date
    const exams = new Map<string, { takers: Set<string>; first: Map<string, { attempt: number; date: string; order: number; rate: number; passed: boolean }> }>();
    let order = 0;
    for (const r of withoutDuplicates(await readAll(yearFiles(y, '考试成绩')))) {
      const p = place(r, ids);
      const score = parseNumber(get(r, 'score'));
      const full = parseNumber(get(r, 'full_mark'));
      if (!p || score === null || full === null || score > full) continue;
      const member = clean(get(r, 'id')) ?? idOfName(p.unit, personName(clean(get(r, 'name'))), p.date);
      const pass = parseNumber(get(r, 'pass_mark'));
      const e = exams.get(key(p.unit, p.year)) ?? exams.set(key(p.unit, p.year), { takers: new Set(), first: new Map() }).get(key(p.unit, p.year))!;
      e.takers.add(member);
      const attempt = parseNumber(get(r, 'attempt')) ?? Infinity;
      const pair = `${member}|${clean(get(r, 'exam'))}`;
      const prev = e.first.get(pair);
      const mine = { attempt, date: p.date, order: order++, rate: score / full, passed: pass !== null ? score >= pass : score / full >= 0.6 };
      if (!prev || attempt < prev.attempt || (attempt === prev.attempt && p.date < prev.date)) e.first.set(pair, mine);
    }
    for (const [k, e] of exams) {
      const [unit] = k.split('|');
      const firsts = [...e.first.values()];
      set(unit, y, 'exam_takers', e.takers.size);
      set(unit, y, 'exam_participation_rate', ratio(e.takers.size, headcount(k)));
      set(unit, y, 'exam_score_rate', ratio(firsts.reduce((s, f) => s + f.rate, 0), firsts.length));
      set(unit, y, 'exam_pass_rate', ratio(firsts.filter((f) => f.passed).length, firsts.length));
    }
  }

  await publicationsAndReports(ids, set, (k) => memberMonths(k), (k) => leaders.get(k));
  return { values: out, unitIds: ids };
}

const titleKey = (c: string | null) => (c ?? '').replace(/[\s《》〈〉“”‘’"]+/g, '').toLowerCase();

/** Distinct per unit across the years: a publication or report counts in the first year it is listed. */
async function publicationsAndReports(
  ids: Map<string, string>,
  set: (unit: string, year: number, metric: string, v: number | null) => void,
  memberMonths: (k: string) => number | null,
  leadersOf: (k: string) => number | undefined,
) {
  const pubs = new Map<string, { year: number; weight: number }>();
  const reports = new Map<string, { year: number; points: number; leader: boolean; practice: boolean }>();
  for (const y of YEARS) {
    for (const r of withoutDuplicates(await readAll(yearFiles(y, '论文发表')))) {
      const p = place(r, ids);
      const weight = LEVEL_WEIGHT[clean(get(r, 'level')) ?? ''];
      if (!p || weight === undefined) continue;
      const k = `${p.unit}|${titleKey(clean(get(r, 'title')))}|${titleKey(clean(get(r, 'venue')))}`;
      const prev = pubs.get(k);
      pubs.set(k, { year: Math.min(prev?.year ?? p.year, p.year), weight: Math.max(prev?.weight ?? 0, weight) });
    }
    for (const r of withoutDuplicates(await readAll(yearFiles(y, '调研报告')))) {
      const p = place(r, ids);
      const points = ADOPTION_POINTS[clean(get(r, 'adoption')) ?? '未采纳'];
      if (!p || points === undefined) continue;
      const k = `${p.unit}|${titleKey(clean(get(r, 'title')))}`;
      const prev = reports.get(k);
      reports.set(k, {
        year: Math.min(prev?.year ?? p.year, p.year),
        points: Math.max(prev?.points ?? 0, points),
        leader: (prev?.leader ?? false) || FLAG[clean(get(r, 'is_leader')) ?? ''] === 1,
        practice: (prev?.practice ?? false) || clean(get(r, 'report_kind')) === '经验做法',
      });
    }
  }
  const byUnitYear = <T,>(m: Map<string, T & { year: number }>) => {
    const g = new Map<string, T[]>();
    for (const [k, v] of m) {
      const gk = key(k.split('|')[0], v.year);
      (g.get(gk) ?? g.set(gk, []).get(gk)!).push(v);
    }
    return g;
  };
  for (const [k, list] of byUnitYear(pubs)) {
    const [unit, year] = k.split('|');
    const mm = memberMonths(k);
    set(unit, Number(year), 'publications', list.length);
    // ÷ members: the average membership of the year (member-months ÷ 12)
    set(unit, Number(year), 'publications_weighted', mm ? (list.reduce((s, p) => s + p.weight, 0) / (mm / 12)) * 100 : null);
  }
  for (const [k, list] of byUnitYear(reports)) {
    const [unit, year] = k.split('|');
    set(unit, Number(year), 'research_reports', list.length);
    set(unit, Number(year), 'reports_adopted', list.filter((r) => r.points > 0).length);
    set(unit, Number(year), 'report_adoption_score', list.reduce((s, r) => s + r.points, 0) / list.length);
    set(unit, Number(year), 'reports_per_leader', ratio(list.filter((r) => r.leader).length, leadersOf(k)));
    set(unit, Number(year), 'practices_promoted', list.filter((r) => r.practice && r.points > 0).length);
  }
}
