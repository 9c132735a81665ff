-- The tax within an entry's amount (billed, refunded, written off) and the jurisdiction it is owed to: posted to a
-- tax-payable liability, never to revenue. amount_minor = deferred_minor + earned_minor + tax_minor.
alter table revenue_entry add column tax_minor bigint not null default 0;
alter table revenue_entry add column tax_jurisdiction text;
