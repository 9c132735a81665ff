-- Invoices. number is null while DRAFT and assigned from number_sequence at finalisation (gapless per series and year).
create table invoice
(
    id              uuid primary key,
    number          text unique,
    account_id      uuid        not null,
    subscription_id uuid,
    billed_to_name  text        not null,
    billed_to_email text        not null,
    currency        char(3)     not null,
    status          text        not null check (status in ('DRAFT', 'FINALIZED', 'PAID', 'VOID', 'UNCOLLECTIBLE')),
    total_minor     bigint      not null,
    credited_minor  bigint      not null default 0,
    period_start    timestamptz,
    period_end      timestamptz,
    payment_id      uuid,
    attempts        int         not null default 0,
    next_attempt_at timestamptz,
    source_key      text        not null unique,
    issued_at       timestamptz,
    paid_at         timestamptz,
    created_at      timestamptz not null,
    check (credited_minor >= 0),
    check ((status = 'DRAFT') = (number is null))
);
create index invoice_account_idx on invoice (account_id, created_at desc);
create index invoice_payment_idx on invoice (payment_id);
create index invoice_collect_idx on invoice (next_attempt_at) where status = 'FINALIZED';

create table invoice_line
(
    invoice_id        uuid    not null references invoice (id),
    position          int     not null,
    kind              text    not null,
    product           text,
    code              text    not null,
    description       text    not null,
    quantity          bigint  not null,
    unit_amount_minor bigint  not null,
    amount_minor      bigint  not null,
    service_start     timestamptz,
    service_end       timestamptz,
    primary key (invoice_id, position)
);

create table number_sequence
(
    series     text   not null,
    year       int    not null,
    next_value bigint not null,
    primary key (series, year)
);

create table credit_note
(
    id          uuid primary key,
    number      text        not null unique,
    invoice_id  uuid        not null references invoice (id),
    account_id  uuid        not null,
    currency    char(3)     not null,
    amount_minor bigint     not null check (amount_minor > 0),
    reason      text        not null,
    refund_id   uuid unique,
    issued_at   timestamptz not null
);
create index credit_note_invoice_idx on credit_note (invoice_id);
create index credit_note_account_idx on credit_note (account_id);

-- Usage: idempotent by (account, event id). Accepted until the period it falls in is billed (usage_billing.billed_until).
create table usage_event
(
    account_id  uuid        not null,
    event_id    text        not null,
    metric      text        not null,
    quantity    bigint      not null check (quantity > 0),
    occurred_at timestamptz not null,
    received_at timestamptz not null,
    primary key (account_id, event_id)
);
create index usage_event_rating_idx on usage_event (account_id, metric, occurred_at);

create table usage_billing
(
    subscription_id uuid primary key,
    account_id      uuid        not null,
    metrics         text[]      not null,
    billed_until    timestamptz not null,
    next_close_at   timestamptz
);
create index usage_billing_close_idx on usage_billing (next_close_at);
create index usage_billing_account_idx on usage_billing (account_id);

create table invoice_run
(
    id          uuid primary key,
    as_of       timestamptz not null,
    status      text        not null check (status in ('RUNNING', 'COMPLETED', 'FAILED')),
    started_by  text        not null,
    started_at  timestamptz not null,
    finished_at timestamptz,
    due         bigint      not null default 0,
    renewed     bigint      not null default 0,
    canceled    bigint      not null default 0,
    invoiced    bigint      not null default 0,
    paid        bigint      not null default 0,
    failed      bigint      not null default 0,
    error       text
);
