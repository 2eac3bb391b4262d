-- input_hash: md5 of the year's input rows in a fixed order (metrics, then the unit registry),
-- so a re-run can tell whether the data under it has changed.
-- Unchanged data gives the same hash: the metric sums are order-independent (src/metrics/*.sql
-- add doubles in DECIMAL), so values are bit-identical run after run, and a double's text is
-- its shortest round-trip form (equal text ⇔ equal value).
select md5(
    coalesce((
        select string_agg(concat_ws('|', unit_id, metric_id, coalesce(cast(value as varchar), 'NULL')), chr(10)
                          order by unit_id, metric_id, value)
        from unit_year_metrics
        where year = $year
    ), '')
    || chr(10) || '--units--' || chr(10)
    || coalesce($units_text::varchar, '')
) as input_hash
