-- score_adjustments: one row per unit × bonus / deduction / veto item that applied, from the
-- items of the tree (temp table adjustment_items, written by adjustments.ts).
--   bonus item, x > 0      → kind bonus, points = least(x, cap)
--   bonus item, x < 0      → kind deduction of |x| under the same item and cap (offices enter
--                            扣分 as −3 in the 加分 column); recorded with its reason
--   deduction item, x ≠ 0  → kind deduction, points = least(|x|, cap) (entered 3 or −3)
--   veto item, x ≠ 0       → kind veto, points NULL, the item's effect and reason
-- Bonus and deduction apply only to units with a weighted composite (nothing to add them to).
insert into score_adjustments (year, unit_id, item_id, kind, raw, points, effect, label_zh, label_en, reason_zh, reason_en, run_id)
with
root as (
    select year, node_id from tree_nodes where run_id = $run_id and parent_id is null
),

weighted as (
    select s.year, s.unit_id
    from node_scores s
    join root r on r.year = s.year and r.node_id = s.node_id
    where s.score is not null
),

found as (
    select
        u.year, u.unit_id, i.position, i.item_id, i.kind as item_kind, i.cap, i.effect,
        i.label_zh, i.label_en, i.reason_zh, i.reason_en,
        m.value as raw,
        case
            when i.kind = 'veto' then 'veto'
            when i.kind = 'bonus' and m.value > 0 then 'bonus'
            else 'deduction'
        end as kind
    from scoring_units u
    join unit_year_metrics m on m.year = u.year and m.unit_id = u.unit_id
    join adjustment_items i on i.metric_id = m.metric_id
    left join weighted w on w.year = u.year and w.unit_id = u.unit_id
    where m.value is not null and m.value <> 0
      and (i.kind = 'veto' or w.unit_id is not null)
),

applied as (
    select *, case when kind = 'veto' then null else least(abs(raw), cap) end as points
    from found
)

select
    year, unit_id, item_id, kind, raw, points, effect, label_zh, label_en,
    case
        when kind = 'veto' then reason_zh
        when item_kind = 'bonus' and raw < 0 then printf('加分栏填 %g，按扣分计，扣 %g 分', raw, points)
        when kind = 'bonus' and raw > cap then printf('填报 %g 分，超过上限 %g 分，加 %g 分', raw, cap, points)
        when kind = 'bonus' then printf('加 %g 分', points)
        when abs(raw) > cap then printf('填报 %g 分，超过上限 %g 分，扣 %g 分', raw, cap, points)
        else printf('扣 %g 分', points)
    end as reason_zh,
    case
        when kind = 'veto' then reason_en
        when item_kind = 'bonus' and raw < 0 then printf('entered %g as a bonus: counted as a deduction, minus %g points', raw, points)
        when kind = 'bonus' and raw > cap then printf('entered %g, above the cap of %g: plus %g points', raw, cap, points)
        when kind = 'bonus' then printf('plus %g points', points)
        when abs(raw) > cap then printf('entered %g, above the cap of %g: minus %g points', raw, cap, points)
        else printf('minus %g points', points)
    end as reason_en,
    $run_id as run_id
from applied
order by year, unit_id, position
