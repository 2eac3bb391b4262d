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

{{person_unit}}

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
