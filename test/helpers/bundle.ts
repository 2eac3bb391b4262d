/**
 * A tiny but complete export bundle written to a temp folder, with one instance
 * of each kind of dirt, so ingest tests can assert exact counts and reasons.
 * Rows are listed literally: the expected outcome of each is in its comment.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

export const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';

/** GBK bytes via iconv (present on Debian); tests that need GBK use this. */
export function gbk(text: string): Buffer {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text });
}

export interface Bundle { dir: string; pipeline: string; data: string }

export function writeBundle(): Bundle {
  const dir = mkdtempSync(join(tmpdir(), 'ys-bundle-'));
  const data = join(dir, 'data');
  mkdirSync(join(data, '2024'), { recursive: true });
  mkdirSync(join(data, 'ref'), { recursive: true });
  writeFileSync(join(data, 'ref/units.csv'), '\ufeff' + csv([
    ['单位编码', '单位名称', '上级单位', '单位类型', '起始年度', '终止年度'],
    ['C0', '江海市中心支行', '', '中心支行', '', ''],
    ['A1', '江海区支行', 'C0', '县支行', '', ''],           // renamed from 江海县支行 (registry)
    ['A2', '东湖县支行', 'C0', '县支行', '', ''],
    ['D1', '办公室', 'C0', '内设部门', '', ''],
    ['D2', '金融科技科', 'C0', '内设部门', '2025', ''],     // created in 2025
  ]));
  writeFileSync(join(data, 'ref/registry.csv'), csv([
    ['原名称', '新名称', '生效年度', '事项'],
    ['江海县支行', '江海区支行', '2023', '更名'],
  ]));
  writeFileSync(join(data, 'ref/roster.csv'), csv([
    ['工号', '姓名', '所在支部', '职务', '转入日期', '转出日期'],
    ['1001', '张三', '江海区支行', '支部书记', '2020-01-01', '2024-06-30'],
    ['1001', '张三', '东湖县支行', '党员', '2024-07-01', ''],       // mover: A1 → A2 on 2024-07-01
    ['1002', '李四', '东湖县支行', '党员', '2024-03-01', ''],       // part-year joiner
    ['1003', '王五', '办公室', '党员', '', ''],
  ]));
  // Attendance in GBK with a title row above the header.
  writeFileSync(join(data, '2024/考勤.csv'), gbk(csv([
    ['2024年度学习考勤登记表', '', '', '', '', ''],
    ['单位名称', '工号', '姓名', '日期', '学习形式', '时长（小时）', '是否出勤'],
    ['江海县支行', '1001', '张三', '2024-03-05', '集中学习', '2', '出席'],          // row 3: loaded, old name → A1
    ['江海区支行', '1001', '张三', '2024/9/5', '集中学习', '1.5小时', '√'],        // row 4: loaded, roster moves it to A2
    ['东湖县支行', '1002', '李四', '2024.4.1', '自学', '1.5h', '请假'],            // row 5: loaded
    ['东湖县支行', '1002', '李四', '2024年4月2日', '党课', '９０分钟', '缺席'],     // row 6: loaded, full-width digits
    ['东湖县支行', '1002', '李四', '2024年4月2日', '党课', '９０分钟', '缺席'],     // row 7: duplicate of row 6
    ['办公室', '1003', '王五', '2024-13-01', '集中学习', '2', '出席'],              // row 8: bad_date
    ['办公室', '1003', '王五', '2023-12-28', '集中学习', '2', '出席'],              // row 9: date_outside_year
    ['办公室', '1003', '王五', '2024-05-01', '集中学习', '30', '出席'],             // row 10: hours_out_of_range
    ['办公室', '1003', '王五', '2024-05-02', '集中学习', '两小时', '出席'],         // row 11: bad_hours
    ['办公室', '1003', '王五', '2024-05-03', '集中学习', '2', '待定'],             // row 12: bad_status
    ['办公室x', '9999', '赵六', '2024-05-03', '集中学习', '2', '出席'],            // row 13: unknown_unit (suggests 办公室)
    ['金融科技科', '9998', '钱七', '2024-05-03', '集中学习', '2', '出席'],          // row 14: unit_not_valid (created 2025)
    ['', '', '', '', '', '', ''],                                                  // row 15: blank
    ['　办公室　', '1003', '王五', '45413', '中心组学习', '半天', '是'],            // row 16: loaded (Excel serial 2024-05-01, full-width spaces)
    ['合计', '', '', '', '', '', ''],                                              // row 17: footer_row
  ])));
  writeFileSync(join(data, '2024/单位概况.csv'), csv([
    ['单位名称', '党员人数', '学习经费（万元）', '年度学习计划', '备注'],
    ['江海区支行', '20', '1.5', '是', '无'],         // loaded: members 20, study_budget 15000, has_study_plan 1
    ['东湖县支行', '十二', '0.8', '否', '新班子'],   // rejected: bad_number on 党员人数
    ['办公室', '8', '0.5', '有', ''],                // loaded
  ]));
  writeFileSync(join(data, '2024/考试.csv'), csv([
    ['单位名称', '工号', '姓名', '考试名称', '考试日期', '成绩', '满分', '考试次数'],
    ['办公室', '1003', '王五', '党章测试', '2024-06-01', '90', '100', '首次'],     // loaded
    ['办公室', '1003', '王五', '党章测试', '2024-06-15', '130', '120', '补考'],    // score_out_of_range
    ['办公室', '1003', '王五', '强国答题', '2024-06-20', '9', '0', ''],            // bad_full_mark
  ]));
  writeFileSync(join(data, '2024/论文.csv'), csv([
    ['单位名称', '作者', '题目', '刊物名称', '刊物级别', '发表时间'],
    ['办公室', '王五', '"论学习, 与""实践"""', '金融时报', 'CSSCI', '2024-07-01'],  // loaded; quoted comma and quotes
    ['办公室', '王五', '另一篇', '某报', '报纸', '2024-07-02'],                      // bad_level
  ]));
  writeFileSync(join(data, '2024/调研.csv'), csv([
    ['单位名称', '课题负责人', '是否领导干部', '调研题目', '完成时间', '采纳层级'],
    ['东湖县支行', '李四', '是', '县域信贷调研', '2024-08-01', '省级'],   // loaded, provincial
    ['东湖县支行', '李四', '否', '第二篇', '2024-08-02', ''],            // loaded, none
    ['东湖县支行', '李四', '否', '第三篇', '2024-08-03', '被表扬'],      // bad_adoption
  ]));
  const pipeline = join(dir, 'pipeline.yaml');
  writeFileSync(pipeline, [
    `database: ${join(dir, 'db/test.duckdb')}`,
    `data: ${data}`,
    `reports: ${join(dir, 'out')}`,
    'sources:',
    '  - {kind: units, files: ref/units.csv}',
    '  - {kind: unit_registry, files: ref/registry.csv}',
    '  - {kind: members, files: ref/roster.csv}',
    '  - {kind: unit_profile, files: "{year}/单位概况.csv"}',
    '  - {kind: attendance, files: "{year}/考勤.csv"}',
    '  - {kind: exams, files: "{year}/考试.csv"}',
    '  - {kind: publications, files: "{year}/论文.csv"}',
    '  - {kind: research_reports, files: "{year}/调研.csv"}',
    '',
  ].join('\n'));
  return { dir, pipeline, data };
}
