-- node_scores (this level's TOPSIS groups): 100 × closeness from topsis_output (topsis.ts), with the same missing-share rule
-- as the means (a group is missing when its present children carry < $min_share of its weight).
insert into node_scores
with
shares as (
    select
        year, group_id, unit_id,
        sum(weight order by criterion) as total_weight,
        coalesce(sum(weight order by criterion) filter (where value is not null), 0) as present_weight
    from topsis_input
    group by all
)

select
    s.year,
    s.unit_id,
    s.group_id as node_id,
    $level as level,
    case
        when s.present_weight <= 0 or s.present_weight / s.total_weight < $min_share - 1e-9 then null
        else 100 * o.closeness
    end as score,
    s.present_weight,
    s.total_weight,
    0 as floored,
    'topsis' as aggregate
from shares s
left join topsis_output o using (year, group_id, unit_id)
