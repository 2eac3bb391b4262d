-- Shared by the models with people (attendance, exams): the unit a row names, the person's
-- key, and the unit the roster places that person in on the row's date. Put in as {{person_unit}}.
-- The unit the row names, in the year of its date (renames and merges resolved by unit_lookup).
named AS (
  SELECT c.*, lk.unit_id AS named_unit, known.name IS NOT NULL AS unit_known
  FROM checked c
  LEFT JOIN unit_lookup lk ON lk.name = c.unit_key AND year(c."date") BETWEEN lk.from_year AND lk.to_year
  LEFT JOIN (SELECT DISTINCT name FROM unit_lookup) known ON known.name = c.unit_key
),

-- A row with a name and no id is the roster member of that name in the named unit on that date
-- when exactly one matches (stage_name_matches: name-matches.sql); else it keeps the key of its name.
-- With a roster loaded, a row whose id is no member's, or whose name (without an id) is no member's
-- in that unit on that date, is a person the roster does not know: counted as one, and noted.
keyed AS (
  SELECT n.*, coalesce(n.id_key, CASE WHEN nm.members = 1 THEN nm.member_key END, n.name_key) AS member_key,
         CASE WHEN nm.members > 1 THEN nm.members END AS name_ambiguous,
         CASE WHEN n.id_key IS NOT NULL THEN NOT n.id_in_roster::BOOLEAN
              WHEN n.name_key IS NOT NULL AND EXISTS (SELECT 1 FROM members) THEN nm.members IS NULL END AS outside_roster
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
