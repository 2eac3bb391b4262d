/**
 * The sample's calibration (issue 11, deliverable 4): data-samples/ ingested and scored with the
 * shipped trees gives, every year, an announcement an office could make — 优秀 for 10–25% of the
 * graded units, 较差 for at most 2, the strongest units meeting the sourced standards — and the
 * grade counts written in data-samples/README.md are the ones a fresh run measures.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GRADES_TABLE_HEADER } from '../../src/generate/sample-readme.js';
import { ingest, loadPipeline, openDb, scorePipeline, type Db } from '../../src/index.js';

const YEARS = [2021, 2022, 2023, 2024, 2025];

interface Composite {
  year: number;
  name: string;
  score: number;
  grade: string | null;
  grade_status: string;
}

describe('data-samples calibration', () => {
  let db: Db;
  let composites: Composite[];
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-calibration-'));
    const p = { ...loadPipeline('pipelines/sample.yaml'), database: join(dir, 'db.duckdb'), reports: join(dir, 'out') };
    await ingest(p);
    db = await openDb(p.database);
    await scorePipeline(p, { db });
    composites = await db.all<Composite>(`
      SELECT s.year, u.name, s.score, s.grade, s.grade_status
      FROM scores s JOIN units u USING (unit_id) WHERE s.level = 0 ORDER BY s.year, s.score DESC`);
  }, 180_000);

  const graded = (year: number) => composites.filter((c) => c.year === year && c.grade_status === 'graded');
  const scoreOf = (year: number, name: string) => composites.find((c) => c.year === year && c.name === name)!.score;

  it('grades 10–25% of the graded units 优秀 and at most 2 较差, every year', () => {
    for (const y of YEARS) {
      const g = graded(y);
      const excellent = g.filter((c) => c.grade === '优秀').length;
      expect(g.length, `${y} graded`).toBeGreaterThanOrEqual(19);
      expect(excellent / g.length, `${y} 优秀 share`).toBeGreaterThanOrEqual(0.1);
      expect(excellent / g.length, `${y} 优秀 share`).toBeLessThanOrEqual(0.25);
      expect(g.filter((c) => c.grade === '较差').length, `${y} 较差`).toBeLessThanOrEqual(2);
      // a plausible middle: 良好 and 一般 both present
      expect(g.filter((c) => c.grade === '良好').length, `${y} 良好`).toBeGreaterThanOrEqual(3);
      expect(g.filter((c) => c.grade === '一般').length, `${y} 一般`).toBeGreaterThanOrEqual(3);
    }
  });

  it('matches the grade counts written in data-samples/README.md', () => {
    const lines = readFileSync('data-samples/README.md', 'utf8').split('\n');
    const start = lines.indexOf(GRADES_TABLE_HEADER);
    expect(start).toBeGreaterThan(-1);
    const rows = lines.slice(start + 2, start + 2 + YEARS.length).map((l) => l.slice(1, -1).split('|').map((c) => Number(c.trim())));
    for (const [year, n, excellent, good, fair, poor] of rows) {
      const g = graded(year);
      const count = (grade: string) => g.filter((c) => c.grade === grade).length;
      expect([g.length, count('优秀'), count('良好'), count('一般'), count('较差')], String(year)).toEqual([n, excellent, good, fair, poor]);
    }
  });

  it('has units that meet each sourced standard every year (indicator-system.md §3 goalposts)', async () => {
    const standards: [metric: string, goal: number][] = [
      ['attendance_rate', 0.9],
      ['org_life_completion', 1],
      ['collective_study_hours', 8],
      ['training_hours', 32],
      ['self_study_hours', 8],
      ['remote_sessions_per_month', 2],
      ['reports_per_leader', 1],
      ['grassroots_research_days', 60],
      ['member_led_lectures', 6],
      ['joint_study_sessions', 4],
    ];
    for (const [metric, goal] of standards) {
      const rows = await db.all<{ year: number; n: number }>(
        'SELECT year, count(*) FILTER (WHERE value >= $goal) AS n FROM unit_year_metrics WHERE metric_id = $metric GROUP BY year ORDER BY year',
        { metric, goal },
      );
      expect(rows.map((r) => r.year), metric).toEqual(YEARS);
      for (const r of rows) expect(Number(r.n), `${r.year} ${metric} ≥ ${goal}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('keeps the stories: 柳塘 and 国库科 weak, 东港 declining, 石桥 improving, 柳塘 vetoed in 2024', async () => {
    for (const y of YEARS) {
      const bottom = graded(y).slice(-2).map((c) => c.name);
      expect(new Set(bottom), String(y)).toEqual(new Set(['柳塘县支行', '国库科']));
    }
    expect(scoreOf(2025, '东港县支行')).toBeLessThan(scoreOf(2021, '东港县支行') - 15);
    expect(scoreOf(2025, '石桥县支行')).toBeGreaterThan(scoreOf(2021, '石桥县支行') + 15);
    const vetoes = await db.all<{ year: number; name: string }>(
      "SELECT a.year, u.name FROM score_adjustments a JOIN units u USING (unit_id) WHERE a.kind = 'veto'");
    expect(vetoes).toEqual([{ year: 2024, name: '柳塘县支行' }]);
  });

  it('has a few bonus and deduction items, one 扣分 entered as a negative 加分', async () => {
    const items = await db.all<{ kind: string; n: number }>(
      "SELECT kind, count(*) AS n FROM score_adjustments WHERE year = 2025 AND kind <> 'veto' GROUP BY kind ORDER BY kind");
    expect(items.map((r) => [r.kind, Number(r.n)])).toEqual([['bonus', 4], ['deduction', 3]]);
    const negative = await db.all<{ name: string; raw: number; points: number }>(
      "SELECT u.name, a.raw, a.points FROM score_adjustments a JOIN units u USING (unit_id) WHERE a.kind = 'deduction' AND a.raw < 0");
    expect(negative).toEqual([{ name: '征信管理科', raw: -3, points: 3 }]);
  });
});
