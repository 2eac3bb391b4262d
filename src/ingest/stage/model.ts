/**
 * Running a kind's model: its `.sql` file with the shared first steps put in
 * (`{{typed}}`: typed-sql.ts; `{{cells}}`: the cell columns a footer is looked for in;
 * `{{person_unit}}` / `{{named_unit}}`: the unit-resolving CTEs the fact kinds share, person-unit.sql
 * and named-unit.sql).
 * Only generated identifiers are put in; values are parameters.
 */
import type { Kind } from '../../domain/kinds.js';
import { sqlFile } from '../../store/sql-file.js';
import { cellList, type StageInput } from './source.js';
import { typedCtes } from './typed-sql.js';

export function modelSql(kind: Kind, inputs: StageInput[]): string {
  const cells = cellList(inputs);
  // Replacer functions: the generated SQL holds `$` (regular expressions), which a replacement string would interpret.
  return sqlFile(import.meta.url, `./${kind}.sql`)
    .replace('{{person_unit}}', () => sqlFile(import.meta.url, './person-unit.sql'))
    .replace('{{named_unit}}', () => sqlFile(import.meta.url, './named-unit.sql'))
    .replace('{{typed}}', () => typedCtes(kind, cells, presentColumns(inputs)))
    .replaceAll('{{cells}}', () => cells);
}

/** The shared first steps and a final SELECT: for kinds staged in TS steps (units, registry, members, profile). */
export function typedOnlySql(kind: Kind, inputs: StageInput[], select: string): string {
  const cells = cellList(inputs);
  return `WITH ${typedCtes(kind, cells, presentColumns(inputs))}\n${select.replaceAll('{{cells}}', () => cells)}`;
}

/** The canonical columns some input reads (a column or a two-level choice group). */
function presentColumns(inputs: StageInput[]): Set<string> {
  return new Set(inputs.flatMap((i) => [...i.map.columns.keys(), ...(i.map.choices?.keys() ?? [])]));
}
