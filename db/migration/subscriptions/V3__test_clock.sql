-- Subscriptions of accounts on a test clock carry the clock: the scheduled invoice run renews only real ones
-- (test_clock_id is null), an advance only its clock's.
alter table subscription add column test_clock_id uuid;
create index subscription_test_clock_due_idx on subscription (test_clock_id, current_period_end)
    where test_clock_id is not null and status in ('ACTIVE', 'TRIALING');
