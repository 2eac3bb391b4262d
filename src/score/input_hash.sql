-- input_hash: md5 of the year's input rows in a fixed order (metrics, then the unit registry),
-- so a re-run can tell whether the data under it has changed.
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
