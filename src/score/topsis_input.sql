-- topsis_input: the criteria of this level's TOPSIS groups, one row per unit × criterion.
-- vector (default, Hwang & Yoon): the criteria are the leaves below the group, with their raw
--   metric values (vector-normalised in topsis.ts), lower_is_better leaves as cost criteria, and
--   the leaf's weight within the group (the product of the sibling fractions from the group down).
-- none: the criteria are the group's children, their 0–100 scores as they are (already
--   normalised and oriented: every criterion a benefit), with the children's weights.
create or replace temp table topsis_input as
with recursive
groups as (
    select year, node_id as group_id, coalesce(topsis_normalise, 'vector') as normalise
    from tree_nodes
    where run_id = $run_id and level = $level and metric_id is null and aggregate = 'topsis'
),

below (year, group_id, node_id, weight) as (
    select g.year, g.group_id, c.node_id, c.weight
    from groups g
    join tree_nodes c on c.run_id = $run_id and c.year = g.year and c.parent_id = g.group_id
    where g.normalise = 'vector'
    union all
    select b.year, b.group_id, c.node_id, b.weight * c.weight
    from below b
    join tree_nodes c on c.run_id = $run_id and c.year = b.year and c.parent_id = b.node_id
)

select
    b.year,
    b.group_id,
    v.unit_id,
    b.node_id as criterion,
    v.raw as value,
    b.weight,
    coalesce(l.direction, 'higher_is_better') <> 'lower_is_better' as benefit,
    'vector' as normalise
from below b
join tree_nodes l on l.run_id = $run_id and l.year = b.year and l.node_id = b.node_id and l.metric_id is not null
join normalised_values v on v.year = b.year and v.node_id = b.node_id

union all

select
    c.year,
    g.group_id,
    s.unit_id,
    c.node_id as criterion,
    s.score as value,
    c.weight,
    true as benefit,
    'none' as normalise
from groups g
join tree_nodes c on c.run_id = $run_id and c.year = g.year and c.parent_id = g.group_id
join node_scores s on s.year = c.year and s.node_id = c.node_id
where g.normalise = 'none'
