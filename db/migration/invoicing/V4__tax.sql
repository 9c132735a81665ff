-- Tax per invoice line (rounded per line; amount_minor is the price as charged: net, or gross when the price included
-- tax), and what the invoice printed of the buyer and of the tax decision when it was issued.
alter table invoice_line add column tax_minor bigint not null default 0;
alter table invoice_line add column tax_rate numeric(6, 3);
alter table invoice_line add column tax_name text;
alter table invoice_line add column tax_jurisdiction text;
alter table invoice_line add column tax_rule text;
alter table invoice_line add column tax_inclusive boolean not null default false;
alter table invoice_line add column reverse_charge boolean not null default false;

alter table invoice add column billed_to_address text;
alter table invoice add column billed_to_tax_id text;
alter table invoice add column tax_note text;

-- A credit note reverses the invoice's tax in proportion: tax_minor of amount_minor is tax.
alter table credit_note add column tax_minor bigint not null default 0;
