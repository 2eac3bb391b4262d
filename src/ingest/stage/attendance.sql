-- Attendance: one row per person per study session (shared/domain/metrics.md).
-- The first steps, source → cleaned → typed, are the same for every kind (typed-sql.ts).
WITH {{typed}},

-- Rules over several cells of a row.
checked AS (
  SELECT *,
    cell_errs || list_filter([
      CASE WHEN "person_id__raw" IS NULL AND "person_name__raw" IS NULL THEN ys_err('person_name', 'missing_value', NULL) END,
      CASE WHEN declared_year > 0 AND year("date") <> declared_year THEN ys_err('date', 'date_outside_year', "date__as_written") END,
      CASE WHEN "hours" < 0 OR "hours" > 24 THEN ys_err('hours', 'hours_out_of_range', "hours__as_written") END,
      CASE WHEN "minutes" < 0 OR "minutes" > 24 THEN ys_err('minutes', 'hours_out_of_range', "minutes__as_written") END
    ], e -> e IS NOT NULL) AS errs
  FROM typed
),

-- The unit the row names, in the year of its date (renames and merges resolved by unit_lookup).
named AS (
  SELECT c.*, lk.unit_id AS named_unit, known.name IS NOT NULL AS unit_known
  FROM checked c
  LEFT JOIN unit_lookup lk ON lk.name = c.unit_key AND year(c."date") BETWEEN lk.from_year AND lk.to_year
  LEFT JOIN (SELECT DISTINCT name FROM unit_lookup) known ON known.name = c.unit_key
),

-- A row with a name and no id is the roster member of that name in the named unit on that date
-- when exactly one matches (stage_name_matches: name-matches.sql); else it keeps the key of its name.
keyed AS (
  SELECT n.*, coalesce(n.id_key, CASE WHEN nm.members = 1 THEN nm.member_key END, n.name_key) AS member_key,
         CASE WHEN nm.members > 1 THEN nm.members END AS name_ambiguous
  FROM named n
  LEFT JOIN stage_name_matches nm ON n.id_key IS NULL AND nm.name_key = n.name_key AND nm.named_unit = n.named_unit AND nm."date" = n."date"
),

-- The roster moves a person between units by date; without a roster row the named unit counts.
resolved AS (
  SELECT k.*, coalesce(r.unit_id, k.named_unit) AS unit_id,
         v.from_year AS unit_from, v.to_year AS unit_to, v.end_code, en.end_code AS name_end_code
  FROM keyed k
  LEFT JOIN members r ON r.member_key = k.member_key
   AND k."date" BETWEEN coalesce(r.from_date, DATE '1900-01-01') AND coalesce(r.to_date, DATE '9999-12-31')
  LEFT JOIN unit_validity v ON v.unit_id = coalesce(r.unit_id, k.named_unit)
  LEFT JOIN unit_end_names en ON en.name = k.unit_key AND year(k."date") >= en.end_year
)

SELECT file_no, source_row, is_blank,
  ys_row_errors(is_blank, extra, ys_footer_cell([{{cells}}]), choice_error,
    CASE WHEN len(errs) > 0 THEN errs
         ELSE ys_unit_errors("unit_name__as_written", unit_known, unit_id, name_end_code, year("date"), unit_from, unit_to, end_code) END) AS errs,
  unit_id, member_key, "date", year("date") AS year, session_type, coalesce("hours", "minutes") AS hours, status,
  topic, presenter, partner_unit,
  CASE WHEN "person_name__raw" <> "person_name__name" THEN "person_name__as_written" END AS name_respaced,
  CASE WHEN name_ambiguous > 1 THEN "person_name__name" END AS ambiguous_name, name_ambiguous AS ambiguous_members,
  CASE WHEN status_note IS NOT NULL THEN "status__as_written" END AS status_noted
FROM resolved
