-- node_scores (one level of groups): weighted arithmetic or geometric mean of the children.
-- Children are at level + 1 and already in node_scores. Missing children (NULL score) are left
-- out and the weights renormalised over the present ones; a group whose present children carry
-- less than $min_share of its weight is itself missing. Geometric means floor children at $floor.
-- Sums are ordered aggregates (order by child_id): a parallel sum of doubles is not bit-for-bit
-- reproducible, and a re-run from the runs table must reproduce identical tables.
insert into node_scores
with
groups as (
    select year, node_id as group_id, level, aggregate
    from tree_nodes
    where run_id = $run_id and level = $level and metric_id is null and aggregate <> 'topsis'
),

children as (
    select g.year, g.group_id, g.level, g.aggregate, c.node_id as child_id, c.weight, s.unit_id, s.score
    from groups g
    join tree_nodes c on c.run_id = $run_id and c.year = g.year and c.parent_id = g.group_id
    join node_scores s on s.year = c.year and s.node_id = c.node_id
),

rolled as (
    select
        year, unit_id, group_id, level, aggregate,
        sum(weight order by child_id) as total_weight,
        coalesce(sum(weight order by child_id) filter (where score is not null), 0) as present_weight,
        sum(weight * score order by child_id) filter (where score is not null) as weighted_sum,
        sum(weight * ln(greatest(score, $floor)) order by child_id) filter (where score is not null) as weighted_log,
        count(*) filter (where score is not null and score < $floor) as below_floor
    from children
    group by all
)

select
    year,
    unit_id,
    group_id as node_id,
    level,
    case
        when present_weight <= 0 or present_weight / total_weight < $min_share - 1e-9 then null
        when aggregate = 'geometric' then exp(weighted_log / present_weight)
        else weighted_sum / present_weight
    end as score,
    present_weight,
    total_weight,
    case when aggregate = 'geometric' then below_floor else 0 end as floored,
    aggregate
from rolled
