-- Value cleaning macros shared by every source kind. Pure functions of one text cell:
-- they return NULL when a value cannot be read, and the caller turns that into a reject
-- with file, row and column. Nothing here guesses: unknown words stay unknown.

-- Full-width ASCII (ＡＢＣ１２３（）) and ideographic/no-break spaces → half-width, then trim.
-- Empty → NULL so "missing" has one spelling.
CREATE OR REPLACE TEMP MACRO ys_has_fullwidth(s) AS regexp_matches(s, '[\x{3000}\x{00A0}\x{FF01}-\x{FF5E}]');
CREATE OR REPLACE TEMP MACRO ys_halfwidth(s) AS translate(s, '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　 ', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~  ');
CREATE OR REPLACE TEMP MACRO ys_trim(s) AS nullif(trim(s, ' ' || chr(9) || chr(10) || chr(13)), '');
-- translate() is slow on long mappings, so only values that hold a full-width character pay for it.
-- (The staging models clean each distinct written value once: stage/typed-sql.ts.)
CREATE OR REPLACE TEMP MACRO ys_clean(s) AS ys_trim(CASE WHEN ys_has_fullwidth(s) THEN ys_halfwidth(s) ELSE s END);
-- ys_clean(s) IS NULL, with the first character tested before the cleaning: a cell that cleans to
-- nothing starts with one of the characters cleaning removes, and most cells (ids) do not, so few pay
-- for the regular expression (a filter over every row of a 10M-row register).
CREATE OR REPLACE TEMP MACRO ys_blank(s) AS s IS NULL
  OR ((s = '' OR left(s, 1) IN (' ', chr(9), chr(10), chr(13), chr(12288), chr(160))) AND ys_clean(s) IS NULL);

-- Dates: 2025-03-05, 2025/3/5, 2025.3.5, 2025年3月5日, with an optional time part;
-- 20250305; Excel serials (1900 date system) for numbers between 20000 and 80000.
CREATE OR REPLACE TEMP MACRO ys_parse_date(s) AS (
  CASE
    WHEN s IS NULL THEN NULL
    -- fast path for the common ISO form
    WHEN length(s) = 10 AND s[5] = '-' AND s[8] = '-' AND try_cast(s AS DATE) IS NOT NULL THEN try_cast(s AS DATE)
    WHEN regexp_matches(s, '^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?([ T].*)?$') THEN
      try(make_date(
        CAST(regexp_extract(s, '^(\d{4})', 1) AS INTEGER),
        CAST(regexp_extract(s, '^\d{4}\s*[-/.年]\s*(\d{1,2})', 1) AS INTEGER),
        CAST(regexp_extract(s, '^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*(\d{1,2})', 1) AS INTEGER)))
    WHEN regexp_matches(s, '^\d{8}$') THEN
      try(make_date(CAST(s[1:4] AS INTEGER), CAST(s[5:6] AS INTEGER), CAST(s[7:8] AS INTEGER)))
    WHEN regexp_matches(s, '^\d{5}(\.\d+)?$') AND CAST(s AS DOUBLE) BETWEEN 20000 AND 80000 THEN
      CAST(DATE '1899-12-30' + CAST(floor(CAST(s AS DOUBLE)) AS INTEGER) AS DATE)
    ELSE NULL
  END);

-- A number, or NULL when it is not finite: DOUBLE takes '1e999', 'inf' and 'NaN', which no export
-- means and which would poison every sum, so such a cell is rejected like any other non-number.
CREATE OR REPLACE TEMP MACRO ys_finite(x) AS CASE WHEN isfinite(x) THEN x END;

-- Plain numbers: 1,234.5 / 1234元 / 85分 / 12人 / 3个 / 90%.
CREATE OR REPLACE TEMP MACRO ys_parse_number(s) AS
  ys_finite(try_cast(regexp_replace(regexp_replace(s, '(元|分|人|个|间|天|次|篇|%)$', ''), ',', '', 'g') AS DOUBLE));

-- Durations in hours: 2, 1.5小时, 1.5h, 1.5学时, 90分钟, 90min, 半天 (4), 全天/一天 (8),
-- the class-hour conventions of the training rules (full day 8 学时, half day 4).
CREATE OR REPLACE TEMP MACRO ys_parse_hours(s) AS (
  CASE
    WHEN s IS NULL THEN NULL
    WHEN try_cast(s AS DOUBLE) IS NOT NULL THEN ys_finite(try_cast(s AS DOUBLE))
    WHEN s IN ('半天', '半日') THEN 4.0
    WHEN s IN ('全天', '一天', '1天', '全日') THEN 8.0
    WHEN regexp_matches(lower(s), '^\d+(\.\d+)?\s*(小时|h|hr|hrs|hour|hours|学时|课时)?$') THEN
      CAST(regexp_extract(s, '^(\d+(\.\d+)?)', 1) AS DOUBLE)
    WHEN regexp_matches(lower(s), '^\d+(\.\d+)?\s*(分钟|分|min|mins|minutes)$') THEN
      CAST(regexp_extract(s, '^(\d+(\.\d+)?)', 1) AS DOUBLE) / 60
    ELSE NULL
  END);

-- Durations written in minutes (a 时长（分钟） column): 90, 90分钟, 90分, 90min → hours. A cell that names
-- another unit itself (1.5小时, 2h, 半天) is read as it says; anything else is not a duration (NULL → bad_hours).
CREATE OR REPLACE TEMP MACRO ys_parse_minutes(s) AS (
  CASE
    WHEN regexp_matches(lower(s), '^\d+(\.\d+)?\s*(分钟|分|min|mins|minutes)?$') THEN
      CAST(regexp_extract(s, '^(\d+(\.\d+)?)', 1) AS DOUBLE) / 60
    WHEN try_cast(s AS DOUBLE) IS NULL THEN ys_parse_hours(s)
    ELSE NULL
  END);

-- An hours and a minutes cell of one row (both in hours): the same duration written twice, or whole
-- hours and the minutes under an hour (1 | 30 → 1.5 h); stage/attendance.sql rejects anything else.
CREATE OR REPLACE TEMP MACRO ys_same_hours(h, m) AS abs(h - m) < 1e-9;
CREATE OR REPLACE TEMP MACRO ys_hour_and_minute_parts(h, m) AS h = floor(h) AND m < 1;
CREATE OR REPLACE TEMP MACRO ys_duration(h, m) AS CASE WHEN h IS NULL OR m IS NULL OR ys_same_hours(h, m) THEN coalesce(h, m) ELSE h + m END;

-- Attendance status, exactly the table in shared/domain/metrics.md. A status word may carry a bracketed
-- note (✓(补学), 请假(病)): the word decides; the note is reported by the stage (stage/notes.ts).
CREATE OR REPLACE TEMP MACRO ys_status_note(s) AS nullif(regexp_extract(s, '^.+?\s*[(（]([^()（）]*)[)）]$', 1), '');
CREATE OR REPLACE TEMP MACRO ys_status_word(s) AS CASE WHEN ys_status_note(s) IS NULL THEN s ELSE trim(regexp_replace(s, '\s*[(（][^()（）]*[)）]$', '')) END;
CREATE OR REPLACE TEMP MACRO ys_status_of(w) AS (
  CASE
    WHEN lower(w) IN ('是', '出席', '出勤', '到', '参加', '√', '✓', '✔', '☑', 'y', 'yes', '1', '迟到', '补学') THEN 'present'
    WHEN lower(w) IN ('否', '缺席', '缺勤', '未到', '无故缺席', '×', '✗', '✘', '○', 'n', 'no', '0') THEN 'absent'
    WHEN w IN ('请假', '病假', '事假', '公假', '公出') THEN 'leave'
    ELSE NULL
  END);
CREATE OR REPLACE TEMP MACRO ys_parse_status(s) AS ys_status_of(ys_status_word(s));

-- A cell of a two-level choice group (出勤情况 over 出席 | 缺席 | 请假) is marked unless empty or a "no" mark.
CREATE OR REPLACE TEMP MACRO ys_marked(s) AS coalesce(ys_clean(s) NOT IN ('×', '✗', '✘', '否', '0', '空', '无', 'n', 'N', 'no', '-', '—', '/'), false);

-- A total or footnote cell (合计, 小计, 制表人：…, 填表说明：…), looked for in every column of a row that
-- does not load: a footer is reported once as footer_row instead of as many cell errors.
CREATE OR REPLACE TEMP MACRO ys_is_footer(s) AS coalesce(regexp_matches(ys_clean(s),
  '^(合\s*计|总\s*计|小\s*计)|^(制表|填表|填报|审核)(人|日期|时间|单位|说明)?\s*[:：]|^(说明|备注|注)\s*[:：]|^填表说明'), false);
CREATE OR REPLACE TEMP MACRO ys_footer_cell(cells) AS list_filter(cells, c -> ys_is_footer(c))[1];

-- Person names for matching: cleaned, every inner space dropped (张 三, 李　四 → 张三, 李四).
CREATE OR REPLACE TEMP MACRO ys_name(s) AS nullif(regexp_replace(ys_clean(s), '\s+', '', 'g'), '');

-- A person id as written, but an all-digit id with a trailing .0 (Excel saved the id column as numbers) without it.
CREATE OR REPLACE TEMP MACRO ys_person_id(s) AS regexp_replace(s, '^(\d+)\.0+$', '\1');

-- A person's key: origin (id | name) and text, pseudonymised with the database's key unless names are kept.
-- The origin stays visible (metrics read it: a key from a name is unique only within its unit).
CREATE OR REPLACE TEMP MACRO ys_person_key(origin, s, keep, salt) AS
  CASE WHEN s IS NULL THEN NULL WHEN keep THEN origin || ':' || s ELSE origin || ':' || sha256(salt || '|' || origin || ':' || s) END;

-- Yes/no flags (profile mechanisms, is_leader): 是/有/√/Y/1 and 否/无/×/N/0.
CREATE OR REPLACE TEMP MACRO ys_parse_flag(s) AS (
  CASE
    WHEN lower(s) IN ('是', '有', '√', '✓', 'y', 'yes', '1', 'true', '已建立', '已制定') THEN 1.0
    WHEN lower(s) IN ('否', '无', '×', '✗', 'n', 'no', '0', 'false', '未建立', '未制定') THEN 0.0
    ELSE NULL
  END);

-- Publication level: 国家级 4, 省级 2, 市级 1, 内部 0.5 (weights live in the metrics stage).
CREATE OR REPLACE TEMP MACRO ys_parse_level(s) AS (
  CASE
    WHEN upper(s) IN ('国家级', '国家', '中央级', 'CSSCI', '核心', '中文核心', '北大核心', '国家级刊物', '国家级核心') THEN 'national'
    WHEN s IN ('省级', '省', '省部级', '省级刊物') THEN 'provincial'
    WHEN s IN ('市级', '市', '地市级', '市级刊物') THEN 'city'
    WHEN s IN ('内部', '行内', '内刊', '内部刊物', '内部资料', '系统内') THEN 'internal'
    ELSE NULL
  END);

-- Highest level a research report was adopted at; an empty cell means not adopted.
CREATE OR REPLACE TEMP MACRO ys_parse_adoption(s) AS (
  CASE
    WHEN s IS NULL OR s IN ('未采纳', '未采用', '无', '否', '-', '—', '/') THEN 'none'
    WHEN s IN ('国家', '国家级', '总行', '中央', '国务院') THEN 'national'
    WHEN s IN ('省', '省级', '省行', '分行', '省委', '省政府', '省部级') THEN 'provincial'
    WHEN s IN ('市', '市级', '市委', '市政府', '中心支行', '地市级') THEN 'city'
    WHEN s IN ('县', '县级', '县委', '县政府', '区县', '县支行') THEN 'county'
    ELSE NULL
  END);

-- Exam attempt: 1 = first; 补考/重考 = 2; digits as written.
CREATE OR REPLACE TEMP MACRO ys_parse_attempt(s) AS (
  CASE
    WHEN s IS NULL THEN NULL
    WHEN s IN ('首次', '第一次', '正考', '初考') THEN 1
    WHEN s IN ('补考', '重考', '第二次') THEN 2
    ELSE try_cast(regexp_replace(s, '^第|次$', '', 'g') AS INTEGER)
  END);

-- Unit type → class used for peer ranking.
CREATE OR REPLACE TEMP MACRO ys_parse_unit_type(s) AS (
  CASE
    WHEN s IS NULL THEN 'other'
    WHEN regexp_matches(s, '中心支行|市级|^市|city') THEN 'city'
    WHEN regexp_matches(s, '县|区|支行|county') THEN 'county'
    WHEN regexp_matches(s, '部门|科室|处室|机关|支部|department|branch') THEN 'department'
    ELSE 'other'
  END);

-- Unit registry events.
CREATE OR REPLACE TEMP MACRO ys_parse_event(s) AS (
  CASE
    WHEN s IN ('更名', '改名', '重命名', 'rename') THEN 'rename'
    WHEN s IN ('合并', '并入', '撤并', 'merge') THEN 'merge'
    WHEN s IN ('撤销', '撤消', '取消', 'abolish') THEN 'abolish'
    WHEN s IN ('新设', '新建', '成立', '设立', 'create') THEN 'create'
    WHEN s IN ('拆分', '分设', 'split') THEN 'split'
    ELSE NULL
  END);

-- Role → leader flag (支部书记, 班子成员, 中心组成员, 行长, 主任 …).
CREATE OR REPLACE TEMP MACRO ys_is_leader_role(s) AS
  coalesce(regexp_matches(s, '书记|班子|中心组|行长|主任|局长|处长|科长|领导'), false);

-- Key for matching unit names: cleaned, inner spaces dropped, lower-case.
CREATE OR REPLACE TEMP MACRO ys_key(s) AS lower(replace(ys_clean(s), ' ', ''));

-- Text bound for CSV files opened in Excel: a leading = + - @ (or tab/CR) would run as a formula.
CREATE OR REPLACE TEMP MACRO ys_formula_safe(s) AS CASE WHEN regexp_matches(s, '^[=+\-@\t\r]') THEN '''' || s ELSE s END;

-- One reject entry: the canonical column ('' for the whole row), the reason code, the cell as written.
CREATE OR REPLACE TEMP MACRO ys_err(col, code, value) AS {'col': col::VARCHAR, 'code': code::VARCHAR, 'value': value::VARCHAR};

-- A row's errors, in the order an office reads them: a blank row has none; cells beyond the header reject the
-- whole row; a loadable row has none; a footer (合计, 制表人：…) in any column is one footer_row; then the
-- choice group's conflict; else the cell and row errors. `footer` is evaluated only for rows that fail.
CREATE OR REPLACE TEMP MACRO ys_row_errors(is_blank, extra, footer, choice_error, errs) AS CASE
  WHEN is_blank THEN []
  WHEN extra IS NOT NULL THEN [ys_err('', 'extra_cells', extra)]
  WHEN len(errs) = 0 AND choice_error IS NULL THEN []
  WHEN footer IS NOT NULL THEN [ys_err('', 'footer_row', footer)]
  WHEN choice_error IS NOT NULL THEN [choice_error]
  ELSE errs END;

-- Why a row's unit does not resolve in the year of its date (stage/lookup.ts builds unit_lookup,
-- unit_validity and unit_end_names): an unknown name must surface even when the roster knows the person.
CREATE OR REPLACE TEMP MACRO ys_unit_errors(name_written, name_known, unit_id, name_end_code, yr, unit_from, unit_to, end_code) AS CASE
  WHEN name_written IS NOT NULL AND NOT coalesce(name_known, false) THEN [ys_err('unit_name', 'unknown_unit', name_written)]
  WHEN unit_id IS NULL THEN [ys_err('unit_name', coalesce(name_end_code, 'unit_not_valid'), name_written)]
  WHEN yr > unit_to THEN [ys_err('unit_name', coalesce(end_code, 'unit_not_valid'), coalesce(name_written, unit_id))]
  WHEN yr < unit_from THEN [ys_err('unit_name', 'unit_not_valid', coalesce(name_written, unit_id))]
  ELSE [] END;
