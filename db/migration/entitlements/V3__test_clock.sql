-- Snapshots of accounts on a test clock carry the clock: the scheduled expiry job recomputes only real accounts,
-- an advance only its clock's. Only the clock column is indexed, so recomputes stay heap-only updates.
alter table entitlement_snapshot add column test_clock_id uuid;
create index entitlement_snapshot_test_clock_idx on entitlement_snapshot (test_clock_id) where test_clock_id is not null;
