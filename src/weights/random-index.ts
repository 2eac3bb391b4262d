/**
 * Random consistency index (RI) tables for AHP: RI(n) is the mean consistency index
 * CI = (λmax − n)/(n − 1) of random reciprocal matrices on the 1/9…9 scale, and
 * CR = CI / RI(n). Published tables differ (different simulations), so the table is
 * always named in results. Index 0 ↔ n = 1. RI(1) = RI(2) = 0: such matrices are
 * always consistent. Past n = 15 RI comes from a cited regression (RI_REGRESSION).
 */
import { error, YardstickError } from '../errors.js';
import * as msg from './messages.js';

export interface RiTable {
  values: readonly number[];
  source: string;
}

export const RI_TABLES = {
  /**
   * Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill. n = 1…15 as
   * commonly reproduced from it; the dip to 1.48 at n = 12 is in the reproduced table.
   */
  saaty: {
    values: [0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59],
    source: 'Saaty (1980), The Analytic Hierarchy Process, McGraw-Hill',
  },
  /**
   * Alonso, J. A. & Lamata, M. T. (2006). Consistency in the analytic hierarchy process:
   * a new approach. *Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems* 14(4),
   * 445–459. Simulated with far more matrices than Saaty's; the values most software
   * (e.g. R `ahpsurvey`) now defaults to.
   */
  'alonso-lamata': {
    values: [
      0, 0, 0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499, 1.4854, 1.5141, 1.5365, 1.5551, 1.5713,
      1.5838,
    ],
    source: 'Alonso & Lamata (2006), IJUFKS 14(4):445–459',
  },
  /**
   * The table reproduced by most Chinese AHP textbooks and theses (平均随机一致性指标
   * RI, n = 1…15, usually described as the mean of 1000 random matrices). Its original
   * publication is cited inconsistently; we have not verified it, so prefer `saaty` or
   * `alonso-lamata` when a citable source matters.
   */
  'cn-textbook': {
    values: [0, 0, 0.52, 0.89, 1.12, 1.26, 1.36, 1.41, 1.46, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59],
    source: 'table common in Chinese AHP textbooks (original source unverified)',
  },
} as const satisfies Record<string, RiTable>;

export type RiTableName = keyof typeof RI_TABLES;
export const RI_TABLE_NAMES = Object.keys(RI_TABLES) as RiTableName[];

export function isRiTableName(name: string): name is RiTableName {
  return Object.hasOwn(RI_TABLES, name);
}

/**
 * Beyond every table (n > 15): Alonso & Lamata (2006, same paper as the table above)
 * fit the mean λmax of their random matrices by the line λ̄max = 2.7699·n − 4.3513, so
 *   RI(n) = (λ̄max − n)/(n − 1) = (1.7699·n − 4.3513)/(n − 1)
 * (their acceptance rule λmax < n + 0.1·(1.7699·n − 4.3513) is exactly CR < 0.1 with this
 * RI). At n = 15 it gives 1.5855 against their simulated 1.5838, so the line joins the
 * tables smoothly; it is used for every table past its last entry, and results say so.
 */
export const RI_REGRESSION = {
  slope: 1.7699,
  intercept: -4.3513,
  source: 'Alonso & Lamata (2006) regression λ̄max = 2.7699n − 4.3513, RI = (1.7699n − 4.3513)/(n − 1)',
} as const;

export function regressionRandomIndex(n: number): number {
  return (RI_REGRESSION.slope * n + RI_REGRESSION.intercept) / (n - 1);
}

/** RI(n) from the named table, or from the Alonso–Lamata regression past the table's end. */
export function randomIndex(table: string, n: number): number {
  return randomIndexWithSource(table, n).value;
}

export function randomIndexWithSource(table: string, n: number): { value: number; source: string; approximated: boolean } {
  if (!isRiTableName(table)) throw new YardstickError([error('unknown_ri_table', msg.unknownRiTable(table, RI_TABLE_NAMES))]);
  const t = RI_TABLES[table];
  if (n > t.values.length) return { value: regressionRandomIndex(n), source: RI_REGRESSION.source, approximated: true };
  return { value: t.values[n - 1], source: t.source, approximated: false };
}
