-- indicator_values: each unit's raw and normalised value of each leaf, with its weights.
--   effective_weight = product of the sibling fractions from the root down (Σ over leaves = 1);
--   contribution     = normalised × the unit's realised weight: at every arithmetic group the
--                      child's weight ÷ the present weight of its siblings, so the contributions
--                      sum to the composite (before bonus). NULL under a geometric/TOPSIS group
--                      or when the leaf or one of its groups is missing.
insert into indicator_values
with recursive
nodes as (
    select * from tree_nodes where run_id = $run_id
),

effective(year, node_id, effective_weight) as (
    select year, node_id, weight from nodes where parent_id is null
    union all
    select c.year, c.node_id, e.effective_weight * c.weight
    from effective e
    join nodes c on c.year = e.year and c.parent_id = e.node_id
),

realised(year, unit_id, node_id, realised_weight) as (
    select s.year, s.unit_id, n.node_id, 1.0::double
    from nodes n
    join node_scores s on s.year = n.year and s.node_id = n.node_id
    where n.parent_id is null and s.score is not null
    union all
    select r.year, r.unit_id, c.node_id, r.realised_weight * c.weight / ps.present_weight
    from realised r
    join nodes p on p.year = r.year and p.node_id = r.node_id
    join nodes c on c.year = p.year and c.parent_id = p.node_id
    join node_scores ps on ps.year = r.year and ps.unit_id = r.unit_id and ps.node_id = p.node_id
    join node_scores cs on cs.year = r.year and cs.unit_id = r.unit_id and cs.node_id = c.node_id
    where p.aggregate = 'arithmetic' and cs.score is not null
)

select
    v.year,
    v.unit_id,
    v.node_id as indicator_id,
    v.raw,
    v.normalised,
    n.weight,
    e.effective_weight,
    v.normalised * r.realised_weight as contribution,
    $run_id as run_id
from normalised_values v
join nodes n on n.year = v.year and n.node_id = v.node_id
join effective e on e.year = v.year and e.node_id = v.node_id
left join realised r on r.year = v.year and r.unit_id = v.unit_id and r.node_id = v.node_id
order by v.year, v.unit_id, n.level, v.node_id
