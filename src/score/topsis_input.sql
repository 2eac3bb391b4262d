-- topsis_input: the children of this level's TOPSIS groups, one row per unit × child (criterion).
-- Children scores are already oriented (higher is better), so every criterion is a benefit.
create or replace temp table topsis_input as
select
    c.year,
    g.node_id as group_id,
    s.unit_id,
    c.node_id as criterion,
    s.score as value,
    c.weight,
    true as benefit
from tree_nodes g
join tree_nodes c on c.run_id = g.run_id and c.year = g.year and c.parent_id = g.node_id
join node_scores s on s.year = c.year and s.node_id = c.node_id
where g.run_id = $run_id and g.level = $level and g.metric_id is null and g.aggregate = 'topsis'
