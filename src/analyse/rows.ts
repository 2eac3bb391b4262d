/**
 * Small JS results → a temp table in one statement: the rows travel as one JSON parameter and
 * are unnested with an explicit column schema (no SQL text is built from values).
 */
import type { Db } from '../store/db.js';
import { quotedIdentifier } from '../store/db.js';
import type { AnalyseColumn } from './contract.js';

export async function writeTempRows(db: Db, table: string, columns: AnalyseColumn[], rows: Record<string, unknown>[]): Promise<void> {
  const name = quotedIdentifier(table);
  await db.run(`create or replace temp table ${name} (${columns.map((c) => `${quotedIdentifier(c.name)} ${c.type}`).join(', ')})`);
  if (!rows.length) return;
  const schema = JSON.stringify(Object.fromEntries(columns.map((c) => [c.name, c.type])));
  const cols = columns.map((c) => `r.${quotedIdentifier(c.name)}`).join(', ');
  const chunk = 5000;
  for (let i = 0; i < rows.length; i += chunk) {
    const json = JSON.stringify(rows.slice(i, i + chunk).map((r) => Object.fromEntries(columns.map((c) => [c.name, clean(r[c.name])]))));
    await db.run(`insert into ${name} select ${cols} from (select unnest(from_json($json::json, $schema)) as r)`, {
      json,
      schema: `[${schema}]`,
    });
  }
}

function clean(v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  return v ?? null;
}
