/**
 * The unit × indicator table of one group of the indicator tree, built from the
 * database (no hand pivoting): `yardstick weights entropy|critic --from <pipeline>
 * --year Y --group <node>`.
 *
 * The criteria are the group's children as the year was last scored (tree_nodes of the
 * run that wrote that year's indicator_values), so the weights come out for exactly
 * the siblings they would replace. A leaf child's value is its normalised score
 * (0–100, direction already applied; default) or its raw metric value (`raw`: then
 * lower-is-better leaves are cost criteria); a sub-group child's value is its score.
 *
 * Missing values are handled and reported, never silently: `drop` (default) leaves out
 * every unit missing any criterion, `mean` fills a gap with the criterion's mean over
 * the units that have it. The organisation's root unit (grade_status `root`) is not
 * an evaluated unit and is left out when the scores say so.
 */
import { error, warning, YardstickError, type Issue } from '../errors.js';
import type { Db } from '../store/db.js';

export type ValueSource = 'normalised' | 'raw';
export type MissingPolicy = 'drop' | 'mean';

export interface GroupTableOptions {
  year: number;
  /** Node id, or its Chinese or English label. */
  group: string;
  values?: ValueSource;
  missing?: MissingPolicy;
  /** Criteria named by node id (default) or by Chinese label (as leaders write AHP matrices). */
  names?: 'id' | 'label';
  /** For messages: the pipeline file. */
  file: string;
}

export interface GroupTable {
  /** `pipeline.yaml (2025, conditions)`: what messages and headings name. */
  where: string;
  groupId: string;
  criteria: string[];
  ids: string[];
  units: string[];
  values: number[][];
  cost: boolean[];
  warnings: Issue[];
}

interface Child { node_id: string; label_zh: string | null; metric_id: string | null; direction: string | null }

export async function groupTable(db: Db, o: GroupTableOptions): Promise<GroupTable> {
  const source = o.values ?? 'normalised';
  const where = `${o.file} (${o.year}, ${o.group})`;
  const at = { file: o.file };
  const runs = await db.all<{ run_id: string }>('SELECT DISTINCT run_id FROM indicator_values WHERE year = $year', { year: o.year });
  if (!runs.length) throw new YardstickError([error('year_not_scored', notScored(o.year), at)]);
  const run = runs[0].run_id;
  const nodes = await db.all<Child & { parent_id: string | null }>(
    `SELECT node_id, parent_id, label_zh, label_en, metric_id, direction FROM tree_nodes
     WHERE run_id = $run AND year = $year AND (node_id = $g OR label_zh = $g OR label_en = $g) AND metric_id IS NULL`,
    { run, year: o.year, g: o.group },
  );
  if (nodes.length !== 1) {
    const groups = await db.all<{ node_id: string; label_zh: string }>(
      'SELECT node_id, label_zh FROM tree_nodes WHERE run_id = $run AND year = $year AND metric_id IS NULL ORDER BY level, position', { run, year: o.year });
    throw new YardstickError([error('unknown_group', unknownGroup(o.group, groups.map((g) => `${g.node_id} ${g.label_zh ?? ''}`.trim())), at)]);
  }
  const groupId = nodes[0].node_id;
  const children = await db.all<Child>(
    'SELECT node_id, label_zh, metric_id, direction FROM tree_nodes WHERE run_id = $run AND year = $year AND parent_id = $g ORDER BY position',
    { run, year: o.year, g: groupId },
  );
  if (children.length < 2) throw new YardstickError([error('too_few_children', tooFewChildren(groupId, children.length), at)]);

  const cells = await readCells(db, o.year, run, children, source);
  const units = [...new Set(cells.map((c) => c.unit_id))].sort();
  const rootUnits = await rootUnitIds(db, o.year);
  const byUnit = new Map(units.filter((u) => !rootUnits.has(u)).map((u) => [u, children.map(() => NaN)]));
  for (const c of cells) {
    const row = byUnit.get(c.unit_id);
    if (row && c.value !== null && Number.isFinite(c.value)) row[children.findIndex((k) => k.node_id === c.node_id)] = c.value;
  }
  const ids = children.map((k) => k.node_id);
  const criteria = o.names === 'label' ? children.map((k) => k.label_zh ?? k.node_id) : ids;
  const { rows, warnings } = handleMissing([...byUnit], criteria, o.missing ?? 'drop', where, at);
  return {
    where, groupId, criteria, ids,
    units: rows.map(([u]) => u),
    values: rows.map(([, v]) => v),
    cost: children.map((k) => source === 'raw' && k.direction === 'lower_is_better'),
    warnings,
  };
}

async function readCells(db: Db, year: number, run: string, children: Child[], source: ValueSource) {
  const leaves = children.filter((k) => k.metric_id !== null).map((k) => k.node_id);
  const groups = children.filter((k) => k.metric_id === null).map((k) => k.node_id);
  const out: { unit_id: string; node_id: string; value: number | null }[] = [];
  // One small query per child keeps user text out of the SQL (ids are parameters).
  for (const id of leaves) {
    out.push(...(await db.all<{ unit_id: string; node_id: string; value: number | null }>(
      `SELECT unit_id, indicator_id AS node_id, ${source === 'raw' ? 'raw' : 'normalised'} AS value
       FROM indicator_values WHERE year = $year AND run_id = $run AND indicator_id = $id`, { year, run, id })));
  }
  for (const id of groups) {
    out.push(...(await db.all<{ unit_id: string; node_id: string; value: number | null }>(
      'SELECT unit_id, node_id, score AS value FROM scores WHERE year = $year AND node_id = $id', { year, id })));
  }
  return out;
}

/** Units the scores mark as the organisation's root (not evaluated); none when the column is absent. */
async function rootUnitIds(db: Db, year: number): Promise<Set<string>> {
  const has = await db.all("SELECT 1 FROM information_schema.columns WHERE table_name = 'scores' AND column_name = 'grade_status'");
  if (!has.length) return new Set();
  const rows = await db.all<{ unit_id: string }>("SELECT DISTINCT unit_id FROM scores WHERE year = $year AND grade_status = 'root'", { year });
  return new Set(rows.map((r) => r.unit_id));
}

/** Drop or fill the units with gaps, one warning saying which and how many. */
export function handleMissing(rows: [string, number[]][], criteria: string[], policy: MissingPolicy, where: string, at: Partial<Issue> = {}) {
  const gaps = rows.filter(([, v]) => v.some((x) => Number.isNaN(x)));
  const warnings: Issue[] = [];
  if (!gaps.length) return { rows, warnings };
  const describe = gaps.map(([u, v]) => `${u}（${criteria.filter((_, j) => Number.isNaN(v[j])).join('、')}）`);
  const list = describe.slice(0, 10).join('；') + (describe.length > 10 ? ` …（+${describe.length - 10}）` : '');
  if (policy === 'drop') {
    warnings.push(warning('units_dropped', `${where}：${gaps.length} 个单位有缺失值，未参与计算：${list} / ` +
      `${where}: ${gaps.length} unit(s) with missing values left out: ${list} (use --missing mean to fill them with the criterion mean)`, at));
    return { rows: rows.filter(([, v]) => !v.some((x) => Number.isNaN(x))), warnings };
  }
  const means = criteria.map((_, j) => {
    const have = rows.map(([, v]) => v[j]).filter((x) => !Number.isNaN(x));
    return have.reduce((a, b) => a + b, 0) / have.length;
  });
  const empty = criteria.filter((_, j) => Number.isNaN(means[j]));
  if (empty.length) throw new YardstickError([error('criterion_all_missing', allMissing(where, empty), at)]);
  warnings.push(warning('values_imputed', `${where}：${gaps.length} 个单位的缺失值以该指标均值填补：${list} / ` +
    `${where}: missing values of ${gaps.length} unit(s) filled with the criterion mean: ${list}`, at));
  return { rows: rows.map(([u, v]) => [u, v.map((x, j) => (Number.isNaN(x) ? means[j] : x))] as [string, number[]]), warnings };
}

const notScored = (year: number) =>
  `${year} 年尚未评分，数据库中没有指标值：请先运行 yardstick score 或 run / ${year} has not been scored, so the database has no indicator values: run yardstick score (or run) first`;
const unknownGroup = (g: string, groups: string[]) =>
  `指标树中没有名为“${g}”的分组（可选：${groups.join('、')}）/ no group “${g}” in the indicator tree (one of: ${groups.join(', ')})`;
const tooFewChildren = (g: string, n: number) =>
  `分组“${g}”只有 ${n} 个下级指标，无需计算权重 / group “${g}” has ${n} child indicator(s): nothing to weigh`;
const allMissing = (where: string, names: string[]) =>
  `${where}：指标 ${names.join('、')} 在所有单位均缺失，无法填补 / ${where}: ${names.join(', ')} missing for every unit, nothing to fill with`;
