/**
 * The source kinds Yardstick understands, their canonical columns and the header
 * aliases seen in real exports (Chinese and English). A pipeline source may add
 * aliases of its own (`columns:`); these built-ins are documented in docs/reference/headers.md.
 *
 * Header matching normalises both sides first (see `normaliseHeader`): trimmed,
 * full-width → half-width, brackets and spaces removed, lower-case. So
 * `时长（小时）`, `时长(小时)` and ` 时长 (小时) ` are one header.
 */
export const KINDS = [
  'units',
  'unit_registry',
  'members',
  'unit_profile',
  'attendance',
  'exams',
  'publications',
  'research_reports',
] as const;
export type Kind = (typeof KINDS)[number];

/** Each kind as offices name the export (messages, run summary, report, workbook). */
export const KIND_LABELS: Record<Kind, { zh: string; en: string }> = {
  units: { zh: '单位名录', en: 'unit list' },
  unit_registry: { zh: '单位沿革', en: 'unit registry' },
  members: { zh: '党员名册', en: 'member roster' },
  unit_profile: { zh: '单位概况', en: 'unit profile' },
  attendance: { zh: '学习考勤', en: 'attendance' },
  exams: { zh: '考试成绩', en: 'exams' },
  publications: { zh: '论文发表', en: 'publications' },
  research_reports: { zh: '调研报告', en: 'research reports' },
};

export interface ColumnDef {
  /** Canonical column name (ascii snake_case). */
  name: string;
  aliases: string[];
  required?: boolean;
  zh: string;
}

const unitName: ColumnDef = {
  name: 'unit_name',
  zh: '单位名称',
  required: true,
  aliases: ['单位名称', '单位', '党组织名称', '支部名称', '所在支部', '所在单位', '部门', '科室', '机构名称', '所在党支部', '党支部名称', 'unit', 'unit_name', 'unit name', 'branch'],
};
const personId: ColumnDef = {
  name: 'person_id',
  zh: '人员编号',
  aliases: ['工号', '人员编号', '员工号', '职工编号', '身份证号', '身份证号码', '党员编号', 'person_id', 'employee id', 'staff id'],
};
const personName: ColumnDef = {
  name: 'person_name',
  zh: '姓名',
  aliases: ['姓名', '党员姓名', '人员姓名', 'name', 'person_name', 'member'],
};

export const COLUMNS: Record<Kind, ColumnDef[]> = {
  units: [
    { name: 'unit_code', zh: '单位编码', aliases: ['单位编码', '单位编号', '机构代码', '机构编码', '组织编码', '组织代码', '单位代码', 'unit_id', 'unit_code', 'code'] },
    { ...unitName },
    { name: 'parent', zh: '上级单位', aliases: ['上级单位', '所属党委', '所属机构', '上级单位名称', '上级单位编码', '上级单位编号', '上级党组织', 'parent', 'parent_unit'] },
    { name: 'unit_type', zh: '单位类型', aliases: ['单位类型', '类别', '单位类别', '类型', 'unit_type', 'type'] },
    { name: 'valid_from', zh: '起始年度', aliases: ['起始年度', '成立年度', '设立年度', 'valid_from', 'from_year'] },
    { name: 'valid_to', zh: '终止年度', aliases: ['终止年度', '撤销年度', 'valid_to', 'to_year'] },
  ],
  unit_registry: [
    { name: 'old_name', zh: '原名称', required: true, aliases: ['原名称', '原单位名称', '旧名称', 'old_name', 'old name'] },
    { name: 'new_name', zh: '新名称', aliases: ['新名称', '现名称', '新单位名称', '并入单位', 'new_name', 'new name'] },
    { name: 'effective_year', zh: '生效年度', required: true, aliases: ['生效年度', '变更年度', '年度', 'effective_year', 'year'] },
    { name: 'event', zh: '事项', required: true, aliases: ['事项', '变更类型', '沿革事项', 'event', 'change'] },
  ],
  members: [
    { ...personId },
    { ...personName },
    { ...unitName },
    { name: 'role', zh: '职务', aliases: ['职务', '角色', '党内职务', '身份', 'role', 'position'] },
    { name: 'from_date', zh: '转入日期', aliases: ['转入日期', '入党日期', '起始日期', '加入日期', '入职日期', 'from_date', 'joined'] },
    { name: 'to_date', zh: '转出日期', aliases: ['转出日期', '离开日期', '终止日期', '离职日期', 'to_date', 'left'] },
  ],
  unit_profile: [
    { ...unitName },
    { name: 'year', zh: '年度', aliases: ['年度', '年份', '考核年度', 'year'] },
    // Every other column is a candidate metric: see PROFILE_METRICS.
  ],
  attendance: [
    { ...unitName },
    { ...personId },
    { ...personName },
    { name: 'date', zh: '日期', required: true, aliases: ['日期', '学习日期', '活动日期', '时间', '学习时间', '会议日期', '开展时间', 'date'] },
    { name: 'session_type', zh: '学习形式', required: true, aliases: ['学习形式', '活动类型', '会议类型', '学习类型', '形式', '会议形式', '学习方式', 'session_type', 'type'] },
    { name: 'topic', zh: '学习内容', aliases: ['学习内容', '主题', '学习主题', '会议主题', '内容', 'topic'] },
    { name: 'hours', zh: '时长（小时）', aliases: ['时长', '学时', '时长(小时)', '时长小时', '学习时长', '学习时长(小时)', 'hours'] },
    { name: 'minutes', zh: '时长（分钟）', aliases: ['时长(分钟)', '时长分钟', '分钟', '学习时长(分钟)', '学时(分钟)', '时长(min)', '时长(分)', '学习时长(min)', 'minutes'] },
    { name: 'status', zh: '出勤情况', required: true, aliases: ['是否出勤', '出勤情况', '签到', '签到情况', '出勤状态', '状态', '出勤', '考勤', 'status', 'attendance'] },
    { name: 'presenter', zh: '主讲人', aliases: ['主讲人', '领学人', '主持人', '授课人', 'presenter'] },
    { name: 'partner_unit', zh: '联学单位', aliases: ['联学单位', '共建单位', 'partner_unit', 'partner'] },
  ],
  exams: [
    { ...unitName },
    { ...personId },
    { ...personName },
    { name: 'exam', zh: '考试名称', required: true, aliases: ['考试名称', '测试名称', '竞赛名称', '考试', 'exam'] },
    { name: 'date', zh: '考试日期', required: true, aliases: ['考试日期', '日期', '测试日期', '考试时间', '测试时间', 'date'] },
    { name: 'score', zh: '成绩', required: true, aliases: ['成绩', '得分', '分数', '考试成绩', '考试得分', 'score'] },
    { name: 'full_mark', zh: '满分', required: true, aliases: ['满分', '总分', '试卷总分', 'full_mark', 'full mark', 'max'] },
    { name: 'pass_mark', zh: '及格线', aliases: ['及格线', '及格分', '合格线', 'pass_mark', 'pass mark'] },
    { name: 'attempt', zh: '考试次数', aliases: ['考试次数', '第几次', '补考', 'attempt'] },
  ],
  publications: [
    { ...unitName },
    { name: 'author', zh: '作者', aliases: ['作者', '第一作者', '署名', '作者姓名', 'author'] },
    { name: 'title', zh: '题目', required: true, aliases: ['题目', '篇名', '文章名称', '标题', '论文题目', 'title'] },
    { name: 'venue', zh: '刊物名称', aliases: ['刊物名称', '发表刊物', '报刊名称', '载体', '刊物', 'venue', 'outlet'] },
    { name: 'level', zh: '刊物级别', required: true, aliases: ['刊物级别', '级别', '发表级别', 'level'] },
    { name: 'date', zh: '发表时间', required: true, aliases: ['发表时间', '发表日期', '刊期', '日期', 'date'] },
    { name: 'kind', zh: '类别', aliases: ['类别', '文章类别', '文章类型', '类型', 'kind'] },
  ],
  research_reports: [
    { ...unitName },
    { name: 'author', zh: '执笔人', aliases: ['课题负责人', '执笔人', '作者', '负责人', 'author', 'lead_author'] },
    { name: 'is_leader', zh: '是否领导干部', aliases: ['是否领导干部', '领导干部', 'is_leader', 'leader'] },
    { name: 'title', zh: '调研题目', required: true, aliases: ['调研题目', '报告名称', '题目', '标题', 'title'] },
    { name: 'date', zh: '完成时间', required: true, aliases: ['完成时间', '完成日期', '日期', 'date'] },
    { name: 'adoption_level', zh: '采纳层级', aliases: ['采纳层级', '采用情况', '采用级别', '采纳级别', '采纳情况', '被采用单位', '采用层级', '被采纳层级', 'adoption_level', 'adoption'] },
    { name: 'adoption_extent', zh: '采用方式', aliases: ['采用方式', '采纳方式', '采用程度', '采纳程度', 'adoption_extent'] },
    { name: 'kind', zh: '类别', aliases: ['类别', '成果类型', '类型', 'kind'] },
  ],
};

/**
 * Named unit-profile metrics and their header aliases. Any other numeric profile
 * column is still loaded, under its header text, and reported as a warning so the
 * office can name it in the pipeline file.
 * `scale` converts units (万元 → 元).
 */
export const PROFILE_METRICS: { metric: string; zh: string; aliases: string[]; scale?: number; flag?: boolean; signed?: boolean }[] = [
  { metric: 'members', zh: '党员人数', aliases: ['党员人数', '在册党员数', '党员数', 'members'] },
  { metric: 'staff', zh: '职工人数', aliases: ['职工人数', '在职人数', 'staff'] },
  { metric: 'leaders', zh: '领导干部人数', aliases: ['领导干部人数', '中心组成员数', '班子成员数', 'leaders'] },
  { metric: 'study_budget', zh: '学习经费（元）', aliases: ['学习经费', '学习经费(元)', '学习培训经费', '学习培训经费(元)', 'study_budget'] },
  { metric: 'study_budget', zh: '学习经费（万元）', aliases: ['学习经费(万元)', '学习培训经费(万元)'], scale: 10000 },
  { metric: 'study_rooms', zh: '学习场所数', aliases: ['学习场所', '学习室', '学习室数量', '党员活动室', '阅览室', '农家书屋', '学习场所数', 'study_rooms'] },
  { metric: 'research_days', zh: '基层调研天数', aliases: ['基层调研天数', '调研天数', 'research_days'] },
  { metric: 'has_study_plan', zh: '年度学习计划', aliases: ['年度学习计划', 'has_study_plan'], flag: true },
  { metric: 'has_attendance_register', zh: '考勤制度', aliases: ['考勤制度', '考勤登记制度', 'has_attendance_register'], flag: true },
  { metric: 'has_study_archive', zh: '学习档案', aliases: ['学习档案', 'has_study_archive'], flag: true },
  { metric: 'has_check_and_report', zh: '检查通报', aliases: ['检查通报', '定期检查通报', 'has_check_and_report'], flag: true },
  { metric: 'has_exam_reward', zh: '考学评学奖学', aliases: ['考学评学奖学', '考学评学奖学制度', 'has_exam_reward'], flag: true },
  // 加分 / 扣分 may be entered negative (offices write 扣分 as −3): never a reason to reject the row.
  { metric: 'bonus_points', zh: '加分', aliases: ['加分', '加分分值', 'bonus_points'], signed: true },
  { metric: 'deduction_points', zh: '扣分', aliases: ['扣分', '扣分项', '通报扣分', '扣分分值', 'deduction_points'], signed: true },
  { metric: 'veto', zh: '一票否决', aliases: ['一票否决', '否决事项', 'veto'], flag: true },
];

/**
 * Headers every kind leaves unread on purpose: row numbers and free-text remarks.
 * They are common in office exports and carry nothing to score, so they are not
 * reported (any other unknown header is: see unknownColumnWarnings in map-headers.ts).
 * Compared after normaliseHeader.
 */
export const KNOWN_IGNORED: string[] = [
  '序号', '序', '行号', '编号序号', 'no', 'no.', '#', 'seq',
  '备注', '备注说明', '说明', '附注', '其他说明', 'remark', 'remarks', 'note', 'notes', 'comment', 'comments',
];

/** Profile metrics whose values may be negative (every other known profile number must be ≥ 0). */
export const SIGNED_PROFILE_METRICS: string[] = PROFILE_METRICS.filter((m) => m.signed).map((m) => m.metric);

/** Header text as compared: trimmed, NFKC (full-width → half-width), brackets/spaces dropped, lower-case. */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[()（）\[\]【】:：*＊]/g, '')
    .toLowerCase();
}
