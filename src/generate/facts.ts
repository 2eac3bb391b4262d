/**
 * Facts per unit-year, as structured records: study sessions and who attended,
 * exams, publications, research reports and the unit profile. Everything about
 * a unit-year is drawn from its own RNG fork, so it can be regenerated lazily
 * (the writers iterate units one at a time) and always comes out the same.
 * How facts look in a file (headers, date forms, status words) is `render.ts`.
 */
import { dayOf, firstDay, lastDay, toWorkday } from './calendar.js';
import {
  PAPER_KINDS,
  PAPER_TEMPLATES,
  PRACTICE_TEMPLATES,
  REPORT_TEMPLATES,
  RESEARCH_SUBJECTS,
  TOPICS_BY_YEAR,
  TOPICS_COMMON,
  VENUES,
} from './names.js';
import { isActive, isLeader, membersInYear, quality, stintOn, type Member, type Org, type Unit } from './org.js';
import { hashString, Rng } from './random.js';

export type Status = 'present' | 'absent' | 'leave' | 'late' | 'makeup';

export interface Session {
  unit: Unit;
  day: number;
  type: string;
  topic: string;
  hours: number;
  presenter: string | null;
  partner: Unit | null;
}

export interface AttendanceFact {
  unit: Unit;
  member: Member;
  session: Session;
  status: Status;
}

type Audience = 'all' | 'committee' | 'leaders' | 'some' | 'self';

/**
 * Yearly plan of a unit that meets every sourced standard (indicator-system.md §3; sessions per year,
 * 自学 per member). A unit of quality q holds `heldShare(q)` of it, and its members turn up as
 * `ATTENDANCE_PROFILE(q)` says.
 * With full effort and good attendance the plan reaches the goalposts of the default trees:
 *  - 三会一课 (支部工作条例): 党员大会 4, 支委会 12, 党小组会 12, 党课 4, 主题党日 12 → org_life_completion 100%;
 *  - collective study ≈ 115 h a member-year (all the collective types, 培训 included) → ≥ 8 h a month;
 *  - 培训 5 × (6 or 8 h) ≈ 37 学时 → training_hours ≥ 32;
 *  - 远程教育 26 → more than 2 remote sessions a month (each for about half the members, which keeps the files small);
 *  - 自学 one log entry a month of 8–10 h → ≥ 8 h a month;
 *  - 党课 4 + 讲座 2, given by members → 6 member-led lectures;
 *  - 4–5 主题党日 with the partner unit (`jointPerYear`) → 4 joint sessions.
 */
const PLAN: { type: string; count: number; audience: Audience; hours: number[]; county?: boolean }[] = [
  { type: '党员大会', count: 4, audience: 'all', hours: [1.5, 2] },
  { type: '支委会', count: 12, audience: 'committee', hours: [1, 1.5] },
  { type: '党小组会', count: 12, audience: 'all', hours: [1] },
  { type: '党课', count: 4, audience: 'all', hours: [1.5, 2] },
  { type: '主题党日', count: 12, audience: 'all', hours: [2, 3] },
  { type: '每周一学', count: 4, audience: 'all', hours: [0.5, 1] },
  { type: '集中学习', count: 6, audience: 'all', hours: [2, 3, 4] },
  { type: '中心组学习', count: 12, audience: 'leaders', hours: [2, 3], county: true },
  { type: '培训', count: 5, audience: 'all', hours: [6, 8, 8] },
  { type: '讲座', count: 2, audience: 'all', hours: [1.5, 2] },
  { type: '读书会', count: 1, audience: 'some', hours: [1.5] },
  { type: '远程教育', count: 26, audience: 'some', hours: [1, 1.5] },
  { type: '自学', count: 12, audience: 'self', hours: [8, 9, 10] },
];

/** Share of the members invited to a session of audience `some`. */
const SOME_SHARE = 0.5;

/** Rows the plan yields per member-year at full effort (used to scale to a row target). */
const ROWS_PER_MEMBER =
  PLAN.reduce((a, p) => a + (p.audience === 'all' || p.audience === 'self' ? p.count : p.audience === 'some' ? p.count * SOME_SHARE : 0), 0) + 1;

/**
 * Share of the planned sessions a unit of quality q holds. It reaches the full plan at q ≥ 0.89 (the
 * strongest units meet the standards), is 3/4 at q = 0.6 and about 40% for the weakest; the required
 * 党员大会 are held more faithfully than the rest.
 */
export function heldShare(q: number, type: string): number {
  const [floor, slope] = type === '党员大会' ? [0.6, 0.5] : [0.2, 0.9];
  return Math.min(1, floor + slope * q);
}

/**
 * How members of a quality-q unit answer a roll call: present (q = 0.9 → 91%, 0.6 → 78%, 0.22 → 60%),
 * else on leave or absent, some absentees making the session up later (补学, counted as present).
 */
const ATTENDANCE_PROFILE = (q: number) => ({ present: 0.5 + 0.46 * q, late: 0.03, leaveShare: 0.55, makeupShare: 0.3 });

/** 主题党日 held jointly with the partner unit a year (q = 0.9 → 4.5, 0.3 → 1.5), spread over the year. */
const jointPerYear = (q: number) => 5 * q;

/** Topics of a year: the common ones plus that year's campaigns, listed twice so they come up more often. */
function topicsFor(year: number): readonly string[] {
  return [...TOPICS_COMMON, ...(TOPICS_BY_YEAR[year] ?? []), ...(TOPICS_BY_YEAR[year] ?? [])];
}

/** A workday inside `year` in slot k of n equal slots. */
function slotDay(rng: Rng, year: number, k: number, n: number): number {
  const a = firstDay(year);
  const span = lastDay(year) - a + 1;
  const day = toWorkday(a + Math.floor(((k + rng.next()) * span) / n));
  return day > lastDay(year) ? day - 3 : day; // a weekend at year end moves back to the Friday
}

/**
 * Sessions held by `unit` in `year` and one attendance fact per attendee.
 * `scale` multiplies the session counts (to reach a rows-per-unit-year target).
 */
export function attendanceFacts(org: Org, unit: Unit, year: number, rng: Rng, scale = 1): AttendanceFact[] {
  const q = quality(unit, year, org);
  const roster = membersInYear(org, unit, year);
  const partnerUnit = unit.partner ? org.units.find((u) => u.code === unit.partner) : undefined;
  const partner = partnerUnit && isActive(partnerUnit, year) ? partnerUnit : null;
  const topics = topicsFor(year);
  const facts: AttendanceFact[] = [];
  const sessions: Session[] = [];
  const memberOn = (day: number) => roster.filter((m) => stintOn(m, unit.code, day));
  const p = ATTENDANCE_PROFILE(q);
  const statusOf = (): Status => {
    if (rng.chance(p.present)) return rng.chance(p.late) ? 'late' : 'present';
    if (rng.chance(p.leaveShare)) return 'leave';
    return rng.chance(p.makeupShare) ? 'makeup' : 'absent';
  };
  for (const plan of PLAN) {
    if (plan.county && unit.type !== 'county') continue;
    const effort = heldShare(q, plan.type);
    if (plan.audience === 'self') {
      for (const m of roster) {
        const n = rng.round(plan.count * effort * scale);
        const days = new Set<number>(); // one self-study record a day: a second would be an exact duplicate row
        for (let k = 0; k < n; k++) {
          const day = slotDay(rng, year, k, n);
          if (!stintOn(m, unit.code, day) || days.has(day)) continue;
          days.add(day);
          const session: Session = { unit, day, type: plan.type, topic: rng.pick(topics), hours: rng.pick(plan.hours), presenter: null, partner: null };
          sessions.push(session);
          facts.push({ unit, member: m, session, status: 'present' });
        }
      }
      continue;
    }
    const n = Math.round(plan.count * effort * scale);
    const joint = partner && plan.type === '主题党日' ? Math.min(n, rng.round(jointPerYear(q))) : 0;
    for (let k = 0; k < n; k++) {
      const day = slotDay(rng, year, k, n);
      const here = memberOn(day);
      if (here.length === 0) continue;
      const role = (m: Member) => stintOn(m, unit.code, day)!.role;
      const attendees =
        plan.audience === 'committee'
          ? here.filter((m) => role(m) !== '党员')
          : plan.audience === 'leaders'
            ? here.filter((m) => isLeader(role(m)))
            : plan.audience === 'some'
              ? here.filter(() => rng.chance(SOME_SHARE))
              : here;
      const session: Session = {
        unit,
        day,
        type: plan.type,
        topic: rng.pick(topics),
        hours: rng.pick(plan.hours),
        presenter: presenterFor(plan.type, here, rng),
        partner: Math.floor(((k + 1) * joint) / n) > Math.floor((k * joint) / n) ? partner : null,
      };
      sessions.push(session);
      for (const m of attendees) facts.push({ unit, member: m, session, status: statusOf() });
    }
  }
  facts.sort((a, b) => a.session.day - b.session.day || (a.member.id < b.member.id ? -1 : a.member.id > b.member.id ? 1 : 0));
  return facts;
}

function presenterFor(type: string, here: Member[], rng: Rng): string | null {
  switch (type) {
    case '党课':
    case '集中学习':
    case '中心组学习':
      return here[0]?.name ?? null;
    case '讲座':
    case '培训':
      return rng.chance(0.5) ? rng.pick(here).name : rng.pick(['江海大学教授', '市委党校讲师', '市中支培训中心', '外请专家']);
    case '读书会':
      return rng.pick(here).name;
    default:
      return null;
  }
}

/** Session-count scale that makes a unit of `members` yield about `rows` attendance rows a year. */
export function scaleForRows(rows: number, members: number): number {
  return rows / Math.max(1, members * ROWS_PER_MEMBER * 0.8);
}

// ---------- exams

export interface ExamFact {
  unit: Unit;
  member: Member;
  exam: string;
  day: number;
  score: number;
  fullMark: number;
  passMark: number;
  attempt: number;
}

export function examsOfYear(year: number): { name: string; day: number; fullMark: number; passMark: number }[] {
  return [
    { name: `${year}年上半年应知应会测试`, day: toWorkday(dayOf(year, 6, 12)), fullMark: 100, passMark: 60 },
    { name: `${year}年党章党规知识竞赛`, day: toWorkday(dayOf(year, 9, 20)), fullMark: 120, passMark: 72 },
    { name: `${year}年学习强国专题答题`, day: toWorkday(dayOf(year, 11, 8)), fullMark: 10, passMark: 6 },
  ];
}

/**
 * Share of the first-attempt marks a quality-q unit scores on average: 0.9 → 92% (full points at the 95%
 * goalpost are rare), 0.6 → 82%, 0.22 → 70% (the 60% goalpost gives nothing); members vary by `EXAM_SD`.
 */
const examRate = (q: number) => 0.63 + 0.32 * q;
const EXAM_SD = 0.08;
/**
 * Members who take part in exams at all (all of a unit of q ≥ 0.9, 5 in 6 at 0.65, 2 in 3 at 0.3), and the
 * chance such a member sits a given exam.
 */
const examTakers = (q: number) => Math.min(1, 0.5 + 0.55 * q);
const EXAM_TURNOUT = 0.85;

export function examFacts(org: Org, unit: Unit, year: number, rng: Rng): ExamFact[] {
  const q = quality(unit, year, org);
  const roster = membersInYear(org, unit, year);
  const takers = rng.sample(roster, rng.round(roster.length * examTakers(q)));
  const out: ExamFact[] = [];
  for (const exam of examsOfYear(year)) {
    for (const m of takers) {
      if (!stintOn(m, unit.code, exam.day) || !rng.chance(EXAM_TURNOUT)) continue;
      const rate = Math.min(1, Math.max(0.3, rng.normal(examRate(q), EXAM_SD)));
      const score = roundScore(rate * exam.fullMark, exam.fullMark);
      out.push({ unit, member: m, exam: exam.name, day: exam.day, score, fullMark: exam.fullMark, passMark: exam.passMark, attempt: 1 });
      if (score < exam.passMark && rng.chance(0.7)) {
        const retake = Math.min(exam.fullMark, Math.max(exam.passMark, roundScore((rate + 0.15) * exam.fullMark, exam.fullMark)));
        out.push({ unit, member: m, exam: exam.name, day: toWorkday(exam.day + rng.int(14, 28)), score: retake, fullMark: exam.fullMark, passMark: exam.passMark, attempt: 2 });
      }
    }
  }
  return out;
}

function roundScore(x: number, fullMark: number): number {
  return fullMark <= 10 ? Math.round(x) : Math.round(x * 2) / 2;
}

// ---------- publications and research reports

/**
 * The titles a unit can use in `year`: every template × subject combination once, in an order fixed per
 * unit and family, cut into one block per year. A unit thus never lists the same paper or report in two
 * years (the metrics count a title once per unit, in the first year it is listed, so a repeat would be lost).
 */
function titlesOf(org: Org, unit: Unit, year: number, family: string, templates: readonly string[], fill: (template: string, subject: string) => string): string[] {
  const combos = templates.flatMap((t) => RESEARCH_SUBJECTS.map((s) => fill(t, s)));
  const order = new Rng(hashString(`titles:${family}:${unit.code}`)).shuffle(combos);
  const block = Math.floor(order.length / (org.years[1] - org.years[0] + 1));
  const i = year - org.years[0];
  return order.slice(i * block, (i + 1) * block);
}

export interface PublicationFact {
  unit: Unit;
  author: Member;
  title: string;
  venue: string;
  level: string;
  day: number;
  kind: string;
}

/**
 * Papers per member of a quality-q unit a year (0.9 → 0.29, 0.6 → 0.2, 0.22 → 0.09), and the level mix: strong units publish higher. The count is rounded at random, not
 * drawn, so that the per-member rate of a small unit does not swing wildly (it is normalised over the
 * pooled years, where one lucky small unit would set the top for everyone).
 */
const papersPerMember = (q: number) => 0.02 + 0.3 * q;
const paperLevels = (q: number) =>
  [
    ['内部', 10 + 35 * (1 - q)],
    ['市级', 25],
    ['省级', 5 + 20 * q],
    ['国家级', 6 * q],
    ['核心', 3 * q],
    ['CSSCI', q],
  ] as const;

export function publicationFacts(org: Org, unit: Unit, year: number, rng: Rng): PublicationFact[] {
  const q = quality(unit, year, org);
  const roster = membersInYear(org, unit, year);
  if (roster.length === 0) return [];
  const titles = titlesOf(org, unit, year, 'papers', PAPER_TEMPLATES, (t, s) => t.replace('{s}', s));
  const n = Math.min(titles.length, rng.round(papersPerMember(q) * roster.length));
  const out: PublicationFact[] = [];
  for (let k = 0; k < n; k++) {
    const level = rng.weighted(paperLevels(q));
    const day = toWorkday(firstDay(year) + rng.int(0, 355));
    const here = roster.filter((m) => stintOn(m, unit.code, day));
    const author = here.length > 0 ? rng.pick(here) : roster[0];
    out.push({ unit, author, title: titles[k], venue: rng.pick(VENUES[level]), level, day, kind: rng.pick(PAPER_KINDS) });
  }
  return out.sort((a, b) => a.day - b.day);
}

export const ADOPTION_LEVELS = ['总行', '省级', '市级', '县级', '未采纳'] as const;
const EXTENTS = ['全文转发', '部分采用', '观点采用', '领导批示'];

export interface ReportFact {
  unit: Unit;
  author: Member;
  isLeader: boolean;
  title: string;
  day: number;
  adoption: (typeof ADOPTION_LEVELS)[number];
  extent: string | null;
  kind: '调研报告' | '经验做法';
}

/**
 * Research reports of a quality-q unit a year. Each leader writes one with chance 1.1q − 0.05 (nearly
 * every leader of a unit of q ≥ 0.9 meets the one-report-per-leader standard; 0.65 → 2 in 3; 0.22 → 1 in 5)
 * and a second with chance 0.3q²; other members write 0.3 + q between them, and the unit writes up 0.5 + 2.5q 经验做法.
 * A share of each kind is adopted higher up (0.25 + 0.5q of the reports, 0.3 + 0.7q of the practices),
 * at levels that rise with quality. Counts and adopted shares are rounded at random rather than drawn
 * (`Rng.round`): report adoption and practices are normalised over the pooled years, where a lucky or
 * unlucky draw of a small unit would swing its score by tens of points from one year to the next.
 */
const leaderReportChance = (q: number) => Math.min(1, 1.1 * q - 0.05);
const secondReportChance = (q: number) => 0.3 * q * q;
const reportsByOthers = (q: number) => 0.3 + q;
const practicesPerYear = (q: number) => 1 + 3 * q;
const adoptedShare = { 调研报告: (q: number) => 0.25 + 0.5 * q, 经验做法: (q: number) => 0.3 + 0.7 * q };
const adoptionLevels = (q: number, county: boolean) =>
  [
    ['总行', 3 * q],
    ['省级', 10 * q],
    ['市级', 25 * q + 5],
    ['县级', county ? 15 : 0],
  ] as const;

export function reportFacts(org: Org, unit: Unit, year: number, rng: Rng): ReportFact[] {
  const q = quality(unit, year, org);
  const roster = membersInYear(org, unit, year);
  const end = lastDay(year);
  const leaders = roster.filter((m) => m.stints.some((s) => s.unit === unit.code && isLeader(s.role)));
  if (roster.length === 0) return [];
  const place = unit.type === 'county' ? unit.names[unit.names.length - 1].name.replace(/(县支行|区支行)$/, '') : '';
  const fill = (t: string, s: string) => t.replace('{p}', place).replace('{s}', s);
  const titles = {
    调研报告: titlesOf(org, unit, year, 'reports', REPORT_TEMPLATES, fill),
    经验做法: titlesOf(org, unit, year, 'practices', PRACTICE_TEMPLATES, fill),
  };
  const leaderAuthors = leaders.flatMap((m) => [
    ...(rng.chance(leaderReportChance(q)) ? [m] : []),
    ...(rng.chance(secondReportChance(q)) ? [m] : []),
  ]);
  const authors = {
    调研报告: [...leaderAuthors, ...Array.from({ length: rng.round(reportsByOthers(q)) }, () => rng.pick(roster))],
    经验做法: Array.from({ length: rng.round(practicesPerYear(q)) }, () => rng.pick(roster)),
  };
  const out: ReportFact[] = [];
  for (const kind of ['调研报告', '经验做法'] as const) {
    const written = authors[kind].slice(0, titles[kind].length);
    const adopted = new Set(rng.sample(written.map((_, i) => i), rng.round(written.length * adoptedShare[kind](q))));
    written.forEach((author, i) => {
      const adoption = adopted.has(i) ? rng.weighted(adoptionLevels(q, unit.type === 'county')) : '未采纳';
      out.push({
        unit,
        author,
        isLeader: leaders.includes(author),
        title: titles[kind][i],
        day: Math.min(end, toWorkday(firstDay(year) + rng.int(30, 350))),
        adoption,
        extent: adoption === '未采纳' ? null : rng.pick(EXTENTS),
        kind,
      });
    });
  }
  return out.sort((a, b) => a.day - b.day);
}

// ---------- unit profile

export interface ProfileFact {
  unit: Unit;
  year: number;
  members: number;
  leaders: number;
  budgetYuan: number;
  rooms: number;
  researchDays: number;
  plan: boolean;
  register: boolean;
  archive: boolean;
  checkReport: boolean;
  examReward: boolean;
  /** 加分 as entered: honours; negative when the office typed its 扣分 here (as −3). */
  bonus: number;
  /** 扣分 as entered in its own column (0 when none). */
  deduction: number;
  veto: boolean;
}

/** Study budget per member a year (元): 150 + 1100q, give or take 10%. */
const budgetPerMember = (q: number) => 150 + 1100 * q;
/**
 * Chance of each of the five study mechanisms (plan, register, archive, quarterly check, 考学评学奖学);
 * a unit of quality ≥ 0.9 has nearly all of them.
 */
const MECHANISM_CHANCE = {
  plan: (q: number) => 0.4 + 0.7 * q,
  register: (q: number) => 0.5 + 0.6 * q,
  archive: (q: number) => 0.2 + 0.8 * q,
  checkReport: (q: number) => 0.1 + 0.9 * q,
  examReward: (q: number) => 0.1 + 0.9 * q,
};
/** 加分 (honours) when the organisation scripts none: units above `BONUS.minQuality` earn 1–3 points with this chance. */
const BONUS = { minQuality: 0.78, chance: 0.45, points: [1, 3] as const };

export function profileFact(org: Org, unit: Unit, year: number, rng: Rng): ProfileFact {
  const q = quality(unit, year, org);
  const end = lastDay(year);
  const atEnd = membersInYear(org, unit, year).map((m) => stintOn(m, unit.code, end)).filter((s) => s !== undefined);
  const leaders = atEnd.filter((s) => isLeader(s.role)).length;
  const flag = (p: number) => rng.chance(p);
  const deduction = org.deductions?.find((d) => d.unit === unit.code && d.year === year);
  const honours = org.honours
    ? (org.honours.find((h) => h.unit === unit.code && h.year === year)?.points ?? 0)
    : q > BONUS.minQuality && flag(BONUS.chance) ? rng.int(...BONUS.points) : 0;
  return {
    unit,
    year,
    members: atEnd.length,
    leaders,
    budgetYuan: Math.round((atEnd.length * budgetPerMember(q) * (0.9 + 0.2 * rng.next())) / 100) * 100,
    rooms: q < 0.3 ? rng.int(0, 1) : 1 + (q > 0.6 ? 1 : 0) + (unit.type === 'county' && q > 0.8 ? 1 : 0),
    researchDays: Math.round(leaders * (10 + 60 * q) * (0.9 + 0.2 * rng.next())),
    plan: flag(MECHANISM_CHANCE.plan(q)),
    register: flag(MECHANISM_CHANCE.register(q)),
    archive: flag(MECHANISM_CHANCE.archive(q)),
    checkReport: flag(MECHANISM_CHANCE.checkReport(q)),
    examReward: flag(MECHANISM_CHANCE.examReward(q)),
    bonus: deduction?.asNegativeBonus ? -deduction.points : honours,
    deduction: deduction && !deduction.asNegativeBonus ? deduction.points : 0,
    veto: org.vetoes ? org.vetoes.some((v) => v.unit === unit.code && v.year === year) : q < 0.3 && flag(0.05),
  };
}
