-- Attendance metrics per unit-year (metrics.md; training_hours from indicator-system.md §3).
--   attendance_records       rows
--   attendance_rate          present ÷ rows;  leave_rate  leave ÷ rows;  absence_rate  absent ÷ rows
--   attended_hours           Σ hours, present rows
--   collective_study_hours   Σ hours, present rows of collective types ÷ member_months
--   self_study_hours         Σ hours, present rows of self_study types ÷ member_months
--   training_hours           Σ hours, present rows of training types ÷ avg_members
-- Session type classes come from domain/session-types.ts (metric_session_classes).
-- Hours: rows without hours add nothing; a sum is unknown (NULL, note "hours") only when the
-- unit has such present rows and none of them carries hours. A unit without rows in a year the
-- source was supplied has 0 rows / 0 hours (so its rates are missing: zero denominator).
-- self_study_hours is missing for all units in a year with no self-study row anywhere
-- (the optional self-study log was not supplied).
-- Hours are added up as DECIMAL(38, 18) (exact integer addition) and turned back into doubles
-- once summed: a sum of doubles depends on the order DuckDB's threads add the rows in (~1e-13),
-- and scoring unchanged data must give bit-identical values (and the same runs.input_hash).
insert into metric_parts
with
frame as (
  select year, unit_id from metric_frame
),
supplied as (
  select
    year,
    bool_or(source = 'attendance') as attendance_ok,
    bool_or(source = 'self_study') as self_study_ok
  from metric_source_years
  group by year
),
classified as (
  select
    a.unit_id,
    a.year,
    a.status,
    a.hours::decimal(38, 18) as hours,
    a.session_type in (select session_type from metric_session_classes where class = 'collective') as is_collective,
    a.session_type in (select session_type from metric_session_classes where class = 'self_study') as is_self_study,
    a.session_type in (select session_type from metric_session_classes where class = 'training') as is_training
  from attendance a
  where a.unit_id is not null
),
unit_counts as (
  select
    unit_id,
    year,
    ---------- rows by status
    count(*) as records,
    count(*) filter (where status = 'present') as present_rows,
    count(*) filter (where status = 'leave') as leave_rows,
    count(*) filter (where status = 'absent') as absent_rows,
    ---------- present hours by class (NULL: rows exist, none with hours)
    case when count(hours) filter (where status = 'present') = 0 and count(*) filter (where status = 'present') > 0
      then null else coalesce(sum(hours) filter (where status = 'present'), 0) end as present_hours,
    case when count(hours) filter (where status = 'present' and is_collective) = 0
          and count(*) filter (where status = 'present' and is_collective) > 0
      then null else coalesce(sum(hours) filter (where status = 'present' and is_collective), 0) end as collective_hours,
    case when count(hours) filter (where status = 'present' and is_self_study) = 0
          and count(*) filter (where status = 'present' and is_self_study) > 0
      then null else coalesce(sum(hours) filter (where status = 'present' and is_self_study), 0) end as self_study_hours,
    case when count(hours) filter (where status = 'present' and is_training) = 0
          and count(*) filter (where status = 'present' and is_training) > 0
      then null else coalesce(sum(hours) filter (where status = 'present' and is_training), 0) end as training_hours
  from classified
  group by unit_id, year
),
unit_inputs as (
  select
    f.year,
    f.unit_id,
    coalesce(c.records, 0) as records,
    coalesce(c.present_rows, 0) as present_rows,
    coalesce(c.leave_rows, 0) as leave_rows,
    coalesce(c.absent_rows, 0) as absent_rows,
    (case when c.unit_id is null then 0 else c.present_hours end)::double as present_hours,
    (case when c.unit_id is null then 0 else c.collective_hours end)::double as collective_hours,
    (case when c.unit_id is null then 0 else c.self_study_hours end)::double as self_study_hours,
    (case when c.unit_id is null then 0 else c.training_hours end)::double as training_hours,
    d.member_months,
    d.avg_members,
    coalesce(s.attendance_ok, false) as attendance_ok,
    coalesce(s.self_study_ok, false) as self_study_ok
  from frame f
  left join unit_counts c on c.year = f.year and c.unit_id = f.unit_id
  left join metric_denominators d on d.year = f.year and d.unit_id = f.unit_id
  left join supplied s on s.year = f.year
),
final as (
  select year, unit_id, 'attendance_records' as metric_id,
    records as numerator, null as num_name, 1 as denominator, null as den_name,
    1 as scale, null as cap, attendance_ok as source_ok, 'attendance' as source_name
  from unit_inputs
  union all
  select year, unit_id, 'attendance_rate',
    present_rows, null, records, 'attendance_records', 1, 1, attendance_ok, 'attendance'
  from unit_inputs
  union all
  select year, unit_id, 'leave_rate',
    leave_rows, null, records, 'attendance_records', 1, 1, attendance_ok, 'attendance'
  from unit_inputs
  union all
  select year, unit_id, 'absence_rate',
    absent_rows, null, records, 'attendance_records', 1, 1, attendance_ok, 'attendance'
  from unit_inputs
  union all
  select year, unit_id, 'attended_hours',
    present_hours, 'hours', 1, null, 1, null, attendance_ok, 'attendance'
  from unit_inputs
  union all
  select year, unit_id, 'collective_study_hours',
    collective_hours, 'hours', member_months, 'member_months', 1, null, attendance_ok, 'attendance'
  from unit_inputs
  union all
  select year, unit_id, 'self_study_hours',
    self_study_hours, 'hours', member_months, 'member_months', 1, null, self_study_ok, 'self_study'
  from unit_inputs
  union all
  select year, unit_id, 'training_hours',
    training_hours, 'hours', avg_members, 'members', 1, null, attendance_ok, 'attendance'
  from unit_inputs
)
select * from final
