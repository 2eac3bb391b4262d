-- scoring_units: the units evaluated in $year = every unit with at least one metric row that year.
-- unit_type comes from the registry (`units`), preferring the row valid in $year.
create or replace temp table scoring_units as
with
in_data as (
    select distinct unit_id
    from unit_year_metrics
    where year = $year
),
registry as (
    select
        unit_id,
        -- a row valid in $year wins over any other row of the same unit
        arg_max(
            unit_type,
            (coalesce(valid_from, $year) <= $year and coalesce(valid_to, $year) >= $year)::integer * 100000
                + coalesce(valid_to, 99999)
        ) as unit_type
    from units
    group by unit_id
)
select
    $year::integer as year,
    d.unit_id,
    r.unit_type
from in_data d
left join registry r using (unit_id)
order by d.unit_id
