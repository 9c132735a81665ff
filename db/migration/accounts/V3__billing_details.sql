-- An account's billing details: the address and tax id its invoices show and its tax is decided from, and a staff
-- exemption from tax (with its reason). One row per account, written when first set. tax_id_status says what VIES said
-- of an EU VAT number (VERIFIED, UNVERIFIED when VIES could not answer) or NOT_CHECKED for types without a registry.
create table account_billing_details
(
    account_id        uuid primary key references account (id),
    address_line1     text,
    address_line2     text,
    city              text,
    postal_code       text,
    state             text,
    country           char(2),
    tax_id_type       text,
    tax_id_value      text,
    tax_id_status     text check (tax_id_status in ('VERIFIED', 'UNVERIFIED', 'NOT_CHECKED')),
    tax_exempt_reason text,
    updated_at        timestamptz not null,
    check ((tax_id_type is null) = (tax_id_value is null)),
    check ((tax_id_type is null) = (tax_id_status is null))
);
