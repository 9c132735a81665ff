-- Coupons (what is taken off, for how long, on what), the promotion codes customers type for them, and every
-- redemption (a checkout's order, or staff applying a coupon to a subscription). times_redeemed is counted by
-- conditional updates, so the last redemption of a limited code succeeds once however many checkouts race for it.
create table coupon (
    code                 text primary key,
    name                 text        not null,
    percent_off          numeric(5, 2),
    duration             text        not null check (duration in ('ONCE', 'REPEATING', 'FOREVER')),
    duration_in_periods  int,
    applies_to           text        not null default '',
    max_redemptions      int,
    redeem_by            timestamptz,
    times_redeemed       int         not null default 0,
    created_at           timestamptz not null,
    check (percent_off is null or (percent_off > 0 and percent_off <= 100)),
    check ((duration = 'REPEATING') = (duration_in_periods is not null)),
    check (max_redemptions is null or times_redeemed <= max_redemptions)
);

create table coupon_amount (
    coupon_code  text   not null references coupon (code),
    currency     text   not null,
    amount_minor bigint not null check (amount_minor > 0),
    primary key (coupon_code, currency)
);

create table promotion_code (
    id               uuid primary key,
    code             text        not null,
    coupon_code      text        not null references coupon (code),
    max_redemptions  int,
    times_redeemed   int         not null default 0,
    expires_at       timestamptz,
    first_time_only  boolean     not null default false,
    active           boolean     not null default true,
    created_at       timestamptz not null,
    check (max_redemptions is null or times_redeemed <= max_redemptions)
);

-- Customers type codes in any case: SPRING20, spring20 and Spring20 are one code.
create unique index promotion_code_key on promotion_code (lower(code));

create table redemption (
    id                 uuid primary key,
    coupon_code        text        not null references coupon (code),
    promotion_code_id  uuid references promotion_code (id),
    account_id         uuid        not null,
    order_id           uuid unique,
    subscription_id    uuid,
    redeemed_at        timestamptz not null,
    released_at        timestamptz
);

create index redemption_account on redemption (account_id);
