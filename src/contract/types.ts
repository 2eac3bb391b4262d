/**
 * The shape of a documented table: name, columns with DuckDB types, and zh/en descriptions
 * (dbt's model YAML). Every stage describes its tables with these types; the DDL, the column
 * lists the metrics check against, the test fixtures and docs/reference/tables.md are all
 * generated from such lists, so they cannot disagree.
 */

/** The DuckDB types the tables use. */
export type ColumnType = 'VARCHAR' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'DATE' | 'TIMESTAMP' | 'BOOLEAN';

export interface ColumnDoc { name: string; type: ColumnType; zh: string; en: string }

export interface TableContract {
  table: string;
  description: { zh: string; en: string };
  columns: ColumnDoc[];
  /** Columns of a primary key, when the table has one. */
  primaryKey?: string[];
}

/** A table with the stage that writes it (docs group tables by stage). */
export interface TableDoc extends TableContract { stage: string }

/** A column in one line: `col('unit_id', 'VARCHAR', '单位编号', 'unit id')`. */
export function col(name: string, type: ColumnType, zh: string, en: string): ColumnDoc {
  return { name, type, zh, en };
}

export function isNumericType(t: ColumnType): boolean {
  return t === 'INTEGER' || t === 'BIGINT' || t === 'DOUBLE';
}
