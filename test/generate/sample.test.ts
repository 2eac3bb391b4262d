import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { attendanceFacts } from '../../src/generate/facts.js';
import { buildSampleOrg, unitName } from '../../src/generate/org.js';
import { Rng } from '../../src/generate/random.js';
import { generateSample, SAMPLE_SEED } from '../../src/generate/sample.js';
import { DIRT_TABLE_HEADER } from '../../src/generate/sample-readme.js';
import { contentDigest, csvLines, decodeText, filesUnder, parseCsvLine, readWorkbook } from './helpers.js';

const SAMPLES = fileURLToPath(new URL('../../data-samples', import.meta.url));
const readme = () => readFileSync(join(SAMPLES, 'README.md'), 'utf8').split('\n');

/** Rows of the markdown table that starts with `header`. */
function table(lines: string[], header: string): string[][] {
  const start = lines.indexOf(header);
  expect(start, `README has a table starting ${header}`).toBeGreaterThan(-1);
  const rows: string[][] = [];
  for (let i = start + 2; i < lines.length && lines[i].startsWith('|'); i++) {
    rows.push(lines[i].slice(1, -1).split('|').map((c) => c.trim().replace(/^`|`$/g, '')));
  }
  return rows;
}

describe('data-samples', () => {
  let fresh: string;
  beforeAll(async () => {
    fresh = mkdtempSync(join(tmpdir(), 'gen-sample-'));
    await generateSample(fresh);
  });

  it('is exactly what the generator writes with the sample seed', async () => {
    const files = filesUnder(SAMPLES);
    expect(files.length).toBeGreaterThan(30);
    expect(filesUnder(fresh)).toEqual(files);
    for (const f of files) {
      const [a, b] = [join(fresh, f), join(SAMPLES, f)];
      if (readFileSync(a).equals(readFileSync(b))) continue;
      // Only workbooks may differ in bytes (another zlib build); their cells may not.
      expect(await contentDigest(a), f).toBe(await contentDigest(b));
    }
  });

  it('stays small', () => {
    const total = filesUnder(SAMPLES).reduce((a, f) => a + statSync(join(SAMPLES, f)).size, 0);
    expect(total).toBeLessThan(6_000_000);
  });

  it('lists every file with its encoding and row count', async () => {
    const files = table(readme(), '| file | kind | encoding | sheets | header row | rows |');
    expect(files.length).toBeGreaterThan(30);
    for (const [file, , encoding, , , rows] of files) {
      const path = join(SAMPLES, file);
      if (encoding === 'xlsx') {
        const wb = await readWorkbook(path);
        const headerRow = Number(files.find((f) => f[0] === file)![4]);
        const n = wb.worksheets.reduce((a, ws) => a + ws.actualRowCount - headerRow, 0);
        expect(n, file).toBe(Number(rows));
        continue;
      }
      const detected = decodeText(readFileSync(path)).encoding;
      expect(detected, file).toBe({ 'UTF-8': 'utf-8', 'UTF-8 with BOM': 'utf-8-bom', GBK: 'gbk' }[encoding]);
      const lines = csvLines(path);
      expect(lines.at(-1), `${file} ends with a newline`).toBe('');
      expect(lines.length - 2, file).toBe(Number(rows));
    }
  });

  it('has every listed piece of dirt in the listed row', async () => {
    const dirt = table(readme(), DIRT_TABLE_HEADER);
    expect(new Set(dirt.map((d) => d[0]))).toEqual(
      new Set(['unknown_status', 'unknown_unit', 'date_outside_year', 'hours_out_of_range', 'score_above_full_mark', 'duplicate_row', 'footer_total', 'blank_line', 'late_december']),
    );
    for (const [id, file, sheet, rowText, column, value] of dirt) {
      const row = Number(rowText);
      const where = `${id} ${file}:${row}`;
      const path = join(SAMPLES, file);
      if (file.endsWith('.xlsx')) {
        const ws = (await readWorkbook(path)).getWorksheet(sheet)!;
        const headerRow = [1, 2].find((r) => (ws.getRow(r).values as unknown[]).includes(column))!;
        const c = (ws.getRow(headerRow).values as unknown[]).indexOf(column);
        expect(String(ws.getRow(row).getCell(c).value), where).toBe(value);
        continue;
      }
      const lines = csvLines(path);
      if (id === 'blank_line') {
        expect(lines[row - 1], where).toBe('');
      } else if (id === 'duplicate_row') {
        const original = Number(/same as row (\d+)/.exec(value)![1]);
        expect(lines[row - 1], where).toBe(lines[original - 1]);
      } else {
        const c = parseCsvLine(lines[0]).indexOf(column);
        expect(c, `${where} column ${column}`).toBeGreaterThan(-1);
        expect(parseCsvLine(lines[row - 1])[c], where).toBe(value);
      }
    }
  });

  it('keeps one year of department attendance in xlsx, a sheet per quarter under a merged title', async () => {
    const wb = await readWorkbook(join(SAMPLES, '2024/学习考勤_机关.xlsx'));
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['第一季度', '第二季度', '第三季度', '第四季度']);
    for (const ws of wb.worksheets) {
      expect(ws.getCell('A1').value).toBe('2024年度学习考勤登记表');
      expect(ws.getCell('B1').isMerged).toBe(true);
      expect(ws.getCell('A2').value).toBe('单位名称');
    }
  });

  it('records the rename and the new department, and uses the names of their years', () => {
    expect(csvLines(join(SAMPLES, 'units/单位沿革.csv')).slice(0, 2)).toEqual(['原名称,新名称,生效年度,事项', '江海县支行,江海区支行,2023,更名']);
    expect(csvLines(join(SAMPLES, 'units/单位名录.csv'))).toContain('JH213,金融科技科,中国人民银行江海市中心支行,department,2023,');
    const county = (y: number) => decodeText(readFileSync(join(SAMPLES, `${y}/学习考勤_县支行.csv`))).text;
    expect(county(2022)).toContain('江海县支行,');
    expect(county(2022)).not.toContain('江海区支行');
    expect(county(2023)).toContain('江海区支行,');
    expect(county(2023)).not.toContain('江海县支行');
    expect(decodeText(readFileSync(join(SAMPLES, '2022/学习考勤_机关.csv'))).text).not.toContain('金融科技科');
  });

  it('makes the weak units attend less than the strong ones', () => {
    const rng = new Rng(SAMPLE_SEED);
    const org = buildSampleOrg(rng.fork('org'));
    const rate = (name: string) => {
      const unit = org.units.find((u) => unitName(u, 2025) === name)!;
      const facts = attendanceFacts(org, unit, 2025, rng.fork(`t:${name}`));
      return facts.filter((f) => f.status === 'present' || f.status === 'late').length / facts.length;
    };
    expect(rate('柳塘县支行')).toBeLessThan(rate('南湖县支行') - 0.15);
    expect(rate('国库科')).toBeLessThan(rate('办公室') - 0.1);
  });
});
