/**
 * The staging tables the metrics stage reads, with their columns and DuckDB types, taken from
 * the one table contract (src/contract/staging-tables.ts). Declarative metrics
 * (`MetricSpec.from`) may only name these columns; `buildMetricSql` checks them before any SQL
 * is built.
 */
import { ingestTable, isNumericType, METRIC_SOURCE_TABLES, type ColumnType, type MetricSourceTable } from '../contract/index.js';

export { isNumericType, type ColumnType };

export interface StagingColumn {
  name: string;
  type: ColumnType;
}

export type StagingTable = MetricSourceTable;
export const STAGING_TABLES: readonly StagingTable[] = METRIC_SOURCE_TABLES;

const columnsOf = (t: StagingTable): readonly StagingColumn[] => ingestTable(t).columns.map(({ name, type }) => ({ name, type }));

export const STAGING_COLUMNS: Record<StagingTable, readonly StagingColumn[]> = {
  units: columnsOf('units'),
  members: columnsOf('members'),
  unit_profile: columnsOf('unit_profile'),
  attendance: columnsOf('attendance'),
  exams: columnsOf('exams'),
  publications: columnsOf('publications'),
  research_reports: columnsOf('research_reports'),
};
