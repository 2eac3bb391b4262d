/**
 * 名次稳定性 (review B11): the chance that a unit's grade differs under perturbed weights is a
 * percentage ("8%"), not a bare fraction ("0.08") a leader would read as 0.08 points.
 */
import { describe, expect, it } from 'vitest';
import { withDb } from '../../src/store/db.js';
import { readReportData } from '../../src/report/read-report-data.js';
import { buildModel } from '../../src/report/model.js';
import { looseTableHtml } from '../../src/report/analysis-sections.js';
import { createReportFixture } from './fixture.js';

const text = (html: string) => html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('名次稳定性', () => {
  it('shows the probability of a grade change as a percentage', async () => {
    await withDb(async (db) => {
      await createReportFixture(db, { analysis: true });
      const m = buildModel(await readReportData(db, 2025), 'zh');
      const t = text(looseTableHtml(m, 'sensitivity', {
        columns: ['unit_id', 'nominal_rank', 'p_grade_change'],
        rows: [{ unit_id: 'U1', nominal_rank: 1, p_grade_change: 0.08 }, { unit_id: 'U2', nominal_rank: 3, p_grade_change: 0.375 }],
      }));
      expect(t).toContain(' 8% ');
      expect(t).toContain(' 38% ');
      expect(t).not.toContain('0.08');
    });
  });
});
