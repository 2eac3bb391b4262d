/**
 * Starting points for an evaluation office: `init <dir>` lays out a new project
 * (pipeline file, this year's indicator file, folders), and `new-year <year>`
 * copies last year's indicator file as next year's first draft. Neither ever
 * overwrites a file that exists.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { YardstickError } from '../errors.js';
import { listIndicatorFiles } from '../indicators/load-tree.js';

const PIPELINE_TEMPLATE = (year: number) => `# Yardstick pipeline: where the exports are and what each file holds.
# Run: npx yardstick run pipeline.yaml       Check: npx yardstick check pipeline.yaml
database: build/yardstick.duckdb
data: data
indicators: indicators
reports: reports/out
sources:
  - {kind: units, files: units/单位名录.csv}              # 单位编码, 单位名称, 上级单位, 单位类型
  - {kind: unit_registry, files: units/单位沿革.csv}      # 原名称, 新名称, 生效年度, 事项 (更名/合并/撤销/新设)
  - {kind: members, files: units/党员名册.xlsx}           # 工号, 姓名, 所在支部, 职务, 转入日期, 转出日期
  - {kind: unit_profile, files: "{year}/单位概况.xlsx"}
  - {kind: attendance, files: "{year}/学习考勤*.csv"}     # GBK or UTF-8, detected
  - {kind: exams, files: "{year}/考试成绩.xlsx"}
  - {kind: publications, files: "{year}/论文发表.csv"}
  - {kind: research_reports, files: "{year}/调研报告.csv"}
# Put this year's exports under data/${year}/.
`;

/** A new project in `dir`, seeded with the latest shipped indicator file. Returns the files written. */
export function initProject(dir: string, year: number, templateIndicators = 'indicators'): string[] {
  const written: string[] = [];
  for (const sub of ['data/units', `data/${year}`, 'indicators', 'reports']) mkdirSync(join(dir, sub), { recursive: true });
  const pipeline = join(dir, 'pipeline.yaml');
  if (!existsSync(pipeline)) {
    writeFileSync(pipeline, PIPELINE_TEMPLATE(year));
    written.push(pipeline);
  }
  const latest = listIndicatorFiles(templateIndicators).at(-1);
  const target = join(dir, 'indicators', `${year}.yaml`);
  if (latest && !existsSync(target)) {
    writeFileSync(target, withYear(readFileSync(latest.file, 'utf8'), latest.year, year));
    written.push(target);
  }
  return written;
}

/** Copy the latest indicator file before `year` to `<dir>/<year>.yaml` with the year changed. */
export function newYear(dir: string, year: number): { from: string; to: string } {
  const to = join(dir, `${year}.yaml`);
  if (existsSync(to)) throw new YardstickError(`${to} 已存在，未覆盖 / already exists; not overwritten`);
  const prev = listIndicatorFiles(dir).filter((f) => f.year < year).at(-1);
  if (!prev) throw new YardstickError(`${dir} 中没有 ${year} 年以前的指标文件 / no indicator file before ${year} in ${dir}`);
  copyFileSync(prev.file, to);
  writeFileSync(to, withYear(readFileSync(to, 'utf8'), prev.year, year));
  return { from: prev.file, to };
}

/** The `year:` key and the year in labels move on; comments stay for the office to revise. */
function withYear(text: string, from: number, to: number): string {
  return text
    .replace(new RegExp(`^year:\\s*${from}\\b`, 'm'), `year: ${to}`)
    .replace(new RegExp(`(label: \\{zh: )${from}`, 'g'), `$1${to}`)
    .replace(new RegExp(`(en: )${from}( learning)`, 'g'), `$1${to}$2`);
}
