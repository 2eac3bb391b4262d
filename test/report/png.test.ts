import { describe, expect, it } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite';
import { compileSpec, renderSvg } from '../../src/report/render-svg.js';
import { findCjkFont, renderPng } from '../../src/report/render-png.js';

const font = findCjkFont();

/** A chart made of one text mark only. */
const textChart = (text: string): TopLevelSpec => ({
  width: 200, height: 40, config: { view: { stroke: null } },
  data: { values: [{ t: text }] }, mark: { type: 'text', fontSize: 24 }, encoding: { text: { field: 't', type: 'nominal' } },
});


/** Dark pixels of the PNG of a one-text chart (the PNG is decoded by resvg through an <image>). */
async function darkPixels(text: string, fontFile: string | null): Promise<number> {
  const svg = await renderSvg(compileSpec(textChart(text)).vega);
  const png = renderPng(svg, { fontFile, scale: 1 });
  const wrapped = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100"><image href="data:image/png;base64,${png.toString('base64')}" width="300" height="100"/></svg>`;
  const { pixels } = new Resvg(wrapped, { background: 'white' }).render();
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i] + pixels[i + 1] + pixels[i + 2] < 384) n++;
  return n;
}

describe('PNG charts', () => {
  it.skipIf(!font)('draws Chinese labels with the CJK font (skipped: no CJK font found; install fonts-wqy-microhei)', async () => {
    const blank = await darkPixels('', font);
    const chinese = await darkPixels('学习型党组织', font);
    expect(blank).toBe(0);
    expect(chinese).toBeGreaterThan(200);
  });

  it.skipIf(!font)('renders a non-blank PNG of a real chart', async () => {
    const svg = await renderSvg(compileSpec({
      data: { values: [{ a: '学习条件', b: 3 }, { a: '学习过程', b: 5 }] }, mark: 'bar',
      encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
    }).vega);
    const png = renderPng(svg, { fontFile: font });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(2000);
  });
});
