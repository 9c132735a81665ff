-- Recognition schedule: what each invoice line (or credit note) recognises in each month, in the reporting time zone.
-- posting_period is the month the amount is reported in: its own month, or the first open month if that is closed.
create table revenue_schedule
(
    id               bigserial primary key,
    source_id        uuid    not null,
    source_kind      text    not null check (source_kind in ('INVOICE', 'CREDIT_NOTE', 'WRITE_OFF')),
    invoice_id       uuid    not null,
    line_position    int     not null,
    account_id       uuid    not null,
    product          text    not null,
    category         text    not null check (category in ('subscription', 'usage')),
    currency         char(3) not null,
    service_month    date    not null,
    posting_period   date    not null,
    amount_minor     bigint  not null,
    -- RECOGNIZE: moves deferred revenue to revenue in posting_period. REFUND_EARNED: reverses revenue already
    -- recognised (reported as refunds in posting_period).
    treatment        text    not null check (treatment in ('RECOGNIZE', 'REFUND_EARNED')),
    unique (source_id, line_position, service_month)
);
create index revenue_schedule_posting_idx on revenue_schedule (posting_period, account_id, product, category, currency);
create index revenue_schedule_invoice_idx on revenue_schedule (invoice_id);

-- Money movements that are not recognition: billing, payment, refund, write-off; one row per posting.
create table revenue_entry
(
    id             bigserial primary key,
    source_id      uuid        not null,
    kind           text        not null check (kind in ('BILLED', 'PAID', 'CREDITED', 'WRITTEN_OFF')),
    account_id     uuid        not null,
    reference      text        not null,
    currency       char(3)     not null,
    amount_minor   bigint      not null,
    deferred_minor bigint      not null,
    earned_minor   bigint      not null,
    occurred_on    date        not null,
    posting_period date        not null,
    unique (source_id, kind)
);
create index revenue_entry_posting_idx on revenue_entry (posting_period, occurred_on, id);

create table revenue_period
(
    period              date primary key,
    status              text        not null check (status in ('OPEN', 'CLOSED')),
    closed_at           timestamptz,
    closed_by           text,
    csv_sha256          text,
    journal_sha256      text,
    rollforward_sha256  text
);
