-- Scratch tables of computeMetrics (all temporary; qualified so a persistent table of the same name is never touched).
drop table if exists temp.main.metric_parts;
drop table if exists temp.main.metric_results;
drop table if exists temp.main.metric_requested_years;
drop table if exists temp.main.metric_catalog_ids;
drop table if exists temp.main.metric_note_texts;
drop table if exists temp.main.metric_labels;
drop table if exists temp.main.metric_session_classes;
drop table if exists temp.main.metric_source_years;
drop table if exists temp.main.metric_frame;
drop table if exists temp.main.metric_profile;
drop table if exists temp.main.metric_denominators;
