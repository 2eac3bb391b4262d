-- Research-report metrics per unit-year (metrics.md; reports_per_leader and
-- practices_promoted from indicator-system.md §3).
--   research_reports       distinct reports (every kind in the table: 调研报告, 经验做法, …)
--   reports_adopted        distinct reports whose highest adoption level is not none
--   report_adoption_score  Σ points of the highest adoption level ÷ research_reports
--   reports_per_leader     distinct reports with is_leader ÷ profile leaders
--   practices_promoted     distinct reports of kind 经验做法 adopted at some level
-- Distinct: one report per (unit, title) compared without spaces, title marks and quotes,
-- case-insensitively. It counts once per unit, in the first year it is listed; when listed
-- several times it takes its highest adoption level, is a leader's report if any listing
-- says so, and a practice if any listing is of kind 经验做法.
-- Points: national 15, provincial 12, city 7, county 4, none (or empty, or other) 0.
insert into metric_parts
with
frame as (
  select year, unit_id from metric_frame
),
supplied as (
  select year from metric_source_years where source = 'research_reports'
),
adoption_points as (
  select level, points
  from (values ('national', 15.0), ('provincial', 12.0), ('city', 7.0), ('county', 4.0), ('none', 0.0)) as t(level, points)
),
keyed as (
  select
    r.unit_id,
    r.year,
    lower(regexp_replace(r.title, '[\s\x{3000}《》〈〉“”‘’"]+', '', 'g')) as title_key,
    coalesce(r.is_leader, false) as is_leader,
    coalesce(r.kind = '经验做法', false) as is_practice,
    coalesce(p.points, 0) as points
  from research_reports r
  left join adoption_points p on p.level = r.adoption_level
  where r.unit_id is not null and r.title is not null
),
distinct_reports as (
  select
    unit_id,
    title_key,
    min(year) as year,
    bool_or(is_leader) as by_leader,
    bool_or(is_practice) as is_practice,
    max(points) as points
  from keyed
  group by unit_id, title_key
),
unit_reports as (
  select
    unit_id,
    year,
    count(*) as reports,
    count(*) filter (where points > 0) as adopted,
    sum(points::decimal(38, 18))::double as points_sum, -- exact: order-independent
    count(*) filter (where by_leader) as leader_reports,
    count(*) filter (where is_practice and points > 0) as practices
  from distinct_reports
  group by unit_id, year
),
unit_inputs as (
  select
    f.year,
    f.unit_id,
    coalesce(u.reports, 0) as reports,
    coalesce(u.adopted, 0) as adopted,
    coalesce(u.points_sum, 0) as points_sum,
    coalesce(u.leader_reports, 0) as leader_reports,
    coalesce(u.practices, 0) as practices,
    d.leaders,
    s.year is not null as source_ok
  from frame f
  left join unit_reports u on u.year = f.year and u.unit_id = f.unit_id
  left join metric_denominators d on d.year = f.year and d.unit_id = f.unit_id
  left join supplied s on s.year = f.year
),
final as (
  select year, unit_id, 'research_reports' as metric_id,
    reports as numerator, null as num_name, 1 as denominator, null as den_name,
    1 as scale, null as cap, source_ok, 'research_reports' as source_name
  from unit_inputs
  union all
  select year, unit_id, 'reports_adopted',
    adopted, null, 1, null, 1, null, source_ok, 'research_reports'
  from unit_inputs
  union all
  select year, unit_id, 'report_adoption_score',
    points_sum, null, reports, 'research_reports', 1, null, source_ok, 'research_reports'
  from unit_inputs
  union all
  select year, unit_id, 'reports_per_leader',
    leader_reports, null, leaders, 'leaders', 1, null, source_ok, 'research_reports'
  from unit_inputs
  union all
  select year, unit_id, 'practices_promoted',
    practices, null, 1, null, 1, null, source_ok, 'research_reports'
  from unit_inputs
)
select * from final
