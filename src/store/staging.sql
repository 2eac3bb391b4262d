-- Staging tables: the documented contract of the ingest stage (see src/store/contract.ts).
-- Created if missing; every run replaces rows by source_file inside one transaction.
CREATE TABLE IF NOT EXISTS settings (key VARCHAR PRIMARY KEY, value VARCHAR);

CREATE TABLE IF NOT EXISTS units (
  unit_id VARCHAR, name VARCHAR, parent_id VARCHAR, unit_type VARCHAR, type_label VARCHAR,
  valid_from INTEGER, valid_to INTEGER, source_file VARCHAR, source_row INTEGER);

CREATE TABLE IF NOT EXISTS unit_aliases (
  alias VARCHAR, unit_id VARCHAR, event VARCHAR, effective_year INTEGER,
  source_file VARCHAR, source_row INTEGER);

-- Unit events per year, derived from unit_aliases and units at every ingest run (stage-units.ts):
-- what happened to a unit in `year` (the effective year: the first year of the new situation).
CREATE TABLE IF NOT EXISTS unit_events (
  year INTEGER, unit_id VARCHAR, event VARCHAR, other_unit_id VARCHAR, label_zh VARCHAR, label_en VARCHAR,
  registry_file VARCHAR, registry_row INTEGER);

CREATE TABLE IF NOT EXISTS members (
  member_key VARCHAR, unit_id VARCHAR, role VARCHAR, is_leader BOOLEAN,
  from_date DATE, to_date DATE, member_label VARCHAR, source_file VARCHAR, source_row INTEGER);

CREATE TABLE IF NOT EXISTS unit_profile (
  unit_id VARCHAR, year INTEGER, metric VARCHAR, value DOUBLE, source_file VARCHAR, source_row INTEGER);

CREATE TABLE IF NOT EXISTS attendance (
  unit_id VARCHAR, member_key VARCHAR, date DATE, year INTEGER, session_type VARCHAR, hours DOUBLE,
  status VARCHAR, topic VARCHAR, presenter VARCHAR, partner_unit VARCHAR,
  source_file VARCHAR, source_row INTEGER);

CREATE TABLE IF NOT EXISTS exams (
  unit_id VARCHAR, member_key VARCHAR, exam VARCHAR, date DATE, year INTEGER, score DOUBLE,
  full_mark DOUBLE, pass_mark DOUBLE, attempt INTEGER, source_file VARCHAR, source_row INTEGER);

CREATE TABLE IF NOT EXISTS publications (
  unit_id VARCHAR, author_key VARCHAR, title VARCHAR, venue VARCHAR, level VARCHAR, date DATE,
  year INTEGER, kind VARCHAR, source_file VARCHAR, source_row INTEGER);

CREATE TABLE IF NOT EXISTS research_reports (
  unit_id VARCHAR, author_key VARCHAR, is_leader BOOLEAN, title VARCHAR, date DATE, year INTEGER,
  adoption_level VARCHAR, adoption_extent VARCHAR, kind VARCHAR, source_file VARCHAR, source_row INTEGER);

CREATE TABLE IF NOT EXISTS rejects (
  source_file VARCHAR, sheet VARCHAR, source_row INTEGER, kind VARCHAR, column_header VARCHAR,
  value VARCHAR, code VARCHAR, reason_zh VARCHAR, reason_en VARCHAR);

CREATE TABLE IF NOT EXISTS manifest (
  source_file VARCHAR, sha256 VARCHAR, kind VARCHAR, sheets VARCHAR, encoding VARCHAR,
  rows_read BIGINT, rows_loaded BIGINT, rows_rejected BIGINT, rows_duplicate BIGINT, rows_blank BIGINT,
  loaded_at TIMESTAMP, run_id VARCHAR);

CREATE TABLE IF NOT EXISTS ingest_warnings (
  source_file VARCHAR, sheet VARCHAR, source_row INTEGER, column_ref VARCHAR, code VARCHAR,
  message_zh VARCHAR, message_en VARCHAR, run_id VARCHAR);
