-- Quotes (never edited: their terms are the record of what was offered) and the contracts accepted quotes became.
-- terms is the checked ContractTerms as JSON; the columns beside it are what is searched and constrained.
create table contract_quote (
    id               uuid primary key,
    number           text        not null unique,
    account_id       uuid        not null,
    terms            jsonb       not null,
    status           text        not null check (status in ('OPEN', 'ACCEPTED')),
    created_by       text        not null,
    created_at       timestamptz not null,
    expires_at       timestamptz not null,
    accepted_at      timestamptz,
    accepted_by      text,
    signed_reference text,
    contract_id      uuid
);

create index contract_quote_account on contract_quote (account_id, created_at desc);

create table contract (
    id          uuid primary key,
    number      text        not null unique,
    quote_id    uuid        not null unique references contract_quote (id),
    account_id  uuid        not null,
    products    text[]      not null,
    start_date  date        not null,
    end_date    date        not null,
    terms       jsonb       not null,
    status      text        not null check (status in ('ACTIVE', 'ENDED')),
    signed_by   text        not null,
    signed_at   timestamptz not null,
    check (end_date > start_date)
);

create index contract_account on contract (account_id, start_date);

create sequence contract_quote_number;
create sequence contract_number;
