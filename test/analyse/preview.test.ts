/**
 * Preview of a draft tree on the bundled sample (issue 12): the 2025 data scored with the shipped
 * 2025 tree, then previewed with a 2026 draft that moves 10 points from 学习条件 to 学习成效.
 * The preview must (a) leave every official table exactly as it was and (b) give the ranks that an
 * actual re-score with the draft gives.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPipeline, type LoadedPipeline } from '../../src/config/load-pipeline.js';
import { ingest } from '../../src/ingest/ingest.js';
import { scorePipeline } from '../../src/run/score-run.js';
import { openDb, type Db } from '../../src/store/db.js';
import { loadIndicatorTree } from '../../src/indicators/load-tree.js';
import { knownMetricIds } from '../../src/metrics/catalog.js';
import { previewTree } from '../../src/analyse/preview.js';
import { scoreYear } from '../../src/score/score.js';
import { officialSnapshot } from './helpers.js';

let dir: string;
let p: LoadedPipeline;
let draftFile: string;

/** The shipped 2025 file with year 2026 and 10 points moved from conditions to outcomes, edited as text as an office would. */
function writeDraft(): string {
  const text = readFileSync('indicators/2025.yaml', 'utf8');
  const weightOf = (id: string) => {
    const m = new RegExp(`- id: ${id}\\n(?:.*\\n)*?\\s+weight: (\\d+)`).exec(text);
    if (!m) throw new Error(`no weight for ${id} in indicators/2025.yaml`);
    return Number(m[1]);
  };
  const setWeight = (t: string, id: string, w: number) => t.replace(new RegExp(`(- id: ${id}\\n(?:.*\\n)*?\\s+weight: )\\d+`), `$1${w}`);
  let draft = text.replace(/^year: 2025$/m, 'year: 2026');
  draft = setWeight(draft, 'conditions', weightOf('conditions') - 10);
  draft = setWeight(draft, 'outcomes', weightOf('outcomes') + 10);
  const file = join(dir, '2026.yaml');
  writeFileSync(file, draft);
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yardstick-preview-'));
  const pipeline = join(dir, 'p.yaml');
  const sample = readFileSync('pipelines/sample.yaml', 'utf8')
    .replace(/^database: .*$/m, `database: ${join(dir, 'y.duckdb')}`)
    .replace(/^reports: .*$/m, `reports: ${join(dir, 'out')}`);
  writeFileSync(pipeline, sample);
  p = loadPipeline(pipeline);
  await ingest(p);
  await scorePipeline(p, { year: 2025 });
  draftFile = writeDraft();
}, 120_000);

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb(p.database);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

describe('preview a draft tree on a scored year', () => {
  it('gives the ranks of a real re-score and leaves the official result untouched', async () => {
    const loaded = loadIndicatorTree(draftFile, knownMetricIds(p));
    expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const draft = loaded.tree!;
    await withDb(async (db) => {
      const before = await officialSnapshot(db);
      const preview = await previewTree(db, { year: 2025, draft });
      expect(await officialSnapshot(db)).toBe(before);

      // The real thing: score 2025 with the draft (this overwrites the official 2025 rows, on purpose).
      await scoreYear(db, draft, { year: 2025 });
      const real = await db.all<{ unit_id: string; rank: number | null; score: number | null }>(
        'select unit_id, rank, score from scores where year = 2025 and level = 0');
      const previewed = new Map(preview.units.map((u) => [u.unit_id, u.draft]));
      expect(real.length).toBeGreaterThan(15);
      for (const r of real) {
        expect(previewed.get(r.unit_id)?.rank, r.unit_id).toBe(r.rank);
        const previewedScore = previewed.get(r.unit_id)?.score ?? null;
        if (r.score === null) expect(previewedScore, r.unit_id).toBeNull();
        else expect(previewedScore, r.unit_id).toBeCloseTo(r.score, 9);
      }
      // Moving weight between dimensions changes contributions of exactly those two dimensions.
      const moved = preview.units.filter((u) => u.score_change !== null && Math.abs(u.score_change) > 1e-9);
      expect(moved.length).toBeGreaterThan(0);
      for (const u of moved) expect(['conditions', 'outcomes']).toContain(u.driver);
    });
  });
});
