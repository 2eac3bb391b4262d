-- Attendance: one row per person per study session (shared/domain/metrics.md).
-- The first steps, source → cleaned → typed, are the same for every kind (typed-sql.ts).
WITH {{typed}},

-- Rules over several cells of a row. An hours and a minutes column together (时长 over 小时 | 分钟, or
-- 时长（小时） beside 时长（分钟）) are either the same duration twice (1.5 and 90) or its two parts
-- (1 and 30: whole hours, under 60 minutes), which add up; anything else is a conflict, not a guess.
checked AS (
  SELECT *,
    cell_errs || list_filter([
      CASE WHEN "person_id__raw" IS NULL AND "person_name__raw" IS NULL THEN ys_err('person_name', 'missing_value', NULL) END,
      CASE WHEN declared_year > 0 AND year("date") <> declared_year THEN ys_err('date', 'date_outside_year', "date__as_written") END,
      CASE WHEN "hours" < 0 OR "hours" > 24 THEN ys_err('hours', 'hours_out_of_range', "hours__as_written") END,
      CASE WHEN "minutes" < 0 OR "minutes" > 24 THEN ys_err('minutes', 'hours_out_of_range', "minutes__as_written") END,
      CASE WHEN "hours" IS NOT NULL AND "minutes" IS NOT NULL AND NOT ys_same_hours("hours", "minutes") AND NOT ys_hour_and_minute_parts("hours", "minutes")
           THEN ys_err('minutes', 'hours_conflict', "minutes__as_written") END
    ], e -> e IS NOT NULL) AS errs
  FROM typed
),

{{person_unit}}

SELECT file_no, source_row, is_blank,
  ys_row_errors(is_blank, extra, ys_footer_cell([{{cells}}]), choice_error,
    CASE WHEN len(errs) > 0 THEN errs
         ELSE ys_unit_errors("unit_name__as_written", unit_known, unit_id, name_end_code, year("date"), unit_from, unit_to, end_code) END) AS errs,
  unit_id, member_key, "date", year("date") AS year, session_type, ys_duration("hours", "minutes") AS hours, status,
  topic, presenter, partner_unit,
  CASE WHEN "person_name__raw" <> "person_name__name" THEN "person_name__as_written" END AS name_respaced,
  CASE WHEN name_ambiguous > 1 THEN "person_name__name" END AS ambiguous_name, name_ambiguous AS ambiguous_members,
  CASE WHEN outside_roster THEN coalesce("person_id__as_written", "person_name__as_written") END AS not_in_roster,
  CASE WHEN status_note IS NOT NULL THEN "status__as_written" END AS status_noted,
  CASE WHEN "session_type__raw" <> "session_type" THEN "session_type__as_written" END AS session_renamed,
  CASE WHEN NOT session_counted THEN "session_type__as_written" END AS session_uncounted
FROM resolved
