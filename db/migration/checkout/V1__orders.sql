-- Orders: one per (account, Idempotency-Key), so a retried purchase finds the first one.
create table customer_order
(
    id              uuid primary key,
    account_id      uuid        not null,
    kind            text        not null check (kind in ('NEW_SUBSCRIPTION', 'PLAN_CHANGE')),
    plan_code       text        not null,
    catalog_version int         not null,
    currency        char(3)     not null,
    total_minor     bigint      not null check (total_minor >= 0),
    add_ons         jsonb       not null default '{}',
    trial           boolean     not null,
    change_quote    jsonb,
    status          text        not null check (status in ('PENDING', 'PAYMENT_PENDING', 'COMPLETED', 'FAILED')),
    subscription_id uuid,
    payment_id      uuid,
    failure_code    text,
    failure_message text,
    idempotency_key text        not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    unique (account_id, idempotency_key)
);
create index customer_order_account_idx on customer_order (account_id, created_at desc);
create index customer_order_pending_idx on customer_order (updated_at) where status in ('PENDING', 'PAYMENT_PENDING');
