import { describe, expect, it } from 'vitest';
import { COLUMNS, KINDS, normaliseHeader } from '../../src/domain/kinds.js';
import { headerScorer, mapHeaders } from '../../src/ingest/map-headers.js';

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
