-- Which staging sources hold rows in which year (after the optional year filter).
-- A source with no rows at all in a year was not supplied for that year: its metrics
-- are missing for every unit (NULL + note), not 0. `self_study` marks years whose
-- attendance includes any self-study row (self-study logs are an optional input).
create or replace temp table metric_source_years as
with
attendance_years as (
  select distinct year, 'attendance' as source from attendance
),
self_study_years as (
  select distinct a.year, 'self_study' as source
  from attendance a
  join metric_session_classes c on c.session_type = a.session_type and c.class = 'self_study'
),
exam_years as (
  select distinct year, 'exams' as source from exams
),
publication_years as (
  select distinct year, 'publications' as source from publications
),
report_years as (
  select distinct year, 'research_reports' as source from research_reports
),
profile_years as (
  select distinct year, 'unit_profile' as source from unit_profile
),
all_years as (
  select * from attendance_years
  union all select * from self_study_years
  union all select * from exam_years
  union all select * from publication_years
  union all select * from report_years
  union all select * from profile_years
),
requested as (
  select year from metric_requested_years
)
select year, source
from all_years
where year is not null
  and (not exists (select 1 from requested) or year in (select year from requested))
