-- Parts → values. Evaluates the metrics in metric_parts that are not in metric_results yet
-- (built-ins first; then each declared metric, so `per` can read earlier results).
-- A value is numerator ÷ denominator × scale, or NULL with the first note that applies:
--   no_source            the source has no rows at all in the year       (detail: source)
--   missing_value        the numerator is unknown                        (detail: num_name)
--   missing_denominator  the denominator is unknown                      (detail: den_name)
--   zero_denominator     the denominator is 0 — NULL, never 0            (detail: den_name)
-- A value above its cap (1 for rates) is set to the cap and noted:
--   capped                                                               (detail: den_name)
insert into metric_results
with
pending as (
  select *
  from metric_parts p
  where not exists (select 1 from metric_results r where r.metric_id = p.metric_id)
),
checked as (
  select
    year,
    unit_id,
    metric_id,
    cap,
    den_name,
    case
      when not coalesce(source_ok, true) then 'no_source'
      when numerator is null then 'missing_value'
      when denominator is null then 'missing_denominator'
      when denominator = 0 then 'zero_denominator'
    end as missing_code,
    case
      when not coalesce(source_ok, true) then source_name
      when numerator is null then coalesce(num_name, metric_id)
      when denominator is null or denominator = 0 then den_name
    end as missing_detail,
    case when denominator <> 0 then numerator / denominator * scale end as computed
  from pending
),
final as (
  select
    year,
    unit_id,
    metric_id,
    case
      when missing_code is not null then null
      when cap is not null and computed > cap then cap
      else computed
    end as value,
    case
      when missing_code is not null then missing_code
      when cap is not null and computed > cap then 'capped'
    end as note_code,
    case
      when missing_code is not null then missing_detail
      when cap is not null and computed > cap then den_name
    end as note_detail
  from checked
)
select year, unit_id, metric_id, value, note_code, note_detail from final
