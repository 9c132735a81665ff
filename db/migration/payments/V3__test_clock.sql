-- Payments of accounts on a test clock carry the clock (from the frame they were made in): the scheduled reconciler
-- settles only real payments, a clock's advance only its own (a 3-D Secure charge abandoned a day later, on its time).
alter table payment add column test_clock_id uuid;
create index payment_test_clock_idx on payment (test_clock_id) where test_clock_id is not null;
