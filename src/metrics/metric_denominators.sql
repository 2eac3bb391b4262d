-- Membership per frame unit-year, the denominators of the per-member metrics.
--
-- Roster rule (members table): a span covers the days from_date … to_date, both included, as
-- the roster writes them (转出日期 is the last day in the unit: a mover's next stint starts the
-- day after; ingest checks overlaps and matches facts the same way), NULL to_date = still a
-- member, an empty from_date = a member since before the year. Below, end_date is the first day
-- after the span (to_date + 1), so a span is [start_date, end_date). For each calendar month, a member counts
-- days covered ÷ days in the month (at most 1, so duplicated spans count once);
-- member_months is the sum over members and the 12 months. Example: joined 2024-03-16,
-- still a member → March 16/31 + April…December 9 = 9.516.
-- A unit-year uses the roster when the unit has at least one span overlapping the year;
-- otherwise it falls back to the profile: member_months = members × 12.
--
--   member_months  roster months, else profile members × 12
--   headcount      roster: distinct members with a span in the year; else profile members
--   avg_members    member_months ÷ 12 (= profile members when there is no roster): the
--                  "members" of per-member metrics, pro rata for part-year members
--   leaders        profile leaders
-- Month shares are added up as DECIMAL(38, 18), exactly, so member_months does not depend on
-- the order the threads add them in (a double sum does, by ~1e-13).
create or replace temp table metric_denominators as
with
frame as (
  select year, unit_id from metric_frame
),
spans as (
  select
    unit_id,
    coalesce(member_key, '#' || source_file || ':' || source_row) as member,
    coalesce(from_date, date '0001-01-01') as start_date,
    (to_date + 1)::date as end_date
  from members
  where unit_id is not null
),
months as (
  select f.year, f.unit_id, make_date(f.year, m.month::integer, 1) as month_start
  from frame f
  cross join range(1, 13) as m(month)
),
frame_months as (
  select year, unit_id, month_start, (month_start + interval 1 month)::date as next_month
  from months
),
member_month_shares as (
  select
    fm.year,
    fm.unit_id,
    s.member,
    least(
      sum(date_diff('day', greatest(s.start_date, fm.month_start), least(coalesce(s.end_date, fm.next_month), fm.next_month)))
        / date_diff('day', fm.month_start, fm.next_month),
      1
    ) as month_share
  from frame_months fm
  join spans s
    on s.unit_id = fm.unit_id
   and s.start_date < fm.next_month
   and (s.end_date is null or s.end_date > fm.month_start)
  group by fm.year, fm.unit_id, s.member, fm.month_start, fm.next_month
),
roster as (
  select year, unit_id, sum(month_share::decimal(38, 18))::double as roster_months, count(distinct member) as roster_headcount
  from member_month_shares
  group by year, unit_id
),
profile_counts as (
  select
    year,
    unit_id,
    max(value) filter (where metric = 'members') as profile_members,
    max(value) filter (where metric = 'leaders') as profile_leaders
  from metric_profile
  group by year, unit_id
),
final as (
  select
    f.year,
    f.unit_id,
    r.unit_id is not null as has_roster,
    case when r.unit_id is not null then r.roster_months else p.profile_members * 12 end as member_months,
    case when r.unit_id is not null then r.roster_headcount else p.profile_members end as headcount,
    case when r.unit_id is not null then r.roster_months / 12 else p.profile_members end as avg_members,
    p.profile_leaders as leaders
  from frame f
  left join roster r on r.year = f.year and r.unit_id = f.unit_id
  left join profile_counts p on p.year = f.year and p.unit_id = f.unit_id
)
select * from final
