-- When each snapshot last changed, by the database clock: the Redis sync job re-pushes recent changes, so a change
-- whose Redis write or pub/sub message was lost (Redis restarting) still reaches every instance.
alter table entitlement_snapshot add column changed_at timestamptz not null default now();
create index entitlement_snapshot_changed_at_idx on entitlement_snapshot (changed_at);
