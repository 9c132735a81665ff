-- Customer accounts: identity and billing profile. Billing periods are computed in time_zone.
create table account
(
    id         uuid primary key,
    email      text        not null,
    name       text        not null,
    currency   char(3)     not null,
    time_zone  text        not null,
    country    char(2),
    created_at timestamptz not null,
    erased_at  timestamptz
);
create unique index account_email_uq on account (lower(email)) where erased_at is null;
create index account_created_at_idx on account (created_at desc);

create table customer_credential
(
    account_id    uuid primary key references account (id),
    password_hash text not null
);

-- Console staff. roles: comma-separated SUPPORT, FINANCE, ADMIN.
create table staff_user
(
    id            uuid primary key,
    username      text        not null unique,
    display_name  text        not null,
    password_hash text        not null,
    roles         text        not null,
    enabled       boolean     not null,
    created_at    timestamptz not null
);

-- Bearer tokens: SERVICE tokens carry scopes; CUSTOMER keys act for one account. Only SHA-256 hashes are stored.
create table api_token
(
    id         uuid primary key,
    token_hash text        not null unique,
    name       text        not null,
    kind       text        not null check (kind in ('SERVICE', 'CUSTOMER')),
    account_id uuid references account (id),
    scopes     text        not null,
    created_at timestamptz not null,
    revoked_at timestamptz,
    check ((kind = 'CUSTOMER') = (account_id is not null))
);
