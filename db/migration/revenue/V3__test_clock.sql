-- Revenue of accounts on a test clock is kept in books of its own: rows carry the clock, post to their own month
-- (never rolled into an open month), and stay out of the real exports, close and chart.
alter table revenue_schedule add column test_clock_id uuid;
alter table revenue_entry add column test_clock_id uuid;
