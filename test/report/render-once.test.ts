/**
 * A year is rendered once: a second report on unchanged inputs leaves the folder as it was and says
 * so; any change of the year's data, the language or --force renders it again. Unit charts drawn
 * from one compiled shape are the same SVG as a full compile of each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/store/db.js';
import { renderReports } from '../../src/report/render.js';
import { readReportData } from '../../src/report/read-report-data.js';
import { buildModel } from '../../src/report/model.js';
import { buildUnitSpecs } from '../../src/report/specs/index.js';
import { compileSpec, renderSvg, SameShapeCharts } from '../../src/report/render-svg.js';
import { formatRenderResults } from '../../src/report/report-pipeline.js';
import { reportFingerprint } from '../../src/report/report-fingerprint.js';
import { resolveReportFont } from '../../src/report/report-font.js';
import { createReportFixture } from './fixture.js';

let db: Db;
let out: string;
beforeAll(async () => {
  db = await openDb(':memory:');
  await createReportFixture(db, { analysis: true });
  out = mkdtempSync(join(tmpdir(), 'ys-render-once-'));
});
afterAll(() => {
  db?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

const render = (extra: { force?: boolean; lang?: 'zh' | 'en' } = {}) =>
  renderReports(db, { reports: out }, { year: 2025, png: false, draft: false, ...extra });

describe('a year whose inputs did not change', () => {
  it('is not rendered again, and the output says so', async () => {
    const first = await render();
    expect(first.skipped).toBeFalsy();
    const index = join(first.dir, 'index.html');
    const before = statSync(index).mtimeMs;

    const second = await render();
    expect(second.skipped).toBe(true);
    expect(second.note).toContain('2025 年：数据和指标体系与上次出报告时相同，未重新生成');
    expect(formatRenderResults([second])).toContain('not re-rendered');
    expect(statSync(index).mtimeMs).toBe(before);
    expect(second.files).toEqual([...first.files].sort());
    // several unchanged reports (a re-run of every year and language) say so in one line
    await render({ lang: 'en' });
    const englishAgain = await render({ lang: 'en' });
    expect(englishAgain.skipped).toBe(true);
    const both = formatRenderResults([second, englishAgain]);
    expect(both.split('\n')).toEqual([`2 份报告的数据和指标体系与上次出报告时相同，未重新生成：2025, 2025-en（${out}）；要强制重新生成请运行 yardstick report --force / ` +
      `2 reports not re-rendered, inputs and tree unchanged: 2025, 2025-en (${out}); yardstick report --force renders them again`]);
  });

  it('is rendered again when its data changed, with the new data', async () => {
    await db.run("UPDATE units SET name = '南湖县支行（新）' WHERE unit_id = 'U1'");
    const r = await render();
    expect(r.skipped).toBeFalsy();
    expect(readFileSync(join(r.dir, 'index.html'), 'utf8')).toContain('南湖县支行（新）');
    expect((await render()).skipped).toBe(true);
  });

  it('has the same fingerprint whatever order a lookup table was read in, and another when a value changes', async () => {
    const data = await readReportData(db, 2025);
    const opts = { lang: 'zh', png: false, font: resolveReportFont() };
    const fp = reportFingerprint(data, opts);
    expect(data.names.size).toBeGreaterThan(2);
    // the unit names come from a query without ORDER BY: their order varies between two reads
    const reversed = { ...data, names: new Map([...data.names].reverse()) };
    expect(reportFingerprint(reversed, opts)).toBe(fp);
    const [id] = data.names.keys();
    expect(reportFingerprint({ ...data, names: new Map([...data.names, [id, 'x']]) }, opts)).not.toBe(fp);
    expect(reportFingerprint(data, { ...opts, lang: 'en' })).not.toBe(fp);
  });

  it('is not rendered again when only a run id changed (re-scoring unchanged data)', async () => {
    expect((await render()).skipped).toBe(true);
    // `run` re-scores every time: the coverage rows come back identical under a new run id
    await db.run("UPDATE score_coverage SET run_id = run_id || '-again' WHERE year = 2025");
    expect((await db.one<{ n: number }>("SELECT count(*)::INTEGER AS n FROM score_coverage WHERE year = 2025 AND run_id LIKE '%-again'"))!.n).toBeGreaterThan(0);
    expect((await render()).skipped).toBe(true);
    // …while a changed value still renders again
    await db.run("UPDATE score_coverage SET units_with_data = units_with_data + 1 WHERE year = 2025");
    expect((await render()).skipped).toBeFalsy();
  });

  it('is rendered again with --force, and in another language into its own folder', async () => {
    expect((await render({ force: true })).skipped).toBeFalsy();
    const en = await render({ lang: 'en' });
    expect(en.skipped).toBeFalsy();
    expect(en.dir).toMatch(/2025-en$/);
  });
});

/** The SVG's elements with their attributes, in sorted order. */
const elements = (svg: string) => (svg.match(/<[^>]+>|[^<]+/g) ?? []).sort();

describe('unit charts compiled once per shape', () => {
  it('draw the same SVG elements as a full compile of each unit\'s chart (ticks may enter in another order)', async () => {
    const model = buildModel(await readReportData(db, 2025), 'zh');
    const shapes = new SameShapeCharts();
    let n = 0;
    for (const id of model.unitOrder) {
      for (const c of buildUnitSpecs(model, id)) {
        const fresh = await renderSvg(compileSpec(c.spec).vega);
        const reused = (await shapes.render(c.spec)).svg;
        expect(elements(reused)).toEqual(elements(fresh));
        expect(reused.length).toBe(fresh.length);
        n++;
      }
    }
    expect(n).toBeGreaterThanOrEqual(8);
  });
});
