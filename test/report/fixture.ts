/**
 * A tiny scored database for report tests: 6 units (one named like an XSS payload, one whose name
 * starts with '=', one with an id that is not file-name safe, one without a composite score, and
 * the root unit, which is scored but never graded), two years, two dimensions with two indicators
 * each. In 2025 南湖县支行 (U1) has a bonus of 3 and a deduction of 1.5 (entered as −1.5), and U3
 * is vetoed with effect not_graded; score_coverage explains why U5 has no composite. Optionally
 * the analysis tables flags and sensitivity. Tables are created with the score contract's DDL so
 * they match the real ones; ranks are computed among graded units only, as the contract says.
 */
import { SCORE_CONTRACT, createTableSql } from '../../src/score/contract.js';
import type { Db, Params } from '../../src/store/db.js';

export const XSS = '<img src=x onerror=alert(1)>';
export const FORMULA = '=HYPERLINK("http://evil.example","x")';
export const UNSAFE_ID = '../U 4';

const units = [
  { id: 'U1', name: '南湖县支行', type: 'county' },
  { id: 'U2', name: XSS, type: 'county' },
  { id: 'U3', name: FORMULA, type: 'department' },
  { id: UNSAFE_ID, name: '办公室', type: 'department' },
  { id: 'U5', name: '中心支行', type: 'city' },
  { id: 'U6', name: '江海市分行', type: 'city' },
];
export const ROOT_ID = 'U6';
export const VETO_REASON = '年内发生违反廉洁纪律问题';
export const VETOED_ID = 'U3';
/** 2025 bonus and deduction of U1 (南湖县支行). */
export const U1_BONUS = 3;
export const U1_DEDUCTION = 1.5;
const tree = [
  ['total', null, 0, 0, 1, '综合得分', 'Composite score'],
  ['conditions', 'total', 1, 0, 0.4, '学习条件', 'Learning conditions'],
  ['process', 'total', 1, 1, 0.6, '学习过程', 'Learning process'],
  ['budget', 'conditions', 2, 0, 0.5, '人均学习经费', 'Study budget'],
  ['space', 'conditions', 2, 1, 0.5, '学习阵地', 'Study space'],
  ['attendance', 'process', 2, 0, 0.7, '出勤率', 'Attendance rate'],
  ['hours', 'process', 2, 1, 0.3, '人均学习时长', 'Study hours'],
] as const;

/** Normalised values per unit (U5 has none): [budget, space, attendance, hours]. */
const values: Record<number, Record<string, number[]>> = {
  2024: { U1: [60, 70, 80, 50], U2: [90, 80, 70, 60], U3: [40, 50, 60, 70], [UNSAFE_ID]: [70, 60, 90, 80], U6: [99, 99, 99, 99] },
  2025: { U1: [95, 90, 85, 80], U2: [60, 70, 80, 50], U3: [30, 40, 50, 60], [UNSAFE_ID]: [80, 75, 70, 65], U6: [99, 99, 99, 99] },
};

/** The composite's parts of a unit in a year, and how it is graded. */
function adjust(year: number, id: string): { bonus: number; deduction: number; status: string; veto: string | null } {
  if (id === ROOT_ID) return { bonus: 0, deduction: 0, status: 'root', veto: null };
  if (year === 2025 && id === VETOED_ID) return { bonus: 0, deduction: 0, status: 'not_graded', veto: 'discipline' };
  if (year === 2025 && id === 'U1') return { bonus: U1_BONUS, deduction: U1_DEDUCTION, status: 'graded', veto: null };
  return { bonus: 0, deduction: 0, status: 'graded', veto: null };
}

const grade = (s: number) => (s >= 80 ? '良好' : s >= 60 ? '一般' : '较差');

export async function createReportFixture(db: Db, opts: { analysis?: boolean } = {}): Promise<void> {
  for (const t of SCORE_CONTRACT) await db.run(createTableSql(t));
  await db.run(`CREATE TABLE units (unit_id VARCHAR, name VARCHAR, parent_id VARCHAR, unit_type VARCHAR)`);
  for (const u of units) await db.run('INSERT INTO units VALUES ($id, $name, NULL, $type)', u);
  for (const year of [2024, 2025]) {
    const run = `score-${year}-test`;
    for (const [id, parent, level, position, weight, zh, en] of tree) {
      await db.run(`INSERT INTO tree_nodes (run_id, year, node_id, parent_id, level, position, weight, label_zh, label_en)
        VALUES ($run, $year, $id, $parent, $level, $position, $weight, $zh, $en)`, { run, year, id, parent, level, position, weight, zh, en });
    }
    const leaves = tree.filter((n) => n[2] === 2);
    const totals: { id: string; score: number | null; weighted: number | null; graded: boolean }[] = [];
    for (const u of units) {
      const v = values[year][u.id];
      if (!v) {
        totals.push({ id: u.id, score: null, weighted: null, graded: false });
        continue;
      }
      for (let i = 0; i < leaves.length; i++) {
        await db.run(`INSERT INTO indicator_values (year, unit_id, indicator_id, raw, normalised, weight, run_id)
          VALUES ($year, $unit, $ind, $raw, $norm, $w, $run)`, { year, unit: u.id, ind: leaves[i][0], raw: v[i] / 10, norm: v[i], w: leaves[i][4], run });
      }
      const cond = 0.5 * v[0] + 0.5 * v[1];
      const proc = 0.7 * v[2] + 0.3 * v[3];
      for (const [node, s] of [['conditions', cond], ['process', proc]] as const) {
        await db.run(`INSERT INTO scores (year, unit_id, node_id, level, score, run_id) VALUES ($year, $unit, $node, 1, $s, $run)`, { year, unit: u.id, node, s, run });
      }
      const weighted = 0.4 * cond + 0.6 * proc;
      const a = adjust(year, u.id);
      totals.push({ id: u.id, weighted, score: weighted + a.bonus - a.deduction, graded: a.status === 'graded' });
    }
    const ranked = totals.filter((t) => t.graded).sort((a, b) => b.score! - a.score!);
    for (const t of totals) {
      const rank = t.graded ? ranked.indexOf(t) + 1 : null;
      const a = adjust(year, t.id);
      const status = t.score === null ? 'unscored' : a.status;
      await db.run(`INSERT INTO scores (year, unit_id, node_id, level, score, rank, rank_in_type, grade, run_id, weighted, bonus, deduction, grade_status, veto)
        VALUES ($year, $unit, 'total', 0, $s, $rank, $rank, $grade, $run, $w, $b, $d, $status, $veto)`, {
        year, unit: t.id, s: t.score, rank, grade: t.graded ? grade(t.score!) : null, run,
        w: t.weighted, b: t.score === null ? null : a.bonus, d: t.score === null ? null : a.deduction, status, veto: a.veto,
      });
    }
    // dimension ranks among graded units only
    await db.run(`UPDATE scores SET rank = r FROM (SELECT d.unit_id AS u, d.node_id AS n, rank() OVER (PARTITION BY d.node_id ORDER BY d.score DESC) AS r
        FROM scores d JOIN scores c ON c.year = d.year AND c.unit_id = d.unit_id AND c.level = 0 AND c.grade_status = 'graded'
        WHERE d.year = ${year} AND d.level = 1) x
      WHERE year = ${year} AND level = 1 AND unit_id = x.u AND node_id = x.n`);
  }
  await db.run(`INSERT INTO score_adjustments (year, unit_id, item_id, kind, raw, points, effect, label_zh, label_en, reason_zh, reason_en, run_id) VALUES
    (2025, 'U1', 'honours', 'bonus', 3, 3, NULL, '表彰奖励加分', 'Honours', NULL, NULL, 'score-2025-test'),
    (2025, 'U1', 'penalties', 'deduction', -1.5, 1.5, NULL, '通报批评扣分', 'Penalties', NULL, NULL, 'score-2025-test'),
    (2025, 'U3', 'discipline', 'veto', 1, NULL, 'not_graded', '违纪一票否决', 'Discipline veto', '${VETO_REASON}', 'a breach of integrity rules', 'score-2025-test')`);
  await db.run(`INSERT INTO score_coverage (year, unit_id, node_id, level, label_zh, label_en, units_total, units_with_data, present_share, min_share, metric_id, source_kinds, reason_zh, reason_en, run_id) VALUES
    (2025, NULL, 'budget', 2, '人均学习经费', 'Study budget', 6, 5, NULL, 0.6, 'study_budget_per_member', 'unit_profile', '1 个单位无数据', '1 unit has no data', 'score-2025-test'),
    (2025, 'U5', 'total', 0, '综合得分', 'Composite score', 6, 5, 0, 0.6, NULL, 'unit_profile,attendance', '有数据的指标权重占 0%，低于缺失阈值 60%；需补充单位概况、学习考勤', 'no indicator has data (0% of the weight, below 60%)', 'score-2025-test')`);
  await db.run(`CREATE TABLE manifest (source_file VARCHAR, kind VARCHAR, rows_read BIGINT, rows_loaded BIGINT, rows_rejected BIGINT, rows_duplicate BIGINT, loaded_at TIMESTAMP)`);
  await db.run(`INSERT INTO manifest VALUES ('data/2025/学习考勤.csv', 'attendance', 100, 97, 3, 0, now()), ('data/${XSS}.csv', 'exams', 10, 10, 0, 0, now())`);
  await db.run(`CREATE TABLE rejects (source_file VARCHAR, source_row INTEGER, code VARCHAR, reason_zh VARCHAR, reason_en VARCHAR)`);
  await db.run(`INSERT INTO rejects VALUES ('data/2025/学习考勤.csv', 5, 'bad_date', '日期无效', 'invalid date'), ('data/2025/学习考勤.csv', 9, 'bad_date', '日期无效', 'invalid date'), ('data/2025/学习考勤.csv', 12, 'negative', '${FORMULA.replace(/'/g, "''")}', 'negative')`);
  if (opts.analysis) await createAnalysisTables(db);
}

export async function createAnalysisTables(db: Db): Promise<void> {
  await db.run(`CREATE TABLE flags (year INTEGER, unit_id VARCHAR, node_id VARCHAR, rule_id VARCHAR, severity VARCHAR, value DOUBLE, reference DOUBLE, reason_zh VARCHAR, reason_en VARCHAR)`);
  await db.run(`INSERT INTO flags VALUES
    (2025, '${UNSAFE_ID}', 'process', 'peer_gap', 'medium', 48, 70, '学习过程得分低于同类中位数', 'Learning process below the peer median'),
    (2025, 'U2', 'conditions', 'declining', 'high', 65, 85, '${XSS} 较上年下降', '${XSS} dropped'),
    (2025, 'U2', 'budget', 'red_line:study_budget_per_member', 'high', 60, 80, '人均学习经费低于红线', 'Study budget below the red line')`);
  await db.run(`CREATE TABLE weight_impact (year INTEGER, base_year INTEGER, unit_id VARCHAR, trees_differ BOOLEAN, total_change DOUBLE, weights_effect DOUBLE, performance_effect DOUBLE, attribution VARCHAR)`);
  await db.run(`INSERT INTO weight_impact VALUES (2025, 2024, 'U1', true, 12, 2, 10, 'performance'), (2025, 2024, 'U2', true, -6, -5, -1, 'weights')`);
  await db.run(`CREATE TABLE sensitivity (year INTEGER, unit_id VARCHAR, nominal_rank INTEGER, median_rank DOUBLE, rank_p05 DOUBLE, rank_p95 DOUBLE, borderline BOOLEAN)`);
  await db.run(`INSERT INTO sensitivity VALUES (2025, 'U1', 1, 1, 1, 2, false), (2025, 'U2', 3, 3, 2, 4, true), (2025, 'U3', 4, 4, 3, 4, false), (2025, '${UNSAFE_ID}', 2, 2, 1, 3, true)`);
}

/** Insert the columns of `row` that `table` has (the analyse stage's tables are changing shape). */
export async function insertKnown(db: Db, table: string, row: Record<string, unknown>): Promise<void> {
  const cols = (await db.all<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_name = $t`, { t: table })).map((c) => c.column_name);
  const keys = Object.keys(row).filter((k) => cols.includes(k));
  await db.run(`INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map((k) => `$${k}`).join(', ')})`,
    Object.fromEntries(keys.map((k) => [k, row[k]])) as Params);
}
