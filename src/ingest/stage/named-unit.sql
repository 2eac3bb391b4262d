-- Shared by the models without a roster (publications, research reports): the unit a row
-- names. Put in as {{named_unit}}.
-- The unit the row names, in the year of its date (renames and merges resolved by unit_lookup).
resolved AS (
  SELECT c.*, lk.unit_id, known.name IS NOT NULL AS unit_known,
         v.from_year AS unit_from, v.to_year AS unit_to, v.end_code, en.end_code AS name_end_code
  FROM checked c
  LEFT JOIN unit_lookup lk ON lk.name = c.unit_key AND year(c."date") BETWEEN lk.from_year AND lk.to_year
  LEFT JOIN (SELECT DISTINCT name FROM unit_lookup) known ON known.name = c.unit_key
  LEFT JOIN unit_validity v ON v.unit_id = lk.unit_id
  LEFT JOIN unit_end_names en ON en.name = c.unit_key AND year(c."date") >= en.end_year
)
