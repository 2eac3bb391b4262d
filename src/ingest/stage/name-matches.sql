-- Rows with a name and no id (attendance, exams): the roster members of that name in the unit the
-- row names, on the row's date. One row per distinct (name, unit, date); `members` says how many
-- matched: exactly one gives the row that member's key (the models join this table).
-- Read from the cells as written, so the model's rows are not read twice.
CREATE OR REPLACE TEMP TABLE stage_name_matches AS
WITH name_only AS (
  SELECT DISTINCT person_name, unit_name, "date" FROM stage_source
  WHERE ys_blank(person_id) AND ys_name(person_name) IS NOT NULL
),
keyed AS (
  SELECT ys_person_key('name', ys_name(person_name), $keep_names, (SELECT value FROM settings WHERE key = 'pseudonym_key')) AS name_key,
         ys_key(unit_name) AS unit_key, ys_parse_date(ys_clean("date")) AS "date"
  FROM name_only
)
SELECT k.name_key, lk.unit_id AS named_unit, k."date", min(m.member_key) AS member_key, count(DISTINCT m.member_key) AS members
FROM keyed k
JOIN unit_lookup lk ON lk.name = k.unit_key AND year(k."date") BETWEEN lk.from_year AND lk.to_year
JOIN members m ON m.name_key = k.name_key AND m.unit_id = lk.unit_id
 AND k."date" BETWEEN coalesce(m.from_date, DATE '1900-01-01') AND coalesce(m.to_date, DATE '9999-12-31')
GROUP BY ALL
