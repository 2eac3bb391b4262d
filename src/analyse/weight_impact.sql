-- weight_impact: composite change of each unit split into weights and performance effects.
-- Inputs: official scores of $year and $base_year, and the temp tables written by rescoreInto:
-- analyse_cur_base_tree ($year scored with the base tree), analyse_base_this_tree ($base_year
-- scored with this year's tree). attribution names the larger effect ('none' below 0.005 points).
insert into analyse_weight_impact
with cur as (select unit_id, score, rank from scores where year = $year and level = 0),
     base as (select unit_id, score, rank from scores where year = $base_year and level = 0),
     joined as (
         select coalesce(c.unit_id, b.unit_id) as unit_id,
                c.score, x.score as score_base_tree, b.score as base_score, y.score as base_score_this_tree,
                c.rank, x.rank as rank_base_tree, b.rank as base_rank, y.rank as base_rank_this_tree
         from cur c full join base b using (unit_id)
         left join analyse_cur_base_tree x on x.unit_id = coalesce(c.unit_id, b.unit_id)
         left join analyse_base_this_tree y on y.unit_id = coalesce(c.unit_id, b.unit_id)
     ),
     effects as (
         select *, score - base_score as total_change,
                score - score_base_tree as weights_effect,
                score_base_tree - base_score as performance_effect
         from joined
     )
select $year, $base_year, unit_id, $differ, score, score_base_tree, base_score, base_score_this_tree,
       total_change, weights_effect, performance_effect, rank, rank_base_tree, base_rank, base_rank_this_tree,
       case when weights_effect is null or performance_effect is null then null
            when greatest(abs(weights_effect), abs(performance_effect)) < 0.005 then 'none'
            when abs(weights_effect) > abs(performance_effect) then 'weights'
            else 'performance' end
from effects order by unit_id
