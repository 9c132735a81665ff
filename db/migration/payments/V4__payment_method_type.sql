-- Payment methods are a typed family (issue 18): cards today, PayPal and SEPA Direct Debit next. Every saved method
-- so far is a card.
alter table payment_method add column type text not null default 'CARD'
    check (type in ('CARD', 'PAYPAL', 'SEPA_DEBIT'));
