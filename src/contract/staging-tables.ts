/**
 * The ingest stage's tables, each defined ONCE: name, columns, DuckDB types, zh/en descriptions.
 * Generated from this list: the DDL (`ensureSchema`), the column lists the metrics check
 * declarative metrics against (src/metrics/staging-columns.ts), the metrics test fixtures and
 * docs/reference/tables.md; test/store/contract.test.ts checks it against `DESCRIBE`.
 *
 * Adding a column: append it at the END of its table (an older database gets it added, NULL in
 * its old rows, and keeps the same column order), then run `npm run docs`.
 */
import { col, type TableDoc } from './types.js';

const c = col;
const lineage = [c('source_file', 'VARCHAR', '来源文件', 'source file path'), c('source_row', 'INTEGER', '来源行号（Excel 中所见）', 'row number as seen in Excel')];
const unitYear = [c('unit_id', 'VARCHAR', '单位编号', 'unit id'), c('member_key', 'VARCHAR', '人员假名键', 'pseudonymised person key')];

export const INGEST_TABLES: TableDoc[] = [
  { table: 'settings', stage: 'ingest', primaryKey: ['key'], description: { zh: '数据库设置（如人员假名密钥）', en: 'Database settings, e.g. the pseudonym key' }, columns: [
    c('key', 'VARCHAR', '设置名', 'setting name'), c('value', 'VARCHAR', '设置值', 'value')] },
  { table: 'units', stage: 'ingest', description: { zh: '单位名录', en: 'Unit registry: one row per unit' }, columns: [
    c('unit_id', 'VARCHAR', '单位编号（单位编码，缺省为名称）', 'unit id (unit code, else the name)'),
    c('name', 'VARCHAR', '单位名称', 'current name'),
    c('parent_id', 'VARCHAR', '上级单位编号', 'parent unit id'),
    c('unit_type', 'VARCHAR', '单位类别 city/county/department/other', 'peer class: city, county, department, other'),
    c('type_label', 'VARCHAR', '原始类型文字', 'type as written'),
    c('valid_from', 'INTEGER', '起始年度', 'first year (NULL = always)'),
    c('valid_to', 'INTEGER', '终止年度', 'last year (NULL = still exists)'), ...lineage] },
  { table: 'unit_aliases', stage: 'ingest', description: { zh: '单位沿革：旧名称 → 单位', en: 'Old names of renamed/merged units → unit id' }, columns: [
    c('alias', 'VARCHAR', '旧名称', 'old name'), c('unit_id', 'VARCHAR', '对应单位', 'unit it now refers to'),
    c('event', 'VARCHAR', '事项 rename/merge/abolish/create/split', 'event'),
    c('effective_year', 'INTEGER', '生效年度', 'effective year'), ...lineage] },
  { table: 'unit_events', stage: 'ingest', description: { zh: '单位沿革事件（按年度，由单位沿革导出）', en: 'Unit events per year, derived from the registry (docs/unit-changes.md)' }, columns: [
    c('year', 'INTEGER', '生效年度（新情况的第一年）', 'effective year: the first year of the new situation'),
    c('unit_id', 'VARCHAR', '单位编号', 'unit id'),
    c('event', 'VARCHAR', '事件 merged_into/absorbed/abolished/created/split_into/split_from/renamed', 'event'),
    c('other_unit_id', 'VARCHAR', '另一方单位（并入/吸收/拆分）', 'the other unit of a merge or split, else NULL'),
    c('label_zh', 'VARCHAR', '显示文字（如“并入货币信贷科”）', 'label in Chinese, e.g. 并入货币信贷科'),
    c('label_en', 'VARCHAR', '显示文字（英文）', 'label in English, e.g. merged into 货币信贷科'),
    c('registry_file', 'VARCHAR', '单位沿革文件', 'registry file'), c('registry_row', 'INTEGER', '单位沿革行号', 'registry row as seen in Excel')] },
  { table: 'members', stage: 'ingest', description: { zh: '党员名册（在册时段）', en: 'Roster: one row per membership span' }, columns: [
    c('member_key', 'VARCHAR', '人员假名键', 'pseudonymised person key'), c('unit_id', 'VARCHAR', '所在单位', 'unit'),
    c('role', 'VARCHAR', '职务', 'role'), c('is_leader', 'BOOLEAN', '是否领导干部', 'leader (书记/班子/中心组…)'),
    c('from_date', 'DATE', '转入日期', 'joined (NULL = before records)'), c('to_date', 'DATE', '转出日期', 'left (NULL = still a member)'),
    c('member_label', 'VARCHAR', '姓名（仅 --keep-names）', 'name, only with --keep-names'), ...lineage,
    c('name_key', 'VARCHAR', '姓名假名键（无编号的记录按姓名匹配名册用）', 'pseudonymised key of the name alone (matches rows without an id to the roster)')] },
  { table: 'unit_profile', stage: 'ingest', description: { zh: '单位概况（长表）', en: 'Unit profile, long: every numeric column a metric' }, columns: [
    c('unit_id', 'VARCHAR', '单位编号', 'unit id'), c('year', 'INTEGER', '年度', 'year'),
    c('metric', 'VARCHAR', '指标', 'metric (members, study_budget …, or the header text)'), c('value', 'DOUBLE', '数值', 'value'), ...lineage] },
  { table: 'attendance', stage: 'ingest', description: { zh: '学习考勤，每人每次一行', en: 'Study attendance: one row per person × session' }, columns: [
    ...unitYear, c('date', 'DATE', '日期', 'session date'), c('year', 'INTEGER', '年度（按日期）', 'year of the date'),
    c('session_type', 'VARCHAR', '学习形式', 'session type as written'), c('hours', 'DOUBLE', '时长（小时）', 'hours'),
    c('status', 'VARCHAR', '出勤 present/absent/leave', 'status'), c('topic', 'VARCHAR', '学习内容', 'topic'),
    c('presenter', 'VARCHAR', '主讲人', 'presenter'), c('partner_unit', 'VARCHAR', '联学单位', 'partner unit'), ...lineage] },
  { table: 'exams', stage: 'ingest', description: { zh: '考试成绩', en: 'Exam scores' }, columns: [
    ...unitYear, c('exam', 'VARCHAR', '考试名称', 'exam'), c('date', 'DATE', '考试日期', 'date'), c('year', 'INTEGER', '年度', 'year'),
    c('score', 'DOUBLE', '成绩', 'score'), c('full_mark', 'DOUBLE', '满分', 'full mark'), c('pass_mark', 'DOUBLE', '及格线', 'pass mark'),
    c('attempt', 'INTEGER', '考试次数（1 = 首次）', 'attempt (1 = first)'), ...lineage] },
  { table: 'publications', stage: 'ingest', description: { zh: '论文与理论文章', en: 'Publications' }, columns: [
    c('unit_id', 'VARCHAR', '单位编号', 'unit id'), c('author_key', 'VARCHAR', '作者假名键', 'pseudonymised author key'),
    c('title', 'VARCHAR', '题目', 'title'), c('venue', 'VARCHAR', '刊物', 'venue'),
    c('level', 'VARCHAR', '级别 national/provincial/city/internal', 'level'), c('date', 'DATE', '发表时间', 'date'),
    c('year', 'INTEGER', '年度', 'year'), c('kind', 'VARCHAR', '类别', 'kind'), ...lineage] },
  { table: 'research_reports', stage: 'ingest', description: { zh: '调研报告', en: 'Research reports' }, columns: [
    c('unit_id', 'VARCHAR', '单位编号', 'unit id'), c('author_key', 'VARCHAR', '执笔人假名键', 'pseudonymised author key'),
    c('is_leader', 'BOOLEAN', '是否领导干部', 'led by a leader'), c('title', 'VARCHAR', '题目', 'title'),
    c('date', 'DATE', '完成时间', 'date'), c('year', 'INTEGER', '年度', 'year'),
    c('adoption_level', 'VARCHAR', '最高采纳层级 national/provincial/city/county/none', 'highest adoption level'),
    c('adoption_extent', 'VARCHAR', '采用方式', 'adoption extent'), c('kind', 'VARCHAR', '类别', 'kind'), ...lineage] },
  { table: 'rejects', stage: 'ingest', description: { zh: '被拒绝的行（每个出错单元格一行）', en: 'Rejected rows: one row per failed cell' }, columns: [
    c('source_file', 'VARCHAR', '文件', 'file'), c('sheet', 'VARCHAR', '工作表', 'sheet (empty for CSV)'),
    c('source_row', 'INTEGER', '行号', 'row as seen in Excel'), c('kind', 'VARCHAR', '数据类型', 'source kind'),
    c('column_header', 'VARCHAR', '列标题', 'column header as written'), c('value', 'VARCHAR', '值', 'cell value'),
    c('code', 'VARCHAR', '原因代码', 'reason code'), c('reason_zh', 'VARCHAR', '原因', 'reason (Chinese)'), c('reason_en', 'VARCHAR', '原因（英文）', 'reason (English)')] },
  { table: 'manifest', stage: 'ingest', description: { zh: '文件清单', en: 'Every loaded file with its row accounting' }, columns: [
    c('source_file', 'VARCHAR', '文件', 'file'), c('sha256', 'VARCHAR', '文件哈希', 'sha256 of the bytes'), c('kind', 'VARCHAR', '数据类型', 'kind'),
    c('sheets', 'VARCHAR', '工作表', 'sheets read'), c('encoding', 'VARCHAR', '编码', 'encoding'),
    c('rows_read', 'BIGINT', '读取行数', 'rows read (non-blank)'), c('rows_loaded', 'BIGINT', '载入行数', 'rows loaded'),
    c('rows_rejected', 'BIGINT', '拒绝行数', 'rows rejected'), c('rows_duplicate', 'BIGINT', '重复行数', 'exact duplicates'),
    c('rows_blank', 'BIGINT', '空行数', 'blank rows'), c('loaded_at', 'TIMESTAMP', '载入时间', 'load time'), c('run_id', 'VARCHAR', '运行编号', 'run id'),
    c('header_map', 'VARCHAR', '表头对应（JSON：每个工作表的每个列标题 → 列名或未使用）', 'header map, JSON: per sheet, every header → its column or null (unused)'),
    c('config_hash', 'VARCHAR', '数据源定义的哈希（定义变更即重新载入）', 'hash of the source definition: a change reloads the file')] },
  { table: 'ingest_warnings', stage: 'ingest', description: { zh: '载入警告（未识别的列、跳过的工作表等），每个文件保留最近一次载入的', en: 'Ingest warnings (unknown columns, skipped sheets …) of the latest load of each file' }, columns: [
    c('source_file', 'VARCHAR', '文件', 'file (NULL: the pipeline itself)'), c('sheet', 'VARCHAR', '工作表', 'sheet (NULL for CSV)'),
    c('source_row', 'INTEGER', '行号（表头行）', 'row as seen in Excel (the header row for column warnings)'),
    c('column_ref', 'VARCHAR', '列（字母与序号，或列标题）', 'column: letter and number, e.g. C (3), or the header'),
    c('code', 'VARCHAR', '警告代码', 'warning code, e.g. unknown_column'), c('message_zh', 'VARCHAR', '说明', 'message (Chinese)'),
    c('message_en', 'VARCHAR', '说明（英文）', 'message (English)'), c('run_id', 'VARCHAR', '运行编号', 'run id')] },
];
