-- coverage_units: every evaluated unit without a composite in the run's year: the share of the
-- composite's weight its present dimensions carry, the dimensions without a score, and the source
-- kinds of its leaves without a value (coverage_metric_kinds and coverage_denominator_missing, written
-- by coverage.ts), and whether
-- it is the organisation's root unit (root_units: never graded, so its gap is said but not counted).
with
nodes as (
    select node_id, parent_id, level, position, metric_id, label_zh, label_en
    from tree_nodes
    where run_id = $run_id
),
root as (
    select node_id from nodes where parent_id is null
),
unscored as (
    select s.unit_id, s.present_weight / nullif(s.total_weight, 0) as present_share
    from node_scores s join root r using (node_id)
    where s.score is null
),
missing_dims as (
    select s.unit_id,
           string_agg(n.label_zh, '、' order by n.position) as dims_zh,
           string_agg(n.label_en, ', ' order by n.position) as dims_en
    from node_scores s
    join nodes n using (node_id)
    join root r on n.parent_id = r.node_id
    where s.score is null and s.unit_id in (select unit_id from unscored)
    group by s.unit_id
),
missing_kinds as (
    ---------- the metric's own source, or its denominator's when the metrics stage noted it missing
    select s.unit_id,
           string_agg(distinct coalesce(k.kind, 'unknown'), ',' order by coalesce(k.kind, 'unknown')) as source_kinds
    from node_scores s
    join nodes n using (node_id)
    left join coverage_denominator_missing d on d.unit_id = s.unit_id and d.metric_id = n.metric_id
    left join coverage_metric_kinds k
        on k.metric_id = n.metric_id and k.role = case when d.unit_id is null then 'source' else 'denominator' end
    where n.metric_id is not null and s.score is null and s.unit_id in (select unit_id from unscored)
    group by s.unit_id
)
select u.unit_id, u.present_share, d.dims_zh, d.dims_en, k.source_kinds,
       u.unit_id in (select unit_id from root_units) as is_root
from unscored u
left join missing_dims d using (unit_id)
left join missing_kinds k using (unit_id)
order by u.unit_id
