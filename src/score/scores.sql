-- scores: every unit × node of the run, after the adjustments outside the grid
-- (score_adjustments, written just before):
--   composite (level 0): weighted = the aggregated score; bonus = Σ bonus points; deduction =
--     Σ deduction points; score = weighted + bonus − deduction (may pass 100);
--   grade_status (composite only): root (root_units: never graded) / not_graded (a veto item with
--     effect not_graded) / unscored (no composite) / graded; veto = the ids of the veto items;
--   rank / rank_in_type at EVERY level: among graded units only (1 = highest, ties take the
--     minimum rank); NULL for units that are not graded and for missing scores;
--   grade: NULL here; assign-grades.ts fills it for graded units (bands or quota, vetoes).
-- Ranks compare the score rounded to 9 decimals, so that a 60 computed as 59.99999999999999
-- (floating point) ties with another 60.
insert into scores (year, unit_id, node_id, level, score, rank, rank_in_type, grade, run_id,
                    weighted, bonus, deduction, grade_status, veto)
with
root as (
    select year, node_id from tree_nodes where run_id = $run_id and parent_id is null
),

points as (
    select
        year, unit_id,
        -- in item order: a sum of doubles taken in another order can differ in its last bit
        coalesce(sum(points order by item_position) filter (where kind = 'bonus'), 0) as bonus,
        coalesce(sum(points order by item_position) filter (where kind = 'deduction'), 0) as deduction,
        string_agg(item_id, ',' order by item_position) filter (where kind = 'veto') as veto,
        coalesce(bool_or(effect = 'not_graded'), false) as not_graded
    from (
        select a.*, i.position as item_position
        from score_adjustments a
        join adjustment_items i on i.item_id = a.item_id
        where a.run_id = $run_id
    )
    group by year, unit_id
),

composite as (
    select
        s.year, s.unit_id,
        s.score as weighted,
        coalesce(p.bonus, 0) as bonus,
        coalesce(p.deduction, 0) as deduction,
        p.veto,
        case
            when ru.unit_id is not null then 'root'
            when p.not_graded then 'not_graded'
            when s.score is null then 'unscored'
            else 'graded'
        end as grade_status
    from node_scores s
    join root r on r.year = s.year and r.node_id = s.node_id
    left join points p on p.year = s.year and p.unit_id = s.unit_id
    left join root_units ru on ru.unit_id = s.unit_id
),

adjusted as (
    select
        s.year, s.unit_id, s.node_id, s.level, u.unit_type,
        c.grade_status = 'graded' as is_graded,
        case when r.node_id is not null then s.score + c.bonus - c.deduction else s.score end as score,
        case when r.node_id is not null then c.weighted end as weighted,
        case when r.node_id is not null and c.weighted is not null then c.bonus end as bonus,
        case when r.node_id is not null and c.weighted is not null then c.deduction end as deduction,
        case when r.node_id is not null then c.grade_status end as grade_status,
        case when r.node_id is not null then c.veto end as veto
    from node_scores s
    join scoring_units u on u.year = s.year and u.unit_id = s.unit_id
    join composite c on c.year = s.year and c.unit_id = s.unit_id
    left join root r on r.year = s.year and r.node_id = s.node_id
),

ranked as (
    select
        *,
        case when is_graded and score is not null
            then rank() over (partition by year, node_id, is_graded and score is not null
                              order by round(score, 9) desc) end as rank,
        case when is_graded and score is not null and unit_type is not null
            then rank() over (partition by year, node_id, unit_type, is_graded and score is not null
                              order by round(score, 9) desc) end as rank_in_type
    from adjusted
)

select
    year, unit_id, node_id, level, score, rank, rank_in_type,
    null::varchar as grade,
    $run_id as run_id,
    weighted, bonus, deduction, grade_status, veto
from ranked
order by year, level, node_id, unit_id
