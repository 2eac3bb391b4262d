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
import { isLeader, membersInYear, quality, stintOn, type Member, type Org, type Unit } from './org.js';
import type { Rng } from './random.js';

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

/** Yearly plan at full quality (sessions per year; 自学 is per member). */
const PLAN: { type: string; count: number; audience: Audience; hours: number[]; county?: boolean }[] = [
  { type: '党员大会', count: 4, audience: 'all', hours: [1.5, 2] },
  { type: '支委会', count: 12, audience: 'committee', hours: [1, 1.5] },
  { type: '党小组会', count: 4, audience: 'all', hours: [1] },
  { type: '党课', count: 4, audience: 'all', hours: [1.5, 2] },
  { type: '主题党日', count: 6, audience: 'all', hours: [2, 3] },
  { type: '每周一学', count: 4, audience: 'all', hours: [0.5, 1] },
  { type: '集中学习', count: 4, audience: 'all', hours: [2, 3, 4] },
  { type: '中心组学习', count: 10, audience: 'leaders', hours: [2, 3], county: true },
  { type: '培训', count: 4, audience: 'some', hours: [4, 8] },
  { type: '讲座', count: 2, audience: 'all', hours: [1.5, 2] },
  { type: '读书会', count: 1, audience: 'some', hours: [1.5] },
  { type: '远程教育', count: 12, audience: 'all', hours: [1, 1.5] },
  { type: '自学', count: 20, audience: 'self', hours: [2, 3, 4] },
];

/** Rows the plan yields per member-year at quality 1 (used to scale to a row target). */
const ROWS_PER_MEMBER = PLAN.filter((p) => p.audience === 'all' || p.audience === 'self').reduce((a, p) => a + p.count, 0) + 1;

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

const ATTENDANCE_PROFILE = (q: number) => ({ present: 0.6 + 0.36 * q, late: 0.03, leaveShare: 0.55, makeupShare: 0.3 });

/**
 * Sessions held by `unit` in `year` and one attendance fact per attendee.
 * `scale` multiplies the session counts (to reach a rows-per-unit-year target).
 */
export function attendanceFacts(org: Org, unit: Unit, year: number, rng: Rng, scale = 1): AttendanceFact[] {
  const q = quality(unit, year, org);
  const roster = membersInYear(org, unit, year);
  const partner = unit.partner ? org.units.find((u) => u.code === unit.partner) ?? null : null;
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
    const effort = plan.type === '党员大会' ? 0.75 + 0.25 * q : 0.35 + 0.65 * q;
    if (plan.audience === 'self') {
      for (const m of roster) {
        const n = rng.poisson(plan.count * effort * scale);
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
              ? here.filter(() => rng.chance(0.5))
              : here;
      const session: Session = {
        unit,
        day,
        type: plan.type,
        topic: rng.pick(topics),
        hours: rng.pick(plan.hours),
        presenter: presenterFor(plan.type, here, rng),
        partner: partner && (plan.type === '主题党日' || plan.type === '集中学习') && rng.chance(0.3) ? partner : null,
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

export function examFacts(org: Org, unit: Unit, year: number, rng: Rng): ExamFact[] {
  const q = quality(unit, year, org);
  const roster = membersInYear(org, unit, year);
  const out: ExamFact[] = [];
  for (const exam of examsOfYear(year)) {
    for (const m of roster) {
      if (!stintOn(m, unit.code, exam.day) || !rng.chance(0.55 + 0.4 * q)) continue;
      const rate = Math.min(1, Math.max(0.3, rng.normal(0.66 + 0.24 * q, 0.09)));
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

export interface PublicationFact {
  unit: Unit;
  author: Member;
  title: string;
  venue: string;
  level: string;
  day: number;
  kind: string;
}

export function publicationFacts(org: Org, unit: Unit, year: number, rng: Rng): PublicationFact[] {
  const q = quality(unit, year, org);
  const roster = membersInYear(org, unit, year);
  if (roster.length === 0) return [];
  const n = rng.poisson((0.2 + 2.4 * q * q) * (roster.length / 10));
  const out: PublicationFact[] = [];
  const titles = new Set<string>();
  for (let k = 0; k < n; k++) {
    const level = rng.weighted([['内部', 35], ['市级', 25], ['省级', 20 * q + 5], ['国家级', 10 * q], ['核心', 6 * q], ['CSSCI', 3 * q]] as const);
    const day = toWorkday(firstDay(year) + rng.int(0, 355));
    const here = roster.filter((m) => stintOn(m, unit.code, day));
    const author = here.length > 0 ? rng.pick(here) : roster[0];
    const title = rng.pick(PAPER_TEMPLATES).replace('{s}', rng.pick(RESEARCH_SUBJECTS));
    if (titles.has(title)) continue;
    titles.add(title);
    out.push({ unit, author, title, venue: rng.pick(VENUES[level]), level, day, kind: rng.pick(PAPER_KINDS) });
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

export function reportFacts(org: Org, unit: Unit, year: number, rng: Rng): ReportFact[] {
  const q = quality(unit, year, org);
  const roster = membersInYear(org, unit, year);
  const end = lastDay(year);
  const leaders = roster.filter((m) => m.stints.some((s) => s.unit === unit.code && isLeader(s.role)));
  if (roster.length === 0) return [];
  const n = rng.poisson(Math.max(1, leaders.length) * (0.15 + 1.4 * q * q) + 0.2 * q);
  const out: ReportFact[] = [];
  const titles = new Set<string>();
  for (let k = 0; k < n; k++) {
    const byLeader = leaders.length > 0 && rng.chance(0.75);
    const author = byLeader ? rng.pick(leaders) : rng.pick(roster);
    const kind = rng.chance(0.2) ? '经验做法' : '调研报告';
    const place = unit.names[unit.names.length - 1].name.replace(/(县支行|区支行)$/, '');
    const template = rng.pick(kind === '调研报告' ? REPORT_TEMPLATES : PRACTICE_TEMPLATES);
    const title = template.replace('{p}', unit.type === 'county' ? place : '').replace('{s}', rng.pick(RESEARCH_SUBJECTS));
    if (titles.has(title)) continue;
    titles.add(title);
    const adoption = rng.weighted([
      ['总行', 3 * q],
      ['省级', 10 * q],
      ['市级', 25 * q + 5],
      ['县级', unit.type === 'county' ? 15 : 0],
      ['未采纳', 45],
    ] as const);
    out.push({
      unit,
      author,
      isLeader: leaders.includes(author),
      title,
      day: Math.min(end, toWorkday(firstDay(year) + rng.int(30, 350))),
      adoption,
      extent: adoption === '未采纳' ? null : rng.pick(EXTENTS),
      kind,
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
  bonus: number;
  veto: boolean;
}

export function profileFact(org: Org, unit: Unit, year: number, rng: Rng): ProfileFact {
  const q = quality(unit, year, org);
  const end = lastDay(year);
  const atEnd = membersInYear(org, unit, year).map((m) => stintOn(m, unit.code, end)).filter((s) => s !== undefined);
  const leaders = atEnd.filter((s) => isLeader(s.role)).length;
  const flag = (p: number) => rng.chance(p);
  return {
    unit,
    year,
    members: atEnd.length,
    leaders,
    budgetYuan: Math.round((atEnd.length * (150 + 1100 * q) * (0.85 + 0.3 * rng.next())) / 100) * 100,
    rooms: q < 0.3 ? rng.int(0, 1) : 1 + (q > 0.6 ? 1 : 0) + (unit.type === 'county' && q > 0.8 ? 1 : 0),
    researchDays: Math.round(leaders * (10 + 60 * q) * (0.8 + 0.4 * rng.next())),
    plan: flag(0.3 + 0.7 * q + 0.1),
    register: flag(0.5 + 0.6 * q),
    archive: flag(0.2 + 0.8 * q),
    checkReport: flag(0.1 + 0.9 * q),
    examReward: flag(q - 0.1),
    bonus: q > 0.8 && flag(0.35) ? rng.int(1, 3) : 0,
    veto: org.vetoes ? org.vetoes.some((v) => v.unit === unit.code && v.year === year) : q < 0.3 && flag(0.05),
  };
}
