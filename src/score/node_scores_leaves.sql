-- node_scores (leaves): the working table of the roll-up starts with each leaf's normalised value.
-- present_weight / total_weight are for groups; a leaf is simply present (score not null) or not.
create or replace temp table node_scores as
select
    v.year,
    v.unit_id,
    v.node_id,
    t.level,
    v.normalised as score,
    null::double as present_weight,
    null::double as total_weight,
    0 as floored,
    null::varchar as aggregate
from normalised_values v
join tree_nodes t on t.run_id = $run_id and t.year = v.year and t.node_id = v.node_id
