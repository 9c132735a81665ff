-- Subscriptions: one live subscription per account and product. Instants in UTC; periods computed in time_zone
-- from anchor_at (period n = anchor + n × interval, local wall-clock time).
create table subscription
(
    id                        uuid primary key,
    account_id                uuid        not null,
    product                   text        not null,
    plan_code                 text        not null,
    catalog_version           int         not null,
    billing_interval          text        not null check (billing_interval in ('MONTH', 'YEAR')),
    currency                  char(3)     not null,
    price_minor               bigint      not null check (price_minor >= 0),
    status                    text        not null check (status in ('TRIALING', 'ACTIVE', 'PAST_DUE', 'CANCELED')),
    time_zone                 text        not null,
    anchor_at                 timestamptz not null,
    period_index              int         not null,
    current_period_start      timestamptz not null,
    current_period_end        timestamptz not null,
    trial_end                 timestamptz,
    cancel_at_period_end      boolean     not null,
    scheduled_plan_code       text,
    scheduled_catalog_version int,
    scheduled_price_minor     bigint,
    past_due_since            timestamptz,
    canceled_at               timestamptz,
    cancel_reason             text,
    created_at                timestamptz not null,
    updated_at                timestamptz not null,
    check (current_period_end > current_period_start)
);
create unique index subscription_one_live_per_product on subscription (account_id, product) where status <> 'CANCELED';
create index subscription_account_idx on subscription (account_id);
create index subscription_due_idx on subscription (current_period_end) where status in ('ACTIVE', 'TRIALING');
create index subscription_plan_idx on subscription (plan_code, catalog_version) where status <> 'CANCELED';

create table subscription_addon
(
    subscription_id  uuid   not null references subscription (id),
    addon_code       text   not null,
    quantity         int    not null check (quantity > 0),
    unit_price_minor bigint not null check (unit_price_minor >= 0),
    primary key (subscription_id, addon_code)
);

create table subscription_history
(
    id              bigserial primary key,
    subscription_id uuid        not null references subscription (id),
    event           text        not null,
    detail          text,
    at              timestamptz not null
);
create index subscription_history_idx on subscription_history (subscription_id, at);

-- Enterprise contracts: negotiated prices per account, plan and currency.
create table contract_price
(
    account_id  uuid        not null,
    plan_code   text        not null,
    currency    char(3)     not null,
    price_minor bigint      not null check (price_minor >= 0),
    terms       text,
    valid_until date,
    created_by  text        not null,
    created_at  timestamptz not null,
    primary key (account_id, plan_code, currency)
);
