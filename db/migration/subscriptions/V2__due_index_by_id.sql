-- The invoice run takes due subscriptions in (period end, id) order in batches; with id in the index, a batch reads
-- only its own rows instead of sorting every subscription due at the same instant.
drop index subscription_due_idx;
create index subscription_due_idx on subscription (current_period_end, id) where status in ('ACTIVE', 'TRIALING');
