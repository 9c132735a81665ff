-- The change feed's position: the id of the transaction that last wrote each snapshot. The feed serves a row once
-- every transaction below it has ended (pg_snapshot_xmin), so a position, once passed, never gains a row below it.
alter table entitlement_snapshot add column change_xid xid8 not null default pg_current_xact_id();
create index entitlement_snapshot_change_xid_idx on entitlement_snapshot (change_xid);
