/**
 * Every reject reason is reachable: one bad row per reason, on top of the dirty
 * bundle, and the reasons found must be exactly the documented list.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ingest, loadPipeline, openDb } from '../../src/index.js';
import { REASONS } from '../../src/domain/reasons.js';
import { csv, writeBundle } from '../helpers/bundle.js';

describe('reject reasons', () => {
  it('each documented reason is produced by the row made for it, with a bilingual text', async () => {
    const b = writeBundle();
    const d = b.data;
    appendFileSync(join(d, 'ref/units.csv'), csv([
      ['A2', '东湖县支行(重复)', 'C0', '县支行', '', ''],          // duplicate_unit (same code as A2)
      ['Z9', '新单位', 'C0', '内设部门', '二〇二五', ''],            // bad_year
      ['X1', '撤销支行', 'C0', '县支行', '', ''],                   // abolished 2024 (registry)
      ['X2', '拆分科', 'C0', '内设部门', '', ''],                   // split into 新一科 2024
      ['X3', '新一科', 'C0', '内设部门', '', ''],
      ['X4', '甲科', 'C0', '内设部门', '', ''],                     // merged into 乙科 2024, but 乙科 into 丙科 already 2023
      ['X5', '乙科', 'C0', '内设部门', '', ''],
      ['X6', '丙科', 'C0', '内设部门', '', ''],
    ]));
    appendFileSync(join(d, 'ref/registry.csv'), csv([
      ['东湖县支行', '', '2025', '改制'],   // bad_event
      ['撤销支行', '', '2024', '撤销'],
      ['拆分科', '新一科', '2024', '拆分'],
      ['甲科', '乙科', '2024', '合并'],
      ['乙科', '丙科', '2023', '合并'],
    ]));
    appendFileSync(join(d, 'ref/roster.csv'), csv([
      ['1002', '李四', '东湖县支行', '党员', '2024-05-01', '2024-12-31'],   // overlapping_membership (overlaps 2024-03-01 → open)
    ]));
    appendFileSync(join(d, '2024/考试.csv'), csv([
      ['办公室', '1003', '王五', '', '2024-06-01', '80', '100', ''],        // missing_value (考试名称)
      ['办公室', '1003', '王五', '测验', '2024-06-02', '80', '100', '第十'],  // bad_attempt
      ['办公室', '1003', '王五', '测验二', '2024-06-03', '80', '100', '=2+3'],  // bad_attempt, formula-looking
      ['办公室', '1003', '王五', '测验三', '2024-06-04', '80', '100', '', '多出的一格'],  // extra_cells
      ['办公室', '1003', '王五', '测验四', '2024-06-05', '95%', '120', ''],  // percent_score
      ['办公室', '1003', '王五', '测验五', '2024-06-05', '#DIV/0!', '100', ''],  // cell_error (a CSV saved by Excel)
    ]));
    // A formula without a saved result exists only in a workbook: formula_without_value.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('考勤');
    ws.addRow(['单位名称', '工号', '姓名', '日期', '学习形式', '时长（小时）', '出勤情况']);
    ws.addRow(['办公室', '1003', '王五', new Date(Date.UTC(2024, 5, 6)), '党课', { formula: '60/30' }, '出席']);
    await wb.xlsx.writeFile(join(d, '2024/考勤公式.xlsx'));
    appendFileSync(b.pipeline, '  - {kind: attendance, files: 2024/考勤公式.xlsx, year: 2024}\n');
    // Hours and minutes columns giving different durations (2 h against 90 minutes): hours_conflict.
    writeFileSync(join(d, '2024/考勤三.csv'), csv([
      ['单位名称', '工号', '姓名', '日期', '学习形式', '时长（小时）', '时长（分钟）', '出勤情况'],
      ['办公室', '1003', '王五', '2024-06-06', '党课', '2', '90', '出席'],
    ]));
    appendFileSync(b.pipeline, '  - {kind: attendance, files: 2024/考勤三.csv, year: 2024}\n');
    // A two-level 出勤情况 group with two marked cells: ambiguous_choice.
    writeFileSync(join(d, '2024/考勤二.csv'), csv([
      ['单位名称', '工号', '姓名', '日期', '学习形式', '出勤情况', ''],
      ['', '', '', '', '', '出席', '缺席'],
      ['办公室', '1003', '王五', '2024-06-05', '党课', '√', '√'],
    ]));
    appendFileSync(b.pipeline, '  - {kind: attendance, files: 2024/考勤二.csv, year: 2024}\n');
    appendFileSync(join(d, '2024/调研.csv'), csv([
      ['东湖县支行', '李四', '也许', '第四篇', '2024-08-04', ''],  // bad_flag
      ['撤销支行', '李四', '否', '第五篇', '2024-08-05', ''],     // unit_abolished
      ['拆分科', '李四', '否', '第六篇', '2024-08-06', ''],       // unit_split (the old name after the split)
      ['甲科', '李四', '否', '第七篇', '2024-08-07', ''],         // unit_merged (甲科 joined 乙科 after 乙科 itself was merged away)
    ]));
    appendFileSync(join(d, '2024/单位概况.csv'), csv([['办公室', '-3', '0.5', '有', '']]));  // negative_number
    // A profile file with no year column in a folder with no year: no_year.
    writeFileSync(join(d, 'ref/概况补充.csv'), csv([['单位名称', '党员人数'], ['办公室', '8']]));
    appendFileSync(b.pipeline, '  - {kind: unit_profile, files: ref/概况补充.csv}\n');

    // The 2024 profile again: a row still saying 2023, and 江海区支行 with another 党员人数 than 2024/单位概况.csv row 2.
    writeFileSync(join(d, '2024/概况更正.csv'), csv([
      ['单位名称', '年度', '党员人数'],
      ['办公室', '2023', '8'],        // year_not_declared
      ['江海区支行', '2024', '21'],   // conflicting_profile (20 in 2024/单位概况.csv row 2, rejected too)
    ]));
    appendFileSync(b.pipeline, '  - {kind: unit_profile, files: "{year}/概况更正.csv"}\n');

    const p = loadPipeline(b.pipeline);
    const summary = await ingest(p);
    // rejects.csv never hands Excel a formula.
    const csvText = readFileSync(summary.rejectsCsv, 'utf8');
    expect(csvText).toContain("'=2+3");
    expect(csvText).not.toMatch(/,=2\+3/);
    const db = await openDb(p.database);
    const rows = await db.all<{ code: string; reason_zh: string; reason_en: string }>(
      'SELECT DISTINCT code, reason_zh, reason_en FROM rejects ORDER BY code');
    db.close();
    expect(rows.map((r) => r.code).sort()).toEqual(Object.keys(REASONS).sort());
    for (const r of rows) {
      expect(r.reason_zh.length, r.code).toBeGreaterThan(2);
      expect(r.reason_en.length, r.code).toBeGreaterThan(2);
    }
  });
});
