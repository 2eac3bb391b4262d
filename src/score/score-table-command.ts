/**
 * `yardstick score-table <wide.csv> --tree <tree.yaml> [--json]`: argument parsing and printing
 * only; the work is `scoreTable` (imported lazily so `--help` stays fast).
 *
 * Output contract: `--json` prints one JSON object on stdout, `{year, rootId, dimensions, units:
 * [{unit, score, rank, grade, weighted, bonus, deduction, grade_status, veto, nodes: {<node id>: score}}],
 * topsis: [{group, normalise, criteria: [{id, weight, cost, ideal, antiIdeal, …}]}], warnings}`
 * (score = weighted + bonus − deduction; topsis empty unless the tree aggregates by TOPSIS); otherwise an aligned table (rank, unit, score,
 * weighted, bonus, deduction, grade, one column per dimension) and warnings on stderr. User errors are
 * thrown as YardstickError for the main CLI to print with their file:row:column.
 */
import type { Command } from 'commander';
import { formatIssue } from '../errors.js';
import type { ScoreTableResult } from './score-table.js';

export interface ScoreTableIo {
  /** stdout. */
  write: (s: string) => void;
  /** stderr (default process.stderr). */
  writeError?: (s: string) => void;
}

const defaultIo: ScoreTableIo = { write: (s) => void process.stdout.write(s) };

export function registerScoreTableCommand(program: Command, io: ScoreTableIo = defaultIo): Command {
  const writeError = io.writeError ?? ((s: string) => void process.stderr.write(s));
  return program
    .command('score-table <wide.csv>')
    .description('按指标树给“单位 × 指标”表格打分 / score a unit × indicator CSV with an indicator tree')
    .requiredOption('--tree <tree.yaml>', 'indicator tree whose leaves name CSV columns (metric: <column header>)')
    .option('--year <year>', 'year to file the rows under (default: the tree’s year)', (v) => Number.parseInt(v, 10))
    .option('--json', 'print one JSON object instead of a table')
    .action(async (csv: string, o: { tree: string; year?: number; json?: boolean }) => {
      const { scoreTable } = await import('./score-table.js');
      const result = await scoreTable(csv, o.tree, { year: o.year });
      if (o.json) {
        io.write(JSON.stringify(result) + '\n');
        return;
      }
      io.write(formatScoreTable(result) + '\n');
      for (const w of result.warnings) writeError(`警告 warning: ${formatIssue(w)}\n`);
    });
}

/** The human table: rank, unit, composite, grade and each dimension, CJK-aware alignment. */
export function formatScoreTable(r: ScoreTableResult): string {
  const num = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : x.toFixed(2));
  const header = ['名次 rank', '单位 unit', '得分 score', '加权 weighted', '加分 bonus', '扣分 deduction', '等级 grade', ...r.dimensions.map((d) => d.zh)];
  const gradeText = (u: ScoreTableResult['units'][number]): string => {
    const g = u.grade_status === 'not_graded' ? '不评定 not graded' : (u.grade ?? '—');
    return u.veto ? `${g} (否决 veto: ${u.veto})` : g;
  };
  const rows = r.units.map((u) => [
    u.rank === null ? '—' : String(u.rank),
    u.unit,
    num(u.score),
    num(u.weighted),
    num(u.bonus),
    num(u.deduction),
    gradeText(u),
    ...r.dimensions.map((d) => num(u.nodes[d.id])),
  ]);
  const all = [header, ...rows];
  const widths = header.map((_, j) => Math.max(...all.map((row) => displayWidth(row[j]))));
  const numeric = (j: number): boolean => j !== 1 && j !== 6;
  const line = (row: string[]): string =>
    row
      .map((c, j) => {
        const pad = ' '.repeat(widths[j] - displayWidth(c));
        return numeric(j) ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Terminal columns: CJK and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}
