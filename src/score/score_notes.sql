-- score_notes: every imputation-like step taken for a unit, with a reason. Texts come from
-- note_texts (src/score/notes.ts); {label_zh}/{label_en}/{value}/{pct}/{reason_*} are filled here.
insert into score_notes
with
nodes as (
    select * from tree_nodes where run_id = $run_id
),

found as (
    ---------- a leaf without a value
    select year, unit_id, node_id, 'missing_value' as code, null::double as value
    from normalised_values where raw is null
    union all
    ---------- a group with missing children: renormalised, or missing below the threshold
    select s.year, s.unit_id, s.node_id,
        case when s.score is null then 'node_missing' else 'renormalised' end,
        s.present_weight / s.total_weight
    from node_scores s
    where s.total_weight is not null and s.present_weight < s.total_weight - 1e-12
    union all
    ---------- geometric mean: children floored
    select year, unit_id, node_id, 'geometric_floor', floored
    from node_scores where floored > 0
    union all
    ---------- bonus points
    select b.year, b.unit_id, r.node_id,
        case when b.value < 0 then 'bonus_negative' when b.value > $bonus_cap then 'bonus_capped' else 'bonus_applied' end,
        b.value
    from unit_year_metrics b
    join scoring_units u on u.year = b.year and u.unit_id = b.unit_id
    join nodes r on r.year = b.year and r.parent_id is null
    join node_scores s on s.year = b.year and s.unit_id = b.unit_id and s.node_id = r.node_id
    where b.metric_id = $bonus_metric::varchar and b.value <> 0 and s.score is not null
    union all
    ---------- veto
    select v.year, v.unit_id, r.node_id, 'veto', v.value
    from unit_year_metrics v
    join scoring_units u on u.year = v.year and u.unit_id = v.unit_id
    join nodes r on r.year = v.year and r.parent_id is null
    where v.metric_id = $veto_metric::varchar and v.value <> 0
    union all
    ---------- whole-year warnings of the normalise stage (written by score.ts)
    select year, null, node_id, code, value from year_notes
),

texts as (
    select f.*, n.label_zh, n.label_en, t.zh, t.en,
        coalesce(cast(round(f.value, 2) as varchar), '') as value_text,
        coalesce(cast(round(100 * f.value, 1) as varchar) || '%', '') as pct_text
    from found f
    left join note_texts t using (code)
    left join nodes n on n.year = f.year and n.node_id = f.node_id
)

select
    year, unit_id, node_id, code, value,
    coalesce(yz, replace(replace(replace(replace(replace(zh, '{label_zh}', coalesce(label_zh, node_id)), '{value}', value_text), '{pct}', pct_text), '{reason_zh}', coalesce($reason_zh::varchar, '')), '{cap}', cast($bonus_cap as varchar))) as message_zh,
    coalesce(ye, replace(replace(replace(replace(replace(en, '{label_en}', coalesce(label_en, node_id)), '{value}', value_text), '{pct}', pct_text), '{reason_en}', coalesce($reason_en::varchar, '')), '{cap}', cast($bonus_cap as varchar))) as message_en,
    $run_id as run_id
from (
    select t.*, y.zh as yz, y.en as ye
    from texts t
    left join year_notes y on t.unit_id is null and y.year = t.year and y.node_id = t.node_id and y.code = t.code
)
order by year, unit_id nulls first, node_id, code
