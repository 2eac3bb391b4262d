-- A full run (no year filter) replaces the output tables entirely.
drop table if exists unit_year_metrics;
drop table if exists metric_notes;
