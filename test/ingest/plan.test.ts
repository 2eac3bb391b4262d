/** The fingerprint of a file is its bytes and its source definition: either changing reloads it, without --force. */
import { describe, expect, it } from 'vitest';
import { PipelineSpec } from '../../src/config/pipeline-schema.js';
import { planRun, sourceConfigHash, type PlannedFile } from '../../src/ingest/plan.js';
import { withDb, type Db } from '../../src/store/db.js';
import { ensureSchema } from '../../src/store/schema.js';

const pipeline = (source: Record<string, unknown>, limits: Record<string, unknown> = {}) =>
  PipelineSpec.parse({ sources: [{ kind: 'attendance', files: '{year}/考勤.csv', ...source }], limits });
const hash = (source: Record<string, unknown>, limits: Record<string, unknown> = {}) => {
  const p = pipeline(source, limits);
  return sourceConfigHash(p.sources[0], p.limits);
};

describe('sourceConfigHash', () => {
  const base = hash({ columns: { topic: ['心得'], date: ['学习日'] } });

  it('changes with every part of the source definition that decides how a file loads', () => {
    const variants = [
      { columns: { topic: ['心得'], date: ['学习日', '活动日'] } },
      { columns: { topic: ['心得'], date: ['学习日'] }, ignore: ['审核意见'] },
      { columns: { topic: ['心得'], date: ['学习日'] }, sheets: ['一季度'] },
      { columns: { topic: ['心得'], date: ['学习日'] }, encoding: 'gbk' },
      { columns: { topic: ['心得'], date: ['学习日'] }, year: 2024 },
      { columns: { topic: ['心得'], date: ['学习日'] }, files: '{year}/考勤*.csv' },
      { columns: { topic: ['心得'], date: ['学习日'] }, kind: 'exams' },
    ];
    const hashes = variants.map((v) => hash(v));
    expect(new Set([base, ...hashes]).size).toBe(variants.length + 1);
    expect(hash({ columns: { topic: ['心得'], date: ['学习日'] } }, { max_cell_chars: 1000 })).not.toBe(base);
  });

  it('does not change with what does not: the order of columns: keys, or the source name', () => {
    expect(hash({ columns: { date: ['学习日'], topic: ['心得'] } })).toBe(base);
    expect(hash({ columns: { topic: ['心得'], date: ['学习日'] }, name: '考勤' })).toBe(base);
  });
});

async function manifestRow(db: Db, path: string, kind: string, sha: string, config: string | null) {
  await db.run(`INSERT INTO manifest (source_file, sha256, kind, config_hash) VALUES ($path, $sha, $kind, $config)`, { path, sha, kind, config });
}

const file = (path: string, kind: PlannedFile['kind'], sha: string, configHash: string): PlannedFile =>
  ({ path, kind, sourceIndex: 0, bytes: 1, sha256: Promise.resolve(sha), configHash });

describe('planRun', () => {
  it('reloads a file whose definition changed though its bytes did not, and says which', async () => {
    await withDb(async (db) => {
      await ensureSchema(db);
      await manifestRow(db, 'a.csv', 'attendance', 's1', 'c1');
      await manifestRow(db, 'b.csv', 'attendance', 's2', 'c1');
      await manifestRow(db, 'u.csv', 'units', 's3', 'u1');
      const plan = await planRun(db, [file('u.csv', 'units', 's3', 'u1'), file('a.csv', 'attendance', 's1', 'c2'), file('b.csv', 'attendance', 's2', 'c1')], false);
      expect(plan.load.map((f) => f.path)).toEqual(['a.csv']);
      expect(plan.reconfigured).toEqual(['a.csv']);
      expect(plan.remove).toEqual(['a.csv']);
      expect(plan.unchanged.map((f) => f.path)).toEqual(['u.csv', 'b.csv']);
      expect(plan.full).toBe(false);
    });
  });

  it('a changed reference source reloads everything; changed bytes are not "reconfigured"', async () => {
    await withDb(async (db) => {
      await ensureSchema(db);
      await manifestRow(db, 'a.csv', 'attendance', 's1', 'c1');
      await manifestRow(db, 'u.csv', 'units', 's3', 'u1');
      const plan = await planRun(db, [file('u.csv', 'units', 's3', 'u2'), file('a.csv', 'attendance', 'S1', 'c1')], false);
      expect(plan.full).toBe(true);
      expect(plan.load.map((f) => f.path)).toEqual(['u.csv', 'a.csv']);
      expect(plan.reconfigured).toEqual(['u.csv']);
    });
  });

  it('a manifest row from before config hashes were recorded counts as changed', async () => {
    await withDb(async (db) => {
      await ensureSchema(db);
      await manifestRow(db, 'a.csv', 'attendance', 's1', null);
      const plan = await planRun(db, [file('a.csv', 'attendance', 's1', 'c1')], false);
      expect(plan.load.map((f) => f.path)).toEqual(['a.csv']);
    });
  });
});
