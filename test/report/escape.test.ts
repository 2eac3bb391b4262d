import { describe, expect, it } from 'vitest';
import { escapeHtml, formulaSafe, jsonForScript, safeFileName } from '../../src/report/escape.js';
import { toCsv } from '../../src/report/export-tables.js';

describe('escaping', () => {
  it('escapes HTML text and attributes', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">&\'')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;');
  });

  it('keeps JSON for a script element free of </script>, <!--, & and line separators', () => {
    const s = jsonForScript({ a: '</script><!-- & \u2028\u2029' });
    expect(s).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(s)).toEqual({ a: '</script><!-- & \u2028\u2029' });
  });

  it('makes unit ids safe file names', () => {
    for (const id of ['../etc/passwd', 'a b', 'C:\\x', '.hidden', '单位1', '']) {
      const f = safeFileName(id);
      expect(f).toMatch(/^[A-Za-z0-9_~-]+$/);
    }
    expect(safeFileName('JH101')).toBe('JH101');
    expect(safeFileName('a/b')).not.toBe(safeFileName('a_b'));
  });

  it('neutralises formula-like CSV cells and quotes separators', () => {
    expect(formulaSafe('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(formulaSafe('-1')).toBe("'-1");
    expect(formulaSafe('学习')).toBe('学习');
    const csv = toCsv([{ column_name: 'a', column_type: 'VARCHAR' }, { column_name: 'n', column_type: 'DOUBLE' }],
      [{ a: 'x,"y"', n: -1.5 }, { a: '@cmd', n: null }]);
    expect(csv).toBe('\uFEFFa,n\r\n"x,""y""",-1.5\r\n\'@cmd,\r\n');
  });
});
