/**
 * Every reason a row can be rejected, in Chinese and English. Rejects carry the
 * code; the text is joined in SQL from this table, so messages live in one place.
 */
export const REASONS = {
  missing_value: ['必填项为空', 'required value is empty'],
  bad_date: ['无法识别的日期（可用格式：2025-03-05、2025/3/5、2025.3.5、2025年3月5日、Excel 日期）', 'unreadable date (accepted: 2025-03-05, 2025/3/5, 2025.3.5, 2025年3月5日, Excel dates)'],
  date_outside_year: ['日期不在声明的年度内', 'date is outside the declared year'],
  bad_hours: ['无法识别的时长（如 2、1.5小时、1.5h、90分钟、半天）', 'unreadable duration (e.g. 2, 1.5小时, 1.5h, 90分钟, 半天)'],
  hours_out_of_range: ['时长超出 0–24 小时范围', 'duration outside 0–24 hours'],
  bad_status: ['未知的出勤状态（可用：出席/是/√/✔/迟到/补学、缺席/否/×/○、请假/病假/事假/公假/公出）', 'unknown attendance status (accepted: present 出席/是/√/✔/迟到/补学, absent 缺席/否/×/○, leave 请假/病假/事假/公假/公出)'],
  ambiguous_choice: ['同一行在多个选项列中都有标记（如出席、缺席都打了勾）', 'more than one option column of the row is marked (e.g. both 出席 and 缺席)'],
  bad_number: ['无法识别的数值', 'not a number'],
  negative_number: ['数值不能为负', 'value must not be negative'],
  score_out_of_range: ['成绩超出 0–满分 范围', 'score outside 0..full mark'],
  bad_full_mark: ['满分必须大于 0', 'full mark must be greater than 0'],
  bad_level: ['未知的刊物级别（可用：国家级/CSSCI/核心、省级、市级、内部）', 'unknown publication level (accepted: 国家级/CSSCI/核心, 省级, 市级, 内部)'],
  bad_adoption: ['未知的采纳层级（可用：总行/国家、省级、市级、县级、未采纳）', 'unknown adoption level (accepted: national, provincial, city, county, none)'],
  bad_flag: ['无法识别的是/否值', 'not a yes/no value'],
  bad_attempt: ['无法识别的考试次数', 'unreadable attempt number'],
  bad_year: ['无法识别的年度', 'unreadable year'],
  bad_event: ['未知的沿革事项（可用：更名、合并、撤销、新设、拆分）', 'unknown registry event (accepted: 更名 rename, 合并 merge, 撤销 abolish, 新设 create, 拆分 split)'],
  unknown_unit: ['未知单位', 'unknown unit'],
  unit_not_valid: ['该单位在此年度不存在（已撤销或尚未设立）', 'unit does not exist in this year (abolished or not yet created)'],
  unit_abolished: ['该单位已撤销，撤销当年及以后的数据不予计入', 'the unit was abolished: data of the abolition year and later are not counted'],
  unit_split: ['该单位已拆分，拆分当年及以后以原名称填报的数据无法归属到新单位', 'the unit was split: data under its old name from the split year on cannot be attributed to a new unit'],
  unit_merged: ['该单位已并入其他单位，无法归属', 'the unit was merged into another unit and the row cannot be attributed'],
  no_year: ['无法确定年度：既无年度列也未在流水线中声明', 'no year: neither a year column nor a declared year'],
  duplicate_unit: ['单位重复', 'duplicate unit'],
  overlapping_membership: ['同一人员的在册时段重叠', 'membership spans of the same person overlap'],
  footer_row: ['合计/制表说明行，不是数据', 'total or footnote row, not data'],
  cell_error: ['单元格是 Excel 错误值（如 #DIV/0!、#REF!、#N/A）：请在 Excel 中修正后重新导出', 'the cell holds an Excel error (e.g. #DIV/0!, #REF!, #N/A): fix it in Excel and export again'],
  formula_without_value: ['单元格是没有保存计算结果的公式：请用 Excel 打开并保存该文件后重新导入', 'the cell is a formula without a saved result: open and save the file in Excel, then load it again'],
  percent_score: ['成绩写成了百分比（如 95%）：请填写得分', 'the score is written as a percentage (e.g. 95%): give the points scored'],
  hours_conflict: ['“小时”与“分钟”两列的时长不一致，无法确定时长', 'the hours and the minutes columns give different durations'],
  year_not_declared: ['年度列与文件所属年度不一致（是否沿用了上一年的表？）', 'the year column differs from the year declared for the file (last year\'s form reused?)'],
  conflicting_profile: ['同一单位同一年度的该项在多个文件或多行中数值不同', 'the same unit, year and item has different values in more than one file or row'],
  extra_cells: ['本行在表头以外的列还有内容（表头是否漏了列？）', 'the row has cells beyond the last header column (is a header missing?)'],
} as const satisfies Record<string, readonly [string, string]>;

export type ReasonCode = keyof typeof REASONS;
