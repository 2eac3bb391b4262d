/**
 * The table contract: every documented table defined once (src/contract/*-tables.ts) and what
 * is generated from it. This folder imports nothing from the stages (ingest/, metrics/, report/
 * …); the stages import from here.
 */
export { col, isNumericType, type ColumnDoc, type ColumnType, type TableContract, type TableDoc } from './types.js';
export { addMissingColumnsSql, createTableSql } from './ddl.js';
export { INGEST_TABLES } from './staging-tables.js';
import { INGEST_TABLES } from './staging-tables.js';
import type { TableDoc } from './types.js';

/** The staging tables the metrics stage reads (declarative metrics may name only their columns). */
export const METRIC_SOURCE_TABLES = ['units', 'members', 'unit_profile', 'attendance', 'exams', 'publications', 'research_reports'] as const;
export type MetricSourceTable = (typeof METRIC_SOURCE_TABLES)[number];

export function ingestTable(name: string): TableDoc {
  const t = INGEST_TABLES.find((x) => x.table === name);
  if (!t) throw new Error(`no contract for table ${name}`);
  return t;
}

/** The ingest tables whose rows name the file they came from (`source_file`): a reloaded or removed file's rows go. */
export const LINEAGE_TABLES: readonly string[] = INGEST_TABLES.filter((t) => t.columns.some((c) => c.name === 'source_file')).map((t) => t.table);
