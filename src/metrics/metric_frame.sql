-- The unit-years that get metrics: every year with any staging data (attendance, exams,
-- publications, research reports or unit profile; the roster alone does not make a year),
-- crossed with every unit valid in that year: valid_from ≤ year ≤ valid_to, both inclusive,
-- an empty bound meaning open. Data rows of units not in `units` are not scored.
create or replace temp table metric_frame as
with
data_years as (
  select distinct year from metric_source_years
),
valid_units as (
  select distinct y.year, u.unit_id
  from data_years y
  join units u
    on (u.valid_from is null or u.valid_from <= y.year)
   and (u.valid_to is null or y.year <= u.valid_to)
  where u.unit_id is not null
)
select year, unit_id from valid_units
