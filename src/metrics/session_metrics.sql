-- Session metrics per unit-year (indicator-system.md §3). A session is a distinct
-- (unit_id, date, session_type) among attendance rows, whatever the rows' statuses
-- (a meeting everyone missed was still held). Classes come from domain/session-types.ts.
--   remote_sessions_per_month  remote sessions ÷ 12
--   org_life_completion        mean over the five 三会一课 types below of min(held ÷ required, 1);
--                              computed for every unit, whatever its unit_type
--   learning_form_diversity    distinct session types among collective sessions
--   member_led_lectures        lecture sessions where at least one row names a presenter
--                              (not blank) without an external marker (external_markers)
--   joint_study_sessions       sessions where at least one row names a partner_unit
insert into metric_parts
with
frame as (
  select year, unit_id from metric_frame
),
supplied as (
  select year from metric_source_years where source = 'attendance'
),
required_sessions as (
  -- 支部工作条例: 党员大会 quarterly, 支委会 and 党小组会 monthly, 党课 quarterly, 主题党日 monthly
  select session_type, required
  from (values ('党员大会', 4), ('支委会', 12), ('党小组会', 12), ('党课', 4), ('主题党日', 12)) as t(session_type, required)
),
external_markers as (
  -- a presenter written like "王教授（外请）" or "特邀专家" is a guest, not a member
  select marker
  from (values ('外请'), ('外聘'), ('特邀'), ('外部'), ('客座'), ('(外)'), ('（外）')) as t(marker)
),
session_rows as (
  select
    unit_id,
    year,
    date,
    session_type,
    nullif(trim(presenter), '') as presenter,
    nullif(trim(partner_unit), '') as partner_unit
  from attendance
  where unit_id is not null and date is not null and session_type is not null
),
flagged_rows as (
  select
    *,
    presenter is not null
      and not exists (select 1 from external_markers m where contains(presenter, m.marker)) as by_member
  from session_rows
),
sessions as (
  select
    unit_id,
    year,
    date,
    session_type,
    bool_or(by_member) as has_member_presenter,
    bool_or(partner_unit is not null) as has_partner
  from flagged_rows
  group by unit_id, year, date, session_type
),
classified as (
  select
    s.*,
    s.session_type in (select session_type from metric_session_classes where class = 'collective') as is_collective,
    s.session_type in (select session_type from metric_session_classes where class = 'remote') as is_remote,
    s.session_type in (select session_type from metric_session_classes where class = 'lecture') as is_lecture
  from sessions s
),
unit_sessions as (
  select
    unit_id,
    year,
    count(*) filter (where is_remote) as remote_sessions,
    count(distinct session_type) filter (where is_collective) as collective_forms,
    count(*) filter (where is_lecture and has_member_presenter) as member_lectures,
    count(*) filter (where has_partner) as joint_sessions
  from classified
  group by unit_id, year
),
org_life_by_type as (
  select s.unit_id, s.year, r.session_type, least(count(*) / r.required, 1) as completion
  from sessions s
  join required_sessions r on r.session_type = s.session_type
  group by s.unit_id, s.year, r.session_type, r.required
),
org_life as (
  select unit_id, year, sum(completion::decimal(38, 18))::double as completion_sum -- exact: order-independent
  from org_life_by_type
  group by unit_id, year
),
unit_inputs as (
  select
    f.year,
    f.unit_id,
    coalesce(u.remote_sessions, 0) as remote_sessions,
    coalesce(u.collective_forms, 0) as collective_forms,
    coalesce(u.member_lectures, 0) as member_lectures,
    coalesce(u.joint_sessions, 0) as joint_sessions,
    coalesce(o.completion_sum, 0) as completion_sum,
    (select count(*) from required_sessions) as required_types,
    s.year is not null as source_ok
  from frame f
  left join unit_sessions u on u.year = f.year and u.unit_id = f.unit_id
  left join org_life o on o.year = f.year and o.unit_id = f.unit_id
  left join supplied s on s.year = f.year
),
final as (
  select year, unit_id, 'remote_sessions_per_month' as metric_id,
    remote_sessions as numerator, null as num_name, 12 as denominator, 'months' as den_name,
    1 as scale, null as cap, source_ok, 'attendance' as source_name
  from unit_inputs
  union all
  select year, unit_id, 'org_life_completion',
    completion_sum, null, required_types, null, 1, 1, source_ok, 'attendance'
  from unit_inputs
  union all
  select year, unit_id, 'learning_form_diversity',
    collective_forms, null, 1, null, 1, null, source_ok, 'attendance'
  from unit_inputs
  union all
  select year, unit_id, 'member_led_lectures',
    member_lectures, null, 1, null, 1, null, source_ok, 'attendance'
  from unit_inputs
  union all
  select year, unit_id, 'joint_study_sessions',
    joint_sessions, null, 1, null, 1, null, source_ok, 'attendance'
  from unit_inputs
)
select * from final
