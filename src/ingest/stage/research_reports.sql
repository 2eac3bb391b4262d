-- Research reports: one row per report (shared/domain/metrics.md). Authors are keyed by name (no roster).
-- The first steps, source → cleaned → typed, are the same for every kind (typed-sql.ts).
WITH {{typed}},

-- Rules over several cells of a row.
checked AS (
  SELECT *,
    cell_errs || list_filter([
      CASE WHEN declared_year > 0 AND year("date") <> declared_year THEN ys_err('date', 'date_outside_year', "date__as_written") END
    ], e -> e IS NOT NULL) AS errs
  FROM typed
),

{{named_unit}}

SELECT file_no, source_row, is_blank,
  ys_row_errors(is_blank, extra, ys_footer_cell([{{cells}}]), choice_error,
    CASE WHEN len(errs) > 0 THEN errs
         ELSE ys_unit_errors("unit_name__as_written", unit_known, unit_id, name_end_code, year("date"), unit_from, unit_to, end_code) END) AS errs,
  unit_id, name_key AS author_key, is_leader, title, "date", year("date") AS year,
  adoption_level, adoption_extent, kind,
  CASE WHEN "author__raw" <> "author__name" THEN "author__as_written" END AS name_respaced,
  NULL::VARCHAR AS ambiguous_name, NULL::BIGINT AS ambiguous_members, NULL::VARCHAR AS status_noted
FROM resolved
