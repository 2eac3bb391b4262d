-- Session type classes: the ONE place that says which attendance session types
-- (attendance.session_type, as written after cleaning) count as what. A type may
-- belong to several classes (党课 is collective and a lecture; 培训 is collective and training).
--
--   collective  metrics.md's list: 集中学习, 每周一学, 中心组学习, 三会一课 and its parts
--               党员大会/支委会/党小组会/党课, 主题党日, 讲座, 读书会, 培训
--               → collective_study_hours, learning_form_diversity
--   self_study  自学 → self_study_hours
--   training    培训, 党校, 专题培训 → training_hours
--   remote      远程教育 and online forms → remote_sessions_per_month
--   lecture     党课 and lecture forms → member_led_lectures
-- The required counts of 三会一课 live with org_life_completion in session_metrics.sql.
create or replace temp table metric_session_classes as
with
collective as (
  select 'collective' as class, session_type
  from (values ('集中学习'), ('每周一学'), ('中心组学习'), ('三会一课'), ('党员大会'), ('支委会'),
               ('党小组会'), ('党课'), ('主题党日'), ('讲座'), ('读书会'), ('培训')) as t(session_type)
),
self_study as (
  select 'self_study' as class, session_type
  from (values ('自学')) as t(session_type)
),
training as (
  select 'training' as class, session_type
  from (values ('培训'), ('党校'), ('专题培训')) as t(session_type)
),
remote as (
  select 'remote' as class, session_type
  from (values ('远程教育'), ('远程学习'), ('线上学习'), ('网络学习'), ('在线学习'), ('线上'), ('网络')) as t(session_type)
),
lecture as (
  select 'lecture' as class, session_type
  from (values ('党课'), ('微党课'), ('讲座'), ('专题讲座'), ('讲课')) as t(session_type)
),
final as (
  select * from collective
  union all select * from self_study
  union all select * from training
  union all select * from remote
  union all select * from lecture
)
select class, session_type from final
