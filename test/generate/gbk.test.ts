import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeGbk, gbkTable } from '../../src/generate/gbk.js';
import { writeCsv } from '../../src/generate/write-csv.js';

const gb18030 = new TextDecoder('gb18030');

describe('GBK encoder', () => {
  it('inverts the decoder for every two-byte code (first code wins)', () => {
    const t = gbkTable();
    let mapped = 0;
    for (let cp = 0x80; cp < 0x10000; cp++) {
      if (!t[cp]) continue;
      mapped++;
      const bytes = new Uint8Array([t[cp] >> 8, t[cp] & 0xff]);
      expect(new TextDecoder('gbk').decode(bytes).charCodeAt(0)).toBe(cp);
    }
    expect(mapped).toBeGreaterThan(21_000);
  });

  it('encodes the text of the exports so that GB18030 decodes it back', () => {
    const text = '中国人民银行江海市中心支行,学习《中国共产党章程》,时长（小时）,２,√,×,\u3000出席,1.5小时,2025年3月5日\r\n';
    const bytes = encodeGbk(text);
    expect(gb18030.decode(bytes)).toBe(text);
    expect([...bytes.subarray(0, 2)]).toEqual([0xd6, 0xd0]); // 中
  });

  it('refuses characters outside GBK', () => {
    expect(() => encodeGbk('学习😀')).toThrow(/no GBK code/);
  });

  it('writes GBK CSV that decodes to the intended rows', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gen-gbk-')), 'a.csv');
    await writeCsv(file, 'gbk', ['单位名称', '学习内容'], [['青石县支行', '读书分享,交流研讨'], ['国库科', '说"好"']]);
    expect(gb18030.decode(readFileSync(file))).toBe('单位名称,学习内容\r\n青石县支行,"读书分享,交流研讨"\r\n国库科,"说""好"""\r\n');
  });
});
