import { describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import { readReportData } from '../../src/report/read-report-data.js';
import { buildModel } from '../../src/report/model.js';
import { buildReportSpecs, buildUnitSpecs } from '../../src/report/specs/index.js';
import { compileSpec, renderSvg } from '../../src/report/render-svg.js';
import { cjkTextWidth } from '../../src/report/text-width.js';
import { powersOfTen } from '../../src/report/specs/quality.js';
import { createReportFixture, XSS } from './fixture.js';
import { englishIn, withoutUserData } from './english-words.js';
import { svgText } from './language-scan.js';

/** Every chart of the fixture's report and unit pages, drawn to SVG in `lang`. */
async function fixtureSvgs(lang: 'zh' | 'en'): Promise<{ id: string; svg: string; spec: unknown }[]> {
  return withDb(async (db) => {
    await createReportFixture(db, { analysis: true });
    const m = buildModel(await readReportData(db, 2025), lang);
    const charts = [...buildReportSpecs(m), ...m.unitOrder.flatMap((id) => buildUnitSpecs(m, id))];
    const out = [];
    for (const c of charts) out.push({ id: c.id, svg: await renderSvg(compileSpec(c.spec).vega), spec: c.spec });
    return out;
  });
}

const ariaLabels = (svg: string) => [...svg.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));

describe('unit-page charts', () => {
  // The unit pages draw each chart through one Vega View per spec shape (render-svg.ts SameShapeCharts):
  // a spec that differs per unit beyond its data made one View per unit (2,000 units: 1.5 GB, 2.5× the time).
  it('have one shape for every unit: the specs differ in their data only', async () => {
    await withDb(async (db) => {
      await createReportFixture(db, { analysis: true });
      const m = buildModel(await readReportData(db, 2025), 'zh');
      const shapes = new Map<string, Set<string>>();
      for (const id of m.unitOrder) {
        for (const c of buildUnitSpecs(m, id)) {
          const shape = JSON.stringify({ ...c.spec, data: null });
          shapes.set(c.id, (shapes.get(c.id) ?? new Set()).add(shape));
        }
      }
      expect(m.unitOrder.length).toBeGreaterThan(2);
      expect([...shapes].map(([id, s]) => [id, s.size])).toEqual([...shapes.keys()].map((id) => [id, 1]));
    });
  });
});

describe('report specs', () => {
  for (const analysis of [false, true]) {
    for (const lang of ['zh', 'en'] as const) {
      it(`every chart compiles without warnings (${lang}, analysis tables ${analysis ? 'present' : 'absent'})`, async () => {
        await withDb(async (db) => {
          await createReportFixture(db, { analysis });
          const m = buildModel(await readReportData(db, 2025), lang);
          const charts = [...buildReportSpecs(m), ...m.unitOrder.flatMap((id) => buildUnitSpecs(m, id))];
          const ids = buildReportSpecs(m).map((c) => c.id);
          expect(ids).toEqual(expect.arrayContaining(['ranking', 'dimensions', 'heatmap', 'trends', 'slope', 'quality', 'weights']));
          expect(ids.includes('flags')).toBe(analysis);
          expect(ids.includes('sensitivity')).toBe(analysis);
          expect(ids.includes('weight-impact')).toBe(analysis);
          for (const c of charts) expect({ id: c.id, warnings: compileSpec(c.spec).warnings }).toEqual({ id: c.id, warnings: [] });
        });
      });
    }
  }

  it('orders units by rank, not by code point', async () => {
    await withDb(async (db) => {
      await createReportFixture(db);
      const m = buildModel(await readReportData(db, 2025), 'zh');
      const ranking = buildReportSpecs(m).find((c) => c.id === 'ranking')!;
      const y = (ranking.spec as { encoding: { y: { sort: string[] } } }).encoding.y.sort;
      // graded units only: not the root (U6), the vetoed unit (U3) nor the unit without a composite (U5)
      expect(y).toEqual(['南湖县支行', '办公室', XSS]);
    });
  });

  it('escapes data text in the SVG', async () => {
    await withDb(async (db) => {
      await createReportFixture(db);
      const m = buildModel(await readReportData(db, 2025), 'zh');
      const svg = await renderSvg(compileSpec(buildReportSpecs(m)[0].spec).vega);
      expect(svg).not.toContain(XSS);
      expect(svg).toContain('&lt;img');
    });
  });

  it('counts Chinese characters as full width', () => {
    expect(cjkTextWidth('学习过程', 10)).toBe(40);
    expect(cjkTextWidth('abc', 10)).toBeLessThan(20);
  });

  it('describes the Chinese charts to screen readers in Chinese: marks by their tooltip, no English axis, legend or mark names', async () => {
    const svgs = await fixtureSvgs('zh');
    for (const { id, svg } of svgs) {
      // every aria-label, aria-roledescription and text of the SVG file, the fixture's unit names, ids and file names blanked
      expect({ id, words: englishIn(withoutUserData(svgText(svg))) }).toEqual({ id, words: [] });
      expect(/[XY]-axis|legend titled|mark container|Title text/.exec(svg)?.[0] ?? null, id).toBeNull();
    }
    // a bar says what its tooltip says, with the tooltip's titles: rank, unit, parts, composite, grade
    const ranking = ariaLabels(svgs.find((c) => c.id === 'ranking')!.svg);
    expect(ranking.filter((r) => /^名次：\d+；单位：[^；]+；加权得分：[\d.]+；加分：[\d.]+；扣分：[\d.]+；综合得分：[\d.]+；等级：\S+$/.test(r)).length).toBe(3);
    // the bar-end labels repeat the bar: hidden, not described by field ids
    expect(ranking.some((r) => /score|unit|label/.test(r))).toBe(false);
    const roles = new Set(svgs.flatMap(({ svg }) => [...svg.matchAll(/aria-roledescription="([^"]*)"/g)].map((m) => m[1])));
    expect([...roles].sort()).toEqual(expect.arrayContaining(['条形', '色块', '图形组']));
  });

  it('keeps Vega\'s English descriptions in the English charts, the marks described by their tooltip titles', async () => {
    const svgs = await fixtureSvgs('en');
    const all = svgs.map((c) => c.svg).join('\n');
    expect(all).toContain('X-axis titled \'Score\'');
    expect(all).toMatch(/aria-roledescription="bar"/);
    expect(ariaLabels(svgs.find((c) => c.id === 'ranking')!.svg).some((r) => /^Rank: 1; Unit: [^;]+; .*Composite: [\d.]+; Grade: \S+/.test(r))).toBe(true);
  });

  it('gives every tooltip field a title (no blank key), and the warnings chart counts warnings', async () => {
    for (const lang of ['zh', 'en'] as const) {
      for (const { id, spec } of await fixtureSvgs(lang)) {
        const titles: unknown[] = [];
        const walk = (v: unknown): void => {
          if (Array.isArray(v)) v.forEach(walk);
          else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { if (k === 'tooltip' && Array.isArray(x)) titles.push(...x.map((t) => t.title)); walk(x); }
        };
        walk(spec);
        for (const t of titles) expect(typeof t === 'string' && t.trim() !== '', `${lang} ${id}: ${JSON.stringify(t)}`).toBe(true);
        if (id === 'flags') expect(JSON.stringify(spec)).toContain(lang === 'zh' ? '"title":"预警数"' : '"title":"Warnings"');
      }
    }
  });

  it('puts the quality chart\'s log-axis ticks at powers of ten', () => {
    expect(powersOfTen([0, 5, 6979])).toEqual([0, 1, 10, 100, 1000]);
    expect(powersOfTen([0])).toEqual([0, 1]);
    expect(powersOfTen([10])).toEqual([0, 1, 10]);
  });
});
