-- Scratch tables of one computeMetrics call: temporary, dropped at the end (drop_work_tables.sql).
--
-- metric_parts: every metric of every frame unit-year as numerator ÷ denominator × scale,
--   with what each part is called (for notes) and whether its source was supplied that year.
--   Each *_metrics.sql file appends its family's parts; buildMetricSql appends declared ones.
-- metric_results: parts evaluated into a value, or NULL with a note code (metric_results.sql).
create or replace temp table metric_parts (
  ---------- keys
  year INTEGER,
  unit_id VARCHAR,
  metric_id VARCHAR,
  ---------- the computation
  numerator DOUBLE,
  num_name VARCHAR,      -- what the numerator is, named in a missing_value note
  denominator DOUBLE,    -- 1 for counts and plain values
  den_name VARCHAR,      -- what the denominator is, named in a denominator note
  scale DOUBLE,
  cap DOUBLE,            -- 1 for rates: a larger value is capped and noted
  ---------- provenance
  source_ok BOOLEAN,     -- false: the source has no rows at all in the year
  source_name VARCHAR
);

create or replace temp table metric_results (
  year INTEGER,
  unit_id VARCHAR,
  metric_id VARCHAR,
  value DOUBLE,
  note_code VARCHAR,
  note_detail VARCHAR
);
