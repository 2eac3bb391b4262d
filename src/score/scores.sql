-- scores: every unit × node of the run, after the adjustments outside the grid:
--   bonus (加分): the composite gets + least(greatest(bonus metric, 0), $bonus_cap) (may pass 100);
--   veto (一票否决): a unit whose veto metric is non-zero gets grade $veto_grade (NULL = not graded);
--   grade: the composite's band in grade_bands (lo ≤ score < hi); other nodes have no grade;
--   rank / rank_in_type: 1 = highest score, ties take the minimum rank, missing scores no rank.
-- Grades and ranks compare the score rounded to 9 decimals, so that a 60 computed as
-- 59.99999999999999 (floating point) is graded 一般 and ties with another 60.
insert into scores
with
root as (
    select year, node_id from tree_nodes where run_id = $run_id and parent_id is null
),

adjustments as (
    select
        u.year, u.unit_id, u.unit_type,
        b.value as bonus_raw,
        coalesce(v.value, 0) <> 0 as vetoed
    from scoring_units u
    left join unit_year_metrics b on b.year = u.year and b.unit_id = u.unit_id and b.metric_id = $bonus_metric::varchar
    left join unit_year_metrics v on v.year = u.year and v.unit_id = u.unit_id and v.metric_id = $veto_metric::varchar
),

adjusted as (
    select
        s.year, s.unit_id, s.node_id, s.level, a.unit_type, a.vetoed,
        r.node_id is not null as is_root,
        case
            when r.node_id is not null and s.score is not null
                then s.score + least(greatest(coalesce(a.bonus_raw, 0), 0), $bonus_cap)
            else s.score
        end as score
    from node_scores s
    join adjustments a on a.year = s.year and a.unit_id = s.unit_id
    left join root r on r.year = s.year and r.node_id = s.node_id
),

graded as (
    select
        x.*,
        case
            when not x.is_root or x.score is null then null
            when x.vetoed then $veto_grade::varchar
            else g.grade
        end as grade
    from adjusted x
    left join grade_bands g
        on x.is_root
        and round(x.score, 9) >= coalesce(g.lo, '-infinity'::double)
        and round(x.score, 9) < coalesce(g.hi, 'infinity'::double)
)

select
    year,
    unit_id,
    node_id,
    level,
    score,
    case when score is not null
        then rank() over (partition by year, node_id order by round(score, 9) desc nulls last) end as rank,
    case when score is not null and unit_type is not null
        then rank() over (partition by year, node_id, unit_type order by round(score, 9) desc nulls last) end as rank_in_type,
    grade,
    $run_id as run_id
from graded
order by year, level, node_id, unit_id
