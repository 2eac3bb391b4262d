/** GBK landed as latin-1: the text decoder used for headers and DuckDB's messages. */
import { describe, expect, it } from 'vitest';
import { decodeLatin1Gbk } from '../../src/ingest/read-csv-gbk.js';
import { gbk } from '../helpers/bundle.js';

const asLanded = (text: string) => gbk(text).toString('latin1');

describe('decodeLatin1Gbk', () => {
  it('decodes GBK text read as latin-1, ASCII around it included', () => {
    expect(decodeLatin1Gbk(asLanded('出勤情况'))).toBe('出勤情况');
    expect(decodeLatin1Gbk(`line 3: ${asLanded('一支部,张三,"集中,学习"')} has 4 columns`)).toBe('line 3: 一支部,张三,"集中,学习" has 4 columns');
  });

  it('leaves ASCII and text that is not latin-1 (already decoded) alone', () => {
    expect(decodeLatin1Gbk('2025-03-05')).toBe('2025-03-05');
    expect(decodeLatin1Gbk('出勤')).toBe('出勤');
  });
});
