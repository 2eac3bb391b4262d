-- metric_notes: one row per noted metric value — why it is missing, or how it was
-- adjusted — in Chinese and English. Texts come from notes.ts (metric_note_texts);
-- `{name}` becomes the label of what the note points at (metric_labels), else its raw name.
insert into metric_notes (year, unit_id, metric_id, reason_zh, reason_en, reason_code)
with
notes as (
  select year, unit_id, metric_id, note_code, note_detail
  from metric_results
  where note_code is not null
),
labelled as (
  select
    n.year,
    n.unit_id,
    n.metric_id,
    n.note_code,
    t.zh as text_zh,
    t.en as text_en,
    coalesce(l.zh, n.note_detail, n.metric_id) as name_zh,
    coalesce(l.en, n.note_detail, n.metric_id) as name_en
  from notes n
  join metric_note_texts t on t.code = n.note_code
  left join metric_labels l on l.name = n.note_detail
),
final as (
  select
    year,
    unit_id,
    metric_id,
    replace(text_zh, '{name}', name_zh) as reason_zh,
    replace(text_en, '{name}', name_en) as reason_en,
    note_code as reason_code
  from labelled
)
select * from final
order by year, unit_id, metric_id
