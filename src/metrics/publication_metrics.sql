-- Publication metrics per unit-year (metrics.md).
--   publications           distinct publications
--   publications_weighted  Σ level weight over distinct publications ÷ avg_members × 100
-- Distinct: one publication per (unit, title, venue) compared without spaces, title marks
-- 《》〈〉 and quotes, case-insensitively; an empty venue is a venue of its own. It counts once
-- per unit, in the first year it is listed, at the highest level it is listed with.
-- Level weights: national 4, provincial 2, city 1, internal 0.5, any other level 0.
insert into metric_parts
with
frame as (
  select year, unit_id from metric_frame
),
supplied as (
  select year from metric_source_years where source = 'publications'
),
level_weights as (
  select level, weight
  from (values ('national', 4.0), ('provincial', 2.0), ('city', 1.0), ('internal', 0.5)) as t(level, weight)
),
keyed as (
  select
    p.unit_id,
    p.year,
    lower(regexp_replace(p.title, '[\s\x{3000}《》〈〉“”‘’"]+', '', 'g')) as title_key,
    lower(regexp_replace(coalesce(p.venue, ''), '[\s\x{3000}《》〈〉“”‘’"]+', '', 'g')) as venue_key,
    coalesce(w.weight, 0) as weight
  from publications p
  left join level_weights w on w.level = p.level
  where p.unit_id is not null and p.title is not null
),
distinct_publications as (
  select unit_id, title_key, venue_key, min(year) as year, max(weight) as weight
  from keyed
  group by unit_id, title_key, venue_key
),
unit_publications as (
  select unit_id, year, count(*) as publications, sum(weight::decimal(38, 18))::double as weight_sum -- exact: order-independent
  from distinct_publications
  group by unit_id, year
),
unit_inputs as (
  select
    f.year,
    f.unit_id,
    coalesce(u.publications, 0) as publications,
    coalesce(u.weight_sum, 0) as weight_sum,
    d.avg_members,
    s.year is not null as source_ok
  from frame f
  left join unit_publications u on u.year = f.year and u.unit_id = f.unit_id
  left join metric_denominators d on d.year = f.year and d.unit_id = f.unit_id
  left join supplied s on s.year = f.year
),
final as (
  select year, unit_id, 'publications' as metric_id,
    publications as numerator, null as num_name, 1 as denominator, null as den_name,
    1 as scale, null as cap, source_ok, 'publications' as source_name
  from unit_inputs
  union all
  select year, unit_id, 'publications_weighted',
    weight_sum, null, avg_members, 'members', 100, null, source_ok, 'publications'
  from unit_inputs
)
select * from final
