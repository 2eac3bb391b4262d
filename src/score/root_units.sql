-- root_units: the organisation's root unit(s): no parent in the registry and parent of other
-- units (the 中心支行 over its departments and county branches). A root is scored like any unit
-- but never graded nor ranked: it is the evaluating body, not one of the evaluated.
create or replace temp table root_units as
select distinct p.unit_id
from units p
where p.parent_id is null
  and exists (select 1 from units c where c.parent_id = p.unit_id and c.unit_id <> p.unit_id)
  and not exists (select 1 from units q where q.unit_id = p.unit_id and q.parent_id is not null)
