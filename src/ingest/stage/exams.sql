-- Exams: one row per person per exam attempt (shared/domain/metrics.md).
-- The first steps, source → cleaned → typed, are the same for every kind (typed-sql.ts).
WITH {{typed}},

-- Rules over several cells of a row.
checked AS (
  SELECT *,
    cell_errs || list_filter([
      CASE WHEN "person_id__raw" IS NULL AND "person_name__raw" IS NULL THEN ys_err('person_name', 'missing_value', NULL) END,
      CASE WHEN declared_year > 0 AND year("date") <> declared_year THEN ys_err('date', 'date_outside_year', "date__as_written") END,
      CASE WHEN "full_mark" <= 0 THEN ys_err('full_mark', 'bad_full_mark', "full_mark__as_written") END,
      CASE WHEN "full_mark" > 0 AND ("score" < 0 OR "score" > "full_mark") THEN ys_err('score', 'score_out_of_range', "score__as_written") END
    ], e -> e IS NOT NULL) AS errs
  FROM typed
),

{{person_unit}}

SELECT file_no, source_row, is_blank,
  ys_row_errors(is_blank, extra, ys_footer_cell([{{cells}}]), choice_error,
    CASE WHEN len(errs) > 0 THEN errs
         ELSE ys_unit_errors("unit_name__as_written", unit_known, unit_id, name_end_code, year("date"), unit_from, unit_to, end_code) END) AS errs,
  unit_id, member_key, exam, "date", year("date") AS year, score, full_mark, pass_mark, attempt,
  CASE WHEN "person_name__raw" <> "person_name__name" THEN "person_name__as_written" END AS name_respaced,
  CASE WHEN name_ambiguous > 1 THEN "person_name__name" END AS ambiguous_name, name_ambiguous AS ambiguous_members,
  CASE WHEN outside_roster THEN coalesce("person_id__as_written", "person_name__as_written") END AS not_in_roster,
  NULL::VARCHAR AS status_noted
FROM resolved
