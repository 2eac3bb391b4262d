import { describe, expect, it } from 'vitest';
import { COLUMNS, KINDS, normaliseHeader } from '../../src/domain/kinds.js';
import { headerMaps, headerScorer, mapHeaders } from '../../src/ingest/map-headers.js';

const where = { file: 'x.csv', sheet: null, headerRow: 1 };

describe('header aliases', () => {
  it('every built-in alias of every kind maps to its canonical column, and to only one', () => {
    for (const kind of KINDS) {
      const seen = new Map<string, string>();
      for (const col of COLUMNS[kind]) {
        for (const alias of col.aliases) {
          const key = normaliseHeader(alias);
          expect(seen.get(key) ?? col.name, `${kind}: “${alias}” claimed twice`).toBe(col.name);
          seen.set(key, col.name);
          const { map } = mapHeaders(kind, ['无关列', alias], {}, where);
          expect(map.columns.get(col.name), `${kind}.${col.name} ← ${alias}`).toBe(1);
        }
      }
    }
  });

  it('ignores full-width brackets, spaces and case', () => {
    const { map } = mapHeaders('attendance', ['  单位名称 ', '日期', '学习形式', '时长（小时）', '是否出勤', 'TOPIC'], {}, where);
    expect(Object.fromEntries(map.columns)).toEqual({ unit_name: 0, date: 1, session_type: 2, hours: 3, status: 4, topic: 5 });
  });

  it('a source can add its own aliases, and they win', () => {
    const { map } = mapHeaders('attendance', ['支部', '学习日', '形式', '到会情况'], { unit_name: ['支部'], date: ['学习日'], session_type: ['形式'], status: ['到会情况'] }, where);
    expect(map.columns.get('status')).toBe(3);
  });

  it('names every missing required column with the accepted headers', () => {
    const { issues } = mapHeaders('exams', ['单位名称', '姓名', '成绩'], {}, { file: 'e.xlsx', sheet: 'Q1', headerRow: 3 });
    expect(issues.map((i) => i.message.match(/“(.+?)”/)?.[1])).toEqual(['考试名称', '考试日期', '满分']);
    expect(issues[0]).toMatchObject({ file: 'e.xlsx[Q1]', row: 3, code: 'missing_column' });
  });

  it('scores a title row lower than the header row', () => {
    const score = headerScorer('attendance', {});
    expect(score(['2025年度学习考勤登记表'])).toBe(0);
    expect(score(['单位名称', '姓名', '日期', '学习形式', '时长', '是否出勤'])).toBe(6);
  });
});

describe('every header accounted for', () => {
  const at = { file: 'a.csv', sheet: null, headerRow: 2 };

  it('records each header and what it became, in order (unused = null, 序号 ignored)', () => {
    const { map, issues } = mapHeaders('attendance', ['序号', '单位名称', '姓名', '日期', '学习形式', '出勤情况', '学习心得'], {}, at);
    expect(issues).toEqual([]);
    expect(map.uses).toEqual([
      { header: '序号', column: null, ignored: true },
      { header: '单位名称', column: 'unit_name' },
      { header: '姓名', column: 'person_name' },
      { header: '日期', column: 'date' },
      { header: '学习形式', column: 'session_type' },
      { header: '出勤情况', column: 'status' },
      { header: '学习心得', column: null },
    ]);
  });

  it('two headers for one column are an error naming both cells (letters and text) and the ignore:/columns: fix', () => {
    const { map, issues } = mapHeaders('attendance', ['单位名称', '日期', '学习形式', '出勤情况', '活动日期'], {}, at);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', code: 'duplicate_column', file: 'a.csv', row: 2, column: 5 });
    expect(issues[0].message).toContain('第 B 列“日期”与第 E 列“活动日期”都是“日期”列');
    expect(issues[0].message).toContain('column B “日期” and column E “活动日期” are both “date”');
    expect(issues[0].message).toContain('ignore: [活动日期]');
    expect(issues[0].message).toContain('date: [日期]');
    expect(map.columns.has('date')).toBe(false); // neither is read
  });

  it('the same header text twice is an error that says to rename one (ignore: would drop both)', () => {
    const { issues } = mapHeaders('attendance', ['单位名称', '日期', '学习形式', '出勤情况', '日期'], {}, at);
    expect(issues.map((i) => i.code)).toEqual(['duplicate_column']);
    expect(issues[0].message).toContain('第 B 列“日期”与第 E 列“日期”');
    expect(issues[0].message).toContain('rename one of them in the file');
    // An unread header twice as well: it would be one profile metric, or hide the other.
    const twice = mapHeaders('attendance', ['单位名称', '日期', '学习形式', '出勤情况', '心得', '心得'], {}, at).issues;
    expect(twice).toHaveLength(1);
    expect(twice[0]).toMatchObject({ code: 'duplicate_column', column: 6 });
    expect(twice[0].message).toContain('column E “心得” and column F “心得” have the same header');
    // Remarks twice are left unread anyway: no error.
    expect(mapHeaders('attendance', ['单位名称', '日期', '学习形式', '出勤情况', '备注', '备注'], {}, at).issues).toEqual([]);
  });

  it('the fixes the message names work: ignore: drops one, columns: chooses one', () => {
    const headers = ['单位名称', '日期', '学习形式', '出勤情况', '活动日期'];
    const ignored = mapHeaders('attendance', headers, {}, at, ['活动日期']);
    expect(ignored.issues).toEqual([]);
    expect(ignored.map.columns.get('date')).toBe(1);
    expect(ignored.map.uses[4]).toEqual({ header: '活动日期', column: null, ignored: true });
    const chosen = mapHeaders('attendance', headers, { date: ['活动日期'] }, at);
    expect(chosen.issues).toEqual([]);
    expect(chosen.map.columns.get('date')).toBe(4);
    expect(chosen.map.uses[1]).toEqual({ header: '日期', column: null });
  });

  it('a two-level group whose parent names a category column gives choices (出勤情况 over 出席/缺席/请假)', () => {
    const headers = ['单位名称', '姓名', '日期', '学习形式', '出勤情况/出席', '出勤情况/缺席', '出勤情况/请假'];
    const { map, issues } = mapHeaders('attendance', headers, {}, at);
    expect(issues).toEqual([]); // status is required: the group satisfies it
    expect(map.columns.has('status')).toBe(false);
    expect(map.choices.get('status')).toEqual([{ index: 4, value: '出席' }, { index: 5, value: '缺席' }, { index: 6, value: '请假' }]);
    expect(map.uses[5]).toEqual({ header: '出勤情况/缺席', column: 'status', value: '缺席' });
  });

  it('other two-level headers: joined text, then the sub-header, then a lone parent', () => {
    const headers = ['基本信息/单位名称', '基本信息/姓名', '日期', '学习形式', '出勤情况', '时长/小时', '主讲/姓名x'];
    const { map, issues } = mapHeaders('attendance', headers, {}, at);
    expect(issues).toEqual([]);
    expect(Object.fromEntries(map.columns)).toEqual({ unit_name: 0, person_name: 1, date: 2, session_type: 3, status: 4, hours: 5 });
    expect(map.uses[6]).toEqual({ header: '主讲/姓名x', column: null });
  });

  it('a plain column and a group for the same column are a duplicate', () => {
    const { issues } = mapHeaders('attendance', ['单位名称', '日期', '学习形式', '出勤情况', '出勤情况/出席', '出勤情况/缺席'], {}, at);
    expect(issues.map((i) => i.code)).toEqual(['duplicate_column']);
  });

  it('unit_profile headers name the metric they load as', () => {
    const { map } = mapHeaders('unit_profile', ['单位名称', '年度', '党员人数', '志愿服务时长', '备注'], {}, at);
    expect(map.uses.slice(2)).toEqual([
      { header: '党员人数', column: null, metric: 'members' },
      { header: '志愿服务时长', column: null, metric: '志愿服务时长' },
      { header: '备注', column: null, ignored: true },
    ]);
  });

  it('headerMaps gives one entry per sheet, as stored in manifest.header_map', () => {
    const maps = headerMaps('publications', [{ file: 'p.xlsx', sheet: 'S1', headerRow: 3, headers: ['单位名称', '题目', '级别', '日期', '审核意见'] }], { columns: {}, ignore: [] });
    expect(maps).toEqual([{ sheet: 'S1', header_row: 3, headers: [
      { header: '单位名称', column: 'unit_name' }, { header: '题目', column: 'title' }, { header: '级别', column: 'level' },
      { header: '日期', column: 'date' }, { header: '审核意见', column: null },
    ] }]);
  });
});

describe('aliases from real exports', () => {
  const at = { file: 'a.csv', sheet: null, headerRow: 1 };
  it.each([
    ['units', '单位编号', 'unit_code'],
    ['units', '上级党组织', 'parent'],
    ['research_reports', '采用级别', 'adoption_level'],
    ['research_reports', '采用情况', 'adoption_level'],
    ['research_reports', '采纳情况', 'adoption_level'],
    ['research_reports', '采用程度', 'adoption_extent'],
    ['attendance', '签到情况', 'status'],
    ['attendance', '会议日期', 'date'],
    ['exams', '考试时间', 'date'],
    ['members', '所在党支部', 'unit_name'],
  ] as const)('%s: %s → %s', (kind, header, column) => {
    expect(mapHeaders(kind, ['x', header], {}, at).map.columns.get(column)).toBe(1);
  });

  it('单位编号 in a unit list is the code, so the name column stays the name', () => {
    const { map } = mapHeaders('units', ['单位编号', '单位名称', '上级单位'], {}, at);
    expect(Object.fromEntries(map.columns)).toEqual({ unit_code: 0, unit_name: 1, parent: 2 });
  });
});
