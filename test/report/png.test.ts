import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite';
import { compileSpec, renderSvg } from '../../src/report/render-svg.js';
import { renderPng } from '../../src/report/render-png.js';
import { resolveReportFont, shippedFontFiles } from '../../src/report/report-font.js';
import { cjkTextWidth } from '../../src/report/text-width.js';
import { YardstickError } from '../../src/errors.js';

/** A chart made of one text mark only. */
const textChart = (text: string): TopLevelSpec => ({
  width: 200, height: 40, config: { view: { stroke: null } },
  data: { values: [{ t: text }] }, mark: { type: 'text', fontSize: 24 }, encoding: { text: { field: 't', type: 'nominal' } },
});

/**
 * Which pixels are dark in the PNG of a one-text chart (decoded by resvg through an <image>).
 * renderPng never loads system fonts: whatever is drawn comes from the report's font.
 */
async function darkMask(text: string): Promise<boolean[]> {
  const svg = await renderSvg(compileSpec(textChart(text)).vega);
  const png = renderPng(svg, { scale: 1 });
  const wrapped = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100"><image href="data:image/png;base64,${png.toString('base64')}" width="300" height="100"/></svg>`;
  const { pixels } = new Resvg(wrapped, { background: 'white', font: { loadSystemFonts: false } }).render();
  const mask: boolean[] = [];
  for (let i = 0; i < pixels.length; i += 4) mask.push(pixels[i] + pixels[i + 1] + pixels[i + 2] < 384);
  return mask;
}
const ink = (m: boolean[]) => m.filter(Boolean).length;
const differing = (a: boolean[], b: boolean[]) => a.filter((v, i) => v !== b[i]).length;

/**
 * A valid TrueType file with no glyph but .notdef (cmap maps nothing): a font without Chinese, as a
 * Latin-only office font would be for the report's purpose. Built here so the test needs no system font.
 */
function latinOnlyFont(): string {
  const name = Buffer.from('Latin Only', 'utf16le').swap16();
  const tables: Record<string, Buffer> = {
    cmap: Buffer.from([0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12, /* format 4 */ 0, 4, 0, 24, 0, 0, 0, 2, 0, 2, 0, 0, 0, 0,
      0xff, 0xff, 0, 0, 0xff, 0xff, 0, 1, 0, 0]),
    head: Buffer.alloc(54), hhea: Buffer.alloc(36), hmtx: Buffer.from([2, 0, 0, 0]),
    name: Buffer.concat([Buffer.from([0, 0, 0, 1, 0, 18, 0, 3, 0, 1, 4, 9, 0, 1, 0, name.length, 0, 0]), name]),
  };
  tables.head.writeUInt16BE(1000, 18);
  tables.hhea.writeUInt16BE(1, 34);
  const tags = Object.keys(tables).sort();
  const dir = Buffer.alloc(12 + tags.length * 16);
  dir.writeUInt32BE(0x00010000, 0);
  dir.writeUInt16BE(tags.length, 4);
  let offset = dir.length;
  tags.forEach((tag, i) => {
    dir.write(tag, 12 + i * 16, 'latin1');
    dir.writeUInt32BE(offset, 12 + i * 16 + 8);
    dir.writeUInt32BE(tables[tag].length, 12 + i * 16 + 12);
    offset += tables[tag].length;
  });
  const file = join(mkdtempSync(join(tmpdir(), 'ys-font-')), 'latin-only.ttf');
  writeFileSync(file, Buffer.concat([dir, ...tags.map((t) => tables[t])]));
  return file;
}

describe('the shipped Chinese font', () => {
  afterEach(() => { delete process.env.YARDSTICK_CJK_FONT; });

  it('is the default: Noto Sans Hans from the npm package, regular and bold', () => {
    const font = resolveReportFont();
    expect(font.source).toBe('shipped');
    expect(font.files).toEqual([shippedFontFiles().regular, shippedFontFiles().bold]);
    expect(font.files[0]).toContain(join('node_modules', '@embedpdf', 'fonts-sc'));
    expect(font.family).toBe('Noto Sans S Chinese');
  });

  it('draws Chinese glyphs, not .notdef boxes, with system fonts disabled', async () => {
    const blank = await darkMask('');
    const chinese = await darkMask('学习型党组织');
    const other = await darkMask('考核评价结果');
    // U+E000… are private-use code points the font has no glyph for: they draw as .notdef boxes
    const tofu = await darkMask('\ue000\ue001\ue002\ue003\ue004\ue005');
    expect(ink(blank)).toBe(0);
    expect(ink(chinese)).toBeGreaterThan(400);
    // boxes would make every six-character string the same picture
    expect(differing(chinese, tofu)).toBeGreaterThan(ink(chinese) / 2);
    expect(differing(chinese, other)).toBeGreaterThan(ink(chinese) / 2);
  });

  it('lays text out with the font\'s widths: a Chinese character is one em, Latin narrower', () => {
    expect(cjkTextWidth('学习过程', 10)).toBe(40);
    const a = cjkTextWidth('A', 10);
    expect(a).toBeGreaterThan(5);
    expect(a).toBeLessThan(7);
  });

  it('renders a non-blank PNG of a real chart', async () => {
    const svg = await renderSvg(compileSpec({
      data: { values: [{ a: '学习条件', b: 3 }, { a: '学习过程', b: 5 }] }, mark: 'bar',
      encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
    }).vega);
    const png = renderPng(svg);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(2000);
  });
});

describe('a font given with --font or $YARDSTICK_CJK_FONT', () => {
  afterEach(() => { delete process.env.YARDSTICK_CJK_FONT; });

  it('is refused with a clear message when it has no Chinese glyphs', () => {
    const latin = latinOnlyFont();
    expect(() => resolveReportFont(latin)).toThrow(YardstickError);
    expect(() => resolveReportFont(latin)).toThrow(/latin-only\.ttf 不含中文字形（缺少：单位考核/);
    expect(() => resolveReportFont(latin)).toThrow(/has no Chinese glyphs/);
  });

  it('is refused when the file does not exist or is not a font', () => {
    expect(() => resolveReportFont('/nonexistent/font.ttf')).toThrow(/字体文件不存在：\/nonexistent\/font\.ttf/);
    const notFont = join(mkdtempSync(join(tmpdir(), 'ys-font-')), 'x.woff2');
    writeFileSync(notFont, 'wOF2 not a font');
    expect(() => resolveReportFont(notFont)).toThrow(/无法读取字体文件.*WOFF/);
  });

  it('the environment variable replaces the shipped font, and --font wins over it', () => {
    process.env.YARDSTICK_CJK_FONT = latinOnlyFont();
    expect(() => resolveReportFont()).toThrow(/不含中文字形/);
    const given = resolveReportFont(shippedFontFiles().regular);
    expect(given.source).toBe('option');
    expect(given.files).toEqual([shippedFontFiles().regular]);
  });
});
