-- The unit profile with one value per (year, unit, metric). A metric loaded more than once
-- (two files, sheets or rows) holds the same value each time: ingest rejects every row of a
-- unit-year item given different values (conflicting_profile, src/ingest/stage/profile.ts).
-- The order below only makes the pick deterministic.
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
