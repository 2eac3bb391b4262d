-- member_months (core): see metric_denominators.sql for the roster rule.
-- Missing (note names `members`) when the unit has no roster span in the year and no
-- profile `members`.
insert into metric_parts
with
final as (
  select
    year,
    unit_id,
    'member_months' as metric_id,
    member_months as numerator,
    'members' as num_name,
    1 as denominator,
    null as den_name,
    1 as scale,
    null as cap,
    true as source_ok,
    'members' as source_name
  from metric_denominators
)
select * from final
