/** `yardstick template` from the command line: the files it names exist; bad input exits 1 with a message. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'ys-template-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'template', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('yardstick template', () => {
  it('writes one form per kind and says where its unit list came from', () => {
    const r = cli('exams', '--year', '2025', '--out', dir);
    expect(r).toMatchObject({ code: 0, err: '' });
    const file = join(dir, '2025年考试成绩填报模板.xlsx');
    expect(r.out.trim()).toBe(`${file}（单位名单为空，请先填写，0 个单位 / unit list left blank: fill it in first, 0 units)`);
    expect(existsSync(file)).toBe(true);
  });

  it('refuses a year that is not a year (exit 1, nothing written; an unknown kind: forms.test.ts)', () => {
    const year = cli('all', '--year', '25', '--out', join(dir, 'y'));
    expect(year.code).toBe(1);
    expect(year.err).toContain('--year must be a 4-digit year: 25');
    expect(existsSync(join(dir, 'y'))).toBe(false);
  });
});
