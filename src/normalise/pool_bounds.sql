-- pool_bounds: the bounds of every pooled-minmax leaf of the run = min and max of its metric over
-- every unit of the pooled years (inclusive) in unit_year_metrics; years without a value are left
-- out (and named by the pool_years_missing warning). Leaves whose pool has no value keep NULLs.
update tree_nodes as t
set p_pool_lo = b.lo,
    p_pool_hi = b.hi,
    p_pool_years = b.years
from (
    select
        n.node_id,
        min(m.value) as lo,
        max(m.value) as hi,
        string_agg(distinct m.year::varchar, ',' order by m.year::varchar) as years
    from tree_nodes n
    join unit_year_metrics m
        on m.metric_id = n.metric_id
       and m.year between n.p_pool_from and n.p_pool_to
       and m.value is not null
    where n.run_id = $run_id and n.p_pool_from is not null
    group by n.node_id
) as b
where t.run_id = $run_id and t.node_id = b.node_id
