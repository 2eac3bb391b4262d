-- unit_year_metrics: one row per frame unit × year × metric; value NULL when missing
-- (the reason is in metric_notes).
insert into unit_year_metrics (year, unit_id, metric_id, value)
select year, unit_id, metric_id, value
from metric_results
order by year, unit_id, metric_id
