/**
 * The only module that opens DuckDB. Everything else receives a `Db` handle.
 * Why a wrapper: named parameters (`$name`) bound to one statement, small-result
 * helpers that return plain JS values (BigInt → number), a transaction helper
 * that always rolls back on failure, and a friendly "database in use" error.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  DuckDBConnection,
  DuckDBInstance,
  quotedIdentifier,
  quotedString,
  type DuckDBValue,
} from '@duckdb/node-api';
import { YardstickError } from '../errors.js';

export { quotedIdentifier, quotedString };
export type Params = Record<string, DuckDBValue | number | string | boolean | null | bigint>;

export interface Db {
  readonly path: string;
  readonly instance: DuckDBInstance;
  readonly conn: DuckDBConnection;
  /** Run one statement (or a script without parameters). */
  run(sql: string, params?: Params): Promise<void>;
  /** Run one statement and return its rows as plain JS objects (BigInt → number). */
  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  /** First row or undefined. */
  one<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined>;
  /** BEGIN … COMMIT, ROLLBACK when `fn` throws. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** How far the statement running now is, 0–100 (for a CSV read: the share of the file read); undefined when none. */
  progress(): number | undefined;
  close(): void;
}

export interface OpenOptions {
  threads?: number;
  memoryLimit?: string;
  /**
   * Open an existing file for reading only (`status`, `inspect`): nothing is created,
   * migrated or written, and a missing file is an error (see databaseExists).
   */
  readOnly?: boolean;
}

/**
 * Storage format of new database files. DuckDB's default (v0.10.2) cannot use the
 * DICT_FSST string compression of 1.3: writing the 10M-row staging table took
 * 3.9 s with it and 2.4 s without (measured). Such a file opens in DuckDB ≥ 1.3
 * (Python, R, CLI); an existing older file keeps its format and still works.
 */
const STORAGE_VERSION = 'v1.3.0';

/** Open (or create) a DuckDB file; `:memory:` for tests. */
export async function openDb(path: string, opts: OpenOptions = {}): Promise<Db> {
  if (path !== ':memory:' && !opts.readOnly) mkdirSync(dirname(path), { recursive: true });
  const config: Record<string, string> = opts.readOnly ? { access_mode: 'READ_ONLY' } : { storage_compatibility_version: STORAGE_VERSION };
  if (opts.threads) config.threads = String(opts.threads);
  if (opts.memoryLimit) config.memory_limit = opts.memoryLimit;
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, config);
  } catch (e) {
    const msg = String((e as Error).message ?? e);
    if (/lock/i.test(msg)) {
      throw new YardstickError(
        `${path}: 数据库正被另一个进程使用，请等待其结束后重试 / database is in use by another process (${firstLine(msg)}); wait for it to finish and retry`,
      );
    }
    throw e;
  }
  const conn = await instance.connect();
  if (opts.readOnly) return wrap(path, instance, conn);
  // Progress is tracked (for live progress lines, at no measurable cost) but never printed by DuckDB.
  await conn.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
  return wrap(path, instance, conn);
}

/**
 * Keep only the parameters the statement mentions: DuckDB refuses to bind a name
 * the SQL does not use, and builders include optional parts (e.g. a date check).
 */
function usedParams(sql: string, params?: Params): Record<string, DuckDBValue> | undefined {
  if (!params) return undefined;
  const used = Object.entries(params).filter(([k]) => new RegExp(`\\$${k}\\b`).test(sql));
  return used.length ? (Object.fromEntries(used) as Record<string, DuckDBValue>) : undefined;
}

/**
 * YARDSTICK_TRACE=1 prints every statement slower than YARDSTICK_TRACE_MS (50) to
 * stderr with its time and the process's peak RSS so far: where does a run spend it?
 */
const TRACE = process.env.YARDSTICK_TRACE === '1';
const TRACE_MS = Number(process.env.YARDSTICK_TRACE_MS ?? 50);
let cpuMark = process.cpuUsage();
function trace(sql: string, t0: number) {
  const ms = performance.now() - t0;
  // CPU of the whole process since the last traced statement: DuckDB's threads run in it.
  const cpu = process.cpuUsage(cpuMark);
  cpuMark = process.cpuUsage();
  if (ms <= TRACE_MS) return;
  const peak = Math.round(process.resourceUsage().maxRSS / 1024);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stderr.write(`[sql ${ms.toFixed(0)} ms, cpu ${cpuMs.toFixed(0)} ms, peak ${peak} MB] ${sql.replace(/\s+/g, ' ').trim().slice(0, 120)}\n`);
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

function wrap(path: string, instance: DuckDBInstance, conn: DuckDBConnection): Db {
  let depth = 0;
  const db: Db = {
    path,
    instance,
    conn,
    async run(sql, params) {
      const bound = usedParams(sql, params);
      const t0 = TRACE ? performance.now() : 0;
      if (bound) await conn.run(sql, bound);
      else await conn.run(sql);
      if (TRACE) trace(sql, t0);
    },
    async all<T>(sql: string, params?: Params) {
      const bound = usedParams(sql, params);
      const t0 = TRACE ? performance.now() : 0;
      const reader = bound ? await conn.runAndReadAll(sql, bound) : await conn.runAndReadAll(sql);
      if (TRACE) trace(sql, t0);
      return reader.getRowObjectsJS().map(toPlain) as T[];
    },
    async one<T>(sql: string, params?: Params) {
      return (await db.all<T>(sql, params))[0];
    },
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      // Nested calls join the outer transaction: a stage can be atomic on its own
      // and still be part of a larger run that commits or rolls back as one.
      if (depth > 0) return fn();
      depth = 1;
      await conn.run('BEGIN TRANSACTION');
      try {
        const out = await fn();
        const t0 = TRACE ? performance.now() : 0;
        await conn.run('COMMIT');
        if (TRACE) trace('COMMIT', t0);
        return out;
      } catch (e) {
        try {
          await conn.run('ROLLBACK');
        } catch {
          /* the transaction may already be aborted; the original error matters */
        }
        throw e;
      } finally {
        depth = 0;
      }
    },
    progress() {
      const p = conn.progress.percentage;
      return p >= 0 ? Math.min(100, p) : undefined;
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
  return db;
}

/** BigInt → number (counts never exceed 2^53 here), nested objects kept. */
function toPlain(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = plainValue(v);
  return out;
}

function plainValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(plainValue);
  return v;
}

/** Whether a database file exists (a read-only open cannot create one). */
export function databaseExists(path: string): boolean {
  return path === ':memory:' || existsSync(path);
}

/** Fresh in-memory database for a test or a scratch computation. */
export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb(':memory:');
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}
