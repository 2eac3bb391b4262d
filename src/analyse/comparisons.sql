-- comparisons: every unit × node of $year against $base_year, plus trends over the years ≤ $year.
-- Writes the temp table analyse_comparisons (columns in contract order).
create or replace temp table analyse_comparisons as
with
---------- the run that wrote each year's official scores
year_runs as (
    select year, any_value(run_id) as run_id from scores group by year
),
nodes as (
    select t.year, t.node_id, t.parent_id, t.metric_id, t.method, t.direction, t.p_lo, t.p_hi, t.p_target, t.p_cap
    from tree_nodes t join year_runs r using (year, run_id)
    where t.year in ($year, $base_year)
),
---------- every node's leaves (a leaf is its own leaf)
recursive_leaves as (
    with recursive up(year, node_id, leaf_id) as (
        select year, node_id, node_id from nodes where metric_id is not null
        union all
        select u.year, n.parent_id, u.leaf_id
        from up u join nodes n on n.year = u.year and n.node_id = u.node_id
        where n.parent_id is not null
    )
    select * from up
),
leaf_params as (
    select l.year, l.node_id, l.leaf_id, n.metric_id, n.method, n.direction, n.p_lo, n.p_hi, n.p_target, n.p_cap
    from recursive_leaves l join nodes n on n.year = l.year and n.node_id = l.leaf_id
),
this_year as (select * from leaf_params where year = $year),
base as (select * from leaf_params where year = $base_year),
---------- like-for-like: the same leaves, absolute methods, same parameters
comparable_nodes as (
    select coalesce(a.node_id, b.node_id) as node_id,
           bool_and(
               a.leaf_id is not null and b.leaf_id is not null
               and a.method in ('goalposts', 'percent_of_target', 'distance_to_target')
               and a.method = b.method and a.metric_id = b.metric_id
               and a.direction is not distinct from b.direction
               and a.p_lo is not distinct from b.p_lo and a.p_hi is not distinct from b.p_hi
               and a.p_target is not distinct from b.p_target and a.p_cap is not distinct from b.p_cap
           ) as comparable
    from this_year a full join base b on a.node_id = b.node_id and a.leaf_id = b.leaf_id
    group by all
),
---------- trends over every year up to $year
history as (
    select unit_id, node_id, year, score,
           score < lag(score) over w as declined,
           row_number() over w as rn
    from scores where year <= $year and score is not null
    window w as (partition by unit_id, node_id order by year)
),
runs_of_declines as (
    select *, rn - max(case when coalesce(declined, false) then null else rn end)
               over (partition by unit_id, node_id order by year rows between unbounded preceding and current row) as declines
    from history
),
trends as (
    select unit_id, node_id,
           regr_slope(score, year) as slope,
           count(*) as trend_years,
           max(declines) filter (where year = $year) as declines
    from runs_of_declines group by all
),
---------- the two years side by side
cur as (select * from scores where year = $year),
prev as (select * from scores where year = $base_year),
grade_order as (
    -- lower position = better grade (temp table written by compare.ts from this year's tree)
    select grade, position from analyse_grade_order
),
final as (
    select
        $year::integer as year, $base_year::integer as base_year, c.unit_id, c.node_id, c.level,
        c.score, p.score as base_score, c.score - p.score as score_change,
        c.rank, p.rank as base_rank, p.rank - c.rank as rank_change,
        c.grade, p.grade as base_grade,
        case when c.grade is null or p.grade is null then null
             when gc.position < gp.position then 'up'
             when gc.position > gp.position then 'down'
             else 'same' end as grade_change,
        coalesce(k.comparable, false) as comparable,
        t.slope, coalesce(t.trend_years, 0)::integer as trend_years, coalesce(t.declines, 0)::integer as declines
    from cur c
    left join prev p using (unit_id, node_id)
    left join comparable_nodes k using (node_id)
    left join trends t using (unit_id, node_id)
    left join grade_order gc on gc.grade = c.grade
    left join grade_order gp on gp.grade = p.grade
)
select * from final order by level, node_id, unit_id
