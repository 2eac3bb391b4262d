-- Exam metrics per unit-year (metrics.md).
--   exam_takers              distinct members with at least one exam row
--   exam_participation_rate  exam_takers ÷ headcount (metric_denominators.sql), capped at 1
--   exam_score_rate          mean of score ÷ full_mark over first attempts
--   exam_pass_rate           share of first attempts with score ≥ pass_mark, or
--                            score ÷ full_mark ≥ 0.6 when the row has no pass mark
-- First attempt: one row per (member, exam, year) — the lowest attempt number; rows without
-- one come after numbered rows and are ordered by date (then file and row, for a stable
-- choice). A first attempt without a positive full mark or a score is left out of the
-- score and pass rates (not replaced by a later attempt). Rows without a member_key each
-- count as a member of their own.
-- A key made from a name (member_key 'name:…': the row had no id and matched no roster
-- member) only identifies a person within a unit: two 张三 in two units are two people, so
-- their first attempts are chosen per (unit, member, exam, year). A key from an id follows
-- the person across units (a retake after a move is still a retake).
-- Σ score rates in DECIMAL(38,18): exact integer addition, so the sum does not depend on
-- the order DuckDB's threads add the rows in (a double sum does, by ~1e-13).
insert into metric_parts
with
frame as (
  select year, unit_id from metric_frame
),
supplied as (
  select year from metric_source_years where source = 'exams'
),
exam_rows as (
  select
    unit_id,
    year,
    exam,
    date,
    score,
    full_mark,
    pass_mark,
    attempt,
    source_file,
    source_row,
    coalesce(member_key, '#' || source_file || ':' || source_row) as member,
    coalesce(starts_with(member_key, 'name:'), false) as key_from_name
  from exams
  where unit_id is not null
),
takers as (
  select unit_id, year, count(distinct member) as exam_takers
  from exam_rows
  group by unit_id, year
),
first_attempts as (
  select *
  from exam_rows
  qualify row_number() over (
    partition by member, exam, year, case when key_from_name then unit_id end
    order by attempt asc nulls last, date asc nulls last, source_file, source_row
  ) = 1
),
scored as (
  select
    unit_id,
    year,
    score / full_mark as score_rate,
    case when pass_mark is not null then score >= pass_mark else score / full_mark >= 0.6 end as passed
  from first_attempts
  where full_mark > 0 and score is not null
),
unit_scores as (
  select
    unit_id,
    year,
    count(*) as results,
    sum(score_rate::decimal(38, 18))::double as score_rate_sum,
    count(*) filter (where passed) as passed
  from scored
  group by unit_id, year
),
unit_inputs as (
  select
    f.year,
    f.unit_id,
    coalesce(t.exam_takers, 0) as exam_takers,
    coalesce(u.results, 0) as results,
    coalesce(u.score_rate_sum, 0) as score_rate_sum,
    coalesce(u.passed, 0) as passed,
    d.headcount,
    s.year is not null as source_ok
  from frame f
  left join takers t on t.year = f.year and t.unit_id = f.unit_id
  left join unit_scores u on u.year = f.year and u.unit_id = f.unit_id
  left join metric_denominators d on d.year = f.year and d.unit_id = f.unit_id
  left join supplied s on s.year = f.year
),
final as (
  select year, unit_id, 'exam_takers' as metric_id,
    exam_takers as numerator, null as num_name, 1 as denominator, null as den_name,
    1 as scale, null as cap, source_ok, 'exams' as source_name
  from unit_inputs
  union all
  select year, unit_id, 'exam_participation_rate',
    exam_takers, null, headcount, 'members', 1, 1, source_ok, 'exams'
  from unit_inputs
  union all
  select year, unit_id, 'exam_score_rate',
    score_rate_sum, null, results, 'exam_results', 1, 1, source_ok, 'exams'
  from unit_inputs
  union all
  select year, unit_id, 'exam_pass_rate',
    passed, null, results, 'exam_results', 1, 1, source_ok, 'exams'
  from unit_inputs
)
select * from final
