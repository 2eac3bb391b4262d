-- The member roster: one row per membership span of a person in a unit.
-- A span's unit is resolved as of its start (a span without a start date: as of the first year
-- the name means a unit), else of its end, else of today, so a member of a unit merged later keeps
-- the old unit before the merge (members.ts then splits spans running across a merge).
-- The first steps, source → cleaned → typed, are the same for every kind (typed-sql.ts).
WITH {{typed}},

checked AS (
  SELECT *, cell_errs || list_filter([
      CASE WHEN "person_id__raw" IS NULL AND "person_name__raw" IS NULL THEN ys_err('person_name', 'missing_value', NULL) END
    ], e -> e IS NOT NULL) AS errs1
  FROM typed
),
first_years AS (SELECT name, min(from_year) AS first_year FROM unit_lookup GROUP BY name),
keyed AS (
  SELECT c.*, coalesce(c.id_key, c.name_key) AS member_key, coalesce(lk.unit_id, lk_end.unit_id) AS unit_id,
         fy.name IS NOT NULL AS unit_known, ended.end_code,
         coalesce(c.from_date, DATE '1900-01-01') AS span_from, coalesce(c.to_date, DATE '9999-12-31') AS span_to
  FROM checked c
  LEFT JOIN first_years fy ON fy.name = c.unit_key
  LEFT JOIN unit_lookup lk ON lk.name = c.unit_key AND coalesce(year(c.from_date), fy.first_year) BETWEEN lk.from_year AND lk.to_year
  LEFT JOIN unit_lookup lk_end ON lk_end.name = c.unit_key AND year(coalesce(c.to_date, c.from_date, current_date)) BETWEEN lk_end.from_year AND lk_end.to_year
  LEFT JOIN unit_end_names ended ON ended.name = c.unit_key AND coalesce(year(c.from_date), fy.first_year) >= ended.end_year
),
unit_checked AS (
  SELECT *,
    CASE WHEN is_blank OR len(errs1) > 0 OR unit_id IS NOT NULL THEN errs1
         WHEN unit_known THEN [ys_err('unit_name', coalesce(end_code, 'unit_not_valid'), "unit_name__as_written")]
         ELSE [ys_err('unit_name', 'unknown_unit', "unit_name__as_written")] END AS errs2
  FROM keyed
),
-- Two spans of one person that overlap (the same span written twice is a duplicate instead).
overlapping AS (
  SELECT DISTINCT a.file_no, a.source_row FROM unit_checked a JOIN unit_checked b
    ON a.member_key = b.member_key AND (a.file_no, a.source_row) > (b.file_no, b.source_row)
   AND len(a.errs2) = 0 AND len(b.errs2) = 0 AND NOT a.is_blank AND NOT b.is_blank
   AND a.span_from <= b.span_to AND b.span_from <= a.span_to
   AND NOT (a.unit_id = b.unit_id AND a.span_from = b.span_from AND a.span_to = b.span_to)
),
resolved AS (
  SELECT c.*,
    row_number() OVER (PARTITION BY c.member_key, c.unit_id, c.span_from, c.span_to, len(c.errs2) = 0 ORDER BY c.file_no, c.source_row) AS copy_no,
    CASE WHEN o.source_row IS NOT NULL THEN [ys_err('from_date', 'overlapping_membership', CAST(c.span_from AS VARCHAR))] ELSE c.errs2 END AS errs3
  FROM unit_checked c LEFT JOIN overlapping o USING (file_no, source_row)
)

SELECT file_no, source_row, is_blank,
  ys_row_errors(is_blank, extra, ys_footer_cell([{{cells}}]), choice_error, errs3) AS errs,
  copy_no, member_key, unit_id, "role__raw" AS role, ys_is_leader_role("role__raw") AS is_leader, from_date, to_date,
  CASE WHEN $keep_names THEN "person_name__name" END AS member_label, name_key,
  CASE WHEN "person_name__raw" <> "person_name__name" THEN "person_name__as_written" END AS name_respaced,
  NULL::VARCHAR AS ambiguous_name, NULL::BIGINT AS ambiguous_members, NULL::VARCHAR AS status_noted
FROM resolved
