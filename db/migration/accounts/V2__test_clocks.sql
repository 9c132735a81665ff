-- Test clocks (sandbox only): simulated time for the accounts created on them. frozen_time is the clock's "now";
-- while ADVANCING, advance_to is where the advance is going and frozen_time how far it got.
create table test_clock
(
    id            uuid primary key,
    name          text        not null,
    frozen_time   timestamptz not null,
    status        text        not null check (status in ('READY', 'ADVANCING')),
    advance_to    timestamptz,
    heartbeat_at  timestamptz,
    last_advance  text,
    created_at    timestamptz not null
);

-- An account lives on a test clock from its creation to its deletion (with the clock); never moved on or off.
alter table account add column test_clock_id uuid references test_clock (id);
create index account_test_clock_idx on account (test_clock_id) where test_clock_id is not null;
