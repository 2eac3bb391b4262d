-- score_notes: every imputation-like step taken for a unit, with a reason. Texts come from
-- note_texts (src/score/notes.ts); {label_zh}/{label_en}/{value}/{pct} are filled here; the
-- bonus, deduction and veto notes repeat score_adjustments with the item's label and reason
-- ({item_zh}/{item_en}/{reason_zh}/{reason_en}, the veto effect in words from adjustment_items).
insert into score_notes
with
nodes as (
    select * from tree_nodes where run_id = $run_id
),

found as (
    ---------- a leaf without a value
    select year, unit_id, node_id, 'missing_value' as code, null::double as value,
        null::varchar as item_zh, null::varchar as item_en, null::varchar as reason_zh, null::varchar as reason_en
    from normalised_values where raw is null
    union all
    ---------- a group with missing children: renormalised, or missing below the threshold
    select s.year, s.unit_id, s.node_id,
        case when s.score is null then 'node_missing' else 'renormalised' end,
        s.present_weight / s.total_weight, null, null, null, null
    from node_scores s
    where s.total_weight is not null and s.present_weight < s.total_weight - 1e-12
    union all
    ---------- geometric mean: children floored
    select year, unit_id, node_id, 'geometric_floor', floored, null, null, null, null
    from node_scores where floored > 0
    union all
    ---------- bonus, deduction and veto items that applied (score_adjustments)
    select a.year, a.unit_id, r.node_id,
        case
            when a.kind = 'veto' then 'veto'
            when a.kind = 'deduction' and i.kind = 'bonus' then 'bonus_negative'
            when a.kind = 'bonus' and a.raw > a.points then 'bonus_capped'
            when a.kind = 'bonus' then 'bonus_applied'
            when abs(a.raw) > a.points then 'deduction_capped'
            else 'deduction_applied'
        end,
        coalesce(a.points, a.raw), a.label_zh, a.label_en,
        case when a.kind = 'veto' then a.reason_zh || '；' || i.effect_zh else a.reason_zh end,
        case when a.kind = 'veto' then a.reason_en || '; ' || i.effect_en else a.reason_en end
    from score_adjustments a
    join adjustment_items i on i.item_id = a.item_id
    join nodes r on r.year = a.year and r.parent_id is null
    where a.run_id = $run_id
    union all
    ---------- whole-year warnings of the normalise stage (written by score.ts)
    select year, null, node_id, code, value, null, null, null, null from year_notes
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
    coalesce(yz, replace(replace(replace(replace(replace(zh, '{label_zh}', coalesce(label_zh, node_id)), '{value}', value_text), '{pct}', pct_text), '{item_zh}', coalesce(item_zh, '')), '{reason_zh}', coalesce(reason_zh, ''))) as message_zh,
    coalesce(ye, replace(replace(replace(replace(replace(en, '{label_en}', coalesce(label_en, node_id)), '{value}', value_text), '{pct}', pct_text), '{item_en}', coalesce(item_en, '')), '{reason_en}', coalesce(reason_en, ''))) as message_en,
    $run_id as run_id
from (
    select t.*, y.zh as yz, y.en as ye
    from texts t
    left join year_notes y on t.unit_id is null and y.year = t.year and y.node_id = t.node_id and y.code = t.code
)
order by year, unit_id nulls first, node_id, code
