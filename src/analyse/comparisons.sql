-- comparisons: every unit × node of $year against $base_year, plus trends over the years ≤ $year.
-- Writes the temp table analyse_comparisons (columns in contract order).
create or replace temp table analyse_comparisons as
with
---------- the run that wrote each year's official scores
year_runs as (
    select year, any_value(run_id) as run_id from scores group by year
),
nodes as (
    select t.year, t.node_id, t.parent_id, t.weight, t.aggregate, t.metric_id, t.method, t.direction,
           t.p_lo, t.p_hi, t.p_target, t.p_cap, t.p_pool_from, t.p_pool_to, t.p_pool_lo, t.p_pool_hi,
           t.label_zh, t.label_en
    from tree_nodes t join year_runs r using (year, run_id)
    where t.year in ($year, $base_year)
),
nodes_ordered as (
    select t.year, t.node_id, t.parent_id, t.level, t.position, t.label_zh, t.label_en
    from tree_nodes t join year_runs r using (year, run_id)
    where t.year in ($year, $base_year)
),
---------- every node's descendants (a node is its own descendant)
descendants as (
    with recursive up(year, node_id, desc_id) as (
        select year, node_id, node_id from nodes
        union all
        select u.year, n.parent_id, u.desc_id
        from up u join nodes n on n.year = u.year and n.node_id = u.node_id
        where n.parent_id is not null
    )
    select * from up
),
sub as (
    select d.node_id, d.desc_id, n.*,
           -- relative to the year's units: the year's own min/max/mean/ranks/worst value enter the score
           n.metric_id is not null and (n.method in ('zscore', 'rank', 'distance_to_target')
               or (n.method = 'minmax' and n.p_pool_from is null)) as relative
    from descendants d join nodes n on n.year = d.year and n.node_id = d.desc_id
),
this_year as (select * from sub where year = $year),
base as (select * from sub where year = $base_year),
has_base as (select count(*) > 0 as ok from base),
---------- like-for-like: the same leaves and weights, absolute or identically pooled scales
pairs as (
    select coalesce(a.node_id, b.node_id) as node_id, coalesce(a.desc_id, b.desc_id) as desc_id, a.node_id = a.desc_id as self,
           a.metric_id as a_metric, b.metric_id as b_metric, a.relative as a_rel, b.relative as b_rel,
           a.method as a_method, b.method as b_method,
           (a.metric_id is distinct from b.metric_id or a.method is distinct from b.method
               or a.direction is distinct from b.direction
               or a.p_lo is distinct from b.p_lo or a.p_hi is distinct from b.p_hi
               or a.p_target is distinct from b.p_target or a.p_cap is distinct from b.p_cap
               or a.p_pool_from is distinct from b.p_pool_from or a.p_pool_to is distinct from b.p_pool_to) as params_differ,
           (a.p_pool_lo is distinct from b.p_pool_lo or a.p_pool_hi is distinct from b.p_pool_hi) as bounds_differ,
           abs(a.weight - b.weight) > 1e-9 as weight_differs,
           a.aggregate is distinct from b.aggregate as aggregate_differs,
           a.desc_id is null or b.desc_id is null as in_one_tree,
           coalesce(a.parent_id, b.parent_id) as leaf_parent,
           coalesce(a.label_zh, b.label_zh) as desc_zh, coalesce(a.label_en, b.label_en) as desc_en
    from this_year a full join base b on a.node_id = b.node_id and a.desc_id = b.desc_id
),
issues as (
    -- one row per (node, reason, subject); the subject is the descendant the reason is about
    select node_id, 'no_base' as code, null as subject, null as method from pairs where not (select ok from has_base) and desc_id = node_id
    union all
    select node_id, 'tree_differs', desc_id, null from pairs where (select ok from has_base) and in_one_tree
    union all
    select node_id, 'relative_method', desc_id, case when a_rel then a_method else b_method end
    from pairs where not in_one_tree and (a_rel or b_rel)
    union all
    select node_id, 'params_differ', desc_id, null
    from pairs where not in_one_tree and not (a_rel or b_rel) and (a_metric is not null or b_metric is not null) and params_differ
    union all
    select node_id, 'pool_bounds_differ', desc_id, null
    from pairs where not in_one_tree and not (a_rel or b_rel) and not params_differ and a_metric is not null and bounds_differ
    union all
    -- a node's own weight among its siblings does not enter its score; its descendants' weights do
    select node_id, 'weights_differ', leaf_parent, null from pairs where not in_one_tree and not self and weight_differs
    union all
    select node_id, 'aggregate_differs', desc_id, null from pairs where not in_one_tree and a_metric is null and aggregate_differs
),
labels as (
    select node_id, parent_id, level, position, label_zh, label_en from nodes_ordered where year = $year
    union all
    select node_id, parent_id, level, position, label_zh, label_en from nodes_ordered b where year = $base_year
        and not exists (select 1 from nodes a where a.year = $year and a.node_id = b.node_id)
),
labelled as (
    ---------- the subject's and its group's labels; weights_differ is one reason per node naming every group
    select i.node_id, i.code, i.method, i.subject, s.level, s.position,
           coalesce(s.label_zh, i.subject, '') as node_zh, coalesce(s.label_en, i.subject, '') as node_en,
           coalesce(p.label_zh, '') as parent_zh, coalesce(p.label_en, '') as parent_en
    from (select distinct * from issues) i
    left join labels s on s.node_id = i.subject
    left join labels p on p.node_id = s.parent_id
),
collapsed as (
    select node_id, code, method, subject, node_zh, node_en, parent_zh, parent_en from labelled where code <> 'weights_differ'
    union all
    select node_id, code, null, min(subject),
           string_agg(node_zh, '、' order by level, position), string_agg(node_en, ', ' order by level, position), '', ''
    from labelled where code = 'weights_differ'
    group by node_id, code
),
worded as (
    select c.node_id, c.code, t.position, c.subject,
           replace(replace(replace(replace(replace(replace(replace(replace(t.zh,
               '{node}', c.node_zh), '{node_en}', c.node_en), '{parent}', c.parent_zh), '{parent_en}', c.parent_en),
               '{method_zh}', coalesce(m.zh, c.method, '')),
               '{method}', coalesce(c.method, '')), '{year}', $year::varchar), '{base_year}', $base_year::varchar) as text_zh,
           replace(replace(replace(replace(replace(replace(replace(t.en,
               '{node}', c.node_zh), '{node_en}', c.node_en), '{parent}', c.parent_zh), '{parent_en}', c.parent_en),
               '{method}', coalesce(c.method, '')), '{year}', $year::varchar), '{base_year}', $base_year::varchar) as text_en
    from collapsed c
    join analyse_compare_texts t using (code)
    left join analyse_method_names m on m.method = c.method
),
numbered as (
    select *, row_number() over (partition by node_id order by position, subject) as n,
           count(*) over (partition by node_id) as total
    from worded
),
comparable_nodes as (
    select node_id,
           -- weights that differ leave the scales like-for-like: the reason stays as a caution
           bool_and(code = 'weights_differ') as comparable,
           string_agg(distinct code, ',' order by code) as comparable_reason,
           string_agg(text_zh, '；' order by position, subject) filter (where n <= $max_reasons)
               || case when max(total) > $max_reasons then '；' || replace($more_zh, '{n}', (max(total) - $max_reasons)::varchar) else '' end
               as comparable_reason_zh,
           string_agg(text_en, '; ' order by position, subject) filter (where n <= $max_reasons)
               || case when max(total) > $max_reasons then '; ' || replace($more_en, '{n}', (max(total) - $max_reasons)::varchar) else '' end
               as comparable_reason_en
    from numbered
    group by node_id
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
        -- a node of this year with no reason is like-for-like
        coalesce(k.comparable, true) and (select ok from has_base) as comparable,
        k.comparable_reason, k.comparable_reason_zh, k.comparable_reason_en,
        t.slope, coalesce(t.trend_years, 0)::integer as trend_years, coalesce(t.declines, 0)::integer as declines
    from cur c
    left join prev p using (unit_id, node_id)
    left join comparable_nodes k using (node_id)
    left join trends t using (unit_id, node_id)
    left join grade_order gc on gc.grade = c.grade
    left join grade_order gp on gp.grade = p.grade
)
select * from final order by level, node_id, unit_id
