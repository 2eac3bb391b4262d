/**
 * How facts look in an export: header variants (only aliases listed in
 * `src/domain/kinds.ts`, changing between years as real templates do) and the
 * free-text forms of values (date forms, 1.5小时, √/×, full-width digits and
 * spaces). Renderers turn one fact into one row of cells for a header variant.
 */
import { excelSerial, formatDate, toDate, yearOf, DATE_FORMS, type DateForm } from './calendar.js';
import type { AttendanceFact, ExamFact, ProfileFact, PublicationFact, ReportFact, Status } from './facts.js';
import { unitName, type Unit } from './org.js';
import type { Rng } from './random.js';
import type { Cell } from './write-csv.js';

export type Target = 'csv' | 'xlsx';
type Columns<K extends string> = readonly (readonly [header: string, key: K])[];

// ---------- attendance

export type AttendanceKey = 'unit' | 'id' | 'name' | 'date' | 'type' | 'topic' | 'hours' | 'minutes' | 'status' | 'presenter' | 'partner';

/** County sub-branch registers (one variant per year, cycling). */
export const COUNTY_ATTENDANCE: Columns<AttendanceKey>[] = [
  [['单位名称', 'unit'], ['工号', 'id'], ['姓名', 'name'], ['学习日期', 'date'], ['学习形式', 'type'], ['学习内容', 'topic'], ['学时', 'hours'], ['出勤情况', 'status'], ['主讲人', 'presenter'], ['联学单位', 'partner']],
  [['所在支部', 'unit'], ['员工号', 'id'], ['姓名', 'name'], ['活动日期', 'date'], ['活动类型', 'type'], ['主题', 'topic'], ['时长（小时）', 'hours'], ['是否出勤', 'status'], ['领学人', 'presenter'], ['共建单位', 'partner']],
  [['单位名称', 'unit'], ['人员编号', 'id'], ['党员姓名', 'name'], ['日期', 'date'], ['学习类型', 'type'], ['学习内容', 'topic'], ['时长', 'hours'], ['签到', 'status'], ['主讲人', 'presenter'], ['联学单位', 'partner']],
  [['单位', 'unit'], ['工号', 'id'], ['姓名', 'name'], ['学习日期', 'date'], ['学习形式', 'type'], ['学习主题', 'topic'], ['学习时长', 'hours'], ['出勤情况', 'status'], ['主持人', 'presenter'], ['联学单位', 'partner']],
  [['单位名称', 'unit'], ['工号', 'id'], ['姓名', 'name'], ['日期', 'date'], ['学习形式', 'type'], ['学习内容', 'topic'], ['时长（小时）', 'hours'], ['考勤', 'status'], ['主讲人', 'presenter'], ['联学单位', 'partner']],
];

/** Department (机关科室) registers; the second keeps time in minutes. */
export const DEPARTMENT_ATTENDANCE: Columns<AttendanceKey>[] = [
  [['部门', 'unit'], ['工号', 'id'], ['姓名', 'name'], ['日期', 'date'], ['学习形式', 'type'], ['学习内容', 'topic'], ['时长（小时）', 'hours'], ['出勤情况', 'status'], ['主讲人', 'presenter'], ['联学单位', 'partner']],
  [['科室', 'unit'], ['工号', 'id'], ['姓名', 'name'], ['学习时间', 'date'], ['会议类型', 'type'], ['内容', 'topic'], ['时长（分钟）', 'minutes'], ['状态', 'status'], ['主讲人', 'presenter'], ['共建单位', 'partner']],
  [['支部名称', 'unit'], ['职工编号', 'id'], ['姓名', 'name'], ['日期', 'date'], ['学习形式', 'type'], ['学习内容', 'topic'], ['学时', 'hours'], ['出勤', 'status'], ['领学人', 'presenter'], ['联学单位', 'partner']],
  [['单位名称', 'unit'], ['工号', 'id'], ['姓名', 'name'], ['学习日期', 'date'], ['学习形式', 'type'], ['学习内容', 'topic'], ['时长（小时）', 'hours'], ['出勤情况', 'status'], ['主讲人', 'presenter'], ['联学单位', 'partner']],
  [['单位名称', 'unit'], ['人员编号', 'id'], ['人员姓名', 'name'], ['活动日期', 'date'], ['学习类型', 'type'], ['主题', 'topic'], ['学习时长', 'hours'], ['签到', 'status'], ['主讲人', 'presenter'], ['共建单位', 'partner']],
];

const STATUS_WORDS: Record<Unit['style']['status'], Record<Status, string>> = {
  word: { present: '出席', absent: '缺席', leave: '请假', late: '迟到', makeup: '补学' },
  tick: { present: '√', absent: '×', leave: '请假', late: '迟到', makeup: '补学' },
  yesno: { present: '是', absent: '否', leave: '请假', late: '迟到', makeup: '补学' },
};

/** ASCII digits → full-width (２, １０). */
export function fullWidthDigits(s: string): string {
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
}

/** Occasionally pad with an ideographic space (全角空格), as pasted text often is. */
function pad(s: string, rng: Rng, p = 0.01): string {
  if (!rng.chance(p)) return s;
  return rng.chance(0.5) ? `\u3000${s}` : `${s}\u3000`;
}

/** A date as a clerk typed it: the unit's usual form, sometimes another; in xlsx mostly real dates, a few serials. */
export function renderDate(day: number, form: DateForm, target: Target, rng: Rng): Cell {
  if (target === 'xlsx') {
    const r = rng.next();
    if (r < 0.01) return excelSerial(day);
    if (r < 0.1) return formatDate(day, rng.pick(DATE_FORMS));
    return toDate(day);
  }
  return formatDate(day, rng.chance(0.06) ? rng.pick(DATE_FORMS) : form);
}

function renderHours(h: number, style: Unit['style'], target: Target, rng: Rng): Cell {
  if (Number.isInteger(h) && rng.chance(0.02)) return fullWidthDigits(String(h));
  switch (style.hours) {
    case 'plain':
      return target === 'xlsx' ? h : String(h);
    case 'suffix':
      return `${h}小时`;
    case 'h':
      return `${h}h`;
  }
}

export function renderAttendance(f: AttendanceFact, cols: Columns<AttendanceKey>, target: Target, rng: Rng): Cell[] {
  const year = yearOf(f.session.day);
  return cols.map(([, key]) => {
    switch (key) {
      case 'unit':
        return unitName(f.unit, year);
      case 'id':
        return f.member.id;
      case 'name':
        return pad(f.member.name, rng);
      case 'date':
        return renderDate(f.session.day, f.unit.style.dateForm, target, rng);
      case 'type':
        return f.session.type;
      case 'topic':
        return f.session.topic;
      case 'hours':
        return renderHours(f.session.hours, f.unit.style, target, rng);
      case 'minutes': {
        const m = Math.round(f.session.hours * 60);
        return rng.chance(0.05) ? `${m}分钟` : target === 'xlsx' ? m : String(m);
      }
      case 'status':
        return pad(STATUS_WORDS[f.unit.style.status][f.status], rng);
      case 'presenter':
        return f.session.presenter;
      case 'partner':
        return f.session.partner ? unitName(f.session.partner, year) : null;
    }
  });
}

// ---------- unit profile

export type ProfileKey =
  | 'unit' | 'year' | 'members' | 'leaders' | 'budget_yuan' | 'budget_wan' | 'rooms' | 'research_days'
  | 'plan' | 'register' | 'archive' | 'check' | 'reward' | 'bonus' | 'deduction' | 'veto';

export const PROFILE: { cols: Columns<ProfileKey>; yes: string; no: string }[] = [
  {
    cols: [['单位名称', 'unit'], ['年度', 'year'], ['党员人数', 'members'], ['领导干部人数', 'leaders'], ['学习经费（元）', 'budget_yuan'], ['学习室数量', 'rooms'], ['基层调研天数', 'research_days'], ['年度学习计划', 'plan'], ['考勤制度', 'register'], ['学习档案', 'archive'], ['检查通报', 'check'], ['考学评学奖学', 'reward'], ['加分', 'bonus'], ['扣分', 'deduction'], ['一票否决', 'veto']],
    yes: '是',
    no: '否',
  },
  {
    cols: [['单位', 'unit'], ['年份', 'year'], ['在册党员数', 'members'], ['班子成员数', 'leaders'], ['学习经费（万元）', 'budget_wan'], ['学习场所', 'rooms'], ['调研天数', 'research_days'], ['年度学习计划', 'plan'], ['考勤登记制度', 'register'], ['学习档案', 'archive'], ['定期检查通报', 'check'], ['考学评学奖学制度', 'reward'], ['加分分值', 'bonus'], ['通报扣分', 'deduction'], ['否决事项', 'veto']],
    yes: '有',
    no: '无',
  },
  {
    cols: [['党组织名称', 'unit'], ['考核年度', 'year'], ['党员数', 'members'], ['中心组成员数', 'leaders'], ['学习培训经费（元）', 'budget_yuan'], ['学习室', 'rooms'], ['基层调研天数', 'research_days'], ['年度学习计划', 'plan'], ['考勤制度', 'register'], ['学习档案', 'archive'], ['检查通报', 'check'], ['考学评学奖学', 'reward'], ['加分', 'bonus'], ['扣分', 'deduction'], ['一票否决', 'veto']],
    yes: '√',
    no: '×',
  },
];

export function renderProfile(p: ProfileFact, variant: (typeof PROFILE)[number]): Cell[] {
  const flag = (b: boolean) => (b ? variant.yes : variant.no);
  return variant.cols.map(([, key]) => {
    switch (key) {
      case 'unit': return unitName(p.unit, p.year);
      case 'year': return p.year;
      case 'members': return p.members;
      case 'leaders': return p.leaders;
      case 'budget_yuan': return p.budgetYuan;
      case 'budget_wan': return Math.round(p.budgetYuan / 100) / 100;
      case 'rooms': return p.rooms;
      case 'research_days': return p.researchDays;
      case 'plan': return flag(p.plan);
      case 'register': return flag(p.register);
      case 'archive': return flag(p.archive);
      case 'check': return flag(p.checkReport);
      case 'reward': return flag(p.examReward);
      case 'bonus': return p.bonus;
      case 'deduction': return p.deduction;
      case 'veto': return flag(p.veto);
    }
  });
}

// ---------- exams

export type ExamKey = 'unit' | 'id' | 'name' | 'exam' | 'date' | 'score' | 'full' | 'pass' | 'attempt';

export const EXAMS: { cols: Columns<ExamKey>; title: boolean }[] = [
  { cols: [['单位名称', 'unit'], ['工号', 'id'], ['姓名', 'name'], ['考试名称', 'exam'], ['考试日期', 'date'], ['成绩', 'score'], ['满分', 'full'], ['考试次数', 'attempt']], title: false },
  { cols: [['所在单位', 'unit'], ['员工号', 'id'], ['姓名', 'name'], ['测试名称', 'exam'], ['测试日期', 'date'], ['得分', 'score'], ['总分', 'full'], ['及格线', 'pass'], ['第几次', 'attempt']], title: true },
  { cols: [['单位名称', 'unit'], ['工号', 'id'], ['人员姓名', 'name'], ['考试名称', 'exam'], ['日期', 'date'], ['分数', 'score'], ['试卷总分', 'full'], ['及格分', 'pass'], ['考试次数', 'attempt']], title: true },
];

export function renderExam(e: ExamFact, year: number, cols: Columns<ExamKey>, rng: Rng): Cell[] {
  return cols.map(([, key]) => {
    switch (key) {
      case 'unit': return unitName(e.unit, year);
      case 'id': return e.member.id;
      case 'name': return pad(e.member.name, rng);
      case 'exam': return e.exam;
      case 'date': return renderDate(e.day, 'iso', 'xlsx', rng);
      case 'score': return e.score;
      case 'full': return e.fullMark;
      case 'pass': return e.passMark;
      case 'attempt': return e.attempt;
    }
  });
}

// ---------- publications

export type PublicationKey = 'unit' | 'author' | 'title' | 'venue' | 'level' | 'date' | 'kind';

export const PUBLICATIONS: Columns<PublicationKey>[] = [
  [['单位名称', 'unit'], ['作者', 'author'], ['题目', 'title'], ['刊物名称', 'venue'], ['刊物级别', 'level'], ['发表时间', 'date'], ['类别', 'kind']],
  [['单位', 'unit'], ['第一作者', 'author'], ['篇名', 'title'], ['发表刊物', 'venue'], ['级别', 'level'], ['发表日期', 'date'], ['文章类别', 'kind']],
  [['所在单位', 'unit'], ['署名', 'author'], ['文章名称', 'title'], ['报刊名称', 'venue'], ['发表级别', 'level'], ['发表时间', 'date'], ['类别', 'kind']],
];

export function renderPublication(p: PublicationFact, year: number, cols: Columns<PublicationKey>, rng: Rng): Cell[] {
  return cols.map(([, key]) => {
    switch (key) {
      case 'unit': return unitName(p.unit, year);
      case 'author': return p.author.name;
      case 'title': return rng.chance(0.3) ? `《${p.title}》` : p.title;
      case 'venue': return p.venue;
      case 'level': return p.level;
      case 'date': return renderDate(p.day, p.unit.style.dateForm, 'csv', rng);
      case 'kind': return p.kind;
    }
  });
}

// ---------- research reports

export type ReportKey = 'unit' | 'author' | 'leader' | 'title' | 'date' | 'adoption' | 'extent' | 'kind';

export const REPORTS: Columns<ReportKey>[] = [
  [['单位名称', 'unit'], ['课题负责人', 'author'], ['是否领导干部', 'leader'], ['调研题目', 'title'], ['完成时间', 'date'], ['采纳层级', 'adoption'], ['类别', 'kind']],
  [['单位名称', 'unit'], ['执笔人', 'author'], ['领导干部', 'leader'], ['报告名称', 'title'], ['完成日期', 'date'], ['采用情况', 'adoption'], ['采用方式', 'extent'], ['成果类型', 'kind']],
];

export function renderReport(r: ReportFact, year: number, cols: Columns<ReportKey>, rng: Rng): Cell[] {
  return cols.map(([, key]) => {
    switch (key) {
      case 'unit': return unitName(r.unit, year);
      case 'author': return r.author.name;
      case 'leader': return r.isLeader ? '是' : '否';
      case 'title': return r.title;
      case 'date': return renderDate(r.day, r.unit.style.dateForm, 'csv', rng);
      case 'adoption': return r.adoption;
      case 'extent': return r.extent;
      case 'kind': return r.kind;
    }
  });
}
