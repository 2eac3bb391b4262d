/**
 * Shared bits of the reader tests: a temp folder, ReadOptions with a header
 * scorer built from the built-in aliases, and row/issue helpers.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { quotedIdentifier } from '../../src/store/db.js';
import { isYardstickError, type Issue } from '../../src/errors.js';
import { COLUMNS, normaliseHeader } from '../../src/domain/kinds.js';
import type { ReadOptions } from '../../src/ingest/read/index.js';

export const DEFAULT_LIMITS = { max_cell_chars: 32_767, max_rows_per_sheet: 1_048_576, max_xlsx_uncompressed_mb: 1024 };

const aliases = new Set(Object.values(COLUMNS).flatMap((cols) => cols.flatMap((c) => c.aliases.map(normaliseHeader))));

/** Cells that are a known header of any kind. */
export function scoreHeader(cells: string[]): number {
  return cells.filter((c) => c.trim() && aliases.has(normaliseHeader(c))).length;
}

export function options(over: Partial<ReadOptions> = {}): ReadOptions {
  return { encoding: 'auto', limits: { ...DEFAULT_LIMITS }, scoreHeader, minHeaderScore: 2, tablePrefix: 't', spool: tempDir(), ...over };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ys-read-'));
}

/** Write `content` to `dir/name`, returning the path. */
export function put(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

export interface RawRow { row: number; cells: (string | null)[]; extra?: string }

/** All rows of a raw table, in source_row order: the cells c0… as an array, `extra` only when not NULL. */
export async function rowsOf(db: Db, table: string): Promise<RawRow[]> {
  const rows = await db.all<Record<string, string | number | null>>(`SELECT * FROM ${quotedIdentifier(table)} ORDER BY source_row`);
  return rows.map((r) => {
    const { source_row, extra, ...rest } = r;
    expect(Object.keys(r).at(-1)).toBe('extra'); // the contract's last column
    return { row: Number(source_row), cells: Object.values(rest) as (string | null)[], ...(extra !== null && { extra: String(extra) }) };
  });
}

/** Await a rejection that must be a YardstickError carrying an issue with `code`; returns that issue. */
export async function issueOf(p: Promise<unknown>, code: string): Promise<Issue> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(isYardstickError(e), `expected a YardstickError, got ${String(e)}`).toBe(true);
  const issue = (e as { issues: Issue[] }).issues.find((i) => i.code === code);
  expect(issue, `issues: ${JSON.stringify((e as { issues: Issue[] }).issues)}`).toBeDefined();
  return issue!;
}
