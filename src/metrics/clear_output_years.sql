-- A run for some years replaces only those years' rows (years asked for, whether or not
-- they still have data) and keeps the others.
delete from unit_year_metrics where year in (select year from metric_requested_years);
delete from metric_notes where year in (select year from metric_requested_years);
