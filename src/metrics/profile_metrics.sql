-- Unit-profile metrics:
--   * pass-through: every PROFILE_METRICS name (members, leaders, study_budget, …, bonus_points,
--     veto) and every other metric found in unit_profile (under its header text) becomes a
--     metric id of its own, value unchanged. A name that is already a built-in or declared
--     metric id is not passed through (the metric wins).
--   * derived (indicator-system.md §3):
--       study_budget_per_member  study_budget ÷ avg_members (metric_denominators.sql)
--       study_space              study_rooms
--       study_mechanisms         number of the five has_* flags set (> 0); a flag not reported
--                                counts as not set; missing when none of the five is reported
--       grassroots_research_days research_days ÷ leaders
-- Missing for every unit when the profile has no rows in the year (no_source).
insert into metric_parts
with
frame as (
  select year, unit_id from metric_frame
),
supplied as (
  select year from metric_source_years where source = 'unit_profile'
),
profile_ids as (
  select metric_id from metric_catalog_ids where kind = 'profile'
  union
  select distinct metric from metric_profile
  where metric not in (select metric_id from metric_catalog_ids)
),
pass_through as (
  select
    f.year,
    f.unit_id,
    i.metric_id,
    p.value as numerator,
    i.metric_id as num_name,
    1 as denominator,
    null as den_name,
    1 as scale,
    null as cap,
    s.year is not null as source_ok,
    'unit_profile' as source_name
  from frame f
  cross join profile_ids i
  left join metric_profile p on p.year = f.year and p.unit_id = f.unit_id and p.metric = i.metric_id
  left join supplied s on s.year = f.year
),
profile_wide as (
  select
    year,
    unit_id,
    max(value) filter (where metric = 'study_budget') as study_budget,
    max(value) filter (where metric = 'study_rooms') as study_rooms,
    max(value) filter (where metric = 'research_days') as research_days,
    sum(case when value > 0 then 1 else 0 end) filter (
      where metric in ('has_study_plan', 'has_attendance_register', 'has_study_archive',
                       'has_check_and_report', 'has_exam_reward')
        and value is not null
    ) as mechanisms
  from metric_profile
  group by year, unit_id
),
unit_inputs as (
  select
    f.year,
    f.unit_id,
    w.study_budget,
    w.study_rooms,
    w.research_days,
    w.mechanisms,
    d.avg_members,
    d.leaders,
    s.year is not null as source_ok
  from frame f
  left join profile_wide w on w.year = f.year and w.unit_id = f.unit_id
  left join metric_denominators d on d.year = f.year and d.unit_id = f.unit_id
  left join supplied s on s.year = f.year
),
derived as (
  select year, unit_id, 'study_budget_per_member' as metric_id,
    study_budget as numerator, 'study_budget' as num_name, avg_members as denominator, 'members' as den_name,
    1 as scale, null as cap, source_ok, 'unit_profile' as source_name
  from unit_inputs
  union all
  select year, unit_id, 'study_space',
    study_rooms, 'study_rooms', 1, null, 1, null, source_ok, 'unit_profile'
  from unit_inputs
  union all
  select year, unit_id, 'study_mechanisms',
    mechanisms, 'mechanism_flags', 1, null, 1, null, source_ok, 'unit_profile'
  from unit_inputs
  union all
  select year, unit_id, 'grassroots_research_days',
    research_days, 'research_days', leaders, 'leaders', 1, null, source_ok, 'unit_profile'
  from unit_inputs
),
final as (
  select * from pass_through
  union all
  select * from derived
)
select * from final
