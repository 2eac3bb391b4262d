-- The unit list: one row per unit. Its id is its code, else its name; its parent is
-- resolved here, by a join on the code and on the name key (one pass, not an UPDATE per run).
-- The first steps, source → cleaned → typed, are the same for every kind (typed-sql.ts).
WITH {{typed}},

keyed AS (SELECT *, coalesce("unit_code__raw", "unit_name__raw") AS unit_id FROM typed),

-- The same unit written twice with the same values is a duplicate; the same id or name with
-- other values, or a unit already loaded from a file of an earlier run, is duplicate_unit.
ranked AS (
  SELECT *,
    row_number() OVER (PARTITION BY NOT is_blank, unit_id, "unit_name__raw", "parent__raw", "unit_type__raw", valid_from, valid_to
                       ORDER BY file_no, source_row) AS copy_no,
    row_number() OVER (PARTITION BY NOT is_blank, unit_id ORDER BY file_no, source_row) AS id_no,
    row_number() OVER (PARTITION BY NOT is_blank, unit_key ORDER BY file_no, source_row) AS name_no
  FROM keyed
),
earlier_ids AS (SELECT DISTINCT unit_id FROM units),
earlier_names AS (SELECT DISTINCT ys_key(name) AS key FROM units),
checked AS (
  SELECT r.*,
    CASE WHEN len(cell_errs) = 0 AND copy_no = 1
              AND (id_no > 1 OR name_no > 1 OR i.unit_id IS NOT NULL OR n.key IS NOT NULL)
         THEN [ys_err('unit_name', 'duplicate_unit', "unit_name__as_written")]
         ELSE cell_errs END AS errs
  FROM ranked r
  LEFT JOIN earlier_ids i ON i.unit_id = r.unit_id
  LEFT JOIN earlier_names n ON n.key = r.unit_key
),

-- Every unit a parent may name: this run's and earlier runs'.
all_units AS (
  SELECT unit_id, unit_key AS key FROM checked WHERE NOT is_blank AND len(errs) = 0 AND copy_no = 1
  UNION ALL SELECT unit_id, ys_key(name) FROM units
),
by_id AS (SELECT DISTINCT unit_id FROM all_units),
by_name AS (SELECT key, min(unit_id) AS unit_id FROM all_units GROUP BY key),
resolved AS (
  SELECT c.*, coalesce(pi.unit_id, pn.unit_id, c."parent__raw") AS parent_id,
         c."parent__raw" IS NOT NULL AND pi.unit_id IS NULL AND pn.unit_id IS NULL AS parent_unknown
  FROM checked c
  LEFT JOIN by_id pi ON pi.unit_id = c."parent__raw" AND pi.unit_id <> c.unit_id
  LEFT JOIN by_name pn ON pn.key = ys_key(c."parent__raw") AND pn.unit_id <> c.unit_id
)

SELECT file_no, source_row, is_blank,
  ys_row_errors(is_blank, extra, ys_footer_cell([{{cells}}]), choice_error, errs) AS errs,
  copy_no, unit_id, "unit_name__raw" AS name, parent_id, ys_parse_unit_type("unit_type__raw") AS unit_type,
  "unit_type__raw" AS type_label, valid_from, valid_to, parent_unknown, "parent__raw" AS parent_written
FROM resolved
