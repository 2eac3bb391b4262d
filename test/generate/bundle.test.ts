import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PipelineSpec } from '../../src/config/pipeline-schema.js';
import { generateBundle } from '../../src/generate/bundle.js';
import { decodeText, filesUnder, globToRegExp, hashTree } from './helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'gen-bundle-'));
const pipeline = PipelineSpec.parse(parse(readFileSync(fileURLToPath(new URL('../../pipelines/sample.yaml', import.meta.url)), 'utf8')));

describe('generateBundle', () => {
  it('gives the same bytes for the same seed, and other bytes for another', async () => {
    const opts = { units: 9, years: [2024, 2025] as [number, number], format: 'mix' as const };
    const [a, b, c] = [tmp(), tmp(), tmp()];
    await generateBundle({ ...opts, out: a, seed: 5 });
    await generateBundle({ ...opts, out: b, seed: 5 });
    await generateBundle({ ...opts, out: c, seed: 6 });
    expect(hashTree(a)).toEqual(hashTree(b));
    expect(hashTree(a)).not.toEqual(hashTree(c));
  });

  it('lays files out so that every file of every format is claimed by pipelines/sample.yaml', async () => {
    for (const format of ['mix', 'csv', 'gbk', 'xlsx'] as const) {
      const out = tmp();
      const { files } = await generateBundle({ out, units: 4, years: [2024, 2025], seed: 2, format });
      const rel = filesUnder(out);
      expect(rel).toHaveLength(files.length);
      for (const f of rel) expect(pipeline.sources.some((s) => globToRegExp(s.files).test(f)), `${format}: ${f}`).toBe(true);
      for (const kind of ['units', 'unit_registry', 'members', 'unit_profile', 'attendance', 'exams', 'publications', 'research_reports']) {
        const globs = pipeline.sources.filter((s) => s.kind === kind).map((s) => globToRegExp(s.files));
        expect(rel.some((f) => globs.some((g) => g.test(f))), `${format}: some ${kind} file`).toBe(true);
      }
      if (format === 'gbk') {
        for (const f of rel.filter((f) => f.endsWith('.csv'))) expect(decodeText(readFileSync(join(out, f))).encoding, f).toBe('gbk');
      }
      if (format === 'xlsx') expect(rel.filter((f) => f.includes('学习考勤')).every((f) => f.endsWith('.xlsx'))).toBe(true);
    }
  });

  it('renames one county and creates one unit in the middle year', async () => {
    const out = tmp();
    await generateBundle({ out, units: 5, years: [2021, 2025], seed: 3, format: 'csv' });
    const registry = decodeText(readFileSync(join(out, 'units/单位沿革.csv'))).text.split(/\r?\n/);
    expect(registry[1]).toMatch(/^.+县支行,.+区支行,2023,更名$/);
    expect(decodeText(readFileSync(join(out, 'units/单位名录.csv'))).text).toMatch(/,2023,\r\n$/);
  });

  it('aims at rows-per-unit-year', async () => {
    const out = tmp();
    const { rows } = await generateBundle({ out, units: 10, years: [2025, 2025], seed: 8, format: 'csv', rowsPerUnitYear: 800, only: 'attendance' });
    const total = Object.values(rows).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(10 * 800 * 0.6);
    expect(total).toBeLessThan(10 * 800 * 1.4);
    expect(filesUnder(out).every((f) => f.startsWith('2025/学习考勤_'))).toBe(true);
  });
});
