-- The unit profile with one value per (year, unit, metric). When a metric was loaded
-- more than once (two files or sheets), a reported value beats an empty one, then the
-- row loaded last (greatest source_file, source_row) wins.
create or replace temp table metric_profile as
with
ranked as (
  select
    year,
    unit_id,
    metric,
    value,
    row_number() over (
      partition by year, unit_id, metric
      order by value is null, source_file desc, source_row desc
    ) as rank_in_key
  from unit_profile
  where year is not null and unit_id is not null and metric is not null
)
select year, unit_id, metric, value from ranked where rank_in_key = 1
