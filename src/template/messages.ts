/**
 * Every word of the fill-in forms (Chinese: the forms go to the branches) and of the
 * `template` command's output (zh/en).
 */
import { FORM_INSTRUCTIONS_SHEET, FORM_UNITS_SHEET } from '../domain/forms.js';
import type { CellRule } from './form-columns.js';

export const SHEET_INSTRUCTIONS = FORM_INSTRUCTIONS_SHEET;
export const SHEET_UNITS = FORM_UNITS_SHEET;
/** Header of the unit list sheet: deliberately not a header alias, so ingest never reads the sheet as data. */
export const UNITS_HEADER = '可选单位名称';

export const formFileName = (year: number, kindLabel: string) => `${year}年${kindLabel}填报模板.xlsx`;
export const formTitle = (year: number, kindLabel: string) => `${year}年度${kindLabel}填报模板`;

export function instructions(year: number, dataSheet: string, unitCount: number): string[] {
  return [
    `1. 请在“${dataSheet}”工作表第 2 行起逐行填写，一行一条记录。`,
    '2. 不要修改、删除或移动第 1 行的列标题；不要合并单元格，不要插入合计、小计或说明行。',
    '3. 标为“必填”的列每行都要填写；其他列没有内容时留空。',
    `4. 日期填写为 ${year}-03-05 这样的日期，并且在 ${year} 年内。`,
    unitCount > 0
      ? `5. 单位名称从下拉列表中选择（共 ${unitCount} 个单位，见“${SHEET_UNITS}”工作表）。`
      : `5. 单位名称从下拉列表中选择：请先在“${SHEET_UNITS}”工作表 A 列第 2 行起填入本次填报的单位名称。`,
    '6. 有下拉列表的列只能填写列表中的值。',
    `7. “${SHEET_INSTRUCTIONS}”和“${SHEET_UNITS}”两张工作表不作为数据读取，请勿在其中填写数据。`,
  ];
}

export const COLUMN_TABLE_HEADER = ['列', '是否必填', '填写要求'];
export const REQUIRED = '必填';
export const OPTIONAL = '选填';

/** What to write in a cell, in words (the instructions sheet and the cell's input prompt). */
export function ruleText(rule: CellRule, year: number): string {
  switch (rule.type) {
    case 'text': return '文字';
    case 'unit': return '从单位名单中选择';
    case 'date': return rule.inYear ? `日期，须在 ${year} 年内` : '日期';
    case 'list': return `从下拉列表选择：${rule.values.join('、')}`;
    case 'decimal': return numberText(rule.min, rule.max);
    case 'whole': return `整数（${rule.min}–${rule.max}）`;
    case 'formYear': return `${year}`;
  }
}

function numberText(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return `数字（${min}–${max}）`;
  if (min !== undefined) return `数字，不小于 ${min}`;
  return '数字（可为负数）';
}

export const ERROR_TITLE = '填写有误';
export const errorText = (rule: CellRule, year: number) => `请按要求填写：${ruleText(rule, year)}`;

export type UnitSource = 'database' | 'files' | 'none';

const SOURCE_WORDS: Record<UnitSource, { zh: string; en: string }> = {
  database: { zh: '单位名单取自数据库', en: 'unit list from the database' },
  files: { zh: '单位名单取自单位名录文件', en: 'unit list from the unit-list file' },
  none: { zh: '单位名单为空，请先填写', en: 'unit list left blank: fill it in first' },
};

export function wroteLine(file: string, units: number, source: UnitSource): string {
  const w = SOURCE_WORDS[source];
  return `${file}（${w.zh}，${units} 个单位 / ${w.en}, ${units} units)`;
}
