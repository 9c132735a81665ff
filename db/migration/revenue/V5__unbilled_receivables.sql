-- Revenue recognised in a month before its invoice was billed (usage of May, invoiced on 1 June while May is open) is
-- a contract asset, not a reduction of deferred revenue (issue 19): its recognition debits Assets:UnbilledReceivables,
-- and the invoice, when billed, credits that asset for the part already recognised (revenue_entry.earned_minor of its
-- BILLED entry) and deferred revenue for the rest.
alter table revenue_schedule add column before_billing boolean not null default false;
