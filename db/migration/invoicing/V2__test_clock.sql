-- Invoices and usage windows of accounts on a test clock carry the clock: the scheduled run collects and closes only
-- real ones, an advance only its clock's; the stranded-invoice check watches real invoices only. The indexes hold only
-- the clock column (it never changes), so the run's updates of real rows stay heap-only where they were.
alter table invoice add column test_clock_id uuid;
create index invoice_test_clock_idx on invoice (test_clock_id) where test_clock_id is not null;
alter table usage_billing add column test_clock_id uuid;
create index usage_billing_test_clock_idx on usage_billing (test_clock_id) where test_clock_id is not null;
