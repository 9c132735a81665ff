-- First response per (principal, Idempotency-Key) of every write to /api/**.
create table idempotent_request
(
    principal             text        not null,
    idempotency_key       text        not null,
    method                text        not null,
    path                  text        not null,
    fingerprint           text        not null,
    state                 text        not null check (state in ('IN_PROGRESS', 'COMPLETED')),
    response_status       int,
    response_content_type text,
    response_body         bytea,
    response_location     text,
    created_at            timestamptz not null,
    completed_at          timestamptz,
    primary key (principal, idempotency_key)
);
create index idempotent_request_created_at_idx on idempotent_request (created_at);
