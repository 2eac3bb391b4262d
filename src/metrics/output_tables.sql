-- The stage's output tables (documented in contract.ts; a test compares them with DESCRIBE).
create table if not exists unit_year_metrics (
  year INTEGER,
  unit_id VARCHAR,
  metric_id VARCHAR,
  value DOUBLE
);

create table if not exists metric_notes (
  year INTEGER,
  unit_id VARCHAR,
  metric_id VARCHAR,
  reason_zh VARCHAR,
  reason_en VARCHAR,
  reason_code VARCHAR
);
