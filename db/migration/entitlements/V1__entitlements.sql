-- One versioned snapshot per account: the source of truth the caches hold copies of.
create table entitlement_snapshot
(
    account_id     uuid primary key,
    version        bigint      not null check (version > 0),
    digest         text        not null,
    features       jsonb       not null,
    computed_at    timestamptz not null,
    next_change_at timestamptz
);
create index entitlement_snapshot_next_change_idx on entitlement_snapshot (next_change_at) where next_change_at is not null;

create table trial_grant
(
    id         uuid primary key,
    account_id uuid        not null,
    plan_code  text,
    features   jsonb       not null default '{}',
    starts_at  timestamptz not null,
    ends_at    timestamptz not null,
    reason     text        not null,
    granted_by text        not null,
    revoked_at timestamptz,
    check (ends_at > starts_at)
);
create index trial_grant_account_idx on trial_grant (account_id);

create table entitlement_override
(
    id         uuid primary key,
    account_id uuid        not null,
    feature    text        not null,
    value      text        not null,
    reason     text        not null,
    granted_by text        not null,
    created_at timestamptz not null,
    expires_at timestamptz,
    revoked_at timestamptz
);
create index entitlement_override_account_idx on entitlement_override (account_id);
