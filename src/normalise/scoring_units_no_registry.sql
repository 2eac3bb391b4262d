-- scoring_units when there is no `units` table (score-table, tests): no unit types.
create or replace temp table scoring_units as
select distinct
    $year::integer as year,
    unit_id,
    null::varchar as unit_type
from unit_year_metrics
where year = $year
order by unit_id
