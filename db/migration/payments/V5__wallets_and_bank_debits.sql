-- PayPal and SEPA Direct Debit (issue 18).
-- A SEPA debit is submitted at once and settles days later: PROCESSING until the processor says it settled (or failed).
-- settles_at is when the processor expects to know, so the reconciler (and a test clock) looks then and not before.
alter table payment drop constraint payment_status_check;
alter table payment add constraint payment_status_check
    check (status in ('PENDING', 'SUCCEEDED', 'FAILED', 'UNKNOWN', 'REQUIRES_ACTION', 'PROCESSING'));
alter table payment add column settles_at timestamptz;
-- Where the customer approves a charge (PayPal's approval page); null for every other charge.
alter table payment add column action_url text;
-- What was charged, and whether the slot was forced because only it takes the method (the dashboard's "routed by method").
alter table payment add column method_type text not null default 'CARD' check (method_type in ('CARD', 'PAYPAL', 'SEPA_DEBIT'));
alter table payment add column routed_by_method boolean not null default false;
drop index payment_unsettled_idx;
create index payment_unsettled_idx on payment (updated_at)
    where status in ('PENDING', 'UNKNOWN', 'REQUIRES_ACTION', 'PROCESSING');
create index payment_method_type_idx on payment (method_type, created_at) where method_type <> 'CARD';

-- Card columns are a card's; a PayPal billing agreement has none, a SEPA mandate keeps the IBAN's country and last four.
alter table payment_method alter column brand drop not null;
alter table payment_method alter column last4 drop not null;
alter table payment_method alter column exp_month drop not null;
alter table payment_method alter column exp_year drop not null;
alter table payment_method add constraint payment_method_card_check
    check (type <> 'CARD' or (brand is not null and last4 is not null and exp_month is not null and exp_year is not null));
-- ACTIVE: chargeable. PENDING_APPROVAL: a PayPal agreement the customer has not approved yet. REVOKED: the bank or the
-- customer revoked the mandate; never charged again.
alter table payment_method add column status text not null default 'ACTIVE'
    check (status in ('ACTIVE', 'PENDING_APPROVAL', 'REVOKED'));
alter table payment_method add column country char(2);
-- The SEPA mandate (reference, when and what the customer accepted) or the PayPal billing agreement's id.
alter table payment_method add column mandate_reference text unique;
alter table payment_method add column mandate_accepted_at timestamptz;
alter table payment_method add column mandate_text text;
alter table payment_method add constraint payment_method_sepa_check
    check (type <> 'SEPA_DEBIT' or (country is not null and last4 is not null and mandate_reference is not null
                                    and mandate_accepted_at is not null and mandate_text is not null));

-- The sandbox's delayed settlement: a debit is 'processing' until settles_at, then becomes final_status. A debit
-- disputed after settlement is reversed at dispute_at. test_clock_id scopes both to the clock the charge was made on.
alter table sandbox_charge add column settles_at timestamptz;
alter table sandbox_charge add column final_status text;
alter table sandbox_charge add column dispute_at timestamptz;
alter table sandbox_charge add column disputed boolean not null default false;
alter table sandbox_charge add column test_clock_id uuid;
create index sandbox_charge_dispute_idx on sandbox_charge (dispute_at) where dispute_at is not null and not disputed;
