/**
 * The organisation behind a bundle: units (with names that change over time),
 * their members (with dated stints, so movers and part-year members exist) and
 * the unit registry. Two builders: the fixed 江海市 sample organisation and a
 * synthetic one of any size. Facts are generated from this in `facts.ts`.
 */
import { dayOf, firstDay, lastDay, type DateForm, DATE_FORMS } from './calendar.js';
import { DEPARTMENTS, personName, placeName } from './names.js';
import type { Rng } from './random.js';

export type UnitType = 'city' | 'county' | 'department';

/** How a unit keeps its register (fixed per unit, as one clerk keeps it). */
export interface UnitStyle {
  dateForm: DateForm;
  status: 'word' | 'tick' | 'yesno';
  hours: 'plain' | 'suffix' | 'h';
}

export interface Unit {
  code: string;
  type: UnitType;
  /** Names by first year of use, ascending; the first entry applies before it too. */
  names: { from: number; name: string }[];
  /** Parent unit code (null for the root). */
  parent: string | null;
  validFrom?: number;
  validTo?: number;
  /**
   * Quality in the first year, its change per year, and this unit's ups and downs around the trend
   * by year (a good year, a bad year); drives every fact (see `facts.ts`).
   */
  quality: { base: number; trend: number; swing?: Record<number, number> };
  /** Planned members when the unit starts. */
  size: number;
  /** Paired unit for joint study (结对联学共建). */
  partner?: string;
  style: UnitStyle;
}

export interface Stint {
  unit: string;
  role: string;
  from: number;
  /** Last day in the unit; null while still there. */
  to: number | null;
}

export interface Member {
  id: string;
  name: string;
  stints: Stint[];
}

export interface RegistryEvent {
  oldName: string;
  newName: string;
  year: number;
  event: '更名';
}

/** A scripted 扣分 entered in the unit profile; `asNegativeBonus`: the office typed it as 加分 −points. */
export interface Deduction {
  unit: string;
  year: number;
  points: number;
  asNegativeBonus?: boolean;
}

export interface Org {
  years: [number, number];
  root: Unit;
  /** Units that report facts (every unit but the root). */
  units: Unit[];
  members: Member[];
  registry: RegistryEvent[];
  /** Scripted 一票否决 (unit code, year); when absent, weak units draw one by chance. */
  vetoes?: { unit: string; year: number }[];
  /** Scripted 扣分 (deduction points); when absent, nobody has any. */
  deductions?: Deduction[];
  /** Scripted 加分 (bonus points); when absent, strong units draw some by chance. */
  honours?: { unit: string; year: number; points: number }[];
}

const LEADER_ROLES = new Set(['行长', '副行长', '科长', '副科长']);
const ROLES: Record<UnitType, string[]> = {
  city: [],
  county: ['行长', '副行长', '副行长', '支部委员'],
  department: ['科长', '副科长', '支部委员'],
};

export function isLeader(role: string): boolean {
  return LEADER_ROLES.has(role);
}

export function unitName(unit: Unit, year: number): string {
  let name = unit.names[0].name;
  for (const n of unit.names) if (n.from <= year) name = n.name;
  return name;
}

export function isActive(unit: Unit, year: number): boolean {
  return (unit.validFrom ?? -Infinity) <= year && year <= (unit.validTo ?? Infinity);
}

export function quality(unit: Unit, year: number, org: Org): number {
  const q = unit.quality.base + unit.quality.trend * (year - org.years[0]) + (unit.quality.swing?.[year] ?? 0);
  return Math.min(0.98, Math.max(0.05, q));
}

/** The stint of `member` in `unit` covering `day`, if any. */
export function stintOn(member: Member, unit: string, day: number): Stint | undefined {
  return member.stints.find((s) => s.unit === unit && s.from <= day && (s.to === null || day <= s.to));
}

const byUnitCache = new WeakMap<Member[], Map<string, Member[]>>();

/** Members who ever had a stint in `unit` (indexed once per member list). */
function everIn(org: Org, unit: string): Member[] {
  let index = byUnitCache.get(org.members);
  if (!index) {
    index = new Map();
    for (const m of org.members) {
      for (const code of new Set(m.stints.map((s) => s.unit))) {
        const list = index.get(code);
        if (list) list.push(m);
        else index.set(code, [m]);
      }
    }
    byUnitCache.set(org.members, index);
  }
  return index.get(unit) ?? [];
}

/** Members with a stint in `unit` overlapping `year`, in roster order. */
export function membersInYear(org: Org, unit: Unit, year: number): Member[] {
  const a = firstDay(year);
  const b = lastDay(year);
  return everIn(org, unit.code).filter((m) => m.stints.some((s) => s.unit === unit.code && s.from <= b && (s.to === null || s.to >= a)));
}

function randomStyle(rng: Rng): UnitStyle {
  return {
    dateForm: rng.pick(DATE_FORMS),
    status: rng.weighted([['word', 5], ['tick', 3], ['yesno', 2]] as const),
    hours: rng.weighted([['plain', 6], ['suffix', 3], ['h', 1]] as const),
  };
}

// ---------- the 江海市 sample organisation

/**
 * Quality (0–1) of each sample unit in 2021, and its change per year. Calibrated so that, with the default
 * trees and grading, each year looks like an announcement: the best 3–5 units meet the sourced standards and
 * score 85+, most land between 60 and 85, and only the two weak units (柳塘, 国库科) fall near or below 60
 * (data-samples/README.md "Calibration" has the measured spread). Roughly, composite ≈ 35 + 60 × quality.
 */
const SAMPLE_COUNTIES: { name: string; q: number; trend?: number; renamed?: string; note?: string }[] = [
  { name: '江海县支行', q: 0.76, renamed: '江海区支行' },
  { name: '青石县支行', q: 0.86 },
  { name: '柳塘县支行', q: 0.22, note: 'weak throughout' },
  { name: '云溪县支行', q: 0.7 },
  { name: '东港县支行', q: 0.92, trend: -0.075, note: 'declining every year' },
  { name: '南湖县支行', q: 0.93 },
  { name: '石桥县支行', q: 0.54, trend: 0.08, note: 'improving' },
];
/** The departments of `DEPARTMENTS` (plus the one created in 2023) in the same order. */
const SAMPLE_DEPARTMENTS: { q: number; note?: string }[] = [
  { q: 0.8 }, // 办公室
  { q: 0.72 }, // 货币信贷科
  { q: 0.64 }, // 会计财务科
  { q: 0.76 }, // 金融稳定科
  { q: 0.88 }, // 调查统计科
  { q: 0.84 }, // 支付结算科
  { q: 0.3, note: 'weak throughout' }, // 国库科
  { q: 0.68 }, // 货币金银科
  { q: 0.62 }, // 外汇管理科
  { q: 0.66 }, // 征信管理科
  { q: 0.74 }, // 反洗钱科
  { q: 0.62 }, // 人事科
  { q: 0.78 }, // 金融科技科 (from 2023)
];
/** Spread of a unit's good and bad years around its trend (so ranks move a little every year). */
const SAMPLE_SWING_SD = 0.02;
export const SAMPLE_RENAME_YEAR = 2023;
export const SAMPLE_NEW_UNIT = { name: '金融科技科', from: 2023 };
export const SAMPLE_VETO_YEAR = 2024;
/**
 * 扣分 in the unit profile (通报批评 and the like): a few units a year, and one office (征信管理科, 2025)
 * that types its 扣分 into the 加分 column as −3, as offices do.
 */
const SAMPLE_DEDUCTIONS: { name: string; year: number; points: number; asNegativeBonus?: boolean }[] = [
  { name: '东港县支行', year: 2023, points: 2 },
  { name: '货币金银科', year: 2024, points: 2 },
  { name: '东港县支行', year: 2025, points: 3 },
  { name: '人事科', year: 2025, points: 2 },
  { name: '征信管理科', year: 2025, points: 3, asNegativeBonus: true },
];

/** 加分 in the unit profile (honours, adopted experience; 1–3 points): two to four strong units a year. */
const SAMPLE_HONOURS: { name: string; year: number; points: number }[] = [
  { name: '青石县支行', year: 2021, points: 3 },
  { name: '办公室', year: 2021, points: 2 },
  { name: '东港县支行', year: 2021, points: 1 },
  { name: '南湖县支行', year: 2022, points: 2 },
  { name: '支付结算科', year: 2022, points: 2 },
  { name: '调查统计科', year: 2023, points: 1 },
  { name: '金融科技科', year: 2023, points: 3 },
  { name: '江海区支行', year: 2023, points: 2 },
  { name: '南湖县支行', year: 2024, points: 2 },
  { name: '石桥县支行', year: 2024, points: 1 },
  { name: '支付结算科', year: 2025, points: 2 },
  { name: '石桥县支行', year: 2025, points: 3 },
  { name: '调查统计科', year: 2025, points: 1 },
  { name: '金融稳定科', year: 2025, points: 2 },
];

/** Notes on the sample units whose story matters (shown in data-samples/README.md). */
export const SAMPLE_NOTES: Record<string, string> = Object.fromEntries(
  [...SAMPLE_COUNTIES.map((c) => [c.renamed ?? c.name, c.note]), ...[...DEPARTMENTS, '金融科技科'].map((name, i) => [name, SAMPLE_DEPARTMENTS[i].note])].filter(
    (e): e is [string, string] => e[1] !== undefined,
  ),
);

function swings(rng: Rng, years: [number, number]): Record<number, number> {
  const out: Record<number, number> = {};
  for (let y = years[0]; y <= years[1]; y++) out[y] = Math.round(rng.normal(0, SAMPLE_SWING_SD) * 100) / 100;
  return out;
}

/** The fictional 中国人民银行江海市中心支行: 7 county sub-branches and 13 departments (one new in 2023). */
export function buildSampleOrg(rng: Rng, years: [number, number] = [2021, 2025]): Org {
  const style = rng.fork('style');
  const root: Unit = {
    code: 'JH000',
    type: 'city',
    names: [{ from: 0, name: '中国人民银行江海市中心支行' }],
    parent: null,
    quality: { base: 0.8, trend: 0 },
    size: 0,
    style: randomStyle(style),
  };
  const counties: Unit[] = SAMPLE_COUNTIES.map((c, i) => {
    const code = `JH1${String(i + 1).padStart(2, '0')}`;
    return {
      code,
      type: 'county',
      names: c.renamed
        ? [
            { from: 0, name: c.name },
            { from: SAMPLE_RENAME_YEAR, name: c.renamed },
          ]
        : [{ from: 0, name: c.name }],
      parent: root.code,
      quality: { base: c.q, trend: c.trend ?? 0, swing: swings(rng.fork(`swing:${code}`), years) },
      size: rng.int(11, 18),
      style: randomStyle(style),
    };
  });
  const deptNames = [...DEPARTMENTS, SAMPLE_NEW_UNIT.name];
  const departments: Unit[] = deptNames.map((name, i) => {
    const code = `JH2${String(i + 1).padStart(2, '0')}`;
    return {
      code,
      type: 'department',
      names: [{ from: 0, name }],
      parent: root.code,
      validFrom: name === SAMPLE_NEW_UNIT.name ? SAMPLE_NEW_UNIT.from : undefined,
      quality: { base: SAMPLE_DEPARTMENTS[i].q, trend: 0, swing: swings(rng.fork(`swing:${code}`), years) },
      size: rng.int(5, 10),
      style: randomStyle(style),
    };
  });
  // Joint study (结对联学共建): each county with a department, the remaining departments in pairs.
  const pair = (a: Unit, b: Unit) => {
    a.partner = b.code;
    b.partner = a.code;
  };
  counties.forEach((c, i) => pair(c, departments[i]));
  for (let i = counties.length; i + 1 < departments.length; i += 2) pair(departments[i], departments[i + 1]);
  const units = [...counties, ...departments];
  const registry = counties
    .filter((c) => c.names.length > 1)
    .map((c) => ({ oldName: c.names[0].name, newName: c.names[1].name, year: c.names[1].from, event: '更名' as const }));
  const byName = (name: string) => units.find((u) => u.names.some((n) => n.name === name))!;
  const weak = counties.find((c) => c.quality.base < 0.3)!;
  const deductions = SAMPLE_DEDUCTIONS.map(({ name, ...d }) => ({ unit: byName(name).code, ...d }));
  const honours = SAMPLE_HONOURS.map(({ name, ...h }) => ({ unit: byName(name).code, ...h }));
  const org: Org = { years, root, units, members: [], registry, vetoes: [{ unit: weak.code, year: SAMPLE_VETO_YEAR }], deductions, honours };
  populateMembers(org, rng.fork('members'));
  return org;
}

// ---------- a synthetic organisation of any size

/**
 * `n` units under a synthetic city: ~60 % county sub-branches (`<place>县支行`),
 * the rest departments (`<place><科室>`); names are unique by construction.
 * With two or more years, the first county is renamed (县 → 区) and the last
 * unit is created in the middle year, as in the sample.
 */
export function buildSyntheticOrg(rng: Rng, n: number, years: [number, number], membersPerUnit = 20): Org {
  const offset = rng.int(0, 999);
  const style = rng.fork('style');
  const root: Unit = {
    code: 'U00000',
    type: 'city',
    names: [{ from: 0, name: `${placeName(offset + n)}市中心支行` }],
    parent: null,
    quality: { base: 0.8, trend: 0 },
    size: 0,
    style: randomStyle(style),
  };
  const mid = years[0] + Math.ceil((years[1] - years[0]) / 2);
  const units: Unit[] = [];
  for (let i = 0; i < n; i++) {
    const { name, type } = syntheticUnit(rng, offset, i);
    const weak = rng.chance(0.1);
    const unit: Unit = {
      code: `U${String(i + 1).padStart(5, '0')}`,
      type,
      names: [{ from: 0, name }],
      parent: root.code,
      quality: {
        base: weak ? 0.2 + rng.next() * 0.15 : Math.min(0.95, Math.max(0.4, rng.normal(0.72, 0.12))),
        trend: rng.normal(0, 0.02),
      },
      size: Math.max(3, Math.round(rng.normal(membersPerUnit, membersPerUnit * 0.15))),
      style: randomStyle(style),
    };
    units.push(unit);
  }
  const registry: RegistryEvent[] = [];
  if (years[1] > years[0]) {
    const first = units[0];
    first.names.push({ from: mid, name: first.names[0].name.replace('县支行', '区支行') });
    registry.push({ oldName: first.names[0].name, newName: first.names[1].name, year: mid, event: '更名' });
    if (n > 1) units[n - 1].validFrom = mid;
  }
  for (let i = 0; i + 1 < n; i += 2) {
    units[i].partner = units[i + 1].code;
    units[i + 1].partner = units[i].code;
  }
  const org: Org = { years, root, units, members: [], registry };
  populateMembers(org, rng.fork('members'));
  return org;
}

/**
 * The i-th synthetic unit: ~60 % county sub-branches (`<place>县支行`), the rest
 * departments (`<place><科室>`). Unique because `placeName` is a bijection.
 */
export function syntheticUnit(rng: Rng, offset: number, i: number): { name: string; type: UnitType } {
  const place = placeName(offset + i);
  return i === 0 || rng.chance(0.6)
    ? { name: `${place}县支行`, type: 'county' }
    : { name: `${place}${rng.pick(DEPARTMENTS)}`, type: 'department' };
}

// ---------- members: founders, joiners, leavers and movers

/**
 * Fill `org.members`. Founders join before the period (or when their unit is
 * created); each year some units gain a joiner mid-year, a few ordinary members
 * leave, and one or two members move between units mid-year.
 */
function populateMembers(org: Org, rng: Rng): void {
  let nextId = 200_001;
  const newMember = (unit: Unit, role: string, from: number): Member => {
    const m: Member = { id: String(nextId++), name: personName(rng), stints: [{ unit: unit.code, role, from, to: null }] };
    org.members.push(m);
    return m;
  };
  const [y0, y1] = org.years;
  for (const unit of org.units) {
    const start = unit.validFrom !== undefined && unit.validFrom > y0 ? firstDay(unit.validFrom) : null;
    const roles = ROLES[unit.type];
    // A unit created in the period also takes two members from its peers (see below).
    const founders = start === null ? unit.size : Math.max(1, unit.size - 2);
    for (let k = 0; k < founders; k++) {
      const from = start ?? dayOf(rng.int(1995, y0 - 1), rng.int(1, 12), rng.int(1, 28));
      newMember(unit, roles[k] ?? '党员', from);
    }
  }
  const current = (m: Member) => m.stints[m.stints.length - 1];
  const move = (m: Member, target: Unit, day: number) => {
    current(m).to = day - 1;
    m.stints.push({ unit: target.code, role: '党员', from: day, to: null });
  };
  const settled = (m: Member, y: number) => current(m).to === null && current(m).role === '党员' && current(m).from < firstDay(y);
  for (let y = y0; y <= y1; y++) {
    const active = org.units.filter((u) => isActive(u, y));
    for (const unit of active.filter((u) => u.validFrom === y && y > y0)) {
      const peers = new Set(active.filter((u) => u.type === unit.type && u !== unit).map((u) => u.code));
      const pool = org.members.filter((m) => settled(m, y) && peers.has(current(m).unit));
      for (const m of rng.sample(pool, 2)) move(m, unit, firstDay(y));
    }
    for (const unit of active) {
      if (rng.chance(0.3)) newMember(unit, '党员', dayOf(y, rng.int(2, 11), rng.int(1, 28)));
    }
    for (const m of org.members) {
      if (settled(m, y) && rng.chance(0.03)) current(m).to = dayOf(y, rng.int(1, 12), rng.int(1, 28));
    }
    if (y === y0 || active.length < 2) continue;
    const movers = rng.int(1, 2);
    for (let k = 0; k < movers; k++) {
      const candidates = org.members.filter((m) => settled(m, y));
      if (candidates.length === 0) break;
      const m = rng.pick(candidates);
      const target = rng.pick(active.filter((u) => u.code !== current(m).unit));
      move(m, target, dayOf(y, rng.int(3, 10), 1));
    }
  }
}
