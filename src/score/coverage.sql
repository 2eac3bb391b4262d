-- coverage: per node of the run, how many of the year's evaluated units have a score there, the
-- lowest present share of a group's weight, and the source kinds of the leaves without data.
-- Reads node_scores (the aggregate stage's working table), tree_nodes, scoring_units and the temp
-- tables coverage_metric_kinds (metric_id, role, kind: from the metric catalog) and
-- coverage_denominator_missing (unit_id, metric_id: from metric_notes), both written by coverage.ts.
-- One row per node; coverage.ts keeps the incomplete ones and words the reasons.
-- The root unit (root_units) evaluates and is not evaluated: it reports no facts of its own, so it is
-- left out of every count here (its own line comes from coverage_units.sql).
with
evaluated as (
    select * from node_scores where unit_id not in (select unit_id from root_units)
),
nodes as (
    select node_id, parent_id, level, position, metric_id, label_zh, label_en
    from tree_nodes
    where run_id = $run_id
),
total as (
    select count(*) as units_total from scoring_units where unit_id not in (select unit_id from root_units)
),
per_node as (
    select
        node_id,
        count(score) as units_with_data,
        min(present_weight / nullif(total_weight, 0)) as present_share
    from evaluated
    group by node_id
),
---------- every node's leaves (a leaf is its own leaf), to name the sources of what is missing
leaves_of as (
    with recursive up(node_id, leaf_id) as (
        select node_id, node_id from nodes where metric_id is not null
        union all
        select n.parent_id, u.leaf_id
        from up u join nodes n on n.node_id = u.node_id
        where n.parent_id is not null
    )
    select * from up
),
---------- each unit's leaves without a value and the kinds that would supply them: the metric's own
---------- source, or its denominator's when the metrics stage noted the denominator missing
missing_kinds as (
    select s.unit_id, s.node_id as leaf_id, k.kind
    from evaluated s
    join nodes n using (node_id)
    left join coverage_denominator_missing d on d.unit_id = s.unit_id and d.metric_id = n.metric_id
    left join coverage_metric_kinds k
        on k.metric_id = n.metric_id and k.role = case when d.unit_id is null then 'source' else 'denominator' end
    where n.metric_id is not null and s.score is null
),
kinds as (
    select l.node_id,
           string_agg(distinct coalesce(m.kind, 'unknown'), ',' order by coalesce(m.kind, 'unknown')) as source_kinds,
           string_agg(distinct n.label_zh, '、' order by n.label_zh) as missing_leaves_zh,
           string_agg(distinct n.label_en, ', ' order by n.label_en) as missing_leaves_en
    from leaves_of l
    join missing_kinds m on m.leaf_id = l.leaf_id
    join nodes n on n.node_id = l.leaf_id
    group by l.node_id
)
select
    n.node_id,
    n.level,
    n.label_zh,
    n.label_en,
    t.units_total,
    coalesce(p.units_with_data, 0) as units_with_data,
    p.present_share,
    n.metric_id,
    k.source_kinds,
    k.missing_leaves_zh,
    k.missing_leaves_en
from nodes n
cross join total t
left join per_node p using (node_id)
left join kinds k using (node_id)
order by n.level, n.position, n.node_id
