/**
 * The small steps of an ingest run around the per-file work: lineage clean-up,
 * the pseudonym key, reject reasons, unit-name suggestions, and a crash-test hook.
 */
import { randomBytes } from 'node:crypto';
import { quotedIdentifier as q, type Db } from '../store/db.js';
import { REASONS } from '../domain/reasons.js';
import { LINEAGE_TABLES } from '../contract/index.js';

/** Unknown unit names get the three closest known names (Jaro-Winkler) in their reason. */
export async function suggestUnits(db: Db, runId: string) {
  await db.run(`
UPDATE rejects SET
  reason_zh = reason_zh || '；最接近的已知单位：' || s.names,
  reason_en = reason_en || '; closest known units: ' || s.names
FROM (
  SELECT value, string_agg(name, '、' ORDER BY sim DESC, name) AS names
  FROM (
    SELECT v.value, k.name, jaro_winkler_similarity(v.value, k.name) AS sim,
           row_number() OVER (PARTITION BY v.value ORDER BY jaro_winkler_similarity(v.value, k.name) DESC, k.name) AS rk
    FROM (SELECT DISTINCT value FROM rejects WHERE code = 'unknown_unit' AND value IS NOT NULL) v,
         (SELECT name FROM units UNION SELECT alias FROM unit_aliases) k
  ) WHERE rk <= 3 GROUP BY value
) s
WHERE rejects.code = 'unknown_unit' AND rejects.value = s.value
  AND rejects.source_file IN (SELECT source_file FROM manifest WHERE run_id = $run)`, { run: runId });
}

export async function removeFiles(db: Db, paths: string[]) {
  if (!paths.length) return;
  await db.run('CREATE OR REPLACE TEMP TABLE ys_remove (path VARCHAR)');
  for (const path of paths) await db.run('INSERT INTO ys_remove VALUES ($path)', { path });
  for (const t of LINEAGE_TABLES) {
    await db.run(`DELETE FROM ${q(t)} WHERE source_file IN (SELECT path FROM ys_remove)`);
  }
}

export async function ensurePseudonymKey(db: Db) {
  await db.run(`INSERT INTO settings SELECT 'pseudonym_key', $key WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'pseudonym_key')`,
    { key: randomBytes(32).toString('hex') });
}

export async function loadReasons(db: Db) {
  await db.run('CREATE OR REPLACE TEMP TABLE reject_reasons (code VARCHAR, zh VARCHAR, en VARCHAR)');
  for (const [code, [zh, en]] of Object.entries(REASONS)) {
    await db.run('INSERT INTO reject_reasons VALUES ($code, $zh, $en)', { code, zh, en });
  }
}

/**
 * Test hook: with YARDSTICK_TEST_PAUSE_AFTER_FILES=N the run stops inside its
 * transaction once N files are staged (a kind at a time) and waits, so a test can kill -9 it mid-run and prove
 * that the database is unchanged. Inert unless the variable is set.
 */
export async function pauseForCrashTest(done: number) {
  const n = Number(process.env.YARDSTICK_TEST_PAUSE_AFTER_FILES ?? 0);
  if (n > 0 && done >= n) {
    process.stderr.write('YARDSTICK_PAUSED\n');
    await new Promise(() => setInterval(() => {}, 1000)); // keeps the process alive until killed
  }
}
