-- Saved cards: tokens at one or both processors; never the card number.
create table payment_method
(
    id                 uuid primary key,
    account_id         uuid        not null,
    brand              text        not null,
    last4              char(4)     not null,
    exp_month          int         not null,
    exp_year           int         not null,
    legacy_token       text,
    new_token          text,
    migrated_at        timestamptz,
    migration_attempts int         not null default 0,
    migration_error    text,
    is_default         boolean     not null,
    created_at         timestamptz not null,
    removed_at         timestamptz,
    check (legacy_token is not null or new_token is not null)
);
create index payment_method_account_idx on payment_method (account_id);
create index payment_method_to_migrate_idx on payment_method (created_at)
    where legacy_token is not null and migrated_at is null and removed_at is null;

-- Which processor an account's charges go to. bucket = stable hash of the account id, 0..99.
create table processor_assignment
(
    account_id  uuid primary key,
    processor   text        not null check (processor in ('LEGACY', 'NEW')),
    origin      text        not null check (origin in ('NEW_CUSTOMER', 'EXISTING')),
    bucket      int         not null check (bucket between 0 and 99),
    assigned_at timestamptz not null
);
create index processor_assignment_bucket_idx on processor_assignment (bucket);

create table migration_dial
(
    id            int primary key check (id = 1),
    new_customers boolean     not null,
    percent       int         not null check (percent between 0 and 100),
    halted        boolean     not null,
    halted_reason text,
    updated_by    text        not null,
    updated_at    timestamptz not null
);
insert into migration_dial (id, new_customers, percent, halted, updated_by, updated_at)
values (1, false, 0, false, 'migration', now());

create table migration_dial_change
(
    id            bigserial primary key,
    new_customers boolean     not null,
    percent       int         not null,
    halted        boolean     not null,
    changed_by    text        not null,
    reason        text        not null,
    changed_at    timestamptz not null
);

create table payment
(
    id                uuid primary key,
    account_id        uuid        not null,
    payment_method_id uuid,
    processor         text        not null check (processor in ('LEGACY', 'NEW')),
    processor_ref     text,
    amount_minor      bigint      not null check (amount_minor > 0),
    currency          char(3)     not null,
    status            text        not null check (status in ('PENDING', 'SUCCEEDED', 'FAILED', 'UNKNOWN', 'REQUIRES_ACTION')),
    failure_code      text,
    failure_message   text,
    refunded_minor    bigint      not null default 0,
    idempotency_key   text        not null unique,
    reference         text,
    description       text,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    -- The database itself refuses a refund total above what was captured.
    check (refunded_minor >= 0 and refunded_minor <= amount_minor)
);
create index payment_account_idx on payment (account_id, created_at desc);
create index payment_unsettled_idx on payment (updated_at) where status in ('PENDING', 'UNKNOWN', 'REQUIRES_ACTION');
create index payment_processor_ref_idx on payment (processor, processor_ref);
create index payment_reference_idx on payment (reference);

create table refund
(
    id              uuid primary key,
    payment_id      uuid        not null references payment (id),
    account_id      uuid        not null,
    processor       text        not null,
    processor_ref   text,
    amount_minor    bigint      not null check (amount_minor > 0),
    currency        char(3)     not null,
    status          text        not null check (status in ('PENDING', 'SUCCEEDED', 'FAILED')),
    reason          text        not null check (length(trim(reason)) > 0),
    requested_by    text        not null,
    idempotency_key text        not null unique,
    failure_code    text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index refund_payment_idx on refund (payment_id);
create index refund_pending_idx on refund (updated_at) where status = 'PENDING';

-- Outcomes per processor call, for success rates and the automatic halt.
create table processor_attempt
(
    id        bigserial primary key,
    processor text        not null,
    outcome   text        not null,
    at        timestamptz not null
);
create index processor_attempt_idx on processor_attempt (processor, at);

-- Webhook deliveries already handled: processors redeliver, we act once.
create table processor_webhook_event
(
    processor   text        not null,
    event_id    text        not null,
    event_type  text        not null,
    received_at timestamptz not null,
    primary key (processor, event_id)
);

-- State of the in-process sandbox processor (development and tests only).
create table sandbox_charge
(
    slot            text        not null,
    idempotency_key text        not null,
    ref             text        not null unique,
    kind            text        not null,
    token           text,
    amount_minor    bigint      not null,
    currency        char(3)     not null,
    status          text        not null,
    created_at      timestamptz not null,
    primary key (slot, kind, idempotency_key)
);
