/**
 * The staging tables the metrics stage reads, with their columns and DuckDB types,
 * as the ingest stage produces them. Declarative metrics (`MetricSpec.from`) may only
 * name these columns; `buildMetricSql` checks them before any SQL is built.
 */
export type ColumnType = 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'DATE' | 'BOOLEAN';

export interface StagingColumn {
  name: string;
  type: ColumnType;
}

const lineage: StagingColumn[] = [
  { name: 'source_file', type: 'VARCHAR' },
  { name: 'source_row', type: 'INTEGER' },
];

export const STAGING_COLUMNS = {
  units: [
    { name: 'unit_id', type: 'VARCHAR' },
    { name: 'name', type: 'VARCHAR' },
    { name: 'parent_id', type: 'VARCHAR' },
    { name: 'unit_type', type: 'VARCHAR' },
    { name: 'valid_from', type: 'INTEGER' },
    { name: 'valid_to', type: 'INTEGER' },
    ...lineage,
  ],
  members: [
    { name: 'member_key', type: 'VARCHAR' },
    { name: 'unit_id', type: 'VARCHAR' },
    { name: 'role', type: 'VARCHAR' },
    { name: 'is_leader', type: 'BOOLEAN' },
    { name: 'from_date', type: 'DATE' },
    { name: 'to_date', type: 'DATE' },
    { name: 'member_label', type: 'VARCHAR' },
    ...lineage,
  ],
  unit_profile: [
    { name: 'unit_id', type: 'VARCHAR' },
    { name: 'year', type: 'INTEGER' },
    { name: 'metric', type: 'VARCHAR' },
    { name: 'value', type: 'DOUBLE' },
    ...lineage,
  ],
  attendance: [
    { name: 'unit_id', type: 'VARCHAR' },
    { name: 'member_key', type: 'VARCHAR' },
    { name: 'date', type: 'DATE' },
    { name: 'year', type: 'INTEGER' },
    { name: 'session_type', type: 'VARCHAR' },
    { name: 'hours', type: 'DOUBLE' },
    { name: 'status', type: 'VARCHAR' },
    { name: 'topic', type: 'VARCHAR' },
    { name: 'presenter', type: 'VARCHAR' },
    { name: 'partner_unit', type: 'VARCHAR' },
    ...lineage,
  ],
  exams: [
    { name: 'unit_id', type: 'VARCHAR' },
    { name: 'member_key', type: 'VARCHAR' },
    { name: 'exam', type: 'VARCHAR' },
    { name: 'date', type: 'DATE' },
    { name: 'year', type: 'INTEGER' },
    { name: 'score', type: 'DOUBLE' },
    { name: 'full_mark', type: 'DOUBLE' },
    { name: 'pass_mark', type: 'DOUBLE' },
    { name: 'attempt', type: 'INTEGER' },
    ...lineage,
  ],
  publications: [
    { name: 'unit_id', type: 'VARCHAR' },
    { name: 'author_key', type: 'VARCHAR' },
    { name: 'title', type: 'VARCHAR' },
    { name: 'venue', type: 'VARCHAR' },
    { name: 'level', type: 'VARCHAR' },
    { name: 'date', type: 'DATE' },
    { name: 'year', type: 'INTEGER' },
    { name: 'kind', type: 'VARCHAR' },
    ...lineage,
  ],
  research_reports: [
    { name: 'unit_id', type: 'VARCHAR' },
    { name: 'author_key', type: 'VARCHAR' },
    { name: 'is_leader', type: 'BOOLEAN' },
    { name: 'title', type: 'VARCHAR' },
    { name: 'date', type: 'DATE' },
    { name: 'year', type: 'INTEGER' },
    { name: 'adoption_level', type: 'VARCHAR' },
    { name: 'adoption_extent', type: 'VARCHAR' },
    { name: 'kind', type: 'VARCHAR' },
    ...lineage,
  ],
} as const satisfies Record<string, readonly StagingColumn[]>;

export type StagingTable = keyof typeof STAGING_COLUMNS;
export const STAGING_TABLES = Object.keys(STAGING_COLUMNS) as StagingTable[];

export function isNumericType(t: ColumnType): boolean {
  return t === 'INTEGER' || t === 'DOUBLE';
}
