-- Subscriptions of accounts on a test clock carry the clock: the scheduled invoice run renews only real ones
-- (test_clock_id is null), an advance only its clock's. The index holds only the clock column, which never changes,
-- so renewals of real subscriptions stay heap-only updates.
alter table subscription add column test_clock_id uuid;
create index subscription_test_clock_idx on subscription (test_clock_id) where test_clock_id is not null;
