import { describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import { readReportData } from '../../src/report/read-report-data.js';
import { buildModel } from '../../src/report/model.js';
import { buildReportSpecs, buildUnitSpecs } from '../../src/report/specs/index.js';
import { compileSpec, renderSvg } from '../../src/report/render-svg.js';
import { cjkTextWidth } from '../../src/report/text-width.js';
import { createReportFixture, XSS } from './fixture.js';

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
});
