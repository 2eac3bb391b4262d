-- normalised_values: every leaf × evaluated unit of the run, its raw value and its 0–100 score.
-- One set-based statement for every method: the method and its parameters are columns of
-- tree_nodes, the statistics are windows over (year, node_id). See normalise.ts for the rules.
create or replace temp table normalised_values as
with
leaves as (
    select year, node_id, metric_id, direction, method, p_lo, p_hi, p_target, p_cap,
           p_pool_from, p_pool_lo, p_pool_hi, p_ties
    from tree_nodes
    where run_id = $run_id and metric_id is not null
),

raw_values as (
    ---------- one row per leaf × unit; no metric row means missing
    select l.*, u.unit_id, m.value as raw
    from leaves l
    join scoring_units u on u.year = l.year
    left join unit_year_metrics m
        on m.year = l.year and m.unit_id = u.unit_id and m.metric_id = l.metric_id
),

with_stats as (
    ---------- statistics of the year's present values (NULLs are ignored by every window).
    ---------- Each statistic is taken only over the leaves whose method uses it: a leaf never
    ---------- fails on a statistic it does not need (the squares of 1e200 overflow a double, so
    ---------- an sd over a goalposts leaf of 1e200 would stop the run).
    select
        *,
        case when direction = 'lower_is_better' then -1 else 1 end as sgn,
        count(raw) over w as n,
        min(raw) over w as lo_obs,
        max(raw) over w as hi_obs,
        ---------- zscore: mean and sd of raw / s, s the power of two at or below max |raw| (dividing by a
        ---------- power of two is exact, so z is unchanged; the squares stay < 4 and cannot overflow)
        avg(raw / z_scale) over w as mean_s,
        stddev_samp(raw / z_scale) over w as sd_s,
        ---------- rank: places counted from the worst (1 = worst), as R's rank() and COINr's n_rank;
        ---------- worse_n = units strictly worse, better_n = units strictly better
        case when method = 'rank' and raw is not null then rank() over (
            partition by year, node_id
            order by case when direction = 'lower_is_better' then -raw else raw end asc nulls last
        ) - 1 end as worse_n,
        case when method = 'rank' and raw is not null then rank() over (
            partition by year, node_id
            order by case when direction = 'lower_is_better' then raw else -raw end asc nulls last
        ) - 1 end as better_n
    from (
        select
            *,
            case when method = 'zscore'
                 then pow(2, floor(log2(nullif(max(abs(raw)) over (partition by year, node_id), 0)))) end as z_scale
        from raw_values
    )
    ---------- ordered by unit, over the whole partition: a sum of doubles depends on the order it is
    ---------- taken in, and rows reach the window in whatever order the threads deliver them (re-scoring
    ---------- the same data gave another last bit of a z-score now and then)
    window w as (partition by year, node_id order by unit_id rows between unbounded preceding and unbounded following)
),

scored as (
    select
        *,
        case
            when raw is null then null
            ---------- pooled minmax: bounds over every unit of the pooled years (tree_nodes,
            ---------- pool_bounds.sql); clamped, for a year outside its pool can pass them
            when method = 'minmax' and p_pool_from is not null then
                case when p_pool_hi is null or p_pool_hi = p_pool_lo then 50
                     else greatest(0, least(100,
                         100 * (case when sgn = 1 then raw - p_pool_lo else p_pool_hi - raw end) / (p_pool_hi - p_pool_lo))) end
            ---------- relative methods: a constant column (or a single unit) scores 50
            when method = 'minmax' then
                case when hi_obs = lo_obs then 50
                     else 100 * (case when sgn = 1 then raw - lo_obs else hi_obs - raw end) / (hi_obs - lo_obs) end
            when method = 'zscore' then
                case when n < 2 or hi_obs = lo_obs or sd_s = 0 then 50
                     else 50 + 10 * sgn * (raw / z_scale - mean_s) / sd_s end
            ---------- rank: score = 100 (r − 1)/(n − 1), r the place counted from the worst; tied units
            ---------- share r = worse_n + 1 (min: the lowest place, COINr / OECD-JRC), r = n − better_n
            ---------- (max: the highest) or their mean (average)
            when method = 'rank' then
                case when n < 2 or hi_obs = lo_obs then 50
                     else 100 * (case coalesce(p_ties, 'max')
                                     when 'min' then worse_n
                                     when 'max' then n - 1 - better_n
                                     else (worse_n + n - 1 - better_n) / 2.0
                                 end) / (n - 1) end
            ---------- fixed references
            when method = 'goalposts' then
                greatest(0, least(100,
                    100 * (case when sgn = 1 then raw - p_lo else p_hi - raw end) / (p_hi - p_lo)))
            when method = 'distance_to_target' then
                least(coalesce(p_cap, 'infinity'::double),
                    case
                        -- target at (or beyond) the worst observed value: every unit has met it
                        when sgn = 1 and p_target <= lo_obs then 100
                        when sgn = -1 and p_target >= hi_obs then 100
                        when sgn = 1 then 100 * (raw - lo_obs) / (p_target - lo_obs)
                        else 100 * (hi_obs - raw) / (hi_obs - p_target)
                    end)
            when method = 'percent_of_target' then
                greatest(0, least(100,
                    case
                        when sgn = 1 then 100 * raw / p_target
                        when raw <= 0 then 100
                        else 100 * p_target / raw
                    end))
        end as normalised
    from with_stats
)

select
    year,
    unit_id,
    node_id,
    metric_id,
    method,
    direction,
    raw,
    normalised::double as normalised
from scored
order by year, node_id, unit_id
